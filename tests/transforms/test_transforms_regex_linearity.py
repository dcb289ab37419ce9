"""Parsing and normalising take time linear in their input: hostile text cannot hang a run.

The two reported hangs (a long credit line, a wiki page of unclosed ``<ref>``), the other inputs that
made a step rescan the text, and every module-level pattern of these modules against adversarial strings
built from its own literal text.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import TypeVar

import pytest

from transforms.ingest import html_articles, normalise, parse, sgml_reuters, wikitext
from transforms.ingest.normalise import CREDITS_LINE, normalise_record, parse_credits, split_credits
from transforms.ingest.parse import detect_format
from transforms.ingest.sgml_reuters import parse_reuters_sgml
from transforms.ingest.wikitext import strip_wikitext
from transforms.nlp.claims import annotations as claims_annotations
from transforms.nlp.claims import build as claims_build
from transforms.nlp.claims import changes as claims_changes
from transforms.nlp.claims import direction as claims_direction
from transforms.nlp.claims import elided as claims_elided
from transforms.nlp.claims import home_currency as claims_home_currency
from transforms.nlp.claims import multiples as claims_multiples
from transforms.nlp.claims import quantities as claims_quantities
from transforms.nlp.claims import ranges as claims_ranges
from transforms.nlp.claims import results_lines as claims_results_lines
from transforms.nlp.claims import tables as claims_tables
from transforms.records import RawRecord

T = TypeVar("T")

# The fixed steps take milliseconds on these inputs and the old ones took minutes: the bound is generous
# for a slow CI machine and still far below a hang.
MAX_SECONDS = 2.0
# One search, match or findall of one pattern over one adversarial string of ADVERSARIAL_CHARS characters.
MAX_SECONDS_PER_CALL = 0.5
ADVERSARIAL_CHARS = 50_000
# A fast inner loop can hide a quadratic under MAX_SECONDS_PER_CALL (the old TAG: 0.26 s at 50k): the
# slowest string must also scale like the text, 5 times the time for 5 times the text, with room for noise.
SCALING_CHARS = 10_000
MAX_SCALING = 10
SCALING_SLACK_SECONDS = 0.05

ROLES = ["Written", "edited", "research", "reporting", "editing", "compiled", "graphics", "photos"]


def timed(call: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def credit_line(parts: int, separator: str) -> str:
    return separator.join(f"{ROLES[i % len(ROLES)]} by Person {i}" for i in range(parts))


@pytest.mark.parametrize("parts", [16, 32])
def test_long_credit_line_with_a_copyright_notice_is_body_text_not_credits(parts):
    # The reported line: 16 parts never finished (12 took 10 s).  "(c)" makes it no credit line.
    line = credit_line(parts, ", ") + ", (c) 2024 Example News"
    record = RawRecord("mem://credits.txt", "", "txt", f"Headline\n\nThe story itself is here.\n{line}")

    article, seconds = timed(lambda: normalise_record(record))

    assert seconds < MAX_SECONDS
    assert isinstance(article, dict), article
    assert CREDITS_LINE.match(line) is None
    assert article["credits"] == []
    assert article["body_text"] == f"The story itself is here.\n{line}"


@pytest.mark.parametrize("parts", [16, 32])
def test_long_credit_line_of_roles_is_read_whole(parts):
    line = "(" + credit_line(parts, "; ") + ")"

    (credits, paragraphs), seconds = timed(lambda: split_credits(["The story.", line]))

    assert seconds < MAX_SECONDS
    assert paragraphs == ["The story."]
    assert [(c.name, c.role) for c in credits[:4]] == [
        ("Person 0", "writer"),
        ("Person 1", "editor"),
        ("Person 2", "reporter"),
        ("Person 3", "reporter"),
    ]
    assert len(credits) == parts
    assert {c.role for c in credits} == {"writer", "editor", "reporter", "contributor"}


def test_many_trailing_credit_lines_and_leading_blank_lines_are_read_once():
    lines = [""] * 100_000 + ["Headline", "", "Body text of the story."] + ["(Editing by Di Eng)"] * 100_000
    record = RawRecord("mem://many.txt", "", "txt", "\n".join(lines))

    article, seconds = timed(lambda: normalise_record(record))

    assert seconds < MAX_SECONDS
    assert isinstance(article, dict), article
    assert article["title"] == "Headline"
    assert article["body_text"] == "Body text of the story."
    assert len(article["credits"]) == 100_000
    assert article["credits"][0] == {"name": "Di Eng", "role": "editor"}


def test_credit_segment_with_a_long_run_of_spaces_and_names():
    names = " and ".join(f"Name{i}" for i in range(5_000))
    line = "Reporting" + " " * 50_000 + "by" + " " * 50_000 + names + " " * 50_000

    credits, seconds = timed(lambda: parse_credits(line))

    assert seconds < MAX_SECONDS
    assert len(credits) == 5_000
    assert credits[-1].name == "Name4999" and credits[-1].role == "reporter"


def test_wikitext_with_80k_unclosed_refs():
    # The reported page: 400 KB of "<ref>" took 129 s.  Unclosed refs are no footnotes: the tags go, the text stays.
    assert len("<ref>" * 80_000) == 400_000

    stripped, seconds = timed(lambda: strip_wikitext("<ref>" * 80_000))
    assert seconds < MAX_SECONDS
    assert stripped == ""

    stripped, seconds = timed(lambda: strip_wikitext("Fact.<ref>" * 80_000))
    assert seconds < MAX_SECONDS
    assert stripped == "Fact." * 80_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A self-closing ref still goes after unclosed ones.
        ("<ref name=a>" * 80_000 + 'Text<ref name="b"/>.', "Text."),
        ("{{" * 100_000 + "}}" * 100_000 + "Text", "Text"),  # nested 100,000 deep: one pass, not 100,000
        ("{|" * 100_000 + "Text", "{|" * 100_000 + "Text"),  # a table never closed may be the story run on: kept
        ("Text [http://x.org " + "a" * 100_000, "Text [http://x.org " + "a" * 100_000),
        ("=" + " " * 100_000 + "Text\n== Heading ==", "= Text\nHeading"),
        ("{" * 100_000 + "Text", "Text"),
        ("Text <b" * 50_000, "Text <b" * 50_000),
    ],
    ids=["refs", "templates", "tables", "external_link", "heading", "braces", "tags"],
)
def test_wikitext_markup_left_open_is_read_once(text, expected):
    stripped, seconds = timed(lambda: strip_wikitext(text))

    assert seconds < MAX_SECONDS
    assert stripped == expected


def test_reuters_story_with_unclosed_elements_and_long_attribute_runs():
    story = (
        '<REUTERS NEWID="1" ' + "a" * 100_000 + "><DATE>26-FEB-1987 15:01:01.79</DATE>"
        "<TOPICS>" + "<D>" * 50_000 + "</TOPICS><PLACES><D>usa</D></PLACES>"
        '<TEXT TYPE="UNPROC"><TITLE>WHEAT</TITLE>Wheat prices rose' + "<TITLE>" * 50_000 + "</TEXT></REUTERS>"
    )

    (record,), seconds = timed(lambda: list(parse_reuters_sgml("mem://reut.sgm", story)))

    assert seconds < MAX_SECONDS
    assert isinstance(record, RawRecord), record
    assert record.record_key == "NEWID=1"
    assert record.topics == ()
    assert record.places == ("usa",)
    assert record.title == "WHEAT"
    assert record.text == "Wheat prices rose"


def test_html_sniffing_with_many_comments():
    # Matched one "<!---->" at a time, a failing sniff tried every grouping of them; 2,048 characters hold 290.
    comments = "<!---->" * 290

    (as_text, as_html), seconds = timed(
        lambda: (detect_format("page.txt", comments + "x"), detect_format("page.txt", comments + "<html>"))
    )

    assert seconds < MAX_SECONDS
    assert (as_text, as_html) == ("txt", "html")


# Every module-level pattern of the modules that read raw text before analysis, and of the claim modules
# this rule reached when they were written (changes, direction, multiples) or since (tables and the home
# currency read whole lines and the whole text).
MODULES = [
    normalise,
    wikitext,
    sgml_reuters,
    html_articles,
    parse,
    claims_changes,
    claims_direction,
    claims_multiples,
    claims_tables,
    claims_home_currency,
]
# And the patterns of the other claim modules that a probe of all of them (at 5,000 characters) found
# rescanning runs of spaces, now bounded: a sentence is as long as the text makes it.  (The whole of those
# modules would take many minutes here: their large alternations make thousands of strings.)
BOUNDED_PATTERNS = {
    claims_annotations: ["NAME_WORD"],
    claims_build: ["RESTATED_BETWEEN_DASHES", "HALF_THE"],
    claims_elided: ["WHOLE_AFTER_PART"],
    claims_quantities: [
        "A_PERIOD",
        "AND_A_HALF",
        "PLUS_MINUS",
        "SCALE_AFTER",
        "INCH_FOLLOWERS",
        "CENTS_AFTER_CURRENCY",
        "RATE_SEPARATOR",
        "OF_GAP",
    ],
    claims_ranges: ["LIST_GAP"],
    claims_results_lines: ["SHARES_LINE"],
}
# Runs that make a pattern try again from each position, alone; the first ones also after each start of
# a match (a piece of the pattern's literal text, or of a string shaped like its match).
FILLERS = [" ", "a", "1", "(", "\n", "by A, ", "A", "=", "{", "<", "*", ",", "-", "\t"]
FILLERS_AFTER_A_START = 6
# Ends every string: no pattern can complete across it, so each one fails after reading the whole run.
FAILING_END = "\x00("
METACHARACTERS = set("[](){}*+?|^$.")
# re's own parser, private, so typeshed has no stub for it: looked up by name, as an untyped module.
RE_PARSER = importlib.import_module("re._parser")


def module_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Public pattern constants, and those in public dicts (private caches fill up as tests run); and the
    bounded ones named."""
    for module in MODULES:
        for name, value in vars(module).items():
            if name.startswith("_"):
                continue
            values = value.items() if isinstance(value, dict) else [(None, value)]
            for key, pattern in values:
                if isinstance(pattern, re.Pattern):
                    yield f"{module.__name__}.{name}" + (f"[{key}]" if key else ""), pattern
    for module, names in BOUNDED_PATTERNS.items():
        for name in names:
            yield f"{module.__name__}.{name}", getattr(module, name)


