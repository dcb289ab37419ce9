"""Amounts whose unit or noun the writer left out, because the sentence already says it:

- an age in commas after a name ("Mr Hague, 43, said") or a person's noun ("the tram driver, 42,"), after
  "aged" ("Britons aged 65") or "the age of": years;
- a number in a list after a count, the noun not repeated ("seven nonstop flights from Miami, two from New
  York"), after the same verb as the count ("SBC employs 163,000 people while AT&T employs 47,000"), or
  after "another" ("5,125 positions would go … Another 1,700 will go", the count in the sentence before):
  that count's noun;
- a number the sentence says is "the number of" something ("raise the number of its weekly flights to 11
  from five"): a count of that thing;
- the level an index went to or from after a change in points ("fell 162.31 points to 7,425.81"): points;
- the old level of a change after "from" ("up at 800,000 tonnes by October 1 from around 130,000"): the unit
  of the level before it;
- a share's price in halves, quarters and eighths in a sentence about stock, shares or trading ("rose 2-1/4 to
  55-7/8"): dollars;
- a part and its whole, both bare ("only five of the 37 have been discovered", "Yates was 7 of 16"), and a
  bare number that is a clause's subject ("more than 50 were taken to hospital"): counts of the thing the
  sentence is about, which they do not name: what a count just before counted, if any.

Read from the words alone, so both pipelines find the same.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from transforms.nlp.claims.annotations import (
    LEXICAL_PHRASE_WORDS,
    Annotations,
    looks_plural,
    phrase_after,
    sentence_at,
    starts_sentence,
    token_at,
    words_from,
)
from transforms.nlp.claims.claim import Claim
from transforms.nlp.claims.clauses import doer_before
from transforms.nlp.claims.direction import END_BEFORE
from transforms.nlp.claims.lexicon import (
    CASUALTY_VERBS,
    DETERMINERS,
    FUNCTION_WORDS,
    MONTHS,
    PERSON_NOUNS,
    SMALL_NUMBERS,
    TENS,
    WEEKDAYS,
    alternation,
)
from transforms.nlp.claims.phrases import is_adverb
from transforms.nlp.claims.quantities import ANOTHER_BEFORE, Quantity, is_year, text_before
from transforms.nlp.doc_cache import doc_text

# An age: a whole number a person can be, in commas right after a capitalised name ("Hague, 43,").
AGE_RANGE = (1, 120)
NAME_BEFORE_AGE = re.compile(r"\b[A-Z][a-z]+,\s$")
AGE_AFTER = re.compile(r",(?=\s)|[ \t]{1,3}of[ \t]{1,3}(?=[A-Z])")  # "Hague, 43, said", "Michael Neu, 67 of Slidell"
# A person named by what they are, in commas before an age ("the tram driver, 42,", "his wife, 38,").
PERSON_NOUN_BEFORE_AGE = re.compile(
    rf"\b(?i:the|a|an|his|her|their)\s(?P<who>(?:[a-z-]+\s)?(?:{alternation(PERSON_NOUNS)})),\s$"
)
# Words that open a sentence before a comma and are no one's name ("However, 43, …" is not an age).
SENTENCE_ADVERBS = frozenset(
    """
