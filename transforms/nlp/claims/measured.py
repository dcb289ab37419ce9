"""What a claim measures (``of_what``), read from the words around it as a journalist writes the thing:

- a count measures its counted noun, with what says which ("5,000 jobs at Oracle", "23,000 people killed");
- a noun the amount is "of" ("compensation of £173", "a margin of £8bn", "a prison term of up to six years");
- the thing a change noun after the amount is "in" ("a 45% increase in tourist revenues");
- a noun the amount modifies ("a $18bn loan", "its $10.3bn takeover of Peoplesoft", "a 48-yard field goal");
- what an amount is "in" or "of" ("$1.2bn in grants", "45 billion tons of ice");
- the subject of the change verb or copula before the amount ("Exports fell 7%", "sales of diesels are down
  by 4.7%", "Currency in circulation in February fell to"), and the thing put "at" the amount ("estimated
  the EC rapeseed crop at 5.9 mln tonnes");
- what a change verb moved to or from the amount ("cut GM's holding to 10%");
- a results table's label ("Net 146.4 mln"), and a whole put first ("Of the companies surveyed, 30% …").

A share's whole ("2% of GDP") is read with the quantity (``build``); claims of one sentence share what they
measure in ``changes``.  Everything here reads the words alone, so the tokenizer-only pipeline finds the same.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from transforms.nlp.claims.annotations import (
    is_year_modifier,
    looks_past_participle,
    phrase_after,
    phrase_start_before,
    starts_sentence,
    token_at,
    words_from,
)
from transforms.nlp.claims.lexicon import (
    CHANGE_WORD_SET,
    COMMON_VERBS,
    DETERMINERS,
    IRREGULAR_PARTICIPLES,
    LY_ADJECTIVES,
    MONTHS,
    POSSESSIVES,
    WEEKDAYS,
)
from transforms.nlp.doc_cache import doc_text

# Comparators and hedges between a noun's "of" and the amount ("a prison term of up to six years").
HEDGE_WORDS = frozenset(
    """
about around approximately nearly almost roughly some just only over under up to as much little high low more
less fewer than close at least most between an estimated a record revised the
""".split()
)
# A change noun right after an amount, and the "in" that names what changed ("a 45% increase in …").
CHANGE_NOUN_IN = re.compile(
    r"^[ \t]+(?i:rise|increase|gain|jump|surge|growth|climb|boost|fall|drop|decline|decrease|cut|reduction|slump|"
    r"slide|dip|premium|discount)[ \t]+(?i:in|on|over)[ \t]+"
)
BRACKETED_AFTER = re.compile(r"[ \t]{0,8}\([^()\n]{1,40}\)")
AMOUNT_IN = re.compile(r"^[ \t]+(?i:in|of|worth\s+of)[ \t]+")
# Words right after an amount that are no noun it modifies: a time ("six years later", "10% earlier this
# year"), a degree ("3% higher"), a rate's "apiece".
NOT_MODIFIED_WORDS = frozenset(
    """
year years month months week weeks day days hour hours minute minutes quarter quarters decade decades
earlier later ago previously before after higher lower more less apiece each overall altogether respectively
instead alone so far too total vs versus against compared
thick long high wide deep tall old away behind ahead below above early late mid
""".split()
)
# Change nouns after an amount say how it moved, not what moved ("a 0.6% rise in November").
CHANGE_NOUNS = frozenset(
    "rise rises increase increases fall falls drop drops decline declines decrease decreases gain gains dip slide "
    "jump jumps slump surge climb reduction cut cuts".split()
)
# Auxiliaries and adverbs between a subject and its change verb ("sales are down", "orders had been expected").
AUXILIARIES = frozenset(
    """
is are was were be been being has have had will would could should may might must can also still now
already just again expected set forecast likely estimated
""".split()
)
# Words after which the amount is the level of the subject before them ("Inflation is 10%").
COPULAS = frozenset(
    """
