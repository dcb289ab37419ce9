"""From a quantity to a claim: drop numbers inside names and dates, say what kind of thing the quantity is
(a counted noun, a share "of" something), and read its subject and time from the doc around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from transforms.nlp.claims.annotations import (
    DATE_PHRASE,
    LEXICAL_PHRASE_WORDS,
    Annotations,
    looks_past_participle,
    looks_plural,
    phrase_after,
    phrase_start_before,
    plural_phrase,
    sentence_at,
    starts_compound,
    starts_sentence,
    token_at,
    words_from,
)
from transforms.nlp.claims.claim import Claim
from transforms.nlp.claims.clauses import doer_before, relative_clause_end, share_predicate
from transforms.nlp.claims.lexicon import (
    CASUALTY_VERBS,
    CHANGE_WORD_SET,
    COLLECTIVE_COUNT_NOUNS,
    COMMON_VERBS,
    DETERMINERS,
    FUNCTION_WORDS,
    HALF_OF_DETERMINERS,
    IRREGULAR_PLURALS,
    METRE_EVENT_WORDS,
    MONEY_WORDS,
    MONTHS,
    NAME_ENTITY_TYPES,
    OF_WHAT_ALIASES,
    ORDINAL_WORDS,
    PERSON_NOUNS,
    PLURAL_ONLY_PERIODS,
    POINT_UNITS,
    POSSESSIVES,
    REPORTING_VERBS,
    SMALL_NUMBERS,
    TENS,
    TIME_ADVERBS,
    TIME_PREPOSITIONS,
    UNIT_WORDS,
    alternation,
)
from transforms.nlp.claims.measured import COPULAS, what_is_measured
from transforms.nlp.claims.phrases import (
    index_after,
    plain_phrase_after,
    plain_phrase_after_char,
    which_end,
    with_of_phrase,
)
from transforms.nlp.claims.quantities import Quantity, is_year, read_quantities, text_before
from transforms.nlp.claims.results_lines import is_results_line
from transforms.nlp.doc_cache import doc_ents, doc_noun_chunk_at, doc_noun_chunks, doc_text, doc_tokens

# A share is a claim only with "of" right after it (" of ", give or take a space): read no further.
FRACTION_OF_CHARS = 8
# A change verb before a share: "fell by half", "cut its workforce by a third", "rose nearly a quarter".
RATE_DENOMINATOR_BEFORE = re.compile(r"\b(?i:per)\s+$")
# A preposition that makes "one season" or "one night" an amount ('for one season'), not a time ('One night in June').
PERIOD_PREPOSITION_BEFORE = re.compile(r"\b(?i:for|over|after|within|of)[ \t]{1,3}(?:(?i:just|only)[ \t]{1,3})?$")
# A share restated between spaced dashes right after it ("two thirds - 65% - of"), its whole after them.
RESTATED_BETWEEN_DASHES = re.compile(r"[ \t]{1,3}[-–—][ \t]{1,3}[^-–—\n]{1,24}?[ \t]{1,3}[-–—](?=[ \t]{1,3}of[ \t])")
CHANGED_BY_FRACTION = re.compile(
    rf"\b(?i:{alternation(CHANGE_WORD_SET)})(?:\s+[\w'’-]+){{0,4}}?\s+(?i:by)\s+(?:(?i:nearly|almost|about|roughly)\s+)?$"
    rf"|\b(?i:{alternation(CHANGE_WORD_SET)})\s+(?:(?i:nearly|almost|about|roughly|more\s+than)\s+)?$"
)
# Before a number with no unit and nothing counted: the words that make it a level or a change all the same.
BARE_LEVEL_OR_CHANGE_BEFORE = re.compile(
    rf"(?:\b(?i:{alternation(CHANGE_WORD_SET)})(?:\s+[\w'’.,/%-]+){{0,3}}?\s+(?i:to|by|from|at)"
    rf"|\b(?i:{alternation(CHANGE_WORD_SET)})"
    # 'closed at 1,203.3', 'closed on Monday at 181.37': a market's level, when it is set at a figure.
    r"|\b(?i:trading|traded|trades|closed|closing|opened|opening|ended|finished|stood|stands|quoted|priced)"
    r"(?:\s+(?i:on|last|this)\s+[A-Za-z]+)?\s+(?i:at)"
    # 'the index's base value of 100.00', 'the year ago figure of 195,852': a level named as one; 'registrations
    # totalled 190,175': a total.
    r"|\b(?i:value|level|figure)\s+(?i:of)"
    r"|\b(?i:totalled|totaled|totalling|totaling|totals)"
    r"|\b(?i:plus|minus)"
    # 'from 131.32 to 424.81': the end a change went to from a figure named just before.
    r"|\b(?i:from)\s{1,3}\d[\d,]*(?:\.\d+)?\s{1,3}(?i:to))"
    # 'fell to about 690,000': a hedge before the figure leaves it the level or change it was
    r"(?:\s+(?i:about|around|nearly|almost|roughly|some|approximately|just|only))?\s+$"
)
# A results table's comparison of two figures, and a figure written with its thousands set apart ('7,125,000').
VERSUS_AFTER = re.compile(r"[ \t]{1,3}(?i:vs\.?|versus)[ \t]")
# ('Oper net loss 77,000 vs profit 285,000': a profit or loss named again after "vs".)
VERSUS_BEFORE = re.compile(r"\b(?i:vs\.?|versus)[ \t]{1,3}(?:(?i:profit|loss)[ \t]{1,3})?$")
THOUSANDS_WRITTEN = re.compile(r"\d{1,3}(?:,\d{3})+")
# What follows a distance that names a race: a word, or the end of the phrase.
RACE_AFTER = re.compile(r"(?:[ \t]{1,3}(?P<word>[A-Za-z-]+)|[ \t]{0,3}(?:[.,;:!?)]|$))")
RACE_WORDS = METRE_EVENT_WORDS | frozenset(
    "hurdles final heat race relay sprint semifinal semi-final event title record champion champions medal "
    "gold silver bronze winner world".split()
)
# Whose race a distance with nothing after it names ("the men's 1500m", "the women's 400m").
RACE_OF_BEFORE = re.compile(r"\b(?i:men['’]s|women['’]s|boys['’]|girls['’])\s{1,3}$")
THE_BEFORE = re.compile(r"\b(?i:the)\s{1,3}$")
# Adjectives that name people when "the" goes before them ("five of the dead", "two of the injured"), and the
# verbs that can follow such a phrase as its subject's, read without a parse ("five of the dead were …").
PEOPLE_NAMED_BY_ADJECTIVE = frozenset("dead injured wounded missing living sick elderly homeless unemployed".split())
VERBS_AFTER_A_SUBJECT = frozenset("were was are is had have remain remained".split())
# Words for kinds or groups of things, counted with what they are "of" ("seven sets of sanctions").
PARTITIVE_NOUNS = frozenset("sets forms kinds types sorts pairs pieces series rounds categories groups".split())
# The word a number is hyphened to ("three-judge"), looked for this far after the hyphen.
HYPHENED_WORD_CHARS = 40
# Words that stress a following "one" as a number ('only one goal', 'just one video').
STRESSING_COMPARATORS = frozenset(("at_least", "more_than", "at_most", "less_than"))
ONE_STRESSED_BEFORE = re.compile(r"\b(?i:only|just|exactly|merely|single)\s+$")
# "one" among other counts joined by "and" ('six men and one woman', 'one female and three male'; not the
# alternatives of 'one click or one e-mail away').
_COUNT_WORD = rf"(?:\d[\d,.]{{0,15}}|(?i:{alternation(SMALL_NUMBERS)}|{alternation(TENS)}))"
# (Spaces are bounded: read on a short window, a pattern must still not rescan a long run of blanks.)
ONE_AFTER_A_COUNT = re.compile(
    rf"\b{_COUNT_WORD}[ \t]{{1,3}}(?:[A-Za-z-]{{1,30}}[ \t]{{1,3}}){{0,3}}(?i:and)[ \t]{{1,3}}$"
)
ONE_BEFORE_A_COUNT = re.compile(
    rf"[ \t]{{1,3}}(?:[A-Za-z-]{{1,30}}[ \t]{{1,3}}){{1,3}}(?i:and)[ \t]{{1,3}}{_COUNT_WORD}\b"
)
# "one" counting who was killed or hurt ('One person died', 'injuring one person').
ONE_HURT_BEFORE = re.compile(rf"\b(?i:{alternation(CASUALTY_VERBS)})[ \t]{{1,3}}(?:(?i:at\s+least)[ \t]{{1,3}})?$")
ONE_HURT_AFTER = re.compile(
    rf"[ \t]{{1,3}}(?i:{alternation(PERSON_NOUNS | {'person', 'child', 'civilian', 'pedestrian'})})[ \t]{{1,3}}"
    r"(?:(?i:was|has\s+been|had\s+been|is)[ \t]{1,3})?(?:(?i:reportedly|later|also)[ \t]{1,3})?"
    rf"(?i:{alternation(CASUALTY_VERBS | {'died', 'dead', 'treated', 'hospitalised', 'hospitalized'})})\b"
)
# A "one" that introduces someone who speaks ('and one official said'), or none at all ('not one person').
ONE_WHO_SPEAKS_AFTER = re.compile(
    r"[ \t]{1,3}[A-Za-z-]{1,30}[ \t]{1,3}(?i:said|says|told|tells|added|adds|say|noted|warned)\b"
)
NOT_ONE_BEFORE = re.compile(r"\b(?i:not|no)[ \t]{1,3}$")
# Dependencies of a noun: a word the parser gives one of these is used as a noun, whatever its tag.
NOMINAL_DEPS = frozenset(("pobj", "dobj", "nsubj", "nsubjpass", "conj", "appos", "attr"))
# "half the nation's output": the whole after "half" without "of".
HALF_THE = re.compile(rf"\s{{1,4}}(?=(?i:{alternation(HALF_OF_DETERMINERS)})\b)")
# "the" or whose before an amount a share is of ("two thirds of the $6 billion"), and how far the amount may run.
AMOUNT_DETERMINER = re.compile(r"(?i:the|its|their|his|her|this|that)[ \t]{1,3}")
AMOUNT_WHOLE_CHARS = 40
# Where "of" after a percent or share is looked for: any spacing before it, without slicing the rest of the article.
OF_PHRASE_CHARS = 80
# A date further into the clause than this (in tokens) belongs to something else, not to the claim.
TIME_TEXT_TOKENS = 12


def build_claim(doc: Doc, quantity: Quantity, annotations: Annotations) -> Claim | None:
    """The claim a quantity makes, or None when it measures nothing (a year, a label, a number in a name)."""
    text = doc_text(doc)
    has_unit = quantity.kind is not None
    names_allowed = has_unit and quantity.kind in ("percent", "percentage_points", "money", "measure")
    if _is_part_of_name_or_date(doc, quantity, has_unit, names_allowed, annotations):
        return None
    if RATE_DENOMINATOR_BEFORE.search(text_before(text, quantity.start)):
        return None  # "80mg of alcohol per 100ml of blood": the rate's measure, no claim of its own
    if _names_a_race(text, quantity):
        return None  # "the men's 1500m", "the 60m hurdles", "Olympic 10,000m champion": an event's name
    singular = not text[: quantity.end].endswith("s")
    period_adjective = "-" in text[quantity.number_end : quantity.end]  # 'a 10-night cruise', 'a three-night stay'
    if (
        quantity.unit in PLURAL_ONLY_PERIODS
        and singular
        and not period_adjective
        and (quantity.value != 1 or not PERIOD_PREPOSITION_BEFORE.search(text_before(text, quantity.start)))
    ):
        return None  # 'the 2004 season', 'a 0-16 season': a label or a record; 'One night in June': when
    if (
        quantity.fraction
        and quantity.kind == "duration"
        and singular
        and ORDINAL_WORDS & set(text[quantity.start : quantity.end].lower().split())
    ):
        return None  # 'a third week of protests': an ordinal before a period, no third of one
    start, end = quantity.start, quantity.end
    kind, unit, currency = quantity.kind, quantity.unit, quantity.currency
    of_what = None
    counted = None
    which = end  # where the words saying which part of a whole end
    if kind is None and (quantity.fraction or 0 < quantity.value < 1):
        kind = "number"
        if quantity.fraction:
            unit = "fraction"  # "a third", "half": a part of the whole it is of
        # "more than half the nation's output": after a comparator, "half" takes its whole without "of"
        # ("half the time" alone is an idiom).
        whole_without_of = quantity.comparator is not None and HALF_THE.match(text, end) is not None
        # "Nearly two thirds - 65% - of the 1,000 people": the same share restated between dashes before "of".
        aside = RESTATED_BETWEEN_DASHES.match(text, end)
        of_from = aside.end() if aside is not None else end
        if re.match(r"\s+of\s+", text[of_from : of_from + FRACTION_OF_CHARS]) or whole_without_of:
            of_what, of_end, which = _of_what(doc, of_from, annotations, whole_without_of=whole_without_of)
            if of_what is None:
                return None
            end = end if aside is not None else of_end
        elif not (
            quantity.fraction
            and (CHANGED_BY_FRACTION.search(text_before(text, start)) or share_predicate(doc, start, end))
        ):
            # A share is a claim "of" something, as the size of a change ("fell by half"), or as the part
            # that did or said something ("nearly a quarter said they struggled").
            return None
    elif kind is None:
        counted = _counted_noun(doc, end, quantity, annotations)
        if counted is None and (hyphened := _hyphened_count(doc, end, quantity, annotations)) is not None:
            counted, described = hyphened
            of_what = with_of_phrase(doc, described) if described is not None else None
        if counted is None and (quantity.scale or 0) >= 1e6 and not quantity.vague:
            # '2.4 billion were fired off', 'sales passed 167 million': an amount in millions counts what its
            # sentence is about, unnamed here, and is never a year or a label.
            kind = "count"
        elif counted is None:
            if not (
                BARE_LEVEL_OR_CHANGE_BEFORE.search(text_before(text, quantity.number_start))
                or _compared_in_a_table(text, quantity)
            ):
                return None
            if re.match(r"[ \t]+[A-Z]", text[end : end + 3]):
                return None  # 'moved to 10 Downing Street': a number before a name (on its line) is part of it
            # 'rose 2-1/4 to 55-7/8', 'closed at 1,203.3', 'a balance of plus 3': a level or a change in the
            # units of whatever the sentence measures (a share price, an index, a balance), which it leaves unsaid.
            kind = "number"
        else:
            kind, unit = "count", counted.text.lower()
    if kind == "count" and counted is not None:
        if unit in MONEY_WORDS and MONEY_WORDS[unit] != "DEM":
            kind, unit = "money", MONEY_WORDS[unit]  # "millions of dollars"
            currency = unit
        if quantity.vague or not re.match(r"\s+(?:out\s+)?of\s", text[end : end + 8]):
            end = counted.end_char  # the surface holds the noun, unless a part of a whole ('nine of our 11 …')
        if unit in POINT_UNITS:
            kind, unit = "points", "points"  # "fell 162.31 points": an index's points, not things counted
        if kind != "count":
            counted = None
    if kind in ("percent", "percentage_points"):
        of_what, end, which = _of_what(doc, end, annotations)
    measured = of_what or what_is_measured(doc, start, end, kind, counted)
    if measured is None and unit == "fraction" and quantity.kind == "number":
        # 'one in 10,000 consoles in Europe': a share of the things counted after it, with what says which.
        counted_after = plain_phrase_after_char(doc, end + 1, determiners=False) if text[end : end + 1] == " " else None
        if counted_after is not None:
            which = which_end(doc, counted_after)
            measured = text[counted_after.start_char : which]
    # A share that is the subject of a clause is the part that did or said it ('60% of UK households have gone
    # digital', 'Of these, 83% were happy'), after what says which of the whole ('the 1,000 people interviewed').
    is_share = kind == "percent" or quantity.fraction
    predicate = share_predicate(doc, start, max(end, which)) if is_share else None
    if predicate is not None:
        measured = f"{measured} {predicate}" if measured else predicate
    elif (
        is_share
        and of_what is not None
        and _object_of_a_verb(doc, start, end, annotations)
        and (doer := doer_before(doc, start, pronoun_subjects=False)) is not None
    ):
        # 'The Lagardere group owns 30% of EADS', 'each company owns 50 pct of Sprint': a share a verb's
        # object, the whole with who holds or does it (Sprint each company owns).
        measured = f"{measured} {doer}"
    value, low, high = quantity.value, quantity.low, quantity.high
    return Claim(
        start=start,
        end=end,
        surface=text[start:end],
        value=value,
        value_low=low,
        value_high=high,
        unit=unit,
        quantity_kind=kind,
        currency=currency,
        scale=quantity.scale,
        approximate=quantity.approximate,
        comparator=quantity.comparator,
        # What it measures: the whole it is a share of ("2% of GDP"), else what the words around it name.
        of_what=measured,
        subject=_subject(doc, start, annotations),
        time_text=_time_text(doc, end, annotations),
    )


def _compared_in_a_table(text: str, quantity: Quantity) -> bool:
    """'Net 7,125,000 vs 6,904,000', 'Avg shrs 9,215,000 vs 9,198,000': a figure written with thousands
    set apart and compared, as a results table lines up this period's against last one's."""
    if not THOUSANDS_WRITTEN.fullmatch(text, quantity.number_start, quantity.number_end):
        return False
    return bool(
        VERSUS_AFTER.match(text, quantity.end)
        or VERSUS_BEFORE.search(text_before(text, quantity.number_start))
        or is_results_line(text, quantity.start)  # 'Oper net loss 36,609,000' alone on its line
    )


def _names_a_race(text: str, quantity: Quantity) -> bool:
    """A distance in metres written glued ("1500m") that names a race: followed by what a race is or wins
    ("hurdles", "final", "champion"), after "men's"/"women's" ("the men's 60m in Madrid"), or after "the" with
    nothing after it ("disappointing in the 3,000m,"); not "the 200m of track"."""
    if quantity.unit not in ("m", "metre") or text[quantity.number_end : quantity.end] != "m":
        return False
    after = RACE_AFTER.match(text, quantity.end)
    word = after.group("word").lower() if after is not None and after.group("word") else None
    if word in RACE_WORDS:
        return True
    before = text_before(text, quantity.start)
    if RACE_OF_BEFORE.search(before):
        return word != "of"
    return after is not None and word is None and THE_BEFORE.search(before) is not None


def _is_part_of_name_or_date(
    doc: Doc, quantity: Quantity, has_unit: bool, names_allowed: bool, annotations: Annotations
) -> bool:
    span = doc.char_span(quantity.number_start, quantity.number_end, alignment_mode="expand")
    if span is None:
        return True
    if not names_allowed and _inside_name(span, quantity, annotations):
        return True
    first, last = span[0], span[-1]
    # A number right after another ("245 23 yen") is part of a code, not an amount; after an ordinal ("the
    # first ten months") it is one.
    before = doc[first.i - 1] if first.i > 0 else None
    if (
        before is not None
        and before.like_num
        and before.lower_ not in ORDINAL_WORDS
        and before.whitespace_
        and not quantity.vague
    ):
        return True
    if has_unit:
        return False
    neighbours = [doc[i] for i in (first.i - 1, last.i + 1) if 0 <= i < len(doc)]
    if any(n.lower_.rstrip(".") in MONTHS for n in neighbours):
        return True  # "March 2026", "Oct 29"
    return is_year(doc_text(doc), quantity)


def _inside_name(span: Span, quantity: Quantity, annotations: Annotations) -> bool:
    if annotations.names:
        # A "name" of nothing but the number ("7,425.81" tagged PRODUCT) is the model's slip, not a name; a
        # number word capitalised inside a sentence is one the model missed ("the RBS Six Nations").
        named = [t for t in span if t.ent_type_ in NAME_ENTITY_TYPES]
        return any(_entity_has_words(t) for t in named) or _capitalised_number_word(span, quantity)
    # Without entities: letters glued before the number ("COVID-19", "F-35"); or, for a number without a
    # unit, inside a sentence: digits after a capitalised word ("Boeing 747", "FTSE 100") or a capitalised
    # number word ("World War Two", "Six Nations").  "gave Blair two victories" stays a count.
    first = span[0]
    if first.idx < quantity.number_start and any(c.isalpha() for c in first.text[: quantity.number_start - first.idx]):
        return True
    if quantity.kind is not None or starts_sentence(first) or span.doc[first.i - 1].is_space:
        return False
    if first.is_alpha:
        return _capitalised_number_word(span, quantity)
    previous = span.doc[first.i - 1]
    return (
        (previous.is_title or previous.is_upper)
        and previous.is_alpha
        and not starts_sentence(previous)
        and previous.lower_ not in MONTHS
    )


def _capitalised_number_word(span: Span, quantity: Quantity) -> bool:
    """A number word with no unit capitalised inside a sentence: a name's ("World War Two", "Six Nations")."""
    first = span[0]
    return (
        quantity.kind is None
        and first.is_alpha
        and first.is_title
        and not starts_sentence(first)
        and not span.doc[first.i - 1].is_space
    )


