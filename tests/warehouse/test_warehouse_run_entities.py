"""A run's per-part entity rows folded by DuckDB give what folding them in Python gives."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from transforms.nlp.analyse import merge_entities
from transforms.schemas import ENTITIES
from warehouse import lake
from warehouse.run_entities import merged_entities

LINEAGE = {"run_id": "run-1", "pipeline_version": "v1", "first_seen": None, "last_seen": None}


def _entity(
    entity_id: str,
    name: str,
    aliases: list[str],
    articles: int,
    mentions: int,
    *,
    label: str = "PERSON",
    scope: str = "global",
    country_code: str | None = None,
) -> dict:
    return {
        "entity_id": entity_id,
        "name": name,
        "label": label,
        "scope": scope,
        "country_code": country_code,
        "aliases": aliases,
        "article_count": articles,
        "mention_count": mentions,
        **LINEAGE,
    }


PARTS = [
    [
        _entity("ent_a", "Pete Hegseth", ["Hegseth", "Pete Hegseth"], 2, 5),
        _entity("ent_b", "Japan", ["Japan"], 1, 1, label="GPE", country_code="JP"),
        _entity("ent_c", "Smith", ["Smith"], 1, 3, scope="article"),
    ],
    [
        _entity("ent_b", "JAPAN", ["JAPAN", "Japan"], 3, 4, label="GPE", country_code=None),
        _entity("ent_d", "Anna", [], 1, 1),
    ],
    [],
    [_entity("ent_a", "pete hegseth", ["Mr Hegseth", "Hegseth"], 1, 2)],
]


def _write_parts(directory: Path) -> list[Path]:
    return [
        lake.write_part(directory, "entities", pa.Table.from_pylist(rows, schema=ENTITIES), number)
        for number, rows in enumerate(PARTS)
    ]


def test_merged_entities_equal_the_python_fold(tmp_path: Path) -> None:
    parts = _write_parts(tmp_path / "parts")
    expected: dict[str, dict] = {}
    for rows in PARTS:
        merge_entities(expected, rows)

    merged = pa.concat_tables(merged_entities(parts, tmp_path / "spill")).to_pylist()

    # The Python fold carries only the columns the rows have; the merge gives every column of the contract.
    assert merged == [{name: expected[key].get(name) for name in ENTITIES.names} for key in sorted(expected)]
    by_id = {row["entity_id"]: row for row in merged}
    # The first row's name and country code win; counts add up; aliases are united and sorted.
    assert by_id["ent_a"]["name"] == "Pete Hegseth"
    assert by_id["ent_a"]["aliases"] == ["Hegseth", "Mr Hegseth", "Pete Hegseth"]
    assert (by_id["ent_a"]["article_count"], by_id["ent_a"]["mention_count"]) == (3, 7)
    assert (by_id["ent_b"]["name"], by_id["ent_b"]["country_code"]) == ("Japan", "JP")
    assert by_id["ent_d"]["aliases"] == []


def test_merged_entities_keep_the_order_of_parts_beyond_ten(tmp_path: Path) -> None:
    """Part files are ordered by name: part-00010 comes after part-00009, not after part-00001."""
    paths = [
        lake.write_part(
            tmp_path / "parts",
            "entities",
            pa.Table.from_pylist([_entity("ent_x", f"Name {n}", [f"Name {n}"], 1, 1)], schema=ENTITIES),
            n,
        )
        for n in (10, 2, 9)
    ]

    merged = pa.concat_tables(merged_entities(paths, tmp_path / "spill")).to_pylist()

    assert [(row["name"], row["article_count"]) for row in merged] == [("Name 2", 3)]


def test_no_parts_give_no_rows(tmp_path: Path) -> None:
    assert list(merged_entities([], tmp_path / "spill")) == []