however meanwhile overall separately instead still today yesterday now also then thus finally again indeed
besides moreover furthermore nevertheless nonetheless otherwise similarly likewise elsewhere here there
earlier later recently currently previously additionally altogether initially ultimately so yet and but or
""".split()
)
# An age after "aged" or "ages" ("Britons aged 65 or over", "a man aged about 40", "her children, ages 7 and
# 10"), with the word for who is that age.
AGED_BEFORE = re.compile(
    r"(?:\b(?P<who>[A-Za-z]+)\s+)?\b(?i:aged|ages)\s+(?:(?i:about|around|over|under|between)\s+)?"
    r"(?:\d{1,3}(?:,[ \t]{1,3}(?:(?i:and|or)[ \t]{1,3})?|[ \t]{1,3}(?i:and|or|to)[ \t]{1,3})){0,3}$"
)
# "at the age of 71"; "died at 77", "when she was just 15": a person's age where the words say whose.
AGE_OF_BEFORE = re.compile(r"\b(?:(?i:age)\s+of|(?i:die[sd]?|dying)\s+at)\s+$")
NAME_AFTER = re.compile(r"[ \t]{1,3}[A-Z]")
# What ends an age after "he was" ('when she was just 15.', '… 15 when'), not a score or a rank ('He was 5
# under par', 'He was 1 of 12 children', 'He was 3 for 3').
AGE_ENDS_CLAUSE = re.compile(r"[ \t]{0,3}(?:[,.;:!?)]|$)|[ \t]{1,3}(?i:when|and|but|years?)\b")
# ('he was one of them' is no age: after "was" only figures are.)
WAS_AGE_BEFORE = re.compile(r"\b(?:(?i:he|she)|I)\s+(?:was|is)\s+(?:just\s+|only\s+)?$")
# What may follow a number whose noun is left out in a list: a preposition, or the end of the item.
ELLIPSIS_AFTER = re.compile(
    r"[ \t]{0,8}(?:[,;.)]|(?<=[ \t])(?P<preposition>from|in|at|for|on|to|of|with|and|or|while)\b[ \t]{0,8})"
)
ELLIPSIS_BEFORE = re.compile(r"(?:,|\band|\bor|\bwhile|\bbut)\s+(?:(?:another|about|some|only|just)\s+)?$")
# The word right before a number: a verb repeated from the count before ("employs … employs 47,000").
WORD_BEFORE = re.compile(r"\b(?P<word>[a-z]{3,})\s+$")
# "and" right before the verb before a number ("… and wounding 120"); the verbs a toll is counted with, whose
# second number counts the people the first did ("killing nine guests and wounding 35").
AND_VERB_BEFORE = re.compile(r"\band\s+[a-z]{3,}\s+$")
# What introduces an index level after its change ("to 7,425.81", "from a record 7,500").
LEVEL_BEFORE = re.compile(r"\b(?:to|from|at)\s+(?:(?:a\s+)?(?:record|new|high|low|about|around)\s+)?$")
# How far apart in size two ends of one change may be: the writer's unit left out is the same unit.
SAME_ORDER = 20.0
# A part of a whole, the whole a bare number ("five of the 37", "seven out of 16"); not "one of" (a rank: "one
# of the 12 biggest").
PART_OF = r"\s{1,4}(?:out\s{1,4})?of\s{1,4}(?:(?:the|these|those|its|their|our|his|her)\s{1,4})?"
WHOLE_AFTER_PART = re.compile(
    rf"{PART_OF}(?:\d[\d,]*(?:\.\d+)?|(?i:{alternation([*SMALL_NUMBERS, *TENS])}))\b(?![.,]?\d)", re.IGNORECASE
)
# A verb right after a bare number, which makes the number its subject ("50 were taken", "16 who were").
SUBJECT_VERB_AFTER = re.compile(
    r"[ \t]{1,3}(?:who[ \t]{1,3})?(?:were|are|was|is|have|has|had|will|would|could|can|may|might|remain|remained|died|"
    r"lie|lay|live|lived)\b"
)
SUBJECT_AUXILIARIES = frozenset("who were are was is have has had been being will would could can may might".split())
# Where the predicate of such a number ends, and how far it is read.
CLAUSE_END = re.compile(r"[,;.:!?()]|\s(?:and|but|while|as|after|before|when)\s")
PREDICATE_CHARS = 60
NOT_A_COUNTED_SUBJECT_BEFORE = re.compile(r"(?:\b(?i:the|these|those|all|both)|\b[A-Z][\w'’-]{0,30})\s{1,3}$")
# "the number of X": the phrase after it is what a bare number of the sentence counts.
NUMBER_OF = re.compile(r"\b(?i:the)\s+(?P<number_of>(?i:number\s+of)\s+(?:(?:its|their|his|her|the)\s+)?)")

# A price written in the halves, quarters and eighths stock prices were quoted in ("55-7/8", "3/8").
EIGHTHS = re.compile(r"(?:^|[\s-])\d/(?:2|4|8)$")
NOT_A_PRICE_AFTER = re.compile(r"\s{1,3}(?i:of|points?|pct|percent|percentage)\b")
# How far either side of a figure the words saying it is a share's price are looked for.
PRICE_WORDS_CHARS = 120
STOCK_WORDS = re.compile(r"\b(?i:stock|stocks|shares?|trading|traded)\b")
BOND_WORDS = re.compile(r"\b(?i:bonds?|notes?|yields?|yielding|coupon|debentures?|pct|percent)\b|%")
# The model's labels of places, which are nobody's age ('has died in Bath aged 94').
PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))
# An age's name is read back over at most this many capitalised words.
NAME_WORDS_BEFORE_AGE = 4


def supply_elided_unit(doc: Doc, quantity: Quantity, claims: list[Claim], annotations: Annotations) -> str | None:
    """Give a bare number the unit its sentence leaves out; returns what it measures ("Hague's age",
    "nonstop flights from New York", "number of its weekly flights"; "" when the sentence's other claims say
    it), None when no unit was found."""
    text = doc_text(doc)
    if quantity.kind is not None or quantity.fraction or quantity.vague or is_year(text, quantity):
        return None  # "since 1997" after "the number of drivers" is a year, not a count
    sentence = sentence_at(doc, quantity.number_start, annotations)
    if sentence is None:
        return None
    if quantity.value != int(quantity.value):
        level = _index_level(text, quantity, claims, sentence.start_char)  # "to 7,425.81": never a whole count
        if level is not None:
            quantity.kind, quantity.unit = "points", level[0]
        return None if level is None else level[1]
    name = _named_before_age(doc, text, quantity)
    if name is not None:
        quantity.kind, quantity.unit = "duration", "year"
        return f"{name}'s age"
    before_text = text_before(text, quantity.start)
    if (aged := AGED_BEFORE.search(before_text)) is not None and quantity.value <= AGE_RANGE[1]:
        quantity.kind, quantity.unit = "duration", "year"  # "Britons aged 65 or over": an age, in years
        who = aged.group("who")
        # ('the team for ages 40 and over': no one is "for"; 'has died in Bath aged 94', 'losing both hands
        # aged 12': a place or a thing before "aged" is not whose age it is, people are: 'Britons aged 65')
        before_aged = token_at(doc, quantity.start - len(before_text) + aged.start("who")) if who else None
        place = before_aged is not None and (
            before_aged.ent_type_ in PLACE_LABELS
            or (
                before_aged.is_title
                and before_aged.i > 0
                and doc[before_aged.i - 1].lower_ in ("in", "at", "near", "from")
            )
        )
        return f"age of {who}" if who and not place and who.lower() not in FUNCTION_WORDS - DETERMINERS else "age"
    before = before_text
    was = WAS_AGE_BEFORE.search(before) is not None and text[quantity.number_start].isdigit()
    # ('died at 10 Downing Street': a number before a name is an address.)
    said_as_age = (AGE_OF_BEFORE.search(before) and not NAME_AFTER.match(text, quantity.end)) or (
        was and AGE_ENDS_CLAUSE.match(text, quantity.end)
    )
    if said_as_age and AGE_RANGE[0] <= quantity.value <= AGE_RANGE[1]:
        quantity.kind, quantity.unit = "duration", "year"  # "has died at the age of 71"
        return "age"
    other_end = _other_end_of_change(text, quantity, claims, sentence.start_char)
    if other_end is not None:
        quantity.kind, quantity.unit, quantity.currency = other_end.quantity_kind, other_end.unit, other_end.currency
        return ""
    found = (
        _listed_count(doc, text, quantity, claims, sentence.start_char, annotations)
        or _number_of(doc, text, quantity, sentence.start_char)
        or _index_level(text, quantity, claims, sentence.start_char)
    )
    if found is None:
        if _part_or_whole(text, quantity, claims):
            quantity.kind = "count"
            quantity.unit = _noun_counted_before(doc, quantity, claims, sentence.start_char, annotations)
            return ""
        if _counted_subject(text, quantity):
            quantity.kind = "count"
            quantity.unit = _noun_counted_before(doc, quantity, claims, sentence.start_char, annotations)
            # '16 were walking wounded': people walking wounded
            return "" if quantity.unit is None else f"{quantity.unit} {_what_the_subject_did(text, quantity.end)}"
        return None
    quantity.kind, quantity.unit = "count", found[0]
    return found[1]


def mark_price_in_eighths(doc: Doc, quantity: Quantity, annotations: Annotations) -> None:
    """'Penn Central rose 2-1/4 to 55-7/8 on 538,000 shares', 'Its stock is trading at 34-1/4': a share's price
    quoted in halves, quarters and eighths (as Wall Street did) is in dollars, so marked; not a part "of"
    something or a fraction of a unit after it ("1/2 point"), nor near a bond's price or a yield (a share of
    face value).  Stock and bond words are looked for in the sentence near the figure, so a long run of prices
    costs no rescan of its whole sentence for each."""
    text = doc_text(doc)
    if quantity.kind is not None or EIGHTHS.search(text[quantity.number_start : quantity.number_end]) is None:
        return
    if NOT_A_PRICE_AFTER.match(text, quantity.end):
        return  # "3/4 of the stock", "1/2 point"
    sentence = sentence_at(doc, quantity.number_start, annotations)
    start = max(quantity.start - PRICE_WORDS_CHARS, sentence.start_char if sentence is not None else 0)
    end = min(quantity.end + PRICE_WORDS_CHARS, sentence.end_char if sentence is not None else len(text))
    near = text[start:end]
    if STOCK_WORDS.search(near) is None or BOND_WORDS.search(near) is not None:
        return
    quantity.kind, quantity.unit, quantity.currency = "money", "USD", "USD"


def _other_end_of_change(text: str, quantity: Quantity, claims: list[Claim], sentence_start: int) -> Claim | None:
    """'stocks up at 800,000 tonnes by October 1 from around 130,000', '700,000 people … up from 440,000': the
    other end of a change, in the unit (or of the things counted) of the level before it in the sentence,
    which the writer does not repeat (of the same order of size)."""
    end = END_BEFORE.search(text_before(text, quantity.start))  # "from (around) …", "compared with …"
    if end is None or not end.group("end").lower().startswith(("from", "compared")):
        return None
    before = [c for c in claims if sentence_start <= c.start < quantity.start and c.value]
    if not before or not (
        before[-1].quantity_kind in ("money", "measure") or (before[-1].quantity_kind == "count" and before[-1].unit)
    ):
        return None
    last = before[-1]
    ratio = quantity.value / last.value if last.value else 0
    return last if 1 / SAME_ORDER <= ratio <= SAME_ORDER else None


def _counted_subject(text: str, quantity: Quantity) -> bool:
    """'more than 50 were taken to hospital', 'three were having surgery', '16 who were walking wounded': a
    whole number that is a clause's subject, the things it counts named before."""
    return (
        quantity.value >= 2
        and quantity.value == int(quantity.value)
        and not text[quantity.number_start].startswith("0")
        and SUBJECT_VERB_AFTER.match(text, quantity.end) is not None
        # 'the two were', 'Half-Life 2 had', 'April 2 had': a pronoun, a name's number, a date
        and NOT_A_COUNTED_SUBJECT_BEFORE.search(text_before(text, quantity.start)) is None
    )