def _entity_has_words(token: Token) -> bool:
    entity = next((e for e in doc_ents(token.doc) if e.start <= token.i < e.end), None)
    return entity is None or any(c.isalpha() for c in entity.text)


def _counted_noun(doc: Doc, end: int, quantity: Quantity, annotations: Annotations) -> Span | None:
    """What a bare number counts: '1,250 workers', 'dozens of fighter jets'.  None when nothing is counted."""
    after = doc.char_span(end, len(doc_text(doc)), alignment_mode="expand")
    if after is None or len(after) == 0:
        return None
    # The cached tokens, not list(after): that made a Token object for every token to the article's end.
    tokens = doc_tokens(doc)[after.start : after.end]
    if tokens[0].idx < end or doc_text(doc)[end : end + 1].isalpha():
        return None  # the number runs into a word ("860BOX"), a name ("3G licences", "4K image")
    if len(tokens) > 2 and tokens[0].lower_ == "out" and tokens[1].lower_ == "of" and not quantity.vague:
        return _part_counted(doc, tokens[1], quantity, annotations)  # 'seven out of 16 attempts'
    if tokens[0].lower_ == "of" and len(tokens) > 1:
        if not quantity.vague:
            return _part_counted(doc, tokens[0], quantity, annotations)
        tokens = tokens[1:]
    counted_one = quantity.value == 1 and _one_counts(doc_text(doc), quantity)
    if not annotations.tags:
        # "That one costs": one of something is never a plural, and counts only when stressed
        if quantity.value != 1:
            return plural_phrase(tokens)
        return _one_thing(tokens) if counted_one else None
    noun_tokens: list[Token] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if (token.is_alpha or token.like_num) and starts_compound(tokens, k):
            # 'two one-man shows', '190 state-run companies', '14 free-to-air channels'
            while starts_compound(tokens, k):
                noun_tokens.extend(tokens[k : k + 2])
                k += 2
            noun_tokens.append(tokens[k])
            k += 1
            continue
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if token.lower_ in COLLECTIVE_COUNT_NOUNS and not (following is not None and following.tag_ in ("NNS", "NNPS")):
            noun_tokens.append(token)  # "50 dead"; before a plural it describes it ("four dead bodies")
            break
        # 'three previously uninvolved states', 'two existing trade blocs': an adverb before a modifier and a
        # participle used as one belong to the counted noun's phrase.
        modifier = token.tag_ in ("VBN", "VBG") or (
            token.pos_ == "ADV" and following is not None and following.pos_ in ("ADJ", "VERB")
        )
        if (
            modifier
            and noun_tokens
            and noun_tokens[-1].pos_ == "NOUN"
            and (following is None or following.pos_ == "ADP" or token.dep_ == "acl")
        ):
            # 'one woman killed in the crash': a participle after the noun, with what it says, says which (not
            # one before the noun it describes: '40 coal fired power stations').
            break
        if (token.pos_ in ("NOUN", "PROPN", "ADJ") or modifier or _plural_noun(token)) and not token.is_punct:
            noun_tokens.append(token)
            # ('6,000 homes today', '20 people last week': what says when after the plural is none of it)
            if _plural_noun(token) and (
                following is None or following.pos_ != "NOUN" or following.ent_type_ in ("DATE", "TIME")
            ):
                break
            k += 1
            continue
        break
    while noun_tokens and noun_tokens[-1].pos_ == "ADJ" and noun_tokens[-1].lower_ not in COLLECTIVE_COUNT_NOUNS:
        noun_tokens.pop()
    if not noun_tokens or (
        not _plural_noun(noun_tokens[-1])
        and noun_tokens[-1].lower_ not in COLLECTIVE_COUNT_NOUNS
        and not (quantity.value > 1 and _plural_of_a_name(noun_tokens[-1]))
        and not (counted_one and noun_tokens[-1].tag_ == "NN" and noun_tokens[-1].is_lower)
    ):
        return None
    if noun_tokens[-1].lower_ in UNIT_WORDS or noun_tokens[-1].ent_type_ == "DATE":
        return None
    invariant_plural = noun_tokens[-1].tag_ == "NN" and noun_tokens[-1].lower_ in IRREGULAR_PLURALS
    if invariant_plural and any(t.pos_ == "PROPN" and t.ent_type_ not in ("ORG", "NORP") for t in noun_tokens[:-1]):
        return None  # 'its 787 Dreamliner aircraft': a model's number before its name ('20 Boeing aircraft' count)
    last = noun_tokens[-1].i
    if annotations.tags:
        last = _counted_noun_goes_on(doc, last)
    return doc[noun_tokens[0].i : last + 1]


