"""Figures in a wire table: every cell a quantity, with the table's scale and unit, its direction words and what
each figure measures (title, column heading, row label)."""

from __future__ import annotations

import pytest

from transforms.nlp.claims import extract_claims
from transforms.nlp.claims.tables import table_claims

SUPPLY = (
    "The department gave supply data as follows in mln tonnes --\n"
    "NORTHLAND BARLEY\n"
    "1986/87 1985/86\n"
    "Start Stocks N.A. N.A.\n"
    "Production 10.25 9.50\n"
    "Imports 1.00 2.75\n"
    "Exports NIL NIL\n"
)
FUTURES = "OATS\nMAY7 150 1/2 UP 1/4\nJUL7 140 OFF 1\nSEP7 131 UNCH\nDEC7 135 UP 2\n"
HEADED = (
    "For MAY 4\n"
    "SHEEP LAMBS TOTAL\n"
    "NORTH TOWN 100 --- 100\n"
    "SOUTH TOWN 2,000 500 2,500\n"
    "TOTAL\n"
    "5 MARKETS 2,100 500 2,600\n"
)


def _read(text: str) -> list[tuple]:
    return [
        (c.surface, c.value, c.unit, c.quantity_kind, c.direction, c.change_kind, c.of_what) for c in table_claims(text)
    ]


def test_a_tables_scale_and_unit_come_from_the_line_before_it():
    assert _read(SUPPLY) == [
        ("10.25", 10250000.0, "tonne", "measure", None, "level", "NORTHLAND BARLEY Production"),
        ("9.50", 9500000.0, "tonne", "measure", None, "level", "NORTHLAND BARLEY Production"),
        ("1.00", 1000000.0, "tonne", "measure", None, "level", "NORTHLAND BARLEY Imports"),
        ("2.75", 2750000.0, "tonne", "measure", None, "level", "NORTHLAND BARLEY Imports"),
    ]


def test_a_figure_after_up_or_off_is_a_change_and_the_one_before_it_the_level_reached():
    assert _read(FUTURES) == [
        ("150 1/2", 150.5, None, "number", "up", "change_to", "OATS MAY7"),
        ("1/4", 0.25, None, "number", "up", "change", "OATS MAY7"),
        ("140", 140.0, None, "number", "down", "change_to", "OATS JUL7"),
        ("1", 1.0, None, "number", "down", "change", "OATS JUL7"),
        ("131", 131.0, None, "number", None, "level", "OATS SEP7"),
        ("135", 135.0, None, "number", "up", "change_to", "OATS DEC7"),
        ("2", 2.0, None, "number", "up", "change", "OATS DEC7"),
    ]


def test_column_headings_count_their_things_and_a_date_or_a_labels_number_is_no_figure():
    read = _read(HEADED)
    assert [(surface, unit, of_what) for surface, _, unit, _, _, _, of_what in read] == [
        ("100", "sheep", "For MAY 4 SHEEP NORTH TOWN"),
        ("100", None, "For MAY 4 TOTAL NORTH TOWN"),
        ("2,000", "sheep", "For MAY 4 SHEEP SOUTH TOWN"),
        ("500", "lambs", "For MAY 4 LAMBS SOUTH TOWN"),
        ("2,500", None, "For MAY 4 TOTAL SOUTH TOWN"),
        ("2,100", "sheep", "TOTAL SHEEP 5 MARKETS"),
        ("500", "lambs", "TOTAL LAMBS 5 MARKETS"),
        ("2,600", None, "TOTAL TOTAL 5 MARKETS"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a company's results in short: one figure a line, read as sentences
        "Shr 17 cts vs 18 cts\nNet 339,000 vs 351,000\nRevs 2,917,000 vs 2,735,000\n",
        "Net 412,737\nRevs 605,321\nAvg shrs 1,000,000\n",
        # prose, even in short lines
        "Prices rose 5 pct in March.\nThey fell 3 pct in April.\nThey were flat in May.\n",
        # two rows are not a table
        "NORTH 100 200\nSOUTH 300 400\n",
        # a figure past the label's first word makes the line no row
        "Net 339 vs 351\nRevs 2,917 vs 2,735\nShrs 100 vs 200\n",
    ],
)
def test_no_table(text):
    assert table_claims(text) == []


def test_the_article_reader_takes_table_figures_once_from_both_pipelines(nlp, claims_nlp):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(FUTURES))
        assert [(c.surface, c.value, c.direction) for c in claims] == [
            ("150 1/2", 150.5, "up"),
            ("1/4", 0.25, "up"),
            ("140", 140.0, "down"),
            ("1", 1.0, "down"),
            ("131", 131.0, None),
            ("135", 135.0, "up"),
            ("2", 2.0, "up"),
        ]


def test_an_amount_in_the_prose_before_a_table_is_no_scale_of_its_figures():
    text = (
        "The firm, which lost 5 million dlrs last year, gave these prices:\n"
        "NORTH 10.5 11.5\nSOUTH 9.5 8.5\nEAST 7.5 6.5\n"
    )
    assert [(c.value, c.unit) for c in table_claims(text)][:2] == [(10.5, None), (11.5, None)]


def test_a_fraction_of_a_whole_or_more_is_no_price_fraction():
    assert [c.surface for c in table_claims("OATS\nMAY7 150 12/8 UP 1\nJUL7 140 OFF 1\nSEP7 131 UP 2\n")] == [
        "150",
        "1",
        "140",
        "1",
        "131",
        "2",
    ]