def literal_fragments(source: str) -> set[str]:
    """The runs of literal text in a pattern's source ("<ref", "{{w|", "reporting "); escapes like \\s end a run."""
    fragments, current, escaped = set(), "", False
    for char in source:
        if escaped and char.isalnum():  # \s, \d, \b: a class or an anchor, not a character
            fragments.add(current)
            current = ""
        elif escaped or char not in METACHARACTERS | {"\\"}:
            current += char
        elif char in METACHARACTERS:
            fragments.add(current)
            current = ""
        escaped = char == "\\" and not escaped
    return {fragment for fragment in fragments | {current} if fragment}


def sample(parsed: list) -> str:
    """A string shaped like what the parsed pattern matches: each repeat once, the first alternative."""
    pieces = []
    for op, argument in parsed:
        kind = str(op)
        if kind == "LITERAL":
            pieces.append(chr(argument))
        elif kind in ("NOT_LITERAL", "ANY"):
            pieces.append("a" if argument != ord("a") else "b")
        elif kind == "IN":
            pieces.append(class_sample(argument))
        elif kind == "BRANCH":
            pieces.append(sample(argument[1][0]))
        elif kind == "SUBPATTERN":
            pieces.append(sample(argument[-1]))
        elif kind == "ATOMIC_GROUP":
            pieces.append(sample(argument))
        elif kind.endswith("_REPEAT"):
            pieces.append(sample(argument[2]) * max(argument[0], 1))
    return "".join(pieces)


