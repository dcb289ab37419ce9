"""The analysis workers: started before the articles come; a chunk leaves no trace in their vocabulary."""

from __future__ import annotations

from flows.analyse.parallel import _analyse_chunk
from transforms.nlp.analyse import analyse_articles

ARTICLES = [
    {
        "article_id": "art_1",
        "body_text": "Zorblax Quendimar said 4,321,987 snurfles were sold in Vrellington.",
        "credits": [],
        "source_uri": "a.txt",
        "record_key": "",
    },
    {
        "article_id": "art_2",
        "body_text": '"We will build 12 flurbnicks," said Ms Oxtaveria Plimsworth.',
        "credits": [],
        "source_uri": "b.txt",
        "record_key": "",
    },
]


def test_a_chunk_leaves_the_vocabulary_as_it_found_it_and_rows_as_without_the_zone(nlp, reference):
    strings_before = len(nlp.vocab.strings)
    in_zone = _analyse_chunk(ARTICLES)
    assert len(nlp.vocab.strings) == strings_before
    outside = list(analyse_articles(ARTICLES, nlp, reference))
    assert len(nlp.vocab.strings) > strings_before  # the same texts without the zone do add their words
    assert [e.numeric_claims for e in in_zone] == [e.numeric_claims for e in outside]
    assert [(e.entities, e.entity_mentions, e.quotes) for e in in_zone] == [
        (e.entities, e.entity_mentions, e.quotes) for e in outside
    ]
    assert [claim["value"] for claim in in_zone[0].numeric_claims] == [4321987.0]
    assert [(q["quote_text"], q["speaker_text"]) for q in in_zone[1].quotes] == [
        ("We will build 12 flurbnicks,", "Oxtaveria Plimsworth")
    ]


def test_workers_load_the_model_before_any_article_comes_and_end_when_closed(nlp, reference):
    import multiprocessing

    from flows.analyse.parallel import AnalysisWorkers

    with AnalysisWorkers(2) as workers:
        # Both processes started at once, with no article given yet: their model loads overlap the steps before.
        started = multiprocessing.active_children()
        assert len(started) == 2
        rows = list(workers.analyse(iter(ARTICLES * 20)))
        # The same processes did the work, in input order, with the rows a single process gives.
        assert {p.pid for p in multiprocessing.active_children()} == {p.pid for p in started}
    assert [e.article_id for e in rows] == [a["article_id"] for a in ARTICLES * 20]
    inline = list(analyse_articles(ARTICLES, nlp, reference))
    assert [e.numeric_claims for e in rows[:2]] == [e.numeric_claims for e in inline]
    assert [e.quotes for e in rows[:2]] == [e.quotes for e in inline]
    assert all(not p.is_alive() for p in started)
