"""Build a large, messy corpus from the shared ones, for memory and throughput benchmarks.

    .venv/bin/python bench/amplify_corpus.py OUT_DIR [--articles 100000] [--corpora bbc reuters] [--exact-copies]

Every base story (BBC articles and Reuters bodies) is written again and again with the
perturbations real archives have: Latin-1 and CP1252 re-encodings, CRLF line ends, a UTF-8
BOM, HTML-wrapped and JSON Lines-wrapped copies, gzip, and truncations.  Variants differ in
bytes (and most in text), so the manifest sees new files and the duplicate detector has work.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
FILES_PER_FOLDER = 1000
JSONL_ARTICLES_PER_FILE = 50
REUTERS_BODY = re.compile(r"<TITLE>(.*?)</TITLE>.*?<BODY>(.*?)</BODY>", re.DOTALL)
VARIANTS = ("plain", "latin1", "cp1252_crlf", "bom", "html", "jsonl", "gzip", "truncated")


def base_stories(corpora: tuple[str, ...] = ("bbc", "reuters")) -> Iterator[tuple[str, str]]:
    """(headline, body) pairs from BBC and Reuters."""
    for path in sorted((CORPORA / "bbc" / "bbc").rglob("*.txt")) if "bbc" in corpora else ():
        lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
        if len(lines) > 2:
            yield lines[0], "\n".join(line for line in lines[1:] if line.strip())
    for path in sorted((CORPORA / "reuters21578").glob("*.sgm")) if "reuters" in corpora else ():
        text = path.read_bytes().decode("utf-8", errors="replace")
        for title, body in REUTERS_BODY.findall(text):
            body = html.unescape(re.sub(r"&#\d+;", "", body))
            yield html.unescape(title), body.replace("\n    ", "\n\n").strip()


def write_amplified(
    out: Path, wanted: int, corpora: tuple[str, ...] = ("bbc", "reuters"), *, exact_copies: bool = False
) -> int:
    stories = list(base_stories(corpora))
    written = 0
    jsonl_batch: list[str] = []
    round_number = 0
    while written < wanted:
        for index, (title, body) in enumerate(stories):
            if written >= wanted:
                break
            variant = VARIANTS[(index + round_number) % len(VARIANTS)]
            # A round marker keeps every copy's text distinct, like a re-crawl with a new footer; exact
            # copies differ only in bytes, so after decoding most are duplicates the model skips.
            marker = "" if exact_copies else f"\n\n(Copy {round_number})"
            text = f"{title}\n\n{body}{marker}\n"
            folder = out / f"{written // FILES_PER_FOLDER:04d}"
            folder.mkdir(parents=True, exist_ok=True)
            stem = folder / f"{round_number}-{index}"
            if variant == "jsonl":
                jsonl_batch.append(
                    json.dumps({"title": title, "maintext": body, "url": f"https://example.org/{round_number}/{index}"})
                )
                if len(jsonl_batch) == JSONL_ARTICLES_PER_FILE:
                    stem.with_suffix(".jsonl").write_text("\n".join(jsonl_batch) + "\n", encoding="utf-8")
                    jsonl_batch = []
            elif variant == "latin1":
                stem.with_suffix(".txt").write_bytes(text.encode("latin-1", errors="replace"))
            elif variant == "cp1252_crlf":
                stem.with_suffix(".txt").write_bytes(text.replace("\n", "\r\n").encode("cp1252", errors="replace"))
            elif variant == "bom":
                stem.with_suffix(".txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
            elif variant == "html":
                paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
                page = (
                    f'<!DOCTYPE html><html lang="en"><head><meta charset="iso-8859-1"><title>{html.escape(title)}'
                    f'</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>'
                    f"<h1>{html.escape(title)}</h1>{paragraphs}</article><footer>© Example {round_number}"
                    f"</footer></body></html>"
                )
                stem.with_suffix(".html").write_text(page, encoding="utf-8")
            elif variant == "gzip":
                stem.with_suffix(".txt.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
            elif variant == "truncated":
                stem.with_suffix(".txt").write_text(text[: max(40, len(text) * 2 // 3)], encoding="utf-8")
            else:
                stem.with_suffix(".txt").write_text(text, encoding="utf-8")
            written += 1
        round_number += 1
    if jsonl_batch:
        (out / "tail.jsonl").write_text("\n".join(jsonl_batch) + "\n", encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--corpora", nargs="+", choices=("bbc", "reuters"), default=["bbc", "reuters"])
    parser.add_argument(
        "--exact-copies",
        action="store_true",
        help="no per-round marker: re-encoded copies decode to their story's text (duplicates)",
    )
    args = parser.parse_args()
    if not CORPORA.exists():
        sys.exit(f"the shared corpora are not at {CORPORA}")
    count = write_amplified(args.out, args.articles, tuple(args.corpora), exact_copies=args.exact_copies)
    print(f"wrote {count} articles under {args.out}")


if __name__ == "__main__":
    main()