def _object_of_a_verb(doc: Doc, start: int, end: int, annotations: Annotations) -> bool:
    """A share the object of a verb of doing or holding ('owns 30% of EADS'), not the level a copula states
    ('Spending was 2% of GDP') nor the subject of a clause a verb reports ('Figures suggest 29% of people …
    were')."""
    first, last = token_at(doc, start), token_at(doc, end - 1)
    if first is None or last is None or first.i == 0:
        return False
    if annotations.parse:
        objects = [t for t in doc[first.i : last.i + 1] if t.dep_ == "dobj"]
        return any(t.head.lower_ not in COPULAS | REPORTING_VERBS for t in objects)
    return doc[first.i - 1].lower_ not in COPULAS | REPORTING_VERBS


def _one_counts(text: str, quantity: Quantity) -> bool:
    """Whether "one" is a number that counts its thing: stressed ('at least one suspect', 'only one goal'),
    beside other counts ('six men and one woman') or in a toll ('One person died'); not when it only
    introduces someone ('one analyst said') or counts no one ('not one person')."""
    before = text_before(text, quantity.start)
    if quantity.comparator in STRESSING_COMPARATORS or ONE_STRESSED_BEFORE.search(before) is not None:
        return True
    if NOT_ONE_BEFORE.search(before[-8:]) or ONE_WHO_SPEAKS_AFTER.match(text, quantity.end, quantity.end + 40):
        return False
    # counted beside others, or counting who was hurt: 'six men and one woman', 'One person died'
    return (
        ONE_AFTER_A_COUNT.search(before[-60:]) is not None
        or ONE_BEFORE_A_COUNT.match(text, quantity.end, quantity.end + 60) is not None
        or ONE_HURT_BEFORE.search(before[-30:]) is not None
        or ONE_HURT_AFTER.match(text, quantity.end, quantity.end + 60) is not None
    )