is are was were stood stands totalled totaled totals reached hit remained remains accounted amounted amounts
traded trades closed closes opened opens ended ends finished peaked averaged averages valued priced settled
""".split()
)
# Words between a verb and its amount ("fell by a further 2%", "is now about 10%", "rose to a record").
SUBJECT_SKIP_WORDS = frozenset(
    """
by a further another about around nearly almost roughly some just now only to from for record more than less
up as much high low close over under an annual annualised annualized towards toward
""".split()
)
PRONOUNS = frozenset(("it", "they", "he", "she", "this", "that", "which", "who", "there"))
RELATIVE_PRONOUNS = frozenset(("which", "that", "who"))
# Prepositions that join a noun to the one it completes ("sales of diesels", "rates on its policies").
LINK_PREPOSITIONS = frozenset(("of", "in", "on"))
# A subject a count's verb may have that names whom well enough ("people he killed").
SUBJECT_PRONOUNS = frozenset(("he", "she", "they", "we", "i", "you"))
CONTRACTED_AUXILIARIES = frozenset(("'d", "’d", "'ve", "’ve", "'s", "’s", "'ll", "’ll"))
# Verbs whose object is no measured thing: speech ('said two people'), a list's 'including', an age.
NOT_MEASURING_VERBS = frozenset(
    "said says say told tell added according including include includes aged seen see sees saw expected".split()
)
# Verbs a share or a count is the subject of, whose clause says who they are ('83% were happy', '16% said').
SHARE_VERBS = frozenset(
    """
is are was were has have had will would could can may might should said say says saw see sees expect expects
plan plans want wants believe believes think thinks thought support supports oppose opposes use uses own owns
involve involves agree agrees agreed
""".split()
)
# A clause ends at these, and at "and"/"but" before the next amount.
CLAUSE_PUNCTUATION = frozenset(', ; : . ! ? ( ) - – — " “ ”'.split())
CLAUSE_JOINS = frozenset(("and", "but", "while", "whereas", "or"))
# Words after which an amount opens a clause as its subject.
SUBJECT_OPENERS = frozenset("and but while whereas though although that because as if when of".split())
# How many words of a clause are read at most.
PREDICATE_WORDS = 14
# Particles that belong to the verb before them ('sold off', 'paid out', 'voted off').
PARTICLES = frozenset(("off", "out", "up", "down", "away", "back"))
# How long a fronted "Of the companies surveyed," may be.
FRONTED_WORDS = 10
# Adjectives that may stand between the determiner and an amount that modifies a noun ("an annual £10.5bn").
MODIFIER_WORDS_BEFORE = 3
# A phrase saying when, between a subject and its verb ("in February last year"), is at most this long.
TIME_PHRASE_WORDS = 5
WHEN_PREPOSITIONS = frozenset("in at for on during".split())
TIME_WORDS = frozenset(
    "year years quarter month week day last this next previous prior first second third fourth half end".split()
)
# Prepositions whose phrase after a noun says which one ("jobs at Oracle"), and how many are read.
WHICH_PREPOSITIONS = frozenset("of at in from on for with to near against under over by".split())
WHICH_LINKS = 3


def what_is_measured(doc: Doc, start: int, end: int, kind: str | None, counted: Span | None) -> str | None:
    """The words of the sentence that say what the claim at ``[start, end)`` measures, or None."""
    return (
        (_whose(doc, start) + _count_with_which(doc, start, counted) if counted is not None else None)
        or (_noun_modified(doc, start, end, kind) if kind != "count" else None)
        or _noun_of_amount(doc, start)
        or _change_noun_in(doc, end)
        or _amount_in(doc, end)
        or _clause_subject(doc, start)
        or _changed_object(doc, start)
        or _verb_object(doc, start, end)
        or _line_label(doc, start)
        or _fronted_whole(doc, start)
    )


def _clause_subject(doc: Doc, start: int) -> str | None:
    """'Exports fell 7%', 'Inflation is 10%', 'sales of diesels are down by 4.7%': the words before the change
    verb or copula the amount follows; 'estimated the EC rapeseed crop at 5.9 mln tonnes': the thing put at
    the amount."""
    i = _token_before(doc, start)
    while i is not None and i > 0 and (doc[i].lower_ in SUBJECT_SKIP_WORDS or _is_adverb(doc[i])):
        i -= 1
    if i is None or i <= 0:
        return None
    word = doc[i].lower_
    if word == "at":
        verb = doc[i - 1]
        if not (_is_level_verb(verb) or looks_past_participle(verb) or verb.lower_.endswith("ing")):
            return _phrase_before(doc, i)  # 'estimated the EC rapeseed crop at 5.9 mln tonnes'
        i -= 1  # 'had been trading at less than $55', 'were reported at 2.1 mln tonnes': the subject's level
    elif not _is_level_verb(doc[i]):
        return None
    while i > 0 and (doc[i - 1].lower_ in AUXILIARIES or _is_adverb(doc[i - 1])):
        i -= 1
    if i > 1 and doc[i - 1].lower_ in RELATIVE_PRONOUNS:
        # 'personal debt - which is rising at 15% a year': the noun the relative clause is about.
        i -= 2 if doc[i - 2].text in (",", "-", "–", "—") else 1
    return _phrase_before(doc, i)


def _is_level_verb(token: Token) -> bool:
    """A verb after which an amount is its subject's level or change ('fell', 'is', 'traded', 'up')."""
    word = token.lower_
    return word in CHANGE_WORD_SET or word in COPULAS or word in ("off", "unchanged")