def class_sample(items: list) -> str:
    if str(items[0][0]) == "NEGATE":
        excluded = {chr(argument) if str(op) == "LITERAL" else " " for op, argument in items[1:]}
        return next(char for char in " -a1" if char not in excluded)
    op, argument = items[0]
    kind = str(op)
    if kind == "RANGE":
        return chr(argument[0])
    if kind == "CATEGORY":
        return {"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " "}.get(str(argument), "a")
    return chr(argument)


def repeat_bodies(parsed: list) -> Iterator[list]:
    for op, argument in parsed:
        kind = str(op)
        children = []
        if kind.endswith("_REPEAT"):
            yield argument[2]
            children = [argument[2]]
        elif kind == "BRANCH":
            children = argument[1]
        elif kind in ("SUBPATTERN", "ASSERT", "ASSERT_NOT"):
            children = [argument[-1]]
        elif kind == "ATOMIC_GROUP":
            children = [argument]
        for child in children:
            yield from repeat_bodies(child)


def adversarial_strings(pattern: re.Pattern[str], size: int) -> Iterator[str]:
    # re._parser is the parser re itself uses (Python is pinned to 3.11): it gives each repeat's body.
    parsed = RE_PARSER.parse(pattern.pattern, pattern.flags)
    whole = sample(parsed)
    bodies = {sample(body) for body in repeat_bodies(parsed)}
    # A prefix of what matches, then more of one thing: each start gets far before it fails.
    prefixes = {whole[:end] for end in range(1, len(whole) + 1)}
    starts = sorted(literal_fragments(pattern.pattern) | prefixes)
    units = sorted(set(starts) | {body for body in bodies if body} | set(FILLERS))
    for unit in units:
        yield (unit * (size // len(unit) + 1))[:size] + FAILING_END
    for start in starts:
        for filler in FILLERS[:FILLERS_AFTER_A_START]:
            yield start + filler * ((size - len(start)) // len(filler)) + FAILING_END


def slowest_call(pattern: re.Pattern[str], text: str) -> tuple[float, str]:
    times = [(timed(partial(getattr(pattern, method), text))[1], method) for method in ("search", "match", "findall")]
    return max(times)


PATTERNS = dict(module_patterns())


def test_the_linearity_check_covers_the_patterns_that_hung():
    assert {
        "transforms.ingest.normalise.CREDITS_LINE",
        "transforms.ingest.normalise.CREDIT_SEGMENT",
        "transforms.ingest.wikitext.TAG",
        "transforms.ingest.wikitext.HEADING",
        "transforms.ingest.sgml_reuters.ATTRIBUTE",
        "transforms.ingest.parse.HTML_START",
        "transforms.ingest.sgml_reuters.TEXT_ELEMENT_CLOSING[T]",
        # Quadratic on runs of spaces before they were bounded (RESTATED_BETWEEN_DASHES even where it is used,
        # read at one place).
        "transforms.nlp.claims.build.RESTATED_BETWEEN_DASHES",
        "transforms.nlp.claims.results_lines.SHARES_LINE",
        "transforms.nlp.claims.quantities.A_PERIOD",
    } <= set(PATTERNS)
    assert literal_fragments(r"<ref\s*/>|\{\{w\|") == {"<ref", "/>", "{{w|"}


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_adversarial_strings(name):
    pattern = PATTERNS[name]
    slowest = max((*slowest_call(pattern, text), text) for text in adversarial_strings(pattern, ADVERSARIAL_CHARS))
    seconds, method, text = slowest
    assert seconds < MAX_SECONDS_PER_CALL, f"{name}.{method} took {seconds:.2f} s on {text[:40]!r}…"

    # The slowest string, a fifth as long: a quadratic pattern would take 25 times less, not 5.  Best of
    # three runs each, so that a pause of the machine is not taken for the pattern.
    shorter = text[: SCALING_CHARS - len(FAILING_END)] + FAILING_END
    seconds, shorter_seconds = (
        min(timed(partial(getattr(pattern, method), string))[1] for _ in range(3)) for string in (text, shorter)
    )
    assert seconds < MAX_SCALING * shorter_seconds + SCALING_SLACK_SECONDS, (
        f"{name}.{method}: {shorter_seconds:.4f} s for {SCALING_CHARS} characters, {seconds:.4f} s for "
        f"{ADVERSARIAL_CHARS} on {text[:40]!r}…"
    )


def test_the_text_before_each_quote_is_read_from_its_end_only():
    """A paragraph of thousands of quotes: each quote looks at a bounded tail, not the whole paragraph."""
    from transforms.nlp.quotes.quoted import INTERRUPTED_QUOTE, _end_without_trailing_space, _interruption

    paragraph = '"Yes," he said, ' * 25_000  # 400 kB
    started = time.perf_counter()
    for end in range(len(paragraph) - 2000, len(paragraph)):
        end = _end_without_trailing_space(paragraph, 0, end)
        found = _interruption(paragraph, 0, end)
        if end % 97 == 0:  # the whole-string search, on a sample: the same match
            whole = INTERRUPTED_QUOTE.search(paragraph[:end])
            assert (found and found.span()) == (whole and whole.span())
    assert time.perf_counter() - started < 2.0


def test_a_long_gap_between_two_numbers_is_read_once():
    from transforms.nlp.claims.ranges import RANGE_GAP

    started = time.perf_counter()
    assert RANGE_GAP.fullmatch("\u1680" * 50_000) is None
    assert RANGE_GAP.fullmatch(" to ") is not None and RANGE_GAP.fullmatch(" or ") is None
    assert time.perf_counter() - started < 0.5
