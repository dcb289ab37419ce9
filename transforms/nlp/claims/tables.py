"""Figures in a table: wire copy prints market reports and supply tables as lines of a label and figures
("KANSAS CITY 100 --- 100 500", "Production 103.30 103.30 99.99 99.99", "MAY7 286 1/2 UP 1/4"), which no
sentence reading finds.  A reader takes every figure of such a line as a quantity:

- a table is a run of short lines (no sentence in them) with at least ``TABLE_MIN_ROWS`` rows of a label
  and two or more figures or empty cells, and headings between them (a title, "SLTR FEEDER TOTAL SLTR",
  "1986/87 1985/86");
- a figure is a number ("2,700", "103.30"), a number and a fraction ("286 1/2") or a fraction ("1/4");
  a column with nothing in it is written "---", "N.A." or "NIL"; a number glued to a word ("MAY7", "EC-12"), a season
  ("1986/87"), a year ("1986"), a date ("04/09/87") or a number after a month ("APRIL 7") is none;
- the scale and unit of a table are those its heading or the line before it says ("in mln tonnes", or
  ending the line: "mln tonnes --"): a
  figure is that many of them.  Without one, a column headed by a noun ("CATTLE", "HOGS") counts it
  (headings are read over three or more columns);
- what a figure measures is the table's title, the column's heading and the row's label ("WHEAT MAY7",
  "SLTR CATTLE KANSAS CITY");
- a figure after UP, DOWN or OFF is a change that way, and the figure before it the level it went to;
  "UNCH" leaves a level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.nlp.claims.claim import Claim
from transforms.nlp.claims.lexicon import FUNCTION_WORDS, MONTHS
from transforms.nlp.claims.quantities import is_year_number, read_quantities

TABLE_MIN_ROWS = 3
# ... of at least two columns: a run of one-figure lines is a company's results in short ("Net 412,737",
# "Revs 605,321"), which the sentence reading takes with their currency.
MIN_COLUMNS = 2
# A row is short: a label of a few words and its figures.
ROW_MAX_WORDS = 8
ROW_MAX_CHARS = 100
_FRACTION = r"(?:[1-9]|[1-6][0-9])/(?:2|4|8|16|32|64)"
CELL = re.compile(
    rf"(?<![\w/.,-])(?:(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s(?P<fraction>{_FRACTION}))?"
    rf"|(?P<alone>{_FRACTION}))(?![\w/-]|[.,]\d)"
)
# Column headings are read only over at least this many columns: two words over two columns are as often a
# title ("MINNEAPOLIS WHEAT") as headings.
HEADING_COLUMNS = 3
# Column headings stack at most this many rows deep ("SLTR FEEDER TOTAL SLTR" over "CATTLE CATTLE CATTLE HOGS").
HEADING_ROWS = 2
# A cell with no figure: "---", "N.A." (not available), "NIL".
EMPTY_CELL = re.compile(r"(?<!\S)(?:-{3,}|N\.A\.|NIL)(?!\S)")
DIRECTION_WORDS = {"up": "up", "off": "down", "down": "down"}
# Words a row may hold among its figures; any other word after a number makes the number part of the label
# ("11 MARKETS 7,100 8,000").
WORDS_AMONG_FIGURES = frozenset((*DIRECTION_WORDS, "unch", "unchanged", "n.a.", "nil"))
# A heading's scale and unit: "in mln tonnes" anywhere, or "mln tonnes --", "(thousand bushels)" ending the line
# (not an amount of the prose: "which lost 5 million dlrs last year").
SCALE_UNIT = re.compile(
    r"\bin\s+(?P<in>(?:mln|million|bln|billion|thousand)\s+[a-z]+)"
    r"|(?P<end>\b(?:mln|million|bln|billion|thousand)\s+[a-z]+)(?=\)?\s*(?:--|-|:)?\s*$)",
    re.IGNORECASE,
)


@dataclass
class _Cell:
    start: int
    end: int
    value: float


@dataclass
class _Line:
    start: int
    text: str
    cells: list[_Cell]
    columns: int  # figures and empty cells
    label: str


def table_claims(text: str) -> list[Claim]:
    """The claims of every table's figures in ``text`` (see the module doc), in text order."""
    if text.count("\n") < TABLE_MIN_ROWS - 1:
        return []  # fewer lines than a table's rows: a sentence, a paragraph (and no work for one)
    lines = _lines(text)
    claims: list[Claim] = []
    block: list[_Line] = []
    for index, line in enumerate([*lines, None]):
        if line is not None and (line.columns or _is_heading(line)):
            block.append(line)
            continue
        if sum(1 for row in block if row.columns >= MIN_COLUMNS) >= TABLE_MIN_ROWS:
            first = index - len(block)
            claims.extend(_block_claims(block, before=lines[first - 1] if first > 0 else None))
        block = []
    return claims