def _one_thing(tokens: Sequence[Token]) -> Span | None:
    """Without tags: the one word after a "one" that counts ('only one goal'), when it is a plain lower-case word."""
    first = tokens[0] if tokens else None
    if first is None or not first.is_alpha or not first.is_lower:
        return None
    word = first.lower_
    # 'Only one said no', 'just one remains': a verb (a known one, a past form, an -s form) counts nothing
    if word in FUNCTION_WORDS or word in UNIT_WORDS or word in COMMON_VERBS or looks_past_participle(first):
        return None
    return None if word.endswith("s") else first.doc[first.i : first.i + 1]


def _plural_noun(token: Token) -> bool:
    """A plural noun, also where the tagger took it for a verb the parser still reads as a noun ('a bid for two
    bonus offers to cover …'), or one whose plural is its singular ('50 new aircraft', '40 sheep')."""
    return (
        token.tag_ in ("NNS", "NNPS")
        or (token.tag_ == "VBZ" and token.dep_ in NOMINAL_DEPS)
        or (token.tag_ == "NN" and token.lower_ in IRREGULAR_PLURALS)
    )


def _plural_of_a_name(token: Token) -> bool:
    """'three Grammys', 'two Oscars': a name in the plural, which the tagger takes for a singular name."""
    return token.tag_ == "NNP" and token.text[:1].isupper() and looks_plural(token)


