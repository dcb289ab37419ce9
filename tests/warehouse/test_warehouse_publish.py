from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from warehouse_builders import BODY_A2, RUN_1, RUN_2, RUN_3, run_1_tables, run_2_tables, write_run

from transforms.nlp.gender import gender_of_words, role_words
from transforms.schemas import ALL_TABLES, CONTENT_TABLES, key_column
from warehouse import lake
from warehouse import publish as publish_module
from warehouse.publish import CHILD_TABLES, PUBLISH_STORAGE_VERSION, PublishLocked, publish
from warehouse.query import run_readonly_sql

_PRINT_A1_TITLE = (
    "import sys, duckdb; c = duckdb.connect(sys.argv[1], read_only=True); "
    "print(c.execute(\"SELECT title FROM articles WHERE article_id = 'A1'\").fetchone()[0])"
)


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _table_hashes(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        hashes = {}
        for table, schema in ALL_TABLES.items():
            rows = con.execute(f"SELECT * FROM {table} ORDER BY {key_column(schema)}").fetchall()
            hashes[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
        for view in ("v_quotes", "v_entity_mentions_per_article", "v_claims", "v_top_entities"):
            hashes[view] = hashlib.sha256(repr(con.execute(f"SELECT * FROM {view}").fetchall()).encode()).hexdigest()
        return hashes
    finally:
        con.close()


def test_publish_keeps_the_latest_version_of_each_article_and_only_its_children(
    two_runs: Path, parquet_lake: lake.Lake
) -> None:
    result = publish(two_runs, parquet_lake)
    db = result.path

    assert db == two_runs / "broadsheet.duckdb"
    assert _rows(db, "SELECT article_id, title, run_id FROM articles ORDER BY article_id") == [
        ("A1", "A1 second version", RUN_2),
        ("A2", "A2 only version", RUN_1),
        ("A2dup", "A2 again", RUN_1),
    ]
    # A1's run-1 mentions (m1..m3), quote q1 and claim c1 went with its old version.
    assert _rows(db, "SELECT mention_id, article_id, run_id FROM entity_mentions ORDER BY mention_id") == [
        ("m4", "A2", RUN_1),
        ("m5", "A2", RUN_1),
        ("m6", "A2dup", RUN_1),
        ("m7", "A1", RUN_2),
        ("m8", "A1", RUN_2),
    ]
    assert _rows(db, "SELECT quote_id, run_id FROM quotes") == [("q2", RUN_2)]
    assert _rows(db, "SELECT claim_id, value FROM numeric_claims") == [("c2", 5.0)]
    assert result.row_counts == {
        "articles": 3,
        "entities": 2,
        "entity_mentions": 5,
        "quotes": 1,
        "numeric_claims": 1,
        "runs": 2,
        "files": 3,
        "quarantine": 1,
        "validation_results": 1,
    }


def test_published_entities_are_aggregated_from_published_mentions(two_runs: Path, parquet_lake: lake.Lake) -> None:
    db = publish(two_runs, parquet_lake).path

    # A2dup duplicates A2: its mention keeps its alias but does not count again.
    assert _rows(
        db,
        "SELECT entity_id, name, label, aliases, article_count, mention_count, run_id FROM entities ORDER BY entity_id",
    ) == [
        ("e-biden", "Joseph R. Biden", "PERSON", ["Biden", "Mr Biden"], 2, 3, RUN_2),
        ("e-tokyo", "Tokyo", "GPE", ["Tokyo"], 1, 1, RUN_1),
    ]


def test_ops_tables_keep_the_latest_row_per_key(two_runs: Path, parquet_lake: lake.Lake) -> None:
    db = publish(two_runs, parquet_lake).path

    assert _rows(db, "SELECT run_id, articles FROM runs ORDER BY run_id") == [(RUN_1, 3), (RUN_2, 1)]
    assert _rows(db, "SELECT file_id, status, run_id FROM files ORDER BY file_id") == [
        ("f-x", "parsed", RUN_1),
        ("f-x2", "parsed", RUN_2),
        ("f-y", "empty", RUN_2),
    ]
    assert _rows(db, "SELECT quarantine_id, reason_code FROM quarantine") == [("qr1", "invalid_json")]


def test_views_answer_analyst_questions(two_runs: Path, parquet_lake: lake.Lake) -> None:
    db = publish(two_runs, parquet_lake).path

    assert _rows(db, "SELECT quote_id, article_title, speaker_name, quote_text FROM v_quotes") == [
        ("q2", "A1 second version", "Joseph R. Biden", "We will win."),
    ]
    assert _rows(
        db, "SELECT article_id, title, entity_name, label, mention_count FROM v_entity_mentions_per_article"
    ) == [
        ("A1", "A1 second version", "Joseph R. Biden", "PERSON", 2),
        ("A2", "A2 only version", "Joseph R. Biden", "PERSON", 1),
        ("A2", "A2 only version", "Tokyo", "GPE", 1),
    ]
    assert _rows(db, "SELECT claim_id, article_title, value, speaker_name, published_at::VARCHAR FROM v_claims") == [
        ("c2", "A2 only version", 5.0, None, "2025-01-01 09:30:00+00"),
    ]
    # A2dup duplicates A2, so Biden counts 2 articles here, not 3 (and 3 mentions, not 4).
    assert _rows(db, "SELECT name, article_count, mention_count FROM v_top_entities") == [
        ("Joseph R. Biden", 2, 3),
        ("Tokyo", 1, 1),
    ]


def test_staged_but_uncommitted_run_is_invisible(two_runs: Path, parquet_lake: lake.Lake) -> None:
    write_run(
        two_runs,
        parquet_lake,
        RUN_3,
        {"articles": [{"article_id": "A1", "title": "A1 third version"}, {"article_id": "A3"}]},
    )

    db = publish(two_runs, parquet_lake).path

    assert _rows(db, "SELECT article_id, title FROM articles WHERE article_id IN ('A1', 'A3')") == [
        ("A1", "A1 second version")
    ]
    assert _rows(db, f"SELECT count(*) FROM articles WHERE run_id = '{RUN_3}'") == [(0,)]


def test_rejected_run_is_not_published(two_runs: Path, parquet_lake: lake.Lake) -> None:
    write_run(two_runs, parquet_lake, RUN_3, {"articles": [{"article_id": "A3"}]})
    lake.reject_run(two_runs, parquet_lake, RUN_3, "blocking failure")

    assert _rows(publish(two_runs, parquet_lake).path, "SELECT count(*) FROM articles WHERE article_id = 'A3'") == [
        (0,)
    ]


def test_publish_is_deterministic(two_runs: Path, parquet_lake: lake.Lake) -> None:
    first = _table_hashes(publish(two_runs, parquet_lake).path)
    second = _table_hashes(publish(two_runs, parquet_lake).path)

    assert first == second
    assert len(first) == len(ALL_TABLES) + 4


def test_empty_lake_publishes_every_table_empty(warehouse: Path, parquet_lake: lake.Lake) -> None:
    result = publish(warehouse, parquet_lake)

    assert result.row_counts == {table: 0 for table in ALL_TABLES}
    assert _rows(result.path, "SELECT count(*) FROM v_top_entities") == [(0,)]


def test_published_file_uses_the_pinned_storage_version_and_carries_the_dictionary(
    two_runs: Path, parquet_lake: lake.Lake
) -> None:
    db = publish(two_runs, parquet_lake).path

    tags = _rows(db, "SELECT tags FROM duckdb_databases() WHERE database_name = 'broadsheet'")
    assert tags == [({"storage_version": f"{PUBLISH_STORAGE_VERSION}+"},)]
    assert _rows(
        db, "SELECT comment FROM duckdb_columns() WHERE table_name = 'articles' AND column_name = 'title'"
    ) == [("Headline.",)]
    assert not list(two_runs.glob(".broadsheet.duckdb.tmp-*"))
    assert not (two_runs / "broadsheet.duckdb.wal").exists()


def test_views_survive_opening_the_file_under_another_name(
    two_runs: Path, parquet_lake: lake.Lake, tmp_path: Path
) -> None:
    copy = tmp_path / "analyst_copy.duckdb"
    copy.write_bytes(publish(two_runs, parquet_lake).path.read_bytes())

    assert _rows(copy, "SELECT count(*) FROM v_quotes") == [(1,)]


def test_open_reader_keeps_old_data_and_new_connections_see_new(warehouse: Path, parquet_lake: lake.Lake) -> None:
    write_run(warehouse, parquet_lake, RUN_1, run_1_tables())
    lake.commit_run(parquet_lake, RUN_1)
    db = publish(warehouse, parquet_lake).path
    old_reader = duckdb.connect(str(db), read_only=True)
    try:
        write_run(warehouse, parquet_lake, RUN_2, run_2_tables())
        lake.commit_run(parquet_lake, RUN_2)
        publish(warehouse, parquet_lake)

        assert old_reader.execute("SELECT title FROM articles WHERE article_id = 'A1'").fetchall() == [
            ("A1 first version",)
        ]
        # Another process (a BI tool, the CLI) opening the path now gets the new file.
        fresh = subprocess.run(
            [sys.executable, "-c", _PRINT_A1_TITLE, str(db)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert fresh.stdout.strip() == "A1 second version"
        # In this process duckdb.connect(path) would hand back old_reader's cached instance;
        # run_readonly_sql attaches the file afresh, so it sees the new one too.
        assert run_readonly_sql(db, "SELECT title FROM articles WHERE article_id = 'A1'")[1] == [("A1 second version",)]
    finally:
        old_reader.close()


def test_second_publisher_gets_publish_locked_quickly(warehouse: Path, parquet_lake: lake.Lake) -> None:
    warehouse.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, filelock; l = filelock.FileLock(sys.argv[1]); l.acquire(); print('held', flush=True); "
            "sys.stdin.read()",
            str(warehouse / ".publish.lock"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(PublishLocked, match="another process is publishing"):
            publish(warehouse, parquet_lake, lock_timeout=0.2)
        assert time.monotonic() - started < 2
        assert not (warehouse / "broadsheet.duckdb").exists()
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert publish(warehouse, parquet_lake).row_counts["articles"] == 0  # lock released: publishing works again


def test_crash_before_the_swap_leaves_the_old_file_and_next_publish_cleans_up(
    two_runs: Path, parquet_lake: lake.Lake, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = publish(two_runs, parquet_lake).path
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    write_run(
        two_runs,
        parquet_lake,
        RUN_3,
        {
            "articles": [{"article_id": "A3", "source_uri": "z.txt"}],
            "files": [{"file_id": "f-z", "source_uri": "z.txt", "status": "parsed"}],
        },
    )
    lake.commit_run(parquet_lake, RUN_3)

    def crash(src: str, dst: str) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(publish_module.os, "replace", crash)
    with pytest.raises(OSError, match="disk on fire"):
        publish(two_runs, parquet_lake)
    monkeypatch.undo()

    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert _rows(db, "SELECT count(*) FROM articles WHERE article_id = 'A3'") == [(0,)]

    # A publish killed outright leaves its temp build behind: the next one removes it.
    dead = two_runs / ".broadsheet.duckdb.tmp-999999"
    dead.write_bytes(b"half a database")
    dead_spill = two_runs / ".broadsheet.duckdb.tmp-999999.spill"  # where that build's DuckDB spilled
    dead_spill.mkdir()
    (dead_spill / "duckdb_temp_storage-0.tmp").write_bytes(b"sorted runs")
    assert _rows(publish(two_runs, parquet_lake).path, "SELECT count(*) FROM articles WHERE article_id = 'A3'") == [
        (1,)
    ]
    assert not dead.exists() and not dead_spill.exists()
    assert not list(two_runs.glob(".broadsheet.duckdb.tmp-*"))


def test_publish_places_every_content_table() -> None:
    assert {"articles", "entities", *CHILD_TABLES} == set(CONTENT_TABLES)


def _duckdb_1x_cli() -> str:
    """The DuckDB 1.x CLI binary from the duckdb-cli dev dependency (or $BROADSHEET_DUCKDB_1X_CLI)."""
    if os.environ.get("BROADSHEET_DUCKDB_1X_CLI"):
        return os.environ["BROADSHEET_DUCKDB_1X_CLI"]
    import duckdb_cli

    return str(Path(duckdb_cli.__file__).with_name("duckdb"))


def test_a_duckdb_1x_reader_opens_the_published_file(two_runs: Path, parquet_lake: lake.Lake) -> None:
    db = publish(two_runs, parquet_lake).path
    out = subprocess.run(
        [
            _duckdb_1x_cli(),
            "-readonly",
            "-csv",
            "-noheader",
            str(db),
            "-c",
            "SELECT name, article_count FROM v_top_entities",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.splitlines() == ["Joseph R. Biden,2", "Tokyo,1"]


def test_a_changed_file_replaces_its_articles(two_runs: Path, parquet_lake: lake.Lake) -> None:
    # Run 3 reads y.txt again and it now holds only A2: A2dup, which came from its old version, is gone.
    write_run(
        two_runs,
        parquet_lake,
        RUN_3,
        {
            "articles": [{"article_id": "A2", "title": "A2 revised", "body_text": BODY_A2, "source_uri": "y.txt"}],
            "files": [{"file_id": "f-y3", "source_uri": "y.txt", "status": "parsed", "article_count": 1}],
        },
    )
    lake.commit_run(parquet_lake, RUN_3)
    db = publish(two_runs, parquet_lake).path
    assert _rows(db, "SELECT article_id, title, run_id FROM articles ORDER BY article_id") == [
        ("A1", "A1 second version", RUN_2),
        ("A2", "A2 revised", RUN_3),
    ]
    # A2's children came with its old version and were not re-extracted in this (hand-made) run.
    assert _rows(db, "SELECT count(*) FROM numeric_claims WHERE article_id = 'A2'") == [(0,)]


def test_a_persons_gender_is_what_the_articles_state_and_speakers_are_a_view(tmp_path: Path) -> None:
    """An honorific or gendered title decides over pronouns; a person the articles state nothing about, or both
    genders about, has none; an organisation never has one.  v_speakers counts each speaker's quotes."""
    warehouse, the_lake = tmp_path / "warehouse", lake.Lake.in_warehouse(tmp_path / "warehouse")
    body = "Ms Ruiz spoke. She said yes. Smith said no. He said no again. Lee said so. Acme said so."

    def mention(mid: str, entity: str, text: str, start: int, **more) -> dict:
        return {
            "mention_id": mid,
            "article_id": "A",
            "entity_id": entity,
            "text": text,
            "start_char": start,
            "end_char": start + len(text),
            **more,
        }

    tables: dict[str, list[dict]] = {
        "articles": [{"article_id": "A", "title": "t", "body_text": body, "word_count": 17}],
        "files": [{"file_id": "f-x", "source_uri": "x.txt", "status": "parsed"}],
        "entities": [
            {"entity_id": "e-ruiz", "name": "Ana Ruiz", "label": "PERSON"},
            {"entity_id": "e-smith", "name": "John Smith", "label": "PERSON"},
            {"entity_id": "e-lee", "name": "Lee", "label": "PERSON"},
            {"entity_id": "e-acme", "name": "Acme", "label": "ORG"},
        ],
        "entity_mentions": [
            mention("m1", "e-ruiz", "Ruiz", 3, role="Ms"),
            mention("m2", "e-ruiz", "She", 15, mention_type="pronoun"),  # agrees; the title decides anyway
            mention("m3", "e-smith", "Smith", 29),
            mention("m4", "e-smith", "He", 44, mention_type="pronoun"),
            mention("m5", "e-lee", "Lee", 62),
            mention("m6", "e-acme", "Acme", 75, role="Mr"),  # a stray title on an organisation
        ],
        "quotes": [
            {
                "quote_id": "q1",
                "article_id": "A",
                "quote_text": "yes",
                "start_char": 24,
                "end_char": 27,
                "speaker_entity_id": "e-ruiz",
                "speaker_role": "finance minister",
            },
            {
                "quote_id": "q2",
                "article_id": "A",
                "quote_text": "no",
                "start_char": 40,
                "end_char": 42,
                "speaker_entity_id": "e-smith",
            },
            {
                "quote_id": "q3",
                "article_id": "A",
                "quote_text": "no again",
                "start_char": 52,
                "end_char": 60,
                "speaker_entity_id": "e-smith",
            },
        ],
    }
    write_run(warehouse, the_lake, RUN_1, tables)
    lake.commit_run(the_lake, RUN_1)
    db = publish(warehouse, the_lake).path
    assert _rows(db, "SELECT entity_id, gender, gender_evidence FROM entities ORDER BY entity_id") == [
        ("e-acme", None, None),
        ("e-lee", None, None),
        ("e-ruiz", "female", "title"),
        ("e-smith", "male", "pronoun"),
    ]
    assert _rows(db, "SELECT name, role, gender, quote_count, article_count FROM v_speakers") == [
        ("John Smith", None, "male", 2, 1),
        ("Ana Ruiz", "finance minister", "female", 1, 1),
    ]
    assert _rows(
        db, "SELECT quote_id, speaker_label, speaker_gender, speaker_role FROM v_quotes ORDER BY quote_id"
    ) == [
        ("q1", "PERSON", "female", "finance minister"),
        ("q2", "PERSON", "male", None),
        ("q3", "PERSON", "male", None),
    ]


@pytest.mark.parametrize(
    "role, gender",
    [
        ("ex-boyfriend", "male"),  # a gendered noun inside a hyphened role
        ("her ex-girlfriend", "female"),
        ("Baroness", "female"),
        ("grandfather", "male"),
        ("vice-president", None),
    ],
)
def test_a_gendered_noun_in_a_role_states_the_gender_alike_in_python_and_in_the_warehouse(role, gender) -> None:
    assert gender_of_words(role_words(role)) == gender
    db = duckdb.connect()
    db.execute(
        "CREATE TABLE mentions AS SELECT 'e1' AS entity_id, ? AS role, 'name' AS mention_type, 'Kim' AS text", [role]
    )
    assert db.execute(publish_module.entity_gender_sql("mentions")).fetchall() == [
        ("e1", gender, None if gender is None else "title")
    ]