def _what_the_subject_did(text: str, end: int) -> str:
    """The predicate after a number that is a clause's subject, to the clause's end, without its auxiliaries:
    'were taken to hospital' → 'taken to hospital'."""
    predicate = CLAUSE_END.split(text[end : end + PREDICATE_CHARS], maxsplit=1)[0]
    return " ".join(word for word in predicate.split() if word.lower() not in SUBJECT_AUXILIARIES)


def _part_or_whole(text: str, quantity: Quantity, claims: list[Claim]) -> bool:
    """'only five of the 37', 'completing seven out of 16 attempts': a whole number of a whole given as a number
    (the part), or that whole after such a part."""
    if quantity.value < 2 or quantity.value != int(quantity.value):
        return False
    if WHOLE_AFTER_PART.match(text, quantity.end):
        return True
    part = claims[-1] if claims else None
    return (
        part is not None
        and part.quantity_kind == "count"
        and part.value is not None
        and part.value >= 2
        and re.fullmatch(PART_OF, text[part.end : quantity.start], re.IGNORECASE) is not None
    )


def _named_before_age(doc: Doc, text: str, quantity: Quantity) -> str | None:
    low, high = AGE_RANGE
    after = AGE_AFTER.match(text, quantity.end)
    if not (low <= quantity.value <= high) or after is None:
        return None
    if after.group() != "," and not text[quantity.number_start].isdigit():
        return None  # 'Ubisoft, one of the biggest': a part, not an age written in figures before a place
    before = text_before(text, quantity.start)
    if (person := PERSON_NOUN_BEFORE_AGE.search(before)) is not None:
        return person.group("who")  # 'The tram driver, 42, from Beckenham'
    if not NAME_BEFORE_AGE.search(before):
        return None
    name = doc.char_span(quantity.start - 3, quantity.start - 2, alignment_mode="expand")  # before ", "
    if name is None or name[0].lower_ in MONTHS | WEEKDAYS:
        return None  # 'In March, 43, …' is a date's comma
    opener = name[0]
    # 'Morientes, 28, has …' opens with a name; 'However, 43, …', 'Typically, 30, …' with no one, nor, where
    # the tagger says so, 'Officials, 45, agreed'.
    if starts_sentence(opener) and (
        opener.lower_ in SENTENCE_ADVERBS
        or is_adverb(opener)
        or (opener.pos_ not in ("", "PROPN") and opener.ent_type_ != "PERSON")
    ):
        return None
    first = name[0].i
    while (
        first > 0
        and name[0].i - first < NAME_WORDS_BEFORE_AGE
        and doc[first - 1].is_title
        and doc[first - 1].lower_ not in DETERMINERS
    ):
        first -= 1  # the whole name: 'Robert James Alcorn, 37'
    return text[doc[first].idx : name[0].idx + len(name[0])]