def _counted_noun_goes_on(doc: Doc, last: int) -> int:
    """Where a counted noun ends, past 'of' after a word for a kind or a group ('seven sets of sanctions', 'two
    forms of compensation') and past a second plural it is joined to ('140 politicians and public officials')."""
    link = last + 1
    if link + 1 >= len(doc) or doc[link].lower_ not in ("of", "and"):
        return last
    if doc[link].lower_ == "of" and doc[last].lower_ not in PARTITIVE_NOUNS:
        return last
    # After "of" a mass noun ends it too ('pieces of evidence'); after "and" only a plural does.
    heads = ("NNS", "NNPS", "NN") if doc[link].lower_ == "of" else ("NNS", "NNPS")
    end = link + 1
    while end + 1 < len(doc) and doc[end].pos_ in ("ADJ", "NOUN", "PROPN") and doc[end + 1].pos_ in ("NOUN", "PROPN"):
        end += 1  # modifiers before the head noun
    if end < len(doc) and doc[end].tag_ in heads and doc[end].lower_ not in UNIT_WORDS:
        return end
    return last


def _part_counted(doc: Doc, of: Token, quantity: Quantity, annotations: Annotations) -> Span | None:
    """'nine of our 11 businesses', 'two of the most controversial traveller sites': a number of a plural noun
    phrase counts its nouns (the words before them that say which are left out).  Not 'one of' (one of the
    biggest is a rank, not an amount).  Without a parse: past determiners, numbers and a possessive ("the
    isolated nation's 85"), the words up to the first plural."""
    if quantity.value < 2 or not float(quantity.value).is_integer():
        return None
    if (named := _people_named_by_adjective(doc, of, annotations)) is not None:
        return named
    if not annotations.parse:
        window = doc_tokens(doc)[of.i + 1 : of.i + 1 + LEXICAL_PHRASE_WORDS + 3]
        start = 0
        for position, token in enumerate(window):
            if token.lower_ in DETERMINERS or token.like_num or token.lower_ in POSSESSIVES:
                start = position + 1
            elif not token.is_alpha:
                break
        phrase = plural_phrase(window[start:])
        return None if phrase is None or phrase[-1].lower_ in UNIT_WORDS else phrase
    chunk = doc_noun_chunk_at(doc, of.i + 1)
    # The parser may join the part to its whole in one chunk ('two of five submarines' as a quantifier phrase):
    # what is counted is that chunk's head, when it comes after "of".
    if (
        chunk is None
        or not chunk.start <= of.i + 1 <= chunk.root.i
        or (chunk.root.tag_ not in ("NNS", "NNPS") and chunk.root.lower_ not in IRREGULAR_PLURALS)
        or chunk.root.lower_ in UNIT_WORDS
    ):
        return None
    first = chunk.root.i
    while first > of.i + 1 and doc[first - 1].pos_ in ("NOUN", "PROPN") and doc[first - 1].tag_ != "POS":
        first -= 1  # 'rocket launches', 'traveller sites': the nouns that name the thing, not its adjectives
    return doc[first : chunk.root.i + 1]


