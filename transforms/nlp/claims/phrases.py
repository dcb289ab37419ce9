"""Noun phrases around an amount, read word by word (no tags, no parse), so that both pipelines read the same:
the phrase right before a token (with one "of"/"in"/"on" link it completes, past what says when), a plain
noun phrase after one (not a time, a degree or a number), and the words after a noun that say which one
("jobs at Oracle", "people killed in the floods")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from transforms.nlp.claims.annotations import (
    is_year_modifier,
    looks_past_participle,
    phrase_after,
    phrase_start_before,
    token_at,
    words_from,
)
from transforms.nlp.claims.lexicon import (
    DETERMINERS,
    IRREGULAR_PARTICIPLES,
    LY_ADJECTIVES,
    MONEY_WORDS,
    MONTHS,
    POSSESSIVES,
    SCALES,
    UNIT_WORDS,
    WEEKDAYS,
)
from transforms.nlp.doc_cache import doc_text

# Comparators and hedges between a noun's "of" and the amount ("a prison term of up to six years").
HEDGE_WORDS = frozenset(
    """
about around approximately nearly almost roughly some just only over under up to as much little high low more
less fewer than close at least most between an estimated a record revised the preliminary provisional
""".split()
)
# Words right after an amount that are no noun it modifies: a time ("six years later", "10% earlier this
# year"), a degree ("3% higher"), a rate's "apiece".
NOT_MODIFIED_WORDS = frozenset(
    """
year years month months week weeks day days hour hours minute minutes quarter quarters decade decades
earlier later ago previously before after higher lower more less smaller larger bigger greater fewer apiece each overall
altogether respectively
instead alone so far too total vs versus against compared
thick long high wide deep tall old away behind ahead below above early late mid
""".split()
)
# Auxiliaries and adverbs between a subject and its change verb ("sales are down", "orders had been expected").
AUXILIARIES = frozenset(
    """
is are was were be been being has have had will would could should may might must can also still now
already just again expected set forecast likely estimated
""".split()
)
PRONOUNS = frozenset(("it", "they", "he", "she", "this", "that", "which", "who", "there"))
# Prepositions that join a noun to the one it completes ("sales of diesels", "rates on its policies").
LINK_PREPOSITIONS = frozenset(("of", "in", "on"))
# Prepositions after a noun that say which one ("lending to consumers", "loss from operations"), after a
# noun (not a verb in -ing or a unit: 'speaking at the opening', '4 pct from orders').
WHICH_LINK_PREPOSITIONS = frozenset(("to", "at", "for", "from", "with"))
# Prepositions a participle describing the noun after them may follow ('the numbers of lost laptops').
PARTICIPLE_LINKS = LINK_PREPOSITIONS | {"from"}
# A phrase saying when, between a subject and its verb ("in February last year"), is at most this long.
TIME_PHRASE_WORDS = 8
# Words inside a period that say where it ends ('the year to March', 'the quarter ended June 30').
PERIOD_LINKS = frozenset(("to", "ended", "ending", "through"))
WHEN_PREPOSITIONS = frozenset("in at for on during".split())
# A period after a noun ("in the first half of this year") is at most this long, and does not end in a
# word that only modifies its noun.
PERIOD_WORDS = 8
PERIOD_MODIFIERS = frozenset("last this next previous prior first second third fourth".split())
TIME_WORDS = PERIOD_MODIFIERS | frozenset(
    "year years quarter quarters month months week weeks day days decade decades recent half end".split()
)
# Prepositions whose phrase after a noun says which one ("jobs at Oracle"), and how many are read.
WHICH_PREPOSITIONS = frozenset(
    "of at in from on for with to near against under over by into onto across through throughout between among "
    "within via inside outside".split()
)
WHICH_LINKS = 3
# Words before an age or after "or"/"and" that bound it ("under 30", "65 or over", "65 and over").
AGE_BOUNDS = frozenset("under over above below older younger more".split())
AGE_NUMBER = re.compile(r"\d{1,3}(?:[-–]\d{1,3})?")
# Words in -ing after a noun that start no clause saying which: a list, a time, an amount restated, a noun.
NOT_ING_VERBS = frozenset(
    """