def _is_adverb(token: Token) -> bool:
    return (
        len(token.lower_) > 4 and token.lower_.endswith("ly") and token.is_alpha and token.lower_ not in LY_ADJECTIVES
    )


def _changed_object(doc: Doc, start: int) -> str | None:
    """'cut GM's holding to 10%', 'raised its bid for Qualcomm Inc. to about $121 billion', 'cut its workforce
    by a third': what a change verb moved to, from or by the amount."""
    i = _token_before(doc, start)
    while i is not None and i > 0 and doc[i].lower_ in HEDGE_WORDS - {"to"}:
        i -= 1
    if i is None or i < 2 or doc[i].lower_ not in ("to", "from", "by"):
        return None
    end = i - 1 if doc[i - 1].lower_ in ("up", "down") else i
    first = phrase_start_before(doc, end)
    if first is not None and first >= 2 and doc[first - 1].lower_ in ("for", "of", "in", "on"):
        first = phrase_start_before(doc, first - 1) or first  # 'its bid for Qualcomm Inc.'
    if first is None or first == 0:
        return None
    verb = first - 1
    while verb > 0 and doc[verb].lower_ in DETERMINERS | POSSESSIVES:
        verb -= 1
    if doc[verb].lower_ not in CHANGE_WORD_SET:
        return None
    if first > 0 and doc[first - 1].lower_ in DETERMINERS - {"a", "an", "the"}:
        first -= 1  # 'its bid', 'their holding': whose it is
    return words_from(doc, first, end - 1)


def _fronted_whole(doc: Doc, start: int) -> str | None:
    """'Of the companies surveyed, 30% saw orders rise': the whole a share is of, put first."""
    i = _token_before(doc, start)
    if i is None or doc[i].text != ",":
        return None
    opening = next((k for k in range(i - 1, max(-1, i - FRONTED_WORDS), -1) if starts_sentence(doc[k])), None)
    if opening is None or doc[opening].lower_ != "of" or opening + 1 >= i:
        return None
    return words_from(doc, opening + 1, i - 1)


def _line_label(doc: Doc, start: int) -> str | None:
    """'Net 146.4 mln vs 110.3 mln', 'Avg shrs 71.08 mln', 'Germany +0.3%, France -0.2%': the label a table or
    a list puts right before the amount."""
    i = _token_before(doc, start)
    if i is None:
        return None
    if doc[i].text in ("+", "-", "−") and i > 0:
        i -= 1
    first = phrase_start_before(doc, i + 1)
    if first is None:
        return None
    listed = first > 0 and doc[first - 1].text in (",", ";") and doc[first].is_title
    if not (starts_sentence(doc[first]) or listed):
        return None
    return words_from(doc, first, i)


