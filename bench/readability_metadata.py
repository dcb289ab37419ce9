"""How well ``transforms.ingest.html_articles.parse_html`` reads the Mozilla Readability test pages.

Run: ``.venv/bin/python bench/readability_metadata.py [--compare] [--pages]``

For every ``test-pages/<name>/`` (``source.html``, ``expected-metadata.json``,
``expected.html``) it prints agreement with Readability's expectations:

* title and byline: *exact* (equal after collapsing whitespace) and *loose*
  (case-folded, a leading "By" dropped, equal or one containing the other);
  pages whose expected value is null/empty are counted on their own, where
  agreement means we produced nothing either.  Our byline is the authors
  joined with ", ".
* language: the primary subtag of the expected ``lang`` ("en-US" → "en")
  against ours.
* published date: the YYYY-MM-DD of ``publishedTime`` against ours.
* body: bag-of-words precision / recall / F1 of our body text against the
  text of ``expected.html``, per page, then averaged over pages (a rejected
  page scores 0).  Tokens: the text is case-folded, every CJK ideograph /
  kana / hangul character is one token, and otherwise a token is a maximal
  run of letters and digits (punctuation and "_" separate, and are dropped).
* time per page of ``parse_html`` (the file is already a str in memory).

The corpus is not news-only (blogs, docs, Wikipedia, fiction, tiny synthetic
test cases), so body scores are also given for the 39 pages that are one
news story (``NEWS_PAGES``).  ``--compare`` also scores trafilatura option
variants (body, dates, time) to show why the module's options were chosen.
Timings move by ±30% between runs on a shared machine.  Nothing here
asserts: this prints numbers.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import lxml.html

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from transforms.ingest import html_articles  # noqa: E402
from transforms.ingest.html_articles import parse_html  # noqa: E402
from transforms.records import RawRecord  # noqa: E402

PAGES = PROJECT_ROOT.parent / "shared" / "corpora" / "mozilla_readability_testpages" / "test-pages"
TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[^\W_]+")
LEADING_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
WHITESPACE_RUN = re.compile(r"\s+")
# Elements whose end separates words in the reference text (so "<p>a</p><p>b</p>" is "a b", not "ab").
BLOCK_TAGS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
# The pages that are one news story on a news site (our use case); the rest are blogs, docs,
# Wikipedia, fiction, a news front page (nytimes-5) and synthetic Readability test cases.
NEWS_PAGES = {
    "aktualne",
    "ars-1",
    "bbc-1",
    "breitbart",
    "bug-1255978",
    "buzzfeed-1",
    "citylab-1",
    "cnet",
    "cnet-svg-classes",
    "cnn",
    "engadget",
    "folha",
    "gmw",
    "guardian-1",
    "heise",
    "herald-sun-1",
    "la-nacion",
    "lemonde-1",
    "liberation-1",
    "msn",
    "nytimes-1",
    "nytimes-2",
    "nytimes-3",
    "nytimes-4",
    "qq",
    "salon-1",
    "schema-org-context-object",
    "seattletimes-1",
    "telegraph",
    "theverge",
    "tmz-1",
    "videos-2",
    "wapo-1",
    "wapo-2",
    "yahoo-1",
    "yahoo-2",
    "yahoo-3",
    "yahoo-4",
    "youth",
}
# Option variants for --compare: each is applied on top of the module's TRAFILATURA_OPTIONS.
BALANCED = {"favor_precision": False, "favor_recall": False}
VARIANTS = {
    "module options": {},
    "balanced": BALANCED,
    "favor_precision": {"favor_precision": True, "favor_recall": False},
    "favor_recall": {"favor_precision": False, "favor_recall": True},
    "balanced, fast": {**BALANCED, "fast": True},
    "balanced + tables": {**BALANCED, "include_tables": True},
    "recall + tables": {"favor_precision": False, "favor_recall": True, "include_tables": True},
    "extensive date search": {"date_extraction_params": {"extensive_search": True, "original_date": True}},
}


@dataclass
class PageResult:
    name: str
    record: RawRecord | None
    reason: str | None
    seconds: float
    precision: float
    recall: float
    f1: float


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", action="store_true", help="also score trafilatura option variants")
    parser.add_argument("--pages", action="store_true", help="print one line per page")
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(f"corpus not found: {PAGES}")
        return
    # trafilatura logs every page it gives up on; the rejections are counted below instead.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    pages = sorted(path for path in PAGES.iterdir() if (path / "source.html").exists())
    inputs = [
        (
            page.name,
            (page / "source.html").read_text(encoding="utf-8"),
            json.loads((page / "expected-metadata.json").read_text(encoding="utf-8")),
            reference_tokens((page / "expected.html").read_text(encoding="utf-8")),
        )
        for page in pages
    ]
    list(parse_html("warm-up.html", inputs[0][1]))  # first call pays for lazy imports and caches

    results = [score_page(name, html, expected_tokens) for name, html, _, expected_tokens in inputs]
    print(
        f"Mozilla Readability test pages: {len(results)} pages, trafilatura options "
        f"{ {k: v for k, v in html_articles.TRAFILATURA_OPTIONS.items() if v} }"
    )
    report_metadata(results, [metadata for _, _, metadata, _ in inputs])
    report_body(results)
    report_time(results)
    if args.pages:
        report_pages(results, [metadata for _, _, metadata, _ in inputs])
    if args.compare:
        compare_variants(inputs)


def score_page(name: str, html: str, expected_tokens: Counter) -> PageResult:
    started = time.perf_counter()
    outputs = list(parse_html(f"{name}/source.html", html))
    seconds = time.perf_counter() - started
    record = next((item for item in outputs if isinstance(item, RawRecord)), None)
    reason = None if record else ", ".join(getattr(item, "reason_code", "?") for item in outputs)
    precision, recall, f1 = bag_of_words_prf(tokens(record.text) if record else Counter(), expected_tokens)
    return PageResult(name, record, reason, seconds, precision, recall, f1)


def report_metadata(results: list[PageResult], expected: list[dict]) -> None:
    print(
        "\nmetadata agreement (exact = equal after collapsing whitespace; loose = case-folded, "
        "leading 'By' dropped, equal or one contains the other)"
    )
    for field, ours in (("title", lambda r: r.title), ("byline", lambda r: ", ".join(r.authors))):
        present = [
            (ours(r.record) if r.record else None, meta.get(field))
            for r, meta in zip(results, expected, strict=True)
            if _norm(meta.get(field))
        ]
        absent = [
            (ours(r.record) if r.record else None)
            for r, meta in zip(results, expected, strict=True)
            if not _norm(meta.get(field))
        ]
        exact = sum(_norm(got) == _norm(want) for got, want in present)
        loose = sum(_loose_equal(got, want) for got, want in present)
        print(
            f"  {field:7} expected present: {len(present):3} pages  exact {_pct(exact, len(present))}  "
            f"loose {_pct(loose, len(present))}"
        )
        print(
            f"  {'':7} expected null/empty: {len(absent):3} pages  we also gave none "
            f"{_pct(sum(not _norm(got) for got in absent), len(absent))}"
        )
    lang_pairs = [
        ((r.record.language if r.record else None), _primary_subtag(meta.get("lang")))
        for r, meta in zip(results, expected, strict=True)
    ]
    present = [(got, want) for got, want in lang_pairs if want]
    absent = [got for got, want in lang_pairs if not want]
    print(
        f"  lang    expected present: {len(present):3} pages  primary subtag equal "
        f"{_pct(sum(got == want for got, want in present), len(present))}"
    )
    print(
        f"  {'':7} expected null:       {len(absent):3} pages  we also gave none "
        f"{_pct(sum(got is None for got in absent), len(absent))}"
    )
    date_pairs = [
        ((r.record.published if r.record else None) or "", (meta.get("publishedTime") or "")[:10])
        for r, meta in zip(results, expected, strict=True)
    ]
    dated = [(got, want) for got, want in date_pairs if want]
    undated = [got for got, want in date_pairs if not want]
    print(
        f"  date    expected present: {len(dated):3} pages  same YYYY-MM-DD "
        f"{_pct(sum(got[:10] == want for got, want in dated), len(dated))}"
    )
    print(
        f"  {'':7} expected null:       {len(undated):3} pages  we also gave none "
        f"{_pct(sum(not got for got in undated), len(undated))}  (Readability only reads meta tags; "
        "htmldate also guesses from URLs and text)"
    )


def report_body(results: list[PageResult]) -> None:
    rejected = [r for r in results if r.record is None]
    print("\nbody text vs expected.html, bag-of-words per page, averaged (rejected pages score 0)")
    print(
        f"  precision {statistics.mean(r.precision for r in results):.3f}  "
        f"recall {statistics.mean(r.recall for r in results):.3f}  "
        f"F1 {statistics.mean(r.f1 for r in results):.3f}  "
        f"median F1 {statistics.median(r.f1 for r in results):.3f}"
    )
    extracted = [r for r in results if r.record is not None]
    if extracted:
        print(f"  over the {len(extracted)} pages with a record: F1 {statistics.mean(r.f1 for r in extracted):.3f}")
    news = [r for r in results if r.name in NEWS_PAGES]
    if news:
        print(
            f"  news-story pages only ({len(news)}): precision {statistics.mean(r.precision for r in news):.3f}  "
            f"recall {statistics.mean(r.recall for r in news):.3f}  F1 {statistics.mean(r.f1 for r in news):.3f}  "
            f"median F1 {statistics.median(r.f1 for r in news):.3f}"
        )
    print(
        f"  pages with F1 < 0.5: {sum(r.f1 < 0.5 for r in results)}; rejected: {len(rejected)} "
        f"({', '.join(f'{r.name} [{r.reason}]' for r in rejected) or 'none'})"
    )


def report_time(results: list[PageResult]) -> None:
    times = [r.seconds for r in results]
    print(
        f"\nparse_html time per page: mean {statistics.mean(times) * 1000:.1f} ms, "
        f"median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.0f} ms "
        f"({max(results, key=lambda r: r.seconds).name}), total {sum(times):.2f} s"
    )


def report_pages(results: list[PageResult], expected: list[dict]) -> None:
    print("\nper page: F1 P R | title ok | byline ours ~ expected | lang ours/expected")
    for r, meta in zip(results, expected, strict=True):
        rec = r.record
        title_ok = (
            "T"
            if rec and _norm(rec.title) == _norm(meta.get("title"))
            else ("t" if rec and _loose_equal(rec.title, meta.get("title")) else "-")
        )
        byline = ", ".join(rec.authors) if rec else ""
        print(
            f"  {r.name:38} {r.f1:.2f} {r.precision:.2f} {r.recall:.2f} | {title_ok} | "
            f"{byline[:30]!r} ~ {_norm(meta.get('byline'))[:30]!r} | "
            f"{rec.language if rec else None}/{meta.get('lang')}" + (f" | {r.reason}" if r.reason else "")
        )


def compare_variants(inputs: list[tuple[str, str, dict, Counter]]) -> None:
    print(
        "\noption variants, each on top of the module options: body mean P / R / F1 (F1 on news-story pages), "
        "rejected pages, "
        "dates (same day where expected / none where not expected), mean ms per page"
    )
    for label, overrides in VARIANTS.items():
        with mock.patch.dict(html_articles.TRAFILATURA_OPTIONS, overrides):
            results = [score_page(name, html, expected_tokens) for name, html, _, expected_tokens in inputs]
        dates = [
            ((r.record.published if r.record else None) or "", (metadata.get("publishedTime") or "")[:10])
            for r, (_, _, metadata, _) in zip(results, inputs, strict=True)
        ]
        same = sum(got[:10] == want for got, want in dates if want)
        none = sum(not got for got, want in dates if not want)
        news_f1 = statistics.mean(r.f1 for r in results if r.name in NEWS_PAGES)
        print(
            f"  {label:22} P {statistics.mean(r.precision for r in results):.3f}  "
            f"R {statistics.mean(r.recall for r in results):.3f}  "
            f"F1 {statistics.mean(r.f1 for r in results):.3f} (news {news_f1:.3f})  "
            f"rejected {sum(r.record is None for r in results):2}  "
            f"dates {same}/{sum(1 for _, want in dates if want)} {none}/{sum(1 for _, want in dates if not want)}  "
            f"{statistics.mean(r.seconds for r in results) * 1000:6.1f} ms"
        )


def reference_tokens(expected_html: str) -> Counter:
    """Tokens of the reference main content: its visible text, blocks separated."""
    tree = lxml.html.fromstring(expected_html)
    for element in tree.xpath("//script | //style"):
        element.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return tokens(tree.text_content())


def tokens(text: str) -> Counter:
    return Counter(TOKEN.findall(text.casefold()))


def bag_of_words_prf(ours: Counter, expected: Counter) -> tuple[float, float, float]:
    overlap = sum((ours & expected).values())
    precision = overlap / sum(ours.values()) if ours else 0.0
    recall = overlap / sum(expected.values()) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _norm(value: str | None) -> str:
    return WHITESPACE_RUN.sub(" ", value or "").strip()


def _loose_equal(got: str | None, want: str | None) -> bool:
    got, want = (LEADING_BY.sub("", _norm(v)).casefold() for v in (got, want))
    return bool(got and want) and (got == want or got in want or want in got)


def _primary_subtag(lang: str | None) -> str | None:
    return re.split(r"[-_]", lang.strip())[0].lower() if lang and lang.strip() else None


def _pct(count: int, total: int) -> str:
    return f"{100 * count / total:5.1f}% ({count}/{total})" if total else "  n/a"


if __name__ == "__main__":
    main()
