"""A body longer than one window goes through the model in paragraph windows, with offsets true to the body."""

from __future__ import annotations

import pytest

from transforms.nlp import analyse
from transforms.nlp.analyse import analyse_articles, body_windows

PARAGRAPHS = [
    "Pete Hegseth said on Monday that Japan would raise defence spending to 2% of GDP.",
    '"We will not make demands," Hegseth told reporters in Tokyo.',
    "Exports fell 7% to $2.3 billion in October, the trade ministry said.",
    "Ana Ruiz, the union's spokeswoman, said 300 workers had signed the letter.",
]


@pytest.fixture
def small_windows(monkeypatch):
    monkeypatch.setattr(analyse, "WINDOW_CHARS", 200)


def test_windows_join_back_to_the_body_and_cut_at_paragraph_ends(small_windows):
    body = "\n".join(PARAGRAPHS * 3)
    windows = body_windows(body)
    assert "".join(windows) == body
    assert all(len(w) <= 200 for w in windows) and len(windows) > 3
    assert all(w.endswith("\n") for w in windows[:-1])
    long_paragraph = "word " * 100
    cut = body_windows(long_paragraph)
    assert "".join(cut) == long_paragraph and all(len(w) <= 200 and w.endswith(" ") for w in cut[:-1])
    assert body_windows("x" * 450) == ["x" * 200, "x" * 200, "x" * 50]
    assert body_windows("short body") == ["short body"]


def test_a_long_body_is_analysed_in_windows_with_true_offsets(nlp, reference, small_windows):
    body = "\n".join(PARAGRAPHS * 3)
    articles = [
        {"article_id": "short", "body_text": PARAGRAPHS[0], "credits": [], "source_uri": "a", "record_key": ""},
        {"article_id": "long", "body_text": body, "credits": [], "source_uri": "b", "record_key": ""},
        {"article_id": "after", "body_text": PARAGRAPHS[2], "credits": [], "source_uri": "c", "record_key": ""},
    ]
    short, long, after = analyse_articles(articles, nlp, reference)
    assert [e.article_id for e in (short, long, after)] == ["short", "long", "after"]
    assert long.failure is None
    for row in long.entity_mentions:
        if row["start_char"] is not None:
            assert body[row["start_char"] : row["end_char"]] == row["text"]
    for row in long.quotes:
        assert body[row["start_char"] : row["end_char"]] == row["quote_text"]
    for row in long.numeric_claims:
        assert body[row["start_char"] : row["end_char"]] == row["surface"]
    # Every window was read: the third copy of each paragraph has its rows, at its own offsets.
    last_copy = body.rindex(PARAGRAPHS[2])
    assert any(row["start_char"] >= last_copy and row["surface"].startswith("7%") for row in long.numeric_claims)
    assert sum(1 for row in long.quotes if row["quote_text"].startswith("We will not make demands")) == 3
    # Articles around it are analysed as they are alone.
    assert [m["text"] for m in short.entity_mentions] == [
        m["text"] for m in next(iter(analyse_articles(articles[:1], nlp, reference))).entity_mentions
    ]
