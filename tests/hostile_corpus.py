"""A hostile corpus: every kind of bad input we know of, written into a folder beside good articles.

Each entry says what a run must make of it: a quarantine reason, an article, or nothing (a link that leaves
the source, a FIFO).  ``full_size`` adds the inputs that cost seconds and gigabytes if handled wrongly (a
70 MB text, a 1,000,007-character article, a 3M-character body); the default set is small enough for
``make test``.  Everything is composed here: no corpus text.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

from support import SEEDS

ARTICLE = "article"  # the file loads as (at least) one article
IGNORED = "ignored"  # not read at all: not a regular file, or a link out of the source


@dataclass(frozen=True)
class Expected:
    outcome: str  # ARTICLE, IGNORED, or the quarantine reason code of the file's (first) rejection
    articles: int = 0  # articles the file yields when outcome is ARTICLE


def english_paragraphs() -> list[str]:
    """Our own seed stories' lines: real-looking English with names, quotes and numbers."""
    lines = []
    for path in sorted(SEEDS.glob("00[1-7]*.txt")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) > 8]
    return lines


def body_of(characters: int) -> str:
    paragraphs = english_paragraphs()
    text: list[str] = []
    i = 0
    while sum(len(p) + 1 for p in text) < characters:
        text.append(paragraphs[i % len(paragraphs)])
        i += 1
    return "\n".join(text)[:characters]


def _story(title: str = "Port strike ends after talks", **fields: object) -> dict:
    return {"title": title, "maintext": "\n".join(english_paragraphs()[:3]), **fields}


def write_hostile_corpus(folder: Path, *, full_size: bool = False) -> dict[str, Expected]:
    """Write the hostile files under ``folder``; returns each path inside it with what a run must make of it."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, Expected] = {}

    def put(name: str, data: bytes | str, outcome: str, articles: int = 0) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[name] = Expected(outcome, articles)

    noise = random.Random(0).randbytes(5000)
    put("photo.png", b"\x89PNG\r\n\x1a\n" + noise, "binary_file")
    put("noise.txt", noise, "binary_file")
    put("empty.txt", b"", "empty_file")
    put("blank.txt", b"  \n\t\n ", "empty_file")
    put("broken.txt.gz", gzip.compress(b"A story.")[:12], "corrupt_gzip")
    # 65 kB that inflate past the 64 MiB limit: refused while inflating.
    put("bomb.txt.gz", gzip.compress(b"\0" * (65 * 1024 * 1024), compresslevel=9), "too_large")
    put("table.csv", "a,b\n1,2\n", "unsupported_format")
    put("cut.json", '{"title": "Cut off", "maintext": "The file ends mid', "invalid_json")
    put("deep.json", "[" * 100_000, "invalid_json")
    put("digits.json", json.dumps(_story())[:-1] + ', "views": ' + "9" * 5000 + "}", "invalid_json")
    put("lines.jsonl", json.dumps(_story()) + "\n" + "[" * 100_000 + "\n" + "{not json\n", ARTICLE, 1)
    put("bad_url.json", json.dumps(_story(url="http://[::1")), ARTICLE, 1)
    put("year_one.json", json.dumps(_story(date_publish="0001-01-01T00:00:00+23:59")), ARTICLE, 1)
    # One canonical URL in two files (a trailing slash apart): one article.
    put("same_url_1.json", json.dumps(_story(url="https://news.example.com/port/")), ARTICLE, 1)
    put("same_url_2.json", json.dumps(_story(url="https://news.example.com/port")), ARTICLE, 1)
    segments = ", ".join(
        f"{role} by Person{n} Name{n}"
        for n, role in enumerate(["Written", "edited", "research", "graphics", "photos", "reporting"] * 3)
    )
    put("credits.txt", body_of(1500) + f"\n({segments}; (c) 2024 Example News)\n", ARTICLE, 1)
    refs = "'''Port''' strike talks " + "<ref>unclosed " * 80_000
    put("refs.jsonl", json.dumps({"title": "Refs", "text": refs}) + "\n", ARTICLE, 1)
    put("long.txt", "Long read\n\n" + body_of(1_000_007 if full_size else 150_000), ARTICLE, 1)
    put(
        "xxe.html",
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<html><body><article><p>&x;</p></article></body></html>",
        "invalid_html",
    )
    laughs = "".join(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
    put(
        "laughs.html",
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{laughs}]><html><body><p>&l9;</p></body></html>',
        "invalid_html",
    )
    put("broken.sgm", "<REUTERS NEWID='1'><TEXT><BODY>never closed", "invalid_sgml_record")
    put(
        "korean.txt",
        (
            "부산 항만 노조와 사용자 측은 월요일 밤 늦게까지 이어진 협상 끝에 파업을 끝내기로 합의했다고 밝혔다. "
            "노조 대변인은 임금이 삼 년에 걸쳐 칠 퍼센트 인상된다고 말했다."
        ).encode("euc-kr"),
        ARTICLE,
        1,
    )
    put(
        "chinese.txt",
        "港口罢工周一结束。工会发言人表示，工资将在三年内提高百分之七，双方对结果都表示满意。",
        ARTICLE,
        1,
    )
    put("utf16.txt", "\n".join(english_paragraphs()[:2]).encode("utf-16-le"), ARTICLE, 1)
    put("odd name ü\n(1).txt", "\n".join(english_paragraphs()[3:6]), ARTICLE, 1)
    put("folder.txt/inner.txt", "\n".join(english_paragraphs()[6:9]), ARTICLE, 1)
    if full_size:
        put("huge.txt", b"word " * (14 * 1024 * 1024), "too_large")
        put("too_long.txt", "Too long\n\n" + body_of(3_000_000), "too_long")
        put("big_line.jsonl", json.dumps(_story(maintext=body_of(1_500_000))) + "\n", ARTICLE, 1)

    # A name whose bytes are not UTF-8: stored with the byte written out.
    with open(os.fsencode(folder) + b"/latin1 caf\xe9.txt", "wb") as handle:
        handle.write("\n".join(english_paragraphs()[9:12]).encode())
    expected["latin1 caf\\xe9.txt"] = Expected(ARTICLE, 1)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    expected["passwd.txt"] = Expected(IGNORED)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    expected["pipe.txt"] = Expected(IGNORED)
    return expected