def _people_named_by_adjective(doc: Doc, of: Token, annotations: Annotations) -> Span | None:
    """'five of the dead were relatives': the people "the" and an adjective name, when the adjective ends the
    phrase ('three of the missing children' count children)."""
    if of.i + 2 >= len(doc) or doc[of.i + 1].lower_ != "the" or doc[of.i + 2].lower_ not in PEOPLE_NAMED_BY_ADJECTIVE:
        return None
    named = doc[of.i + 2]
    after = doc[named.i + 1] if named.i + 1 < len(doc) else None
    if annotations.parse:
        ends = named.dep_ == "pobj"
    else:
        ends = after is None or not after.is_alpha or after.lower_ in VERBS_AFTER_A_SUBJECT
    return doc[named.i : named.i + 1] if ends else None


def _hyphened_count(
    doc: Doc, end: int, quantity: Quantity, annotations: Annotations
) -> tuple[Span, Span | None] | None:
    """The noun a number is hyphened to when the two describe another noun, and the phrase they describe: 'a
    three-judge panel', 'a 12-page document', 'a six-cylinder engine' count judges, pages and cylinders of the
    panel, document and engine.  Not 'one-' (a kind, not an amount: 'one-off', 'one-man'), nor a unit or time
    word (read as measures and durations before this)."""
    text = doc_text(doc)
    if text[end : end + 1] != "-" or quantity.value < 2 or not float(quantity.value).is_integer():
        return None
    after = doc.char_span(end + 1, min(len(text), end + 1 + HYPHENED_WORD_CHARS), alignment_mode="expand")
    if after is None or len(after) < 2 or after[0].idx != end + 1:
        return None
    noun, described = after[0], after[1]
    if not noun.is_alpha or noun.lower_ in UNIT_WORDS or (noun.whitespace_ == "" and described.text == "-"):
        return None  # a unit makes a measure; a longer chain ('four-man-strong') is no count of its first noun
    if annotations.tags:
        if noun.tag_ != "NN" or noun.ent_type_ == "DATE" or described.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
    elif not (noun.is_lower and described.is_alpha and not described.is_stop):
        return None
    counted = doc[noun.i : noun.i + 1]
    if annotations.parse and (chunk := doc_noun_chunk_at(doc, described.i)) is not None:
        return counted, doc[described.i : chunk.end]
    if annotations.tags:  # the nouns and adjectives that follow, up to the last noun ('panel', not 'panel ruled')
        last = described.i
        while last + 1 < len(doc) and doc[last + 1].pos_ in ("NOUN", "PROPN", "ADJ"):
            last += 1
        while last > described.i and doc[last].pos_ == "ADJ":
            last -= 1
        return counted, doc[described.i : last + 1]
    return counted, plain_phrase_after(doc, described.i, determiners=False)