def _count_with_which(doc: Doc, start: int, counted: Span) -> str:
    """'5,000 jobs at Oracle', '23,000 people killed in the floods': the counted noun and what follows that
    says which; the clause that says which things were counted, as a relative clause would: '63,000 mobile
    phones have been left in black cabs' (phones left in black cabs), 'Mitch killed about 10,000 people'
    (people Mitch killed)."""
    text = doc_text(doc)
    end = _which_end(doc, counted)
    after = _index_after(doc, end)
    # A participle right after the noun already says which ('people killed in the floods were buried').
    said_which = counted.end < len(doc) and end > counted.end_char and _is_participle(doc[counted.end])
    clause_end = _clause_after(doc, after) if after is not None and not said_which else None
    if clause_end is not None:
        return text[counted.start_char : clause_end]
    predicate = None if said_which else share_predicate(doc, start, end, speech=False)
    if predicate is not None:
        return f"{text[counted.start_char : end]} {predicate}"  # '3,500 travellers have no place to stop'
    phrase = text[counted.start_char : end]
    doer = _verb_and_subject_before(doc, start)
    return phrase if doer is None else f"{phrase} {doer}"


def _clause_after(doc: Doc, index: int) -> int | None:
    """Where the verb the counted things are the subject of ends, with its object and the phrases that say
    where ('were left in licensed cabs', 'lost their jobs'); None when no such verb follows."""
    if index < len(doc) - 1 and doc[index].lower_ in ("and", "or"):
        other = _plain_phrase_after(doc, index + 1, determiners=False)
        index = other.end if other is not None else index  # 'companies and facilities were sold off'
    k = index
    while k < len(doc) and (doc[k].lower_ in AUXILIARIES or _is_adverb(doc[k])):
        k += 1
    if k >= len(doc) - 1 or not _is_participle(doc[k]) or doc[k].lower_ in NOT_MEASURING_VERBS:
        return None
    if k == index and doc[k + 1].lower_ not in DETERMINERS | PARTICLES:
        return None  # no auxiliary: a past verb only with its object ('lost their jobs'), not a bare word
    verb_end = k + 1 if doc[k + 1].lower_ not in PARTICLES else k + 2
    obj = _plain_phrase_after(doc, verb_end, determiners=True) if verb_end < len(doc) else None
    group = doc[k : obj.end if obj is not None else verb_end]
    return _which_end(doc, group) if len(group) > 0 else None


def share_predicate(doc: Doc, start: int, end: int, *, speech: bool = True) -> str | None:
    """'Of these, 83% were happy with the experience', '16% said that none of their cards had been replaced',
    '60% of UK households have gone digital': what a share (or counted things) did or said, which says who
    they are; the verb right after the amount, or after its whole, up to the end of its clause."""
    index = _index_after(doc, end)
    if index is None or doc[index].idx > end + 1 or not _in_subject_position(doc, start):
        return None
    verb = doc[index]
    if not (verb.lower_ in SHARE_VERBS or looks_past_participle(verb)):
        return None
    if not speech and verb.lower_ in NOT_MEASURING_VERBS:
        return None
    last = index
    for k in range(index + 1, min(len(doc), index + PREDICATE_WORDS)):
        token = doc[k]
        if token.text in CLAUSE_PUNCTUATION or "\n" in token.text or "\n" in doc[k - 1].whitespace_:
            break
        if token.lower_ in CLAUSE_JOINS and any(t.like_num for t in doc[k + 1 : k + 3]):
            break  # 'and 27% saw them fall': the next share's clause
        if _says_when_from(doc, k):
            break  # 'was sold a year earlier', 'agreed on 5 June 2024': when is the claim's time, not who
        last = k
    return doc_text(doc)[verb.idx : doc[last].idx + len(doc[last])]


def _in_subject_position(doc: Doc, start: int) -> bool:
    """The amount opens its clause ('Of these, 83% were', 'found that 70% of people'), not 'to 10% was'."""
    i = _token_before(doc, start)
    while i is not None and i > 0 and doc[i].lower_ in HEDGE_WORDS - {"at", "to", "than", "the", "a"}:
        i -= 1
    return i is None or doc[i].is_punct or doc[i].lower_ in SUBJECT_OPENERS or starts_sentence(doc[i + 1])