def _lines(text: str) -> list[_Line]:
    lines = []
    position = 0
    for raw in text.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        stripped = raw.strip()
        if not stripped or _is_sentence(stripped):
            lines.append(_Line(start, raw, [], 0, ""))  # a blank line or a sentence ends a table
            continue
        cells = _cells(raw, start)
        empties = len(EMPTY_CELL.findall(raw))
        first = min([c.start - start for c in cells] + [m.start() for m in EMPTY_CELL.finditer(raw)] + [len(raw)])
        label = raw[:first].strip()
        lines.append(_Line(start, raw, cells, len(cells) + empties, label))
    return lines


def _is_sentence(line: str) -> bool:
    """Too long or too wordy for a row, or a word ending a sentence in it."""
    words = line.split()
    return (
        len(line) > ROW_MAX_CHARS
        or len([w for w in words if not CELL.fullmatch(w)]) > ROW_MAX_WORDS
        or bool(re.search(r"[a-z]{2,}[.!?]$|[a-z]{2,}[.!?]\s", line))
    )


def _cells(line: str, offset: int) -> list[_Cell]:
    """The figures after a row's label; none when the label holds a figure of its own past its first word
    ("Net 339,000 vs 351,000" is a sentence in short, "11 MARKETS 7,100 8,000" a row)."""
    cells = []
    for match in CELL.finditer(line):
        if any(_label_word(word) for word in line[match.end() :].split()):
            if line[: match.start()].strip():
                return []  # a figure inside the label, after other words
            continue  # "11 MARKETS 7,100": part of the label
        before = line[: match.start()].split()
        if before and before[-1].lower().rstrip(",") in MONTHS and re.fullmatch(r"\d{1,2}", match.group(0)):
            continue  # "For APRIL 7": a date ("May 147.75" is May's price)
        if is_year_number(match.group(0)):
            continue  # "1986 1985": a column's year
        end = match.end()
        fraction = match.group("alone") or match.group("fraction")
        if fraction is not None and _fraction(fraction) >= 1:
            # "12/8" is no price fraction: alone it is nothing, after a number the number is the figure
            if match.group("alone"):
                continue
            fraction, end = None, match.end("number")
        value = 0.0 if match.group("alone") else float(match.group("number").replace(",", ""))
        if fraction is not None:
            value += _fraction(fraction)
        cells.append(_Cell(offset + match.start(), offset + end, value))
    return cells


def _label_word(word: str) -> bool:
    """A word of a row's label, not one a row holds among its figures (UP, OFF, UNCH, N.A.)."""
    return re.search(r"[A-Za-z]", word) is not None and word.lower() not in WORDS_AMONG_FIGURES


def _fraction(written: str) -> float:
    numerator, denominator = written.split("/")
    return int(numerator) / int(denominator)


def _is_heading(line: _Line) -> bool:
    stripped = line.text.strip()
    return bool(stripped) and not _is_sentence(stripped) and not line.columns


