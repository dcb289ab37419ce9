"""Which of spaCy's annotations a doc carries, and the word-list stand-ins used for each missing one.

The analysis pipeline gives entities, tags and a parse; a doc from the tokenizer alone (plus a rule
sentencizer, ``flows.analyse.model.load_claims_pipeline``) has none of them: capitalised words around a
number make it part of a name, a plural-looking word is what is counted, a date-shaped phrase is the time,
function words end a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from transforms.nlp.claims.lexicon import (
    CHANGE_WORD_SET,
    COLLECTIVE_COUNT_NOUNS,
    COMMON_VERBS,
    COUNT_MODIFIERS,
    DETERMINERS,
    FUNCTION_WORDS,
    IRREGULAR_PLURALS,
    LY_ADJECTIVES,
    MONTHS,
    NOT_PLURAL_ENDINGS,
    POSSESSIVES,
    SENTENCE_ENDS,
    STANDALONE_DETERMINERS,
    UNIT_WORDS,
    alternation,
)
from transforms.nlp.doc_cache import doc_text

# Words ending in -ed that are no verb form ("rapeseed", "speed", "hundred"), or a present form ("exceed").
NOT_PARTICIPLES = frozenset(
    "need speed feed weed breed deed bleed steed tweed bed shed sled hundred indeed proceed exceed succeed".split()
)
NOT_PARTICIPLE_ENDINGS = ("seed", "hundred")  # "rapeseed", "linseed", "two hundred"
# A name written with an ampersand or as initials with stops is one word ('B&B', 'AT&T', 'U.S.').
NAME_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]+&[A-Za-z]+|(?:[A-Z]\.){2,}")
# Without a parse a noun phrase is read word by word; it is never longer than this many words (hyphens,
# possessives and the words a hyphen joins on apart, read within a window of this many tokens).
LEXICAL_PHRASE_WORDS = 6
LEXICAL_PHRASE_TOKENS = 3 * LEXICAL_PHRASE_WORDS

# Without entities: a date or period right after a claim ("by 2035", "in the year to March 2026").
_month = alternation(month.capitalize() for month in MONTHS)
# A month alone is a date only written out in full and not "May" (a name as often as a month).
_month_alone = alternation(month.capitalize() for month in MONTHS if len(month) > 4 or month in ("june", "july"))
_year = r"(?:1[89]|20)\d\d"
_period = r"(?i:year|quarter|half|month|week|decade)"
_count_word = r"(?i:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|\d{1,2})"
DATE_PHRASE = re.compile(
    rf"(?:the\s+)?(?P<date>(?:(?:(?i:current|next|last|this|coming|past|previous|first|second|third|fourth|final)"
    rf"\s+)(?:(?i:fiscal|financial|calendar|tax|consecutive|straight)\s+)?{_period}"
    rf"|(?:(?i:fiscal|financial|tax)\s+)?(?i:year|quarter)(?=\s+(?i:to|ending|ended)\s+{_month}))"
    rf"(?:\s+(?i:to|ending|ended)\s+{_month}(?:\s+\d{{1,2}}(?!\d))?(?:,?\s+{_year})?)?"
    rf"|(?i:last|past|next|first|previous|coming)\s+(?:{_count_word}\s+)?{_period}s(?:\s+of\s+{_year})?"
    rf"|{_count_word}\s+{_period}s?\s+(?i:earlier|ago|before|later)"
    rf"|{_month}\.?\s+\d{{1,2}}(?!\d)(?:,?\s+{_year})?|{_month}\.?\s+{_year}|{_month_alone}"
    rf"|\d{{1,2}}\s+{_month}(?:\s+{_year})?"
    rf"|(?:(?i:mid|early|late)-?)?{_year}s?"
    rf"|(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|tomorrow))(?!\w)"
)


@dataclass(frozen=True)
class Annotations:
    """Which of spaCy's annotations the doc carries; each missing one has a word-list stand-in."""

    names: bool  # entity types: names and dates
    tags: bool  # part-of-speech tags: the counted noun
    parse: bool  # dependencies: noun chunks and heads
    sentences: bool

    @classmethod
    def of(cls, doc: Doc) -> Annotations:
        parse = doc.has_annotation("DEP")
        return cls(
            names=doc.has_annotation("ENT_IOB"),
            tags=doc.has_annotation("TAG"),
            parse=parse,
            sentences=parse or doc.has_annotation("SENT_START"),
        )


