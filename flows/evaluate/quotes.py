"""`broadsheet eval quotes`: run the quote extraction over gold-annotated text and score it.

Gold is a PolNeAR split folder (``…/polnear/data/dev``: ``text/*.txt`` and ``attributions/*.ann``)
or a gold file in the seed-000.json format (or a folder of them).  PolNeAR's raw text is the body
as it is, so our spans and the brat offsets index the same string.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from evaluation.quotes import (
    KINDS,
    MENTION_TYPES,
    RULES,
    SPEECH_SUBSET_RULE,
    GoldQuote,
    QuoteScores,
    choose_annotation,
    parse_brat,
    polnear_gold_quotes,
    predicted_quotes,
    score_quotes,
    seed_gold_quotes,
    summary,
)
from flows.analyse.model import load_pipeline, load_reference
from flows.evaluate.gold import load_gold
from transforms.nlp.analyse import NLP_BATCH_SIZE, extract_article
from warehouse.publish import entity_gender_sql

RULE_TITLES = {
    "exact": "exact (marks and punctuation trimmed)",
    "cover80": "≥80% of gold covered",
    "cover30": "≥30% of gold covered",
}
# Speaker outcomes are reported on quotes matched at ≥30% overlap: a speaker is judged wherever the quote
# was found at all.
SPEAKER_RULE = "cover30"
ANNOTATOR_CHOICE = "one annotator per document: the smallest annotator id among its .ann files"


@dataclass(frozen=True)
class GoldDocument:
    name: str
    text: str
    gold: list[GoldQuote]
    credits: list[dict]


def quotes_report(gold: Path) -> dict:
    """Scores of our quotes against ``gold`` (a PolNeAR split folder, or seed-format .json file or folder)."""
    started = time.perf_counter()
    polnear = gold.is_dir() and (gold / "attributions").is_dir()
    documents = load_polnear(gold) if polnear else load_seed_format(gold)
    scores, details = evaluate_documents(documents)
    in_scope = [g for d in documents for g in d.gold if g.in_scope]
    report = {
        "gold": str(gold),
        "format": "polnear" if polnear else "seed",
        "documents": len(documents),
        "annotators": ANNOTATOR_CHOICE if polnear else None,
        "restriction": SPEECH_SUBSET_RULE if polnear else "every gold quote",
        "gold_quotes": len(in_scope),
        "gold_out_of_scope": sum(len(d.gold) for d in documents) - len(in_scope),
        "gold_by_kind": {kind: sum(g.kind == kind for g in in_scope) for kind in KINDS},
        "rules": {rule: summary(scores.by_rule[rule]["all"]) for rule in RULES},
        "by_kind": {rule: {kind: summary(scores.by_rule[rule][kind]) for kind in KINDS} for rule in RULES},
        "speakers": scores.speakers[SPEAKER_RULE],
        "speaker_genders": scores.genders[SPEAKER_RULE],
        "documents_detail": details,
        "seconds": round(time.perf_counter() - started, 1),
    }
    report["table"] = _table(report)
    report["speaker_table"] = _speaker_table(report)
    return report


def load_polnear(split: Path) -> list[GoldDocument]:
    names = choose_annotation(sorted(p.name for p in (split / "attributions").glob("*.ann")))
    documents = []
    for document, ann_name in sorted(names.items()):
        # newline="" keeps the text byte-for-byte as brat counted it.
        with open(split / "text" / f"{document}.txt", encoding="utf-8", newline="") as handle:
            text = handle.read()
        attributions = parse_brat((split / "attributions" / ann_name).read_text(encoding="utf-8"))
        documents.append(GoldDocument(ann_name, text, polnear_gold_quotes(text, attributions), []))
    return documents


def load_seed_format(path: Path) -> list[GoldDocument]:
    return [
        GoldDocument(
            item.gold_path.name, item.article["body_text"], seed_gold_quotes(item.gold), item.article["credits"] or []
        )
        for item in load_gold(path)
        if item.gold.get("quotes")
    ]


def evaluate_documents(documents: list[GoldDocument]) -> tuple[QuoteScores, list[dict]]:
    """Total scores, and per document its scores at 30% coverage with what was missed."""
    reference = load_reference()
    total = QuoteScores()
    details = []
    docs = load_pipeline().pipe((d.text for d in documents), batch_size=NLP_BATCH_SIZE)
    for document, doc in zip(documents, docs, strict=True):
        extraction = extract_article(doc, document.name, document.credits, reference)
        for row in extraction.quotes:
            if document.text[row["start_char"] : row["end_char"]] != row["quote_text"]:
                raise AssertionError(f"{document.name}: quote span does not index the gold text: {row['quote_text']!r}")
        genders = entity_genders(extraction.entity_mentions)
        predicted = predicted_quotes(extraction.quotes, extraction.entities, extraction.entity_mentions, genders)
        scores = score_quotes(document.text, predicted, document.gold)
        total += scores
        loose = scores.by_rule["cover30"]["all"]
        details.append(
            {
                "document": document.name,
                "gold": loose.gold,
                "predicted": loose.predicted,
                "matched": loose.gold_matched,
                "speaker_right": loose.gold_end_to_end,
            }
        )
    return total, details


def entity_genders(mention_rows: list[dict]) -> dict[str, str]:
    """Entity id → gender, read from one article's mentions by the warehouse's own rule (warehouse.publish)."""
    if not mention_rows:
        return {}
    columns = ("entity_id", "role", "mention_type", "text")
    mentions = pa.table({c: [row[c] for row in mention_rows] for c in columns})
    with duckdb.connect() as con:
        con.register("mentions", mentions)
        rows = con.execute(entity_gender_sql("mentions")).fetchall()
    return {entity_id: gender for entity_id, gender, _ in rows if gender is not None}


def _table(report: dict) -> dict:
    """Rows ready for a console table: one per rule, then per rule and kind."""
    columns = [
        "rule",
        "kind",
        "gold",
        "predicted",
        "P",
        "R",
        "F1",
        "speaker acc.",
        "end-to-end P",
        "end-to-end R",
        "end-to-end F1",
    ]
    rows = []
    for rule in RULES:
        for kind, numbers in [("all", report["rules"][rule]), *report["by_kind"][rule].items()]:
            accuracy = numbers["speaker_accuracy"]
            rows.append(
                [
                    RULE_TITLES[rule] if kind == "all" else "",
                    kind,
                    numbers["gold"],
                    numbers["predicted"],
                    *(f"{numbers[k]:.3f}" for k in ("precision", "recall", "f1")),
                    "—" if accuracy is None else f"{accuracy:.3f}",
                    *(f"{numbers[k]:.3f}" for k in ("end_to_end_precision", "end_to_end_recall", "end_to_end_f1")),
                ]
            )
    title = (
        f"quotes: {report['documents']} documents, {report['gold_quotes']} gold quotes "
        f"({report['gold_out_of_scope']} out of scope)"
    )
    return {"title": title, "columns": columns, "rows": rows}


def _speaker_table(report: dict) -> dict:
    """Speaker outcomes of the matched gold quotes: overall and by how the text names the speaker."""
    rows = []
    for mention in ("all", *MENTION_TYPES):
        outcomes = report["speakers"][mention]
        matched = sum(outcomes.values())
        if mention != "all" and not matched:
            continue
        rows.append(
            [
                mention,
                matched,
                outcomes["right"],
                outcomes["wrong"],
                outcomes["missing"],
                *(f"{outcomes[o] / matched:.3f}" if matched else "—" for o in ("right", "wrong")),
            ]
        )
    genders = report["speaker_genders"]
    stated = sum(genders.values())
    if stated:
        rows.append(
            [
                "gender of right speakers",
                stated,
                genders["right"],
                genders["wrong"],
                genders["missing"],
                f"{genders['right'] / stated:.3f}",
                f"{genders['wrong'] / stated:.3f}",
            ]
        )
    return {
        "title": f"speakers of the gold quotes matched at {RULE_TITLES[SPEAKER_RULE]}, by how the text names them",
        "columns": ["speaker named by", "matched", "right", "wrong", "missing", "right rate", "wrong rate"],
        "rows": rows,
    }
