"""Gold files in the seed-000.json format and the articles they annotate, read as the nightly job reads them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from flows.analyse.model import load_pipeline, load_reference
from flows.settings import DEFAULT_SOURCE, PROJECT_ROOT
from transforms.ingest.normalise import normalise_record
from transforms.ingest.parse import parse_file
from transforms.nlp.analyse import ArticleExtraction, extract_article
from transforms.records import RawRecord

DEFAULT_CORPORA = PROJECT_ROOT.parent / "shared" / "corpora"


@dataclass(frozen=True)
class GoldArticle:
    gold_path: Path
    gold: dict
    article: dict


def load_gold(path: Path, corpora: Path = DEFAULT_CORPORA) -> list[GoldArticle]:
    """Gold files (one file, or every .json in a folder) with the article each one annotates."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    return [
        GoldArticle(file, gold, _article_for(gold, file, corpora))
        for file in files
        for gold in [json.loads(file.read_text(encoding="utf-8"))]
    ]


def _article_for(gold: dict, gold_path: Path, corpora: Path) -> dict:
    """Gold names its article by file (and record key) within a corpus, or within seeds/articles."""
    if gold.get("corpus"):
        raw_path = corpora / gold["corpus"] / gold["file"]
    else:
        candidates = [DEFAULT_SOURCE / gold["file"], gold_path.parent / gold["file"]]
        raw_path = next((c for c in candidates if c.exists()), candidates[0])
    if not raw_path.exists():
        raise FileNotFoundError(f"{gold_path.name}: the article {raw_path} is not there")
    record_key = gold.get("record_key", "")
    for record in parse_file(gold["file"], raw_path.read_bytes()):
        if isinstance(record, RawRecord) and record.record_key == record_key:
            article = normalise_record(record)
            if isinstance(article, dict):
                return article
    raise ValueError(f"{gold_path.name}: no article {gold['file']} {record_key} could be read")


def extract(article: dict) -> ArticleExtraction:
    return extract_article(
        load_pipeline()(article["body_text"]), article["article_id"], article["credits"], load_reference()
    )