def sentence_at(doc: Doc, char: int, annotations: Annotations) -> Span | None:
    """The sentence holding character ``char``; the whole doc when the doc has no sentences."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    return span[0].sent if annotations.sentences else doc[:]


def token_at(doc: Doc, char: int) -> Token | None:
    """The token holding character ``char``; None past the text or on a token's trailing space."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span else None


def words_from(doc: Doc, first: int, last: int) -> str:
    """The text from token ``first`` through token ``last``, as written."""
    return doc_text(doc)[doc[first].idx : doc[last].idx + len(doc[last])]


def starts_sentence(token: Token) -> bool:
    """First word of a sentence, a line or a quotation: capitalised there for no other reason."""
    if token.is_sent_start or token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    if previous.is_space:
        return "\n" in previous.text or previous.i == 0 or previous.doc[previous.i - 1].text in SENTENCE_ENDS
    return previous.text in SENTENCE_ENDS or "\n" in previous.whitespace_


def plural_phrase(tokens: Sequence[Token]) -> Span | None:
    """Without tags: the words up to the first plural-looking one ("fighter jets", "new schools"), and a
    plural it modifies ("ratings agencies")."""
    for position, token in enumerate(tokens[:LEXICAL_PHRASE_WORDS]):
        if is_hyphen_inside_word(token):
            if position == 0:
                return None  # "60,000-seater", "22-cap": the number is part of a modifier
            continue
        in_compound = starts_compound(tokens, position) or (
            position > 0 and is_hyphen_inside_word(tokens[position - 1])
        )
        if not (_is_content_word(token) or token.lower_ in COUNT_MODIFIERS or in_compound):
            return None
        if looks_plural(token):
            last = position
            while last + 1 < len(tokens) and _is_content_word(tokens[last + 1]) and looks_plural(tokens[last + 1]):
                last += 1
            if tokens[last].lower_ in UNIT_WORDS:
                return None
            return token.doc[tokens[0].i : tokens[last].i + 1]
    return None


def phrase_after(doc: Doc, start_char: int) -> Span | None:
    """Without a parse: a determiner, then content words and possessives ("the company's total capital"),
    up to a function word, a verb, punctuation, or a participle after a noun ("of women affected")."""
    span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    if span is None:
        return None
    first = span[0].i
    last = None
    words = 0
    # Hyphens, possessives and the words a hyphen joins on are not counted against the phrase's length.
    for token in doc[first : first + LEXICAL_PHRASE_TOKENS]:
        if token.i == first and token.lower_ in DETERMINERS:
            continue
        if last is not None and (_is_possessive(token) or is_hyphen_inside_word(token)):
            continue
        if last is not None and token.is_alpha and is_hyphen_inside_word(doc[token.i - 1]):
            last = token.i  # 'buy-to-let', 'left-hand': a word hyphened on is part of the compound
            continue
        words += 1
        if (
            words > LEXICAL_PHRASE_WORDS
            or not _is_content_word(token)
            or (last is not None and looks_past_participle(token))
        ):
            break
        last = token.i
    if last is None and doc[first].lower_ in STANDALONE_DETERMINERS:
        last = first  # "half of those", "two-thirds of whom"
    return None if last is None else doc[first : last + 1]