def _listed_count(
    doc: Doc, text: str, quantity: Quantity, claims: list[Claim], sentence_start: int, annotations: Annotations
) -> tuple[str, str] | None:
    """(the noun, what is counted) of 'two' in 'seven nonstop flights from Miami, two from New York'."""
    before = text_before(text, quantity.start)
    if ANOTHER_BEFORE.search(before):
        noun = _noun_counted_before(doc, quantity, claims, sentence_start, annotations)
        return None if noun is None else (noun, noun)
    counts = [c for c in claims if c.quantity_kind == "count" and sentence_start <= c.start < quantity.start]
    if not counts or counts[-1].unit is None:
        return None
    if not ELLIPSIS_BEFORE.search(before) and not _same_verb_before(text, counts[-1], before):
        return None
    after = ELLIPSIS_AFTER.match(text, quantity.end)
    if after is None:
        return None
    which = phrase_after(doc, after.end()) if after.group("preposition") else None
    noun = counts[-1].unit
    if which is None:
        # 'SBC employs 163,000 people while AT&T employs 47,000': who has them (people AT&T employs)
        doer = doer_before(doc, quantity.start, pronoun_subjects=False)
        return noun, noun if doer is None else f"{noun} {doer}"
    return noun, f"{noun}{text[quantity.end : which.end_char]}"