def _of_what(
    doc: Doc, end: int, annotations: Annotations, *, whole_without_of: bool = False
) -> tuple[str | None, int, int]:
    """'two per cent of gross domestic product' → ('GDP', end of the phrase, end of what says which); the
    phrase joins the surface.  ``whole_without_of``: the whole starts right after the amount ("half the
    nation's output")."""
    link = r"\s+" if whole_without_of else r"\s+of\s+"
    match = re.match(link, doc_text(doc)[end : end + OF_PHRASE_CHARS])
    if not match:
        return None, end, end
    chunk_start = end + match.end()
    if annotations.parse:
        phrase_end = next(
            (chunk.end_char for chunk in doc_noun_chunks(doc) if chunk.start_char <= chunk_start < chunk.end_char), None
        )
    else:
        phrase = phrase_after(doc, chunk_start)
        phrase_end = phrase.end_char if phrase is not None else None
    if phrase_end is None:
        # 'two thirds of the $6 billion', 'less than half of the $30bn': a share of an amount, which is its
        # own claim; the share keeps its own words, and what the amount went on to do says which part.
        amount_end = _amount_whole_end(doc, chunk_start)
        return (None, end, end) if amount_end is None else (doc_text(doc)[chunk_start:amount_end], end, amount_end)
    text = doc_text(doc)[chunk_start:phrase_end]
    if text.lower() in OF_WHAT_ALIASES:
        return OF_WHAT_ALIASES[text.lower()], phrase_end, phrase_end
    whole = doc.char_span(chunk_start, phrase_end, alignment_mode="expand")
    # 'owns 82% of the shares in the company': the whole with what says which; '9% of those who have dial-up
    # access': with the relative clause that says which.
    which = which_end(doc, whole) if whole is not None else phrase_end
    after = index_after(doc, which)
    # "who"/"which" only: 'told 20% of its staff that they would lose their jobs' is what was told.
    relative = after is not None and doc[after].idx <= which + 1 and doc[after].lower_ in ("who", "which")
    clause_end = relative_clause_end(doc, after) if relative and after is not None else None
    which = clause_end if clause_end is not None else which
    return doc_text(doc)[chunk_start:which], phrase_end, which