def _says_when_from(doc: Doc, k: int) -> bool:
    """A time phrase starts at token ``k``: 'on 5 June', 'in the quarter ending', 'a year earlier'."""
    word = doc[k].lower_
    following = doc[k + 1 : k + 4]
    if word in WHEN_PREPOSITIONS | {"by", "since", "until"} and len(following) > 0:
        nxt = following[0]
        if _says_when(nxt) or nxt.like_num or nxt.lower_ in WEEKDAYS:
            return True
        return nxt.lower_ in DETERMINERS and len(following) > 1 and _says_when(following[1])
    return (
        len(following) > 1
        and (word in ("a", "an") or doc[k].like_num)
        and _says_when(following[0])
        and following[1].lower_ in ("earlier", "later", "ago", "before", "after")
    )


def _verb_and_subject_before(doc: Doc, start: int, *, pronoun_subjects: bool = True) -> str | None:
    """'Mitch killed about 10,000 people': the subject and verb whose object the amount is ('Mitch killed');
    a pronoun subject ("he'd killed five people") only where ``pronoun_subjects``."""
    i = _token_before(doc, start)
    while i is not None and i > 0 and doc[i].lower_ in HEDGE_WORDS - {"to", "the", "a"}:
        i -= 1
    if i is None or i == 0:
        return None
    particle = doc[i] if doc[i].lower_ in PARTICLES else None
    verb_index = i - 1 if particle is not None else i
    verb = doc[verb_index]
    if not (_is_participle(verb) or verb.lower_ in COMMON_VERBS) or verb.lower_ in NOT_MEASURING_VERBS:
        return None
    k = verb_index
    # Back over auxiliaries to the subject: 'had paid', "he'd killed", 'is to cost'.
    while k > 0 and (doc[k - 1].lower_ in AUXILIARIES | CONTRACTED_AUXILIARIES | {"to"} or _is_adverb(doc[k - 1])):
        k -= 1
    pronoun = k > 0 and doc[k - 1].lower_ in SUBJECT_PRONOUNS
    if pronoun and not pronoun_subjects:
        return None
    subject = doc[k - 1].text if pronoun else _phrase_before(doc, k)
    return None if subject is None else f"{subject} {words_from(doc, verb_index, i)}"


def _verb_object(doc: Doc, start: int, end: int) -> str | None:
    """'UK shoppers spent £5.3bn on plastic cards', 'The deal is to cost $11.5bn', 'The film took £788,439 in
    its first three days': who did what with the amount, and on what ('UK shoppers spent on plastic cards')."""
    # A named subject is needed: 'he earned' says nothing of what is measured.
    doer = _verb_and_subject_before(doc, start, pronoun_subjects=False)
    if doer is None:
        return None
    after = _index_after(doc, _past_brackets(doc_text(doc), end))
    if after is None or doc[after].lower_ not in WHICH_PREPOSITIONS:
        return doer
    which = _which_end(doc, doc[after:after])
    return f"{doer} {doc_text(doc)[doc[after].idx : which]}" if which > doc[after].idx else doer


def _index_after(doc: Doc, char: int) -> int | None:
    """The token right after the text that ends at ``char``."""
    last = token_at(doc, char - 1) if char > 0 else None
    return last.i + 1 if last is not None and last.i + 1 < len(doc) else None


def _which_end(doc: Doc, phrase: Span) -> int:
    """Where the words after a noun phrase that say which end: a participle right after it ("killed"), then
    up to ``WHICH_LINKS`` prepositional phrases ("at a base on the outskirts of Mazar-i-Sharif")."""
    end, index = phrase.end_char, phrase.end
    if index < len(doc) - 1 and doc[index].is_alpha and looks_past_participle(doc[index]):
        if doc[index + 1].lower_ in DETERMINERS | PRONOUNS:
            return end  # 'shareholders filed a complaint': a verb with its object, not a participle
        end, index = doc[index].idx + len(doc[index]), index + 1
    for _ in range(WHICH_LINKS):
        if index >= len(doc) - 1 or doc[index].lower_ not in WHICH_PREPOSITIONS:
            break
        if doc[index].lower_ == "to" and not (doc[index + 1].lower_ in DETERMINERS or doc[index + 1].is_title):
            break  # 'firms to reach a compromise': an infinitive, not a place
        following = _plain_phrase_after(doc, index + 1, determiners=True)
        if following is None:
            break
        end, index = following.end_char, following.end
    return end