def _noun_counted_before(
    doc: Doc, quantity: Quantity, claims: list[Claim], sentence_start: int, annotations: Annotations
) -> str | None:
    """What the last count before ``quantity``, in its sentence or the one before, counted (None if none)."""
    since = _start_of_sentence_before(doc, sentence_start, annotations)
    counts = [c for c in claims if c.quantity_kind == "count" and since <= c.start < quantity.start]
    return counts[-1].unit if counts else None


def _start_of_sentence_before(doc: Doc, sentence_start: int, annotations: Annotations) -> int:
    """Where the sentence before the one starting at ``sentence_start`` starts (that start, when none)."""
    first = token_at(doc, sentence_start)
    if first is None or first.i == 0 or not annotations.sentences:
        return sentence_start
    return doc[first.i - 1].sent.start_char


def _same_verb_before(text: str, count: Claim, before: str) -> bool:
    """'employs 163,000 people while AT&T employs 47,000': the word before the number is the one before the
    count; 'killing nine guests and wounding 35', 'killed 12 soldiers and injured 40': a toll's second verb,
    joined to the first by "and"."""
    here = WORD_BEFORE.search(before)
    there = WORD_BEFORE.search(text_before(text, count.start))
    if here is None or there is None:
        return False
    if here.group("word") == there.group("word"):
        return True
    return (
        AND_VERB_BEFORE.search(before) is not None
        and here.group("word") in CASUALTY_VERBS
        and there.group("word") in CASUALTY_VERBS
    )


def _index_level(text: str, quantity: Quantity, claims: list[Claim], sentence_start: int) -> tuple[str, str] | None:
    """'fell 162.31 points to 7,425.81': the level after "to"/"from"/"at" is in the points of the change."""
    in_points = [c for c in claims if c.quantity_kind == "points" and sentence_start <= c.start < quantity.start]
    if not in_points or not LEVEL_BEFORE.search(text_before(text, quantity.start)):
        return None
    return "points", ""


def _number_of(doc: Doc, text: str, quantity: Quantity, sentence_start: int) -> tuple[str, str] | None:
    """(the noun, "number of …") of '11' in 'raise the number of its weekly flights to 11'."""
    found = [m for m in NUMBER_OF.finditer(text, sentence_start, quantity.start)]
    if not found:
        return None
    first = token_at(doc, found[-1].end())
    if first is None:
        return None
    # The words up to the first plural ("weekly roundtrip flights"): what is counted.
    for token in doc[first.i : first.i + LEXICAL_PHRASE_WORDS]:
        if not token.is_alpha:
            return None
        if looks_plural(token):
            noun = words_from(doc, first.i, token.i)
            return noun.lower(), text[found[-1].start("number_of") : token.idx + len(token)]
    return None