def _block_claims(block: list[_Line], before: _Line | None) -> list[Claim]:
    claims: list[Claim] = []
    title = ""
    headings: list[_Line] = []
    scale_unit = _scale_unit(before.text) if before is not None else None
    after_heading = False  # the line before was a column heading: one more row of the same headings
    for line, columns_after in zip(block, _columns_of_next_rows(block), strict=True):
        if line.columns and not line.cells:
            after_heading = False
            continue  # 'Start Stcks N.A. N.A.': nothing stated
        if not line.cells:
            if _is_column_heading(line, columns_after):
                # 'SLTR FEEDER TOTAL SLTR' over 'CATTLE CATTLE CATTLE HOGS' (two rows at most); after rows, a
                # new set of headings
                headings = [*headings[-(HEADING_ROWS - 1) :], line] if after_heading else [line]
                after_heading = True
                continue
            if re.search(r"[A-Za-z]{2}", line.text):
                # a title ('USSR COARSE GRAIN', 'TOTAL'): the column headings above still hold
                title = _title(line.text)
                scale_unit = _scale_unit(line.text) or scale_unit
            after_heading = False
            continue
        after_heading = False
        claims.extend(_row_claims(line, title, headings, scale_unit))
    return claims


def _columns_of_next_rows(block: list[_Line]) -> list[int]:
    """Per line, the columns of the first row after it (0 when none): one pass from the end."""
    found, columns = [], 0
    for line in reversed(block):
        found.append(columns)
        columns = line.columns or columns
    return found[::-1]


def _is_column_heading(line: _Line, columns_after: int) -> bool:
    """Words, one per column of the rows after it ("SLTR FEEDER TOTAL SLTR"); a title has words of a phrase
    ("For APRIL 7")."""
    words = _words(line.text)
    return len(words) == columns_after >= HEADING_COLUMNS and not any(word.lower() in FUNCTION_WORDS for word in words)


def _words(text: str) -> list[str]:
    return text.split()


def _title(text: str) -> str:
    """A heading's name, without the unit it adds after a comma or dashes ("EC-12 COARSE GRAIN")."""
    return re.split(r",|\s--", text.strip())[0].strip()


def _scale_unit(text: str) -> tuple[float, str | None, str, str | None] | None:
    """(scale, unit, kind, currency) a heading states ("in mln tonnes": a million tonnes)."""
    match = SCALE_UNIT.search(text)
    if match is None:
        return None
    quantities = read_quantities(f"1 {match.group('in') or match.group('end')}")
    kind = quantities[0].kind if quantities else None
    if kind is None:
        return None
    return quantities[0].value, quantities[0].unit, kind, quantities[0].currency


def _row_claims(
    row: _Line, title: str, headings: list[_Line], scale_unit: tuple[float, str | None, str, str | None] | None
) -> list[Claim]:
    claims = []
    positions = sorted(
        [(c.start, c) for c in row.cells] + [(row.start + m.start(), None) for m in EMPTY_CELL.finditer(row.text)],
        key=lambda item: item[0],
    )
    for column, (_, cell) in enumerate(positions):
        if cell is None:
            continue
        heading = " ".join(_words(h.text)[column] for h in headings if column < len(_words(h.text)))
        of_what = " ".join(part for part in (title, heading, row.label) if part) or None
        scale, unit, kind, currency = (1.0, None, "number", None) if scale_unit is None else scale_unit
        if scale_unit is None and headings:
            noun = _words(headings[-1].text)[column].lower() if column < len(_words(headings[-1].text)) else ""
            if noun.isalpha() and len(noun) > 2 and noun not in MONTHS and noun != "total":
                unit, kind = noun, "count"
        claims.append(
            Claim(
                start=cell.start,
                end=cell.end,
                surface=row.text[cell.start - row.start : cell.end - row.start],
                value=float(f"{cell.value * scale:.12g}"),  # 16.58 mln: 16580000, not 16579999.999999998
                value_low=None,
                value_high=None,
                unit=unit,
                quantity_kind=kind,
                currency=currency,
                scale=scale if scale != 1.0 else None,
                approximate=False,
                comparator=None,
                of_what=of_what,
            )
        )
    _set_changes(row, claims)
    return claims


def _set_changes(row: _Line, claims: list[Claim]) -> None:
    """'286 1/2 UP 1/4': the figure after UP or OFF is a change that way, the one before it the level reached."""
    for index, claim in enumerate(claims):
        between_start = claims[index - 1].end if index > 0 else row.start
        words = row.text[between_start - row.start : claim.start - row.start].split()
        direction = DIRECTION_WORDS.get(words[-1].lower()) if words else None
        if direction is None or index == 0:
            continue
        claim.change_kind, claim.direction = "change", direction
        level = claims[index - 1]
        level.change_kind, level.direction = "change_to", direction
