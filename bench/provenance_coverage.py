"""How many articles of the shared corpora get a publisher and a publication time, and from which evidence.

Run: ``.venv/bin/python bench/provenance_coverage.py [--corpora ../shared/corpora]``

Each corpus is read as a run reads a source (``flows.ingest.sources``), parsed and normalised with the
pipeline's own functions (no model: publisher and dates are decided before the analysis), with the
file's modification time as a run passes it.  Prints one row per corpus and a total.  Nothing here
asserts: this prints numbers for the README.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from flows.ingest.sources import resolve_sources, source_files
from transforms.ingest.normalise import normalise_record
from transforms.ingest.parse import parse_file
from transforms.records import RawRecord

# (source spec relative to the corpora folder): the Readability pages' expected.html is an answer, not a page.
CORPORA = (
    "bbc=bbc/bbc",
    "reuters=reuters21578/*.sgm",
    "giveme5w1h=giveme5w1h_json",
    "wikinews=wikinewssum_jsonl_sample",
    "readability=mozilla_readability_testpages/test-pages/*/source.html",
    "polnear=polnear/data/*/text/*",
)


def coverage(spec: str) -> dict:
    [source] = resolve_sources([spec])
    articles = 0
    publishers: Counter[str] = Counter()
    dates: Counter[str] = Counter()
    for path, inside in source_files(source).files:
        modified = datetime.fromtimestamp(os.stat(path).st_mtime, UTC)
        for record in parse_file(f"{source.name}/{inside}", path.read_bytes()):
            if not isinstance(record, RawRecord):
                continue
            article = normalise_record(record, source_name=source.name, file_modified_at=modified)
            if isinstance(article, dict):
                articles += 1
                publishers[article["publisher"] or ""] += 1
                dates[article["published_at_source"] or ""] += 1
    return {"name": source.name, "articles": articles, "publishers": publishers, "dates": dates}


def _share(count: int, total: int) -> str:
    return f"{count:,} ({count / total:.0%})" if total else "0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora")
    corpora = parser.parse_args().corpora
    rows = [coverage(spec.replace("=", f"={corpora}/", 1)) for spec in CORPORA]
    total = {
        "name": "all",
        "articles": sum(r["articles"] for r in rows),
        "publishers": sum((r["publishers"] for r in rows), Counter()),
        "dates": sum((r["dates"] for r in rows), Counter()),
    }
    print(f"{'corpus':<12} {'articles':>9} {'publisher':>15} {'published_at':>15}  by evidence; top publishers")
    for row in [*rows, total]:
        n = row["articles"]
        with_publisher = n - row["publishers"][""]
        with_date = n - row["dates"][""]
        evidence = ", ".join(f"{k} {v:,}" for k, v in row["dates"].most_common() if k)
        top = ", ".join(f"{k} {v:,}" for k, v in row["publishers"].most_common(4) if k)
        print(
            f"{row['name']:<12} {n:>9,} {_share(with_publisher, n):>15} {_share(with_date, n):>15}  {evidence}; {top}"
        )


if __name__ == "__main__":
    main()