including according during following excluding regarding concerning beginning ending starting totalling totaling
amounting something nothing anything everything morning evening building meeting funding spending trading
""".split()
)
# Words in -ing that name what an economy measures ('lending to consumers fell').
ING_NOUNS = frozenset("lending borrowing financing shipping housing manufacturing advertising".split())
# Adverbs between a noun and its clause in -ing ('firms already doing business').
ING_ADVERBS = frozenset(("already", "still", "now", "currently", "also"))


def is_present_participle(token: Token) -> bool:
    """'seeking', 'waiting': an -ing verb, not a word that only looks like one or opens a list, a time or an
    amount ('including', 'during', 'ending', 'totalling')."""
    word = token.lower_
    return len(word) > 4 and word.endswith("ing") and token.is_alpha and token.is_lower and word not in NOT_ING_VERBS


def is_adverb(token: Token) -> bool:
    return (
        len(token.lower_) > 4 and token.lower_.endswith("ly") and token.is_alpha and token.lower_ not in LY_ADJECTIVES
    )


def is_participle(token: Token) -> bool:
    return looks_past_participle(token) or token.lower_ in IRREGULAR_PARTICIPLES


def which_end(doc: Doc, phrase: Span) -> int:
    """Where the words after a noun phrase that say which end: a participle right after it ("killed"), or one
    in -ing with its object ("seeking membership", "already doing business"), then up to ``WHICH_LINKS``
    prepositional phrases ("at a base on the outskirts of Mazar-i-Sharif")."""
    end, index = phrase.end_char, phrase.end
    if index < len(doc) - 1 and doc[index].lower_ == "aged" and (ages_end := _ages_end(doc, index + 1)) is not None:
        return ages_end  # 'people aged between 18 and 24', 'those aged 30-39': the ages say which
    # A past tense the tagger saw ('a panel ruled on'): the phrase's own verb, not a participle after it
    # unless the parser hangs it on the noun ('of the 17 people found guilty of terrorist acts').
    if (
        index < len(doc) - 1
        and doc[index].is_alpha
        and is_participle(doc[index])
        and (doc[index].tag_ != "VBD" or doc[index].dep_ == "acl")
    ):
        if doc[index + 1].lower_ in DETERMINERS | PRONOUNS:
            return end  # 'shareholders filed a complaint': a verb with its object, not a participle
        end, index = doc[index].idx + len(doc[index]), index + 1
        while index < len(doc) - 1 and is_adverb(doc[index]) and doc[index + 1].lower_ in WHICH_PREPOSITIONS:
            index += 1  # 'a pledge made recently by the government'
    else:
        verb = index + 1 if index < len(doc) - 1 and doc[index].lower_ in ING_ADVERBS else index
        if verb < len(doc) - 1 and is_present_participle(doc[verb]):
            # '27 countries seeking membership of the WTO', 'firms already doing business in the U.S.': a
            # clause in -ing after the noun says which ones, with its object.
            thing = plain_phrase_after(doc, verb + 1, determiners=True)
            last = thing[-1] if thing is not None else doc[verb]
            end, index = last.idx + len(last), last.i + 1
    for _ in range(WHICH_LINKS):
        period_end = time_phrase_end(doc, index)
        if period_end is not None:
            # 'net profits for the year', 'orders in February last year': which period the thing is of.
            end, index = doc[period_end - 1].idx + len(doc[period_end - 1]), period_end
            continue
        if index >= len(doc) - 1 or doc[index].lower_ not in WHICH_PREPOSITIONS:
            break
        if doc[index].lower_ == "to" and not (
            doc[index + 1].lower_ in DETERMINERS or doc[index + 1].text[:1].isupper()
        ):
            break  # 'firms to reach a compromise': an infinitive, not a place
        following = plain_phrase_after(doc, index + 1, determiners=True)
        if following is None:
            break
        end, index = following.end_char, following.end
    return end


def _ages_end(doc: Doc, index: int) -> int | None:
    """Where the ages after "aged" end: "between 18 and 24", "30-39", "18 to 24", "65 or over", "under 30"."""

    def age(k: int) -> bool:
        return k < len(doc) and AGE_NUMBER.fullmatch(doc[k].text) is not None

    def word(k: int) -> str:
        return doc[k].lower_ if k < len(doc) else ""

    k = index
    if word(k) == "between":
        if not (age(k + 1) and word(k + 2) == "and" and age(k + 3)):
            return None
        k += 4
    else:
        k += 1 if word(k) in AGE_BOUNDS else 0
        if not age(k):
            return None
        k += 1
        if word(k) in ("-", "–", "to") and age(k + 1):
            k += 2
        elif word(k) in ("or", "and") and word(k + 1) in AGE_BOUNDS:
            k += 2
    return doc[k - 1].idx + len(doc[k - 1])


def plain_phrase_after_char(doc: Doc, char: int, *, determiners: bool) -> Span | None:
    token = token_at(doc, char)
    return None if token is None else plain_phrase_after(doc, token.i, determiners=determiners)


def plain_phrase_after(doc: Doc, index: int, *, determiners: bool) -> Span | None:
    """A noun phrase starting at token ``index`` that names a thing: not a time, a degree or a number."""
    if index >= len(doc):
        return None
    first = doc[index]
    if not determiners and first.lower_ in DETERMINERS:
        return None
    if first.lower_ in NOT_MODIFIED_WORDS | WEEKDAYS or is_adverb(first) or first.lower_ in MONTHS:
        return None
    # 'in licensed cabs': with tags, a participle before a noun describes it.
    describes = index + 1 < len(doc) and first.tag_ in ("JJ", "VBN") and doc[index + 1].pos_ == "NOUN"
    if (looks_past_participle(first) and not describes) or (
        first.lower_.endswith("ing") and index + 1 < len(doc) and doc[index + 1].lower_ in DETERMINERS | PRONOUNS
    ):
        return None  # 'the 5.9% estimated in November', '18 years of doing this': a verb, not a thing
    phrase = phrase_after(doc, first.idx)
    if phrase is None or phrase[-1].lower_ in NOT_MODIFIED_WORDS or phrase[-1].lower_ in DETERMINERS:
        return None
    return phrase


def with_of_phrase(doc: Doc, phrase: Span) -> str:
    """The phrase with the words after it that say whose or which ("takeover of its smaller rival Peoplesoft")."""
    return doc_text(doc)[phrase.start_char : which_end(doc, phrase)]


def phrase_before_amount(doc: Doc, end: int) -> str | None:
    """The noun phrase right before token ``end``, with one "of"/"in"/"on" link it completes ("sales of
    diesels", "currency in circulation", "bonus rates on its policies"), with what says which period it is
    of ("Currency in circulation in February fell", "total revenue for the year was"), past a short form in
    brackets ("Gross domestic product (GDP) rose")."""
    end = before_brackets(doc, end)
    phrase_end = end
    end = before_time(doc, end)
    first = phrase_start_before(doc, end)
    if first is None or doc[first].lower_ in PRONOUNS or doc[end - 1].lower_ in NOT_MODIFIED_WORDS:
        return None
    if first > 1 and is_participle(doc[first - 1]) and doc[first - 2].lower_ in DETERMINERS | PARTICIPLE_LINKS:
        # 'His declared income', 'the numbers of lost laptops', 'losses from discontinued operations': a
        # participle after a determiner or a preposition describes the noun.
        first -= 2 if doc[first - 2].lower_ in DETERMINERS else 1
    elif first > 2 and is_participle(doc[first - 1]) and doc[first - 2].lower_ in POSSESSIVES:
        # "This week's estimated arrivals": so does one after a possessive, with whose it is.
        owner = phrase_start_before(doc, first - 2)
        first = owner if owner is not None else first
    if first >= 3 and doc[first - 1].lower_ in DETERMINERS and doc[first - 2].lower_ in LINK_PREPOSITIONS:
        first -= 1  # 'Annual bonus rates on its with-profits life policies': whose, inside the link
    link = doc[first - 1].lower_ if first >= 2 else None
    if link in LINK_PREPOSITIONS or (link in WHICH_LINK_PREPOSITIONS and _names_a_thing(doc[first - 2])):
        head = phrase_start_before(doc, first - 1)
        if head is not None and doc[head].lower_ not in PRONOUNS:
            first = head
    return words_from(doc, first, phrase_end - 1)


def _names_a_thing(token: Token) -> bool:
    word = token.lower_
    if word in ING_NOUNS:
        return True
    return not (is_present_participle(token) or word in MONEY_WORDS or word in UNIT_WORDS or word in SCALES)


def before_brackets(doc: Doc, end: int) -> int:
    if end >= 3 and doc[end - 1].text == ")":
        opening = next((k for k in range(end - 2, max(0, end - 6), -1) if doc[k].text == "("), None)
        end = opening if opening is not None else end
    return end


def before_time(doc: Doc, end: int) -> int:
    for k in range(end - 1, max(0, end - TIME_PHRASE_WORDS) - 1, -1):
        if doc[k].lower_ in WHEN_PREPOSITIONS:
            when = doc[k + 1 : end]
            if any(says_when(t) for t in when) and all(_in_period(t) for t in when):
                # 'at end-February', 'in February last year', 'for the year', 'in the three months to 31 December'
                return k
            break
    return end


def _in_period(token: Token) -> bool:
    return says_when(token) or token.lower_ in DETERMINERS | PERIOD_LINKS or token.like_num


def time_phrase_end(doc: Doc, index: int) -> int | None:
    """Where a phrase saying when that starts at token ``index`` ends ('in the first half of 2004', 'for the
    year', 'in February last year'), or None."""
    if index >= len(doc) - 1 or doc[index].lower_ not in WHEN_PREPOSITIONS:
        return None
    k = index + 1
    while k < len(doc) and k - index <= PERIOD_WORDS:
        token = doc[k]
        day = token.like_num and doc[k - 1].lower_ in MONTHS  # 'June 8'
        linked = token.lower_ == "of" and k + 1 < len(doc) and says_when(doc[k + 1])  # 'first half of 2004'
        # (says_when reads a hyphen as part of a time: 'October-December')
        if not (says_when(token) or day or linked or token.lower_ in DETERMINERS):
            break
        k += 1
    if k < len(doc) and doc[k].lower_ in POSSESSIVES:
        return None  # "at this year's Oscars": a time that says whose, not a period
    last = doc[k - 1]
    # The phrase ends in the period's noun, not in 'the first' of 'in the first 10 minutes'.
    period = last.lower_ not in PERIOD_MODIFIERS and (says_when(last) or last.like_num) and last.text != "-"
    return k if k > index + 1 and period else None


def says_when(token: Token) -> bool:
    word = token.lower_
    return (
        word in MONTHS
        or word in TIME_WORDS
        or is_year_modifier(token)
        or any(part in MONTHS for part in word.split("-"))
        or token.text == "-"
    )


def token_before(doc: Doc, char: int) -> int | None:
    token = token_at(doc, char)
    return None if token is None or token.i == 0 else token.i - 1


def index_after(doc: Doc, char: int) -> int | None:
    """The token right after the text that ends at ``char``."""
    last = token_at(doc, char - 1) if char > 0 else None
    return last.i + 1 if last is not None and last.i + 1 < len(doc) else None