def _noun_of_amount(doc: Doc, start: int) -> str | None:
    """'compensation of £173', 'His declared income of up to £205,000', 'a margin of £8bn'."""
    i = _token_before(doc, start)
    while i is not None and i > 0 and doc[i].lower_ in HEDGE_WORDS:
        i -= 1
    return _phrase_before(doc, i) if i is not None and doc[i].lower_ == "of" else None


def _change_noun_in(doc: Doc, end: int) -> str | None:
    match = CHANGE_NOUN_IN.match(doc_text(doc)[end : end + 40])
    if match is None:
        return None
    phrase = _plain_phrase_after_char(doc, end + match.end(), determiners=False)
    return None if phrase is None else _with_of_phrase(doc, phrase)


def _noun_modified(doc: Doc, start: int, end: int, kind: str | None) -> str | None:
    """'a $18bn loan', 'his 28.1% shareholding', 'an 18-month fight to acquire', 'a 48-yard field goal'."""
    text = doc_text(doc)
    end = _past_brackets(text, end)
    if end >= len(text) or text[end] != " ":
        return None
    if kind not in ("percent", "percentage_points") and not _after_determiner(doc, start):
        return None  # a percent before a noun modifies it ('7.9% growth', '6.75 pct capital bonds')
    phrase = _plain_phrase_after_char(doc, end + 1, determiners=False)
    if phrase is None or phrase[-1].lower_ in CHANGE_NOUNS:
        return None
    return _whose(doc, start) + _with_of_phrase(doc, phrase)


def _after_determiner(doc: Doc, start: int) -> bool:
    """The amount sits between a determiner and a noun, as a modifier does: 'a $18bn loan', 'Oracle's
    18-month fight', 'an annual £10.5bn black hole' (not 'spend 800 mln dlrs beginning late')."""
    i = _token_before(doc, start)
    for _ in range(MODIFIER_WORDS_BEFORE + 1):
        if i is None or i < 0:
            return False
        if doc[i].lower_ in DETERMINERS or doc[i].lower_ in POSSESSIVES:
            return True
        if not (doc[i].is_alpha or doc[i].text == "-"):
            return False
        i -= 1
    return False


def _whose(doc: Doc, start: int) -> str:
    """ "Oracle's " in "Oracle's 18-month fight", "Broadcom's original " in "Broadcom's original $105 billion
    acquisition approach": the possessive phrase right before the amount, which says whose the thing is."""
    i = _token_before(doc, start)
    if i is None:
        return ""
    first = phrase_start_before(doc, i + 1)
    if doc[i].lower_ in POSSESSIVES:
        first = phrase_start_before(doc, i)  # the phrase ends in its "'s"
    if first is None or not any(t.lower_ in POSSESSIVES for t in doc[first : i + 1]):
        return ""
    return words_from(doc, first, i) + " "


def _amount_in(doc: Doc, end: int) -> str | None:
    """'$1.2bn in grants', '45 billion tons of ice', '3m euros (£2.1m; $4.1m) of aid'."""
    end = _past_brackets(doc_text(doc), end)
    match = AMOUNT_IN.match(doc_text(doc)[end : end + 20])
    if match is None:
        return None
    phrase = _plain_phrase_after_char(doc, end + match.end(), determiners=True)
    return None if phrase is None else phrase.text


def _past_brackets(text: str, end: int) -> int:
    """Past a conversion in brackets right after the amount ("3m euros (£2.1m; $4.1m) of aid")."""
    match = BRACKETED_AFTER.match(text, end)
    return match.end() if match is not None else end