def _amount_whole_end(doc: Doc, start: int) -> int | None:
    """Where a whole that is an amount after a determiner ends ('the $6 billion is …'), with the noun after
    it ('its $900 million budget'), or None when no amount opens ``start``."""
    text = doc_text(doc)
    determiner = AMOUNT_DETERMINER.match(text, start)
    if determiner is None:
        return None
    window = text[determiner.end() : determiner.end() + AMOUNT_WHOLE_CHARS]
    amounts = read_quantities(window)
    if not amounts or amounts[0].start != 0 or amounts[0].kind != "money":
        return None
    end = determiner.end() + amounts[0].end
    noun = plain_phrase_after_char(doc, end + 1, determiners=False) if text[end : end + 1] == " " else None
    return end if noun is None else noun.end_char


def _subject(doc: Doc, start: int, annotations: Annotations) -> str | None:
    """The noun phrase a quantity describes: the object of the verb its 'to/from' phrase hangs on,
    or the noun its 'of' phrase completes ('pledge of five per cent').  Without a parse: the words before
    'of', or before 'to/from/at/by' when a change verb precedes them ('raise X to 2%')."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span[0].i == 0:
        return None
    prep = doc[span[0].i - 1]
    if prep.lower_ in ("about", "around", "nearly", "almost", "some", "roughly") and prep.i > 0:
        prep = doc[prep.i - 1]
    if prep.lower_ not in ("to", "from", "at", "of", "by"):
        return None
    if not annotations.parse:
        first = phrase_start_before(doc, prep.i)
        if first is None:
            return None
        # "of": the noun the phrase completes; "to/from/at/by": the object of a change verb ("raise X to 2%").
        if prep.lower_ == "of" or (first > 0 and doc[first - 1].lower_ in CHANGE_WORD_SET):
            return words_from(doc, first, prep.i - 1)
        return None
    head = prep.head
    if prep.lower_ == "of" and head.pos_ == "NOUN":
        return _chunk_text(doc, head)
    if head.pos_ in ("VERB", "AUX"):
        obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None:
            obj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if obj is not None:
            return _chunk_text(doc, obj)
    return None


def _chunk_text(doc: Doc, head: Token) -> str:
    chunk = doc_noun_chunk_at(doc, head.i)
    if chunk is not None and chunk.root.i == head.i:
        tokens = [t for t in chunk if t.dep_ != "det" or t.i != chunk.start]
        return doc_text(doc)[tokens[0].idx : chunk.end_char] if tokens else chunk.text
    return head.text


def _time_text(doc: Doc, end: int, annotations: Annotations) -> str | None:
    """The date or time adverb that follows a claim in its clause: 'by 2035', 'currently'."""
    sentence = sentence_at(doc, end - 1, annotations)
    if sentence is None:
        return None
    following = [t for t in sentence if t.idx >= end]
    for position, token in enumerate(following[:TIME_TEXT_TOKENS]):
        if token.is_punct and token.text in (";", "(", ")"):
            return None
        if token.lower_ in TIME_ADVERBS:
            return token.text
        if not annotations.names:
            if (date := DATE_PHRASE.match(doc_text(doc), token.idx)) is not None:
                previous = doc[token.i - 1] if token.i > 0 else None
                start = (
                    previous.idx
                    if previous is not None and previous.lower_ in TIME_PREPOSITIONS
                    else date.start("date")
                )
                return doc_text(doc)[start : date.end("date")]
        elif token.ent_type_ == "DATE" and token.ent_iob_ == "B":
            ent = next(e for e in doc_ents(doc) if e.start == token.i)
            tokens = list(ent)
            if tokens and tokens[0].lower_ == "the":
                tokens = tokens[1:]
            previous = doc[ent.start - 1] if ent.start > 0 else None
            start = tokens[0].idx if tokens else ent.start_char
            if previous is not None and previous.lower_ in TIME_PREPOSITIONS:
                start = previous.idx
            return doc_text(doc)[start : ent.end_char]
        if token.like_num and position > 0:
            return None
    return None