def phrase_start_before(doc: Doc, end: int) -> int | None:
    """Without a parse: where the content words and possessives right before token ``end`` start
    ("NATO's new defence investment pledge"), stopping at a function word, a verb or a change verb; a year
    inside the phrase says which ("its 1986 income"), a number ending an index's name belongs to it ("the
    FTSE 100", "the S&P 500")."""
    if end == 0 or (doc[end - 1].lower_.endswith("ly") and doc[end - 1].lower_ not in LY_ADJECTIVES):
        return None  # "rose steadily to 4.7%": an adverb, the subject is further back
    first = None
    name_ending = False
    for token in reversed(doc[max(0, end - LEXICAL_PHRASE_WORDS) : end]):
        if first is not None and token.i == first - 1 and _hyphen_joined(token):
            first = token.i  # "Card-not-present fraud": words joined by hyphens are one word
            continue
        if name_ending:
            first, name_ending = token.i, False  # the name a number ends, whatever its letters ("S&P")
            continue
        if first is not None and _is_possessive(token):
            first = token.i
            continue
        if first is not None and is_year_modifier(token):
            first = token.i  # "its 1986 income": a year says which
            continue
        if first is None and token.like_num and _ends_a_name(token):
            first, name_ending = token.i, True  # "the FTSE 100", "the S&P 500": a number ending an index's name
            continue
        compound = token.i > 1 and is_hyphen_inside_word(token.doc[token.i - 1])
        if not _is_content_word(token) or (
            not compound and (token.lower_ in CHANGE_WORD_SET or looks_past_participle(token))
        ):
            break  # "caused damage of $10bn": a participle or past verb ends the phrase ("UK-issued" does not)
        first = token.i
    if first is None or doc[first].lower_ in POSSESSIVES:
        return None
    return first


def _hyphen_joined(token: Token) -> bool:
    """The token is glued by a hyphen to the word after it ('Card-' in 'Card-not-present'), or is the hyphen."""
    if token.whitespace_:
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and (token.text == "-" or following.text == "-") and token.text != "—"


def _ends_a_name(token: Token) -> bool:
    previous = token.doc[token.i - 1] if token.i > 0 else None
    return previous is not None and previous.text[:1].isupper() and any(c.isupper() for c in previous.text[1:])


def looks_past_participle(token: Token) -> bool:
    """Without tags: 'caused', 'surveyed', 'agreed'; not 'rapeseed', 'hundred' or 'red', nor a capitalised word
    inside a sentence ('Manchester United')."""
    word = token.lower_
    return (
        len(word) > 4
        and word.endswith("ed")
        and word not in NOT_PARTICIPLES
        and not word.endswith(NOT_PARTICIPLE_ENDINGS)
        and not (token.is_title and not starts_sentence(token))
    )


def is_year_modifier(token: Token) -> bool:
    """A year before a noun ("1986 income", "the 2004 rate"), written as four digits."""
    return len(token.text) == 4 and token.text.isdigit() and token.text[:2] in ("19", "20")


def looks_plural(token: Token) -> bool:
    word = token.lower_
    return (
        word in IRREGULAR_PLURALS
        or word in COLLECTIVE_COUNT_NOUNS
        or (len(word) > 4 and word.endswith("men"))
        or (len(word) > 2 and word.endswith("s") and not word.endswith(NOT_PLURAL_ENDINGS))
    )


def _is_content_word(token: Token) -> bool:
    """Without tags: a word that may be part of a noun phrase."""
    word = token.lower_
    return (
        (token.is_alpha or NAME_WORD.fullmatch(token.text) is not None)  # 'B&B', 'AT&T', 'U.S.'
        and not token.like_num
        and word not in FUNCTION_WORDS
        and word not in COMMON_VERBS
        and word not in MONTHS
    )


def starts_compound(tokens: Sequence[Token], position: int) -> bool:
    """'one-man', 'state-run': the word at ``position`` and the next one, joined by a hyphen, modify a noun."""
    return position + 2 < len(tokens) and is_hyphen_inside_word(tokens[position + 1]) and tokens[position + 2].is_alpha


def is_hyphen_inside_word(token: Token) -> bool:
    """The hyphen of "pre-pay", "co-stars": the tokenizer splits it off; the phrase goes on across it."""
    return token.text == "-" and token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_


def _is_possessive(token: Token) -> bool:
    return (
        token.lower_ in POSSESSIVES
        and token.i > 0
        and (token.text not in ("'", "’") or token.doc[token.i - 1].lower_.endswith("s"))
    )