def _plain_phrase_after_char(doc: Doc, char: int, *, determiners: bool) -> Span | None:
    token = token_at(doc, char)
    return None if token is None else _plain_phrase_after(doc, token.i, determiners=determiners)


def _plain_phrase_after(doc: Doc, index: int, *, determiners: bool) -> Span | None:
    """A noun phrase starting at token ``index`` that names a thing: not a time, a degree or a number."""
    if index >= len(doc):
        return None
    first = doc[index]
    if not determiners and first.lower_ in DETERMINERS:
        return None
    if first.lower_ in NOT_MODIFIED_WORDS | WEEKDAYS or _is_adverb(first) or first.lower_ in MONTHS:
        return None
    if looks_past_participle(first) or (
        first.lower_.endswith("ing") and index + 1 < len(doc) and doc[index + 1].lower_ in DETERMINERS | PRONOUNS
    ):
        return None  # 'the 5.9% estimated in November', '18 years of doing this': a verb, not a thing
    phrase = phrase_after(doc, first.idx)
    if phrase is None or phrase[-1].lower_ in NOT_MODIFIED_WORDS or phrase[-1].lower_ in DETERMINERS:
        return None
    return phrase


def _with_of_phrase(doc: Doc, phrase: Span) -> str:
    """The phrase with the words after it that say whose or which ("takeover of its smaller rival Peoplesoft")."""
    return doc_text(doc)[phrase.start_char : _which_end(doc, phrase)]


def _phrase_before(doc: Doc, end: int) -> str | None:
    """The noun phrase right before token ``end``, with one "of"/"in"/"on" link it completes ("sales of
    diesels", "currency in circulation", "bonus rates on its policies"), past
    what says when ("Currency in circulation in February fell") and a short form in brackets ("Gross domestic
    product (GDP) rose")."""
    end = _before_brackets_and_time(doc, end)
    first = phrase_start_before(doc, end)
    if first is None or doc[first].lower_ in PRONOUNS or doc[end - 1].lower_ in NOT_MODIFIED_WORDS:
        return None
    if first > 1 and _is_participle(doc[first - 1]) and doc[first - 2].lower_ in DETERMINERS | {"of"}:
        # 'His declared income', 'the numbers of lost laptops': a participle after a determiner or "of"
        # describes the noun.
        first -= 2 if doc[first - 2].lower_ in DETERMINERS else 1
    if first >= 3 and doc[first - 1].lower_ in DETERMINERS and doc[first - 2].lower_ in LINK_PREPOSITIONS:
        first -= 1  # 'Annual bonus rates on its with-profits life policies': whose, inside the link
    if first >= 2 and doc[first - 1].lower_ in LINK_PREPOSITIONS:
        head = phrase_start_before(doc, first - 1)
        if head is not None and doc[head].lower_ not in PRONOUNS:
            first = head
    return words_from(doc, first, end - 1)


def _is_participle(token: Token) -> bool:
    return looks_past_participle(token) or token.lower_ in IRREGULAR_PARTICIPLES


def _before_brackets_and_time(doc: Doc, end: int) -> int:
    if end >= 3 and doc[end - 1].text == ")":
        opening = next((k for k in range(end - 2, max(0, end - 6), -1) if doc[k].text == "("), None)
        end = opening if opening is not None else end
    for k in range(end - 1, max(0, end - TIME_PHRASE_WORDS) - 1, -1):
        if doc[k].lower_ in WHEN_PREPOSITIONS:
            if k < end - 1 and all(_says_when(t) or t.lower_ in DETERMINERS for t in doc[k + 1 : end]):
                return k  # 'at end-February', 'in February last year', 'for the year'
            break
    return end


def _says_when(token: Token) -> bool:
    word = token.lower_
    return (
        word in MONTHS
        or word in TIME_WORDS
        or is_year_modifier(token)
        or any(part in MONTHS for part in word.split("-"))
        or token.text == "-"
    )


def _token_before(doc: Doc, char: int) -> int | None:
    token = token_at(doc, char)
    return None if token is None or token.i == 0 else token.i - 1
