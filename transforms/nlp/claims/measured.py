"""What a claim measures (``of_what``), read from the words around it as a journalist writes the thing:

- a count measures its counted noun, with what says which ("5,000 jobs at Oracle", "23,000 people killed")
  and the clause that says which were counted ("phones have been left in black cabs", "people Mitch
  killed", "travellers have no place to stop");
- a noun the amount is "of" ("compensation of £173", "a margin of £8bn", "a prison term of up to six years"),
  with what the amount is of ("the sale of 10,000 tonnes of frozen poultry to Egypt");
- the thing a change noun after the amount is "in" ("a 45% increase in tourist revenues");
- a noun the amount modifies ("a $18bn loan", "its $10.3bn takeover of Peoplesoft", "a 48-yard field goal");
- what an amount is "in" or "of" ("$1.2bn in grants", "45 billion tons of ice");
- the subject of the change verb or copula before the amount ("Exports fell 7%", "sales of diesels are down
  by 4.7%", "Currency in circulation in February fell to", through "which" to its noun), and the thing put
  "at" the amount ("estimated the EC rapeseed crop at 5.9 mln tonnes");
- what a change verb moved to or from the amount ("cut GM's holding to 10%");
- who did what with an amount, and on what ("UK shoppers spent £5.3bn on plastic cards"; "the government was
  planning to renationalise 3,000 firms": firms the government was planning to renationalise);
- a results table's label ("Net 146.4 mln"), and a whole put first ("Of the companies surveyed, 30% …").

A share's whole ("2% of GDP") is read with the quantity (``build``), and a share that opens its clause adds
what it did or said ("60% of UK households have gone digital"); claims of one sentence share what they
measure in ``changes``.  Everything here reads the words alone, so the tokenizer-only pipeline finds the same.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from transforms.nlp.claims.annotations import (
    is_hyphen_inside_word,
    looks_past_participle,
    phrase_start_before,
    starts_sentence,
    words_from,
)
from transforms.nlp.claims.clauses import (
    ASIDE_WORDS,
    clause_after,
    doer_before,
    relative_clause_end,
    share_predicate,
    verb_object,
)
from transforms.nlp.claims.lexicon import (
    CHANGE_WORD_SET,
    DETERMINERS,
    FRACTION_WORDS,
    POSSESSIVES,
    UP_PARTICLE_VERBS,
    WEEKDAYS,
    alternation,
)
from transforms.nlp.claims.multiples import MULTIPLYING_WORD
from transforms.nlp.claims.phrases import (
    AUXILIARIES,
    HEDGE_WORDS,
    PERIOD_MODIFIERS,
    WHICH_LINKS,
    before_time,
    index_after,
    is_adverb,
    is_participle,
    is_present_participle,
    phrase_before_amount,
    plain_phrase_after,
    plain_phrase_after_char,
    says_when,
    time_phrase_end,
    token_before,
    which_end,
    with_of_phrase,
)
from transforms.nlp.claims.quantities import past_brackets
from transforms.nlp.claims.results_lines import LABEL_WORD, RESULT_SIDES
from transforms.nlp.doc_cache import doc_text

# A change noun right after an amount, and the "in" that names what changed ("a 45% increase in …").
CHANGE_NOUN_IN = re.compile(
    r"^[ \t]+(?:(?i:rise|increase|gain|jump|surge|growth|climb|boost|fall|drop|decline|decrease|cut|reduction|slump|"
    r"slide|dip|premium|discount|improvement)[ \t]+(?i:in|on|over)|(?i:hit)[ \t]+(?i:to|on))[ \t]+"
)
AMOUNT_IN = re.compile(r"^[ \t]+(?i:in|of|worth\s+of)[ \t]+")
# Change nouns after an amount say how it moved, not what moved ("a 0.6% rise in November").
CHANGE_NOUNS = frozenset(
    "rise rises increase increases fall falls drop drops decline declines decrease decreases gain gains dip slide "
    "jump jumps slump surge climb reduction cut cuts improvement hit".split()
)
# Words that say how big, how often or how sure a change is, not what changed ('a 5% annual rise').
CHANGE_DESCRIBING_WORDS = frozenset(
    """
annual annualised annualized yearly monthly weekly quarterly daily overall further sharp steep modest small big
huge record slight total net average potential possible planned proposed expected surprise
""".split()
)
# Words after which the amount is the level of the subject before them ("Inflation is 10%").
COPULAS = frozenset(
    """
is are was were be been become became becomes stood stands totalled totaled totals reached hit remained remains
accounted amounted amounts total totalling totaling worth gone went
traded trades closed closes opened opens ended ends finished peaked averaged averages valued priced settled
""".split()
)
# What a results line's side replaces in its label ("Net income 5.2 mln vs loss 3.1 mln": Net loss), and how far
# back the label is looked for.
RESULT_ITEMS_OF_A_SIDE = frozenset(("income", "earnings"))
LINE_LABEL_WORDS = 12
# Words saying which way a level went between its verb and "at" ("were slightly lower at", "closed higher at").
LEVEL_AT_WORDS = frozenset("higher lower up down unchanged steady firmer weaker stronger".split())
# Words between a verb and its amount ("fell by a further 2%", "is now about 10%", "rose to a record").
SUBJECT_SKIP_WORDS = frozenset(
    """
by a further another about around nearly almost roughly some just now only to from for record more than less
up as much high low close over under an annual annualised annualized towards toward mere whopping something like
or preliminary provisional estimated revised adjusted unadjusted
""".split()
)
RELATIVE_PRONOUNS = frozenset(("which", "that", "who"))
# Words before "to" whose subject is the subject of the verb after it ("are expected to rise", "is set to fall").
RAISING_WORDS = frozenset(
    """
expected set forecast likely unlikely estimated tipped due poised predicted projected going continued continues
continue began begins begin started starts seen thought bound slated scheduled appears appeared seems seemed
""".split()
)
# The word before a day or a period that says when ("on Friday", "in March").
WHEN_LINKS = frozenset(("on", "in", "last", "this"))
# A market's sessions, which an amount is "in" as a time ("in morning trade", "in intrasession dealings").
MARKET_SESSION_WORDS = frozenset(("trade", "trading", "dealings", "dealing", "session"))
# A share's last word ('two thirds', 'half', '5%'), which is no thing an amount measures.
SHARE_WORD = re.compile(rf"(?:\b(?i:{alternation(FRACTION_WORDS)})|%|\b(?i:per\s?cent|percent|pct))$")
# What follows "62-year" in an age written before its noun ("the 62-year-old coach").
AGE_ENDING = re.compile(r"-old\b")
# Verbs of a trade whose object is what the amount after "for" is paid for, and how far back they are looked for.
TRADE_VERBS = frozenset(
    "sell sells sold selling buy buys bought buying acquire acquires acquired acquiring purchase purchases "
    "purchased purchasing".split()
)
TRADED_WORDS = 15
# Words that open an aside between a subject and its verb that says which.
ASIDE_LINKS = frozenset("excluding including except without with at in of from for".split())
# How long a fronted "Of the companies surveyed," may be.
FRONTED_WORDS = 10
# How many words of what the subject is likelier to do are kept ("more likely to be stopped and searched").
LIKELIER_WORDS = 16
# Adjectives that may stand between the determiner and an amount that modifies a noun ("an annual £10.5bn").
MODIFIER_WORDS_BEFORE = 3
# Verbs of spending or asking for money, whose "for" says what the money is for ('seeking $6.5m for emergency aid').
SPENDING_VERBS = frozenset(
    "seek seeks seeking sought pay pays paying paid spend spends spending spent raise raises raising raised offer "
    "offers offering offered bid bids bidding ask asks asking asked need needs needing needed invest invests "
    "investing invested".split()
)
# Wholes measured by the number of things in them ('an audience of nine million people', 'on volume of 1.9 mln
# shares', 'a win streak of more than two games'), unlike events that happen to things ('the release of three
# hostages').
COUNTED_WHOLES = frozenset(
    "audience audiences staff workforce crowd crowds membership volume turnover record streak fleet population "
    "attendance readership viewership electorate".split()
)


def what_is_measured(doc: Doc, start: int, end: int, kind: str | None, counted: Span | None) -> str | None:
    """The words of the sentence that say what the claim at ``[start, end)`` measures, or None."""
    measured = _what_is_measured(doc, start, end, kind, counted)
    likelier = _how_much_likelier(doc, end)
    # 'heavy users are 56% more likely to say they are unhappy': how much likelier the subject is to do it
    # (in a list, '27% more likely to be depressed', what is likelier alone).
    if likelier is None:
        return measured
    return likelier if measured is None else f"{measured} {likelier}"


def _how_much_likelier(doc: Doc, end: int) -> str | None:
    """'more likely to be stopped and searched' after an amount, to the end of its clause (a mark or "than")."""
    first = index_after(doc, end)
    if (
        first is None
        or first + 3 >= len(doc)
        or doc[first].lower_ not in ("more", "less")
        or doc[first + 1].lower_ != "likely"
        or doc[first + 2].lower_ != "to"
    ):
        return None
    last = first + 2
    while (
        last + 1 < len(doc)
        and last + 1 - first < LIKELIER_WORDS
        and not (doc[last + 1].is_punct and not is_hyphen_inside_word(doc[last + 1]))
        and doc[last + 1].lower_ != "than"
        # '… more likely to be depressed and 35% more likely to': the next one ('to have two children' goes on)
        and not (doc[last + 1].like_num and any(t.lower_ == "likely" for t in doc[last + 2 : last + 5]))
        and "\n" not in doc[last + 1].text
    ):
        last += 1
    while last > first + 2 and doc[last].lower_ in ("and", "or", "but", "while"):
        last -= 1
    return words_from(doc, first, last) if last > first + 2 else None


def _what_is_measured(doc: Doc, start: int, end: int, kind: str | None, counted: Span | None) -> str | None:
    if MULTIPLYING_WORD.fullmatch(doc_text(doc), start, end):
        return _subject_of_verb_at(doc, start)  # 'Sales doubled', 'the budget could double'
    return (
        (_counted_in(doc, start, end) if counted is not None else None)
        or (_whose(doc, start) + _count_with_which(doc, start, counted) if counted is not None else None)
        or (_noun_modified(doc, start, end, kind) if kind != "count" else None)
        or _noun_of_amount(doc, start, end)
        or _change_noun_in(doc, end)
        or _material_with_doer(doc, start, end)
        or _clause_subject(doc, start)
        or _moved_by(doc, start, end)
        or _changed_object(doc, start)
        or _traded_for(doc, start)
        or verb_object(doc, start, end)
        or (_spent_for(doc, start, end) if kind == "money" else None)
        or _line_label(doc, start)
        or _fronted_whole(doc, start)
    )


def _clause_subject(doc: Doc, start: int) -> str | None:
    """'Exports fell 7%', 'Inflation is 10%', 'sales of diesels are down by 4.7%': the words before the change
    verb or copula the amount follows; 'estimated the EC rapeseed crop at 5.9 mln tonnes': the thing put at
    the amount."""
    i = token_before(doc, start)
    if i is None:
        return None
    up = None
    while i > 0 and (doc[i].lower_ in SUBJECT_SKIP_WORDS or is_adverb(doc[i])):
        up = i if doc[i].lower_ == "up" else up
        i -= 1
    if up is not None and not _is_level_verb(doc[i]) and _names_a_thing_before_up(doc, up):
        i = up  # 'with wine sales in 2003 up 25%', 'Sales up 5%': "up" after a noun is the change's verb
    elif i > 0 and not _is_level_verb(doc[i]):
        # 'Auto credit rose in February by 717 mln dlrs', 'Exports rose last month by 5%': past what says when
        # between the verb and its amount.
        i = _before_when(doc, i)
    if i <= 0:
        return None
    word = doc[i].lower_
    if word == "at" and i > 2 and doc[i - 1].lower_ == "in" and doc[i - 2].lower_ in ("came", "come", "comes"):
        i -= 2  # 'sales came in at $43.7bn': a level reported
        word = doc[i].lower_
    elif word == "at":
        # 'closed on Monday at 181.37': the verb before when it was.
        while i > 2 and (says_when(doc[i - 1]) or doc[i - 1].lower_ in WEEKDAYS) and doc[i - 2].lower_ in WHEN_LINKS:
            i -= 2
        # 'Gross reserves were slightly lower at 1.857 billion dlrs', 'closed higher at $5': the verb before
        # which way it went.
        while i > 2 and (doc[i - 1].lower_ in LEVEL_AT_WORDS or is_adverb(doc[i - 1])):
            i -= 1
        verb = doc[i - 1]
        if not (_is_level_verb(verb) or looks_past_participle(verb) or verb.lower_.endswith("ing")):
            return phrase_before_amount(doc, i)  # 'estimated the EC rapeseed crop at 5.9 mln tonnes'
        i -= 1  # 'had been trading at less than $55', 'were reported at 2.1 mln tonnes': the subject's level
    elif not (_is_level_verb(doc[i]) or _comes_to(doc, i)):
        return None
    if word in ("up", "down", "higher", "lower") and i > 1 and _is_level_verb(doc[i - 1]):
        i -= 1  # 'Shares in Manchester United closed up 4.75%': the verb with its particle
    while i > 0 and (doc[i - 1].lower_ in AUXILIARIES or is_adverb(doc[i - 1]) or _raised_to(doc, i - 1)):
        i -= 2 if _raised_to(doc, i - 1) else 1
    if i > 1 and doc[i - 1].lower_ in RELATIVE_PRONOUNS:
        # 'personal debt - which is rising at 15% a year': the noun the relative clause is about.
        i -= 2 if doc[i - 2].text in (",", "-", "–", "—") else 1
    if i > 2 and doc[i - 1].text in (",", "-", "–", "—") and not is_hyphen_inside_word(doc[i - 1]):
        return _subject_before_aside(doc, i - 1)
    return phrase_before_amount(doc, i)


def _names_a_thing_before_up(doc: Doc, up: int) -> bool:
    """'with wine sales in 2003 up', 'soymeal up': a noun (past what says when) before "up", not an amount ('57.33
    pct up from'), a verb ('built up'), a mark, a day ('closed Tuesday up 4%') or a verb's object or place ('ended
    the session up', 'traded in London up')."""
    index = _before_when(doc, up - 1) if up >= 1 else -1
    if index < 0:
        return False
    before = doc[index]
    return (
        before.is_alpha
        and before.dep_ not in ("dobj", "npadvmod")
        and not (before.dep_ == "pobj" and before.head.lower_ != "with")  # 'with wine sales … up' is the subject
        and before.lower_ not in WEEKDAYS
        and before.pos_ not in ("VERB", "AUX")
        and not is_participle(before)
        and not SHARE_WORD.search(before.text)
        and before.lower_ not in AUXILIARIES
    )


def _before_when(doc: Doc, i: int) -> int:
    """The token before a phrase saying when that ends at token ``i`` ('in February', 'in the third quarter',
    'last month'), else ``i`` (also where ``i`` only describes a period: 'in the first ten months')."""
    if doc[i].lower_ in PERIOD_MODIFIERS:
        return i
    start = before_time(doc, i + 1)
    if start <= i:
        return start - 1
    if i > 1 and says_when(doc[i]) and doc[i - 1].lower_ in PERIOD_MODIFIERS | {"past"}:
        return i - 2
    return i


def _comes_to(doc: Doc, i: int) -> bool:
    """'Argentina's financing needs come to 3.53 billion dlrs': a total (not 'came about a month after')."""
    return doc[i].lower_ in ("come", "comes", "came") and i + 1 < len(doc) and doc[i + 1].lower_ == "to"


def _raised_to(doc: Doc, i: int) -> bool:
    """The "to" of "Borrowing costs are expected to rise", "Prices continued to fall": the subject of the verb
    before it is the subject of the change."""
    return i > 0 and doc[i].lower_ == "to" and doc[i - 1].lower_ in RAISING_WORDS


def _subject_before_aside(doc: Doc, closing: int) -> str | None:
    """'Japanese net purchases of foreign bonds, excluding bills, dropped to': the subject before an aside
    set off by commas or dashes (``closing`` is the mark after it), with the aside when it says which (a
    participle or a preposition opens it), not when it is someone's say ('exports, the ministry said, fell')."""
    mark = doc[closing].text
    opening = next(
        (
            k
            for k in range(closing - 1, max(0, closing - ASIDE_WORDS) - 1, -1)
            if doc[k].text == mark and not is_hyphen_inside_word(doc[k])  # not the hyphen of 'core-market'
        ),
        None,
    )
    if opening is None or opening < 1 or opening + 1 >= closing:
        return None
    subject = phrase_before_amount(doc, opening)
    first = doc[opening + 1]
    if subject is None or not (is_participle(first) or is_present_participle(first) or first.lower_ in ASIDE_LINKS):
        return subject
    return f"{subject}, {words_from(doc, opening + 1, closing - 1)}"


def _material_with_doer(doc: Doc, start: int, end: int) -> str | None:
    """'$1.2bn in grants'; 'farmers planted 61.5 mln acres of soybeans': what the amount is of, and who did
    what with it (soybeans farmers planted), as for things counted."""
    material = _amount_in(doc, end)
    if material is None:
        return None
    doer = doer_before(doc, start, pronoun_subjects=False)
    return material if doer is None else f"{material} {doer}"


def _moved_by(doc: Doc, start: int, end: int) -> str | None:
    """'VW reported revenues 5.8pc higher', 'leaving shares 3% down': the thing right before an amount that says
    how far it moved."""
    after = index_after(doc, end)
    if after is None or doc[after].lower_ not in ("higher", "lower", "up", "down") or doc[after].idx > end + 1:
        return None
    i = token_before(doc, start)
    if i is None or i < 1 or says_when(doc[i]) or doc[i].lower_ in WEEKDAYS:
        return None  # 'ending Friday 0.24% down': when, not what
    return phrase_before_amount(doc, i + 1)


def _subject_of_verb_at(doc: Doc, start: int) -> str | None:
    """The subject of the verb the amount is ('The dollar has nearly halved'), past auxiliaries and adverbs."""
    i = token_before(doc, start)
    while i is not None and i > 0 and (doc[i].lower_ in AUXILIARIES | {"to"} or is_adverb(doc[i])):
        i -= 1
    return None if i is None else phrase_before_amount(doc, i + 1)


def _is_level_verb(token: Token) -> bool:
    """A verb after which an amount is its subject's level or change ('fell', 'is', 'traded', 'up')."""
    word = token.lower_
    return word in CHANGE_WORD_SET or word in COPULAS or word in UP_PARTICLE_VERBS or word in ("off", "unchanged")


def _changed_object(doc: Doc, start: int) -> str | None:
    """'cut GM's holding to 10%', 'raised its bid for Qualcomm Inc. to about $121 billion', 'cut its workforce
    by a third', 'reduce its losses last year from £20.6m': what a change verb moved to, from or by the amount
    (quoted or not: 'to increase productivity "by nearly 30%"')."""
    i = token_before(doc, start)
    while i is not None and i > 0 and (doc[i].lower_ in HEDGE_WORDS - {"to"} or doc[i].is_quote):
        i -= 1
    if i is None or i < 2 or doc[i].lower_ not in ("to", "from", "by"):
        return None
    end = i - 1 if doc[i - 1].lower_ in ("up", "down") else i
    while end > 1 and doc[end - 1].is_quote:
        end -= 1
    # 'reduce its losses last year from £20.6m': the thing is before when, which says which of its values.
    thing_end = end
    while thing_end > 1 and says_when(doc[thing_end - 1]):
        thing_end -= 1
    first = phrase_start_before(doc, thing_end)
    for _ in range(WHICH_LINKS):
        if first is None or first < 2 or doc[first - 1].lower_ not in ("for", "of", "in", "on", "per"):
            break
        # 'its bid for Qualcomm Inc.', 'the limit for foreign direct investment in telecoms companies', 'earnings
        # per share'
        head = phrase_start_before(doc, first - 1)
        if head is None:
            break
        first = head
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


def _traded_for(doc: Doc, start: int) -> str | None:
    """'sold its surgical gloves business to a management team for £173m', 'buy out minority investors for
    about $5.4bn': what was sold or bought for the amount, the words between the verb and "for"."""
    i = token_before(doc, start)
    while i is not None and i > 0 and doc[i].lower_ in HEDGE_WORDS:
        i -= 1
    if i is None or i < 2 or doc[i].lower_ != "for":
        return None
    for k in range(i - 1, max(0, i - TRADED_WORDS) - 1, -1):
        word = doc[k].lower_
        if word in TRADE_VERBS:
            first = k + 2 if k + 2 < i and doc[k + 1].lower_ in ("off", "out") else k + 1
            last = i - 1
            while last >= first and doc[last].is_punct:
                last -= 1  # 'Fox Entertainment Group, its broadcasting subsidiary, for'
            return words_from(doc, first, last) if first <= last else None
        if doc[k].text in (";", ":", "(", ")") or starts_sentence(doc[k]) or doc[k].like_num:
            return None
    return None


def _fronted_whole(doc: Doc, start: int) -> str | None:
    """'Of the companies surveyed, 30% saw orders rise': the whole a share is of, put first."""
    i = token_before(doc, start)
    if i is None or doc[i].text != ",":
        return None
    opening = next((k for k in range(i - 1, max(-1, i - FRONTED_WORDS), -1) if starts_sentence(doc[k])), None)
    if opening is None or doc[opening].lower_ != "of" or opening + 1 >= i:
        return None
    return words_from(doc, opening + 1, i - 1)


def _line_label(doc: Doc, start: int) -> str | None:
    """'Net 146.4 mln vs 110.3 mln', 'Avg shrs 71.08 mln', 'Germany +0.3%, France -0.2%': the label a table or
    a list puts right before the amount."""
    i = token_before(doc, start)
    if i is None:
        return None
    if doc[i].lower_ in RESULT_SIDES and i > 1 and doc[i - 1].lower_.rstrip(".") == "vs":
        return _other_side_label(doc, i)
    if doc[i].text in ("+", "-", "−") and i > 0:
        i -= 1
    first = phrase_start_before(doc, i + 1)
    if first is None:
        return None
    listed = first > 0 and doc[first - 1].text in (",", ";") and doc[first].is_title
    if not (starts_sentence(doc[first]) or listed):
        return None
    return words_from(doc, first, i)


def _other_side_label(doc: Doc, side: int) -> str | None:
    """'Net profit 141,000 vs loss 1,772,000': the line's label, with the profit or loss said after "vs" ("Net
    loss"); 'Shr loss three cts vs loss 39 cts': "Shr loss"."""
    first = side - 1
    while first > 0 and side - first < LINE_LABEL_WORDS and not starts_sentence(doc[first]):
        first -= 1
    if not starts_sentence(doc[first]):
        return None
    label = []
    for token in doc[first : side - 1]:
        if token.like_num or not token.is_alpha:
            break
        if not LABEL_WORD.fullmatch(token.text):
            return None  # 'It swung to a profit of 2 mln dlrs vs loss …': prose, not a results line's label
        if token.lower_ not in RESULT_SIDES | RESULT_ITEMS_OF_A_SIDE:
            label.append(token.text)
    return " ".join([*label, doc[side].text]) if label else None


def _count_with_which(doc: Doc, start: int, counted: Span) -> str:
    """'5,000 jobs at Oracle', '23,000 people killed in the floods': the counted noun and what follows that
    says which; the clause that says which things were counted, as a relative clause would: '63,000 mobile
    phones have been left in black cabs' (phones left in black cabs), 'Mitch killed about 10,000 people'
    (people Mitch killed)."""
    text = doc_text(doc)
    end = which_end(doc, counted)
    after = index_after(doc, end)
    # A participle right after the noun already says which ('people killed in the floods were buried').
    said_which = counted.end < len(doc) and end > counted.end_char and is_participle(doc[counted.end])
    clause_end = clause_after(doc, after) if after is not None and not said_which else None
    if clause_end is None and after is not None and not said_which:
        clause_end = relative_clause_end(doc, after)  # 'families who had left the countryside'
    if clause_end is not None:
        return text[counted.start_char : clause_end]
    predicate = None if said_which else share_predicate(doc, start, end, speech=False)
    if predicate is not None:
        return f"{text[counted.start_char : end]} {predicate}"  # '3,500 travellers have no place to stop'
    phrase = text[counted.start_char : end]
    doer = doer_before(doc, start, through_preposition=True)
    return phrase if doer is None else f"{phrase} {doer}"


def _spent_for(doc: Doc, start: int, end: int) -> str | None:
    """'it was seeking $6.5m for emergency aid', 'paid $2m for the paintings': money for a thing is what the
    thing cost or needs (not a period: 'for the year', 'for 2004'; nor a share's: 'for each share')."""
    after = index_after(doc, past_brackets(doc_text(doc), end))
    if after is None or doc[after].lower_ != "for" or time_phrase_end(doc, after) is not None:
        return None
    before = token_before(doc, start)
    words_before = {t.lower_ for t in doc[max(0, before - 3) : before + 1]} if before is not None else set()
    if not words_before & SPENDING_VERBS:
        return None  # '£5 for children', 'fined $500 for speeding': who pays or why, not what it is spent on
    phrase = plain_phrase_after(doc, after + 1, determiners=True)
    if phrase is None or phrase[0].lower_ in ("each", "every", "a", "an") or any(t.like_num for t in phrase):
        return None
    return with_of_phrase(doc, phrase)


def _counted_in(doc: Doc, start: int, end: int) -> str | None:
    """'an audience of nearly nine million people', 'on volume of 1.9 mln shares': the whole the things are
    counted in (``COUNTED_WHOLES``) measures the count."""
    i = token_before(doc, start)
    while i is not None and i > 0 and doc[i].lower_ in HEDGE_WORDS:
        i -= 1
    if i is None or i == 0 or doc[i - 1].lower_ not in COUNTED_WHOLES:
        return None
    return _noun_of_amount(doc, start, end)


def _noun_of_amount(doc: Doc, start: int, end: int) -> str | None:
    """'compensation of £173', 'His declared income of up to £205,000', 'a margin of £8bn'; with what the
    amount is of, when it is a quantity of something: 'the sale of 10,000 tonnes of frozen poultry to Egypt'
    (sale of frozen poultry to Egypt); else with who did what with the thing: 'Solidere posted profits of
    $12.5m' (profits Solidere posted)."""
    i = token_before(doc, start)
    while i is not None and i > 0 and doc[i].lower_ in HEDGE_WORDS:
        i -= 1
    if i is None or doc[i].lower_ != "of":
        return None
    noun = phrase_before_amount(doc, i)
    if noun is not None and SHARE_WORD.search(noun):
        return None  # 'two thirds of the $6 billion': the share is a claim of the amount, not what it measures
    material = _amount_in(doc, end, which=True)
    if noun is not None and material is not None:
        return f"{noun} {material}"
    first = phrase_start_before(doc, i)
    # 'Solidere posted profits of $12.5m': the thing, and who did what with it (profits Solidere posted).
    doer = None
    if noun is not None and first is not None and first > 0:  # a verb may stand before the thing
        doer = doer_before(doc, doc[first].idx, pronoun_subjects=False)
    return noun if doer is None else f"{noun} {doer}"


def _change_noun_in(doc: Doc, end: int) -> str | None:
    match = CHANGE_NOUN_IN.match(doc_text(doc)[end : end + 40])
    if match is None:
        return None
    phrase = plain_phrase_after_char(doc, end + match.end(), determiners=False)
    return None if phrase is None else with_of_phrase(doc, phrase)


def _noun_modified(doc: Doc, start: int, end: int, kind: str | None) -> str | None:
    """'a $18bn loan', 'his 28.1% shareholding', 'an 18-month fight to acquire', 'a 48-yard field goal'."""
    text = doc_text(doc)
    end = past_brackets(text, end)
    if (old := AGE_ENDING.match(text, end)) is not None:
        end = old.end()  # 'The 62-year-old coach': the age of the one it describes
    if end >= len(text) or text[end] != " ":
        return None
    if kind not in ("percent", "percentage_points") and not _after_determiner(doc, start):
        return None  # a percent before a noun modifies it ('7.9% growth', '6.75 pct capital bonds')
    phrase = plain_phrase_after_char(doc, end + 1, determiners=False)
    if phrase is None:
        return None
    if phrase[-1].lower_ in CHANGE_NOUNS:
        # 'a 10% price rise': the change noun says how it moved, the words before it what moved.
        what = [t for t in phrase[:-1] if t.lower_ not in CHANGE_DESCRIBING_WORDS]
        if not what or (what[-1].lower_.endswith("s") and not what[-1].lower_.endswith("ss")):
            return None  # ('a 30% chance rates rise': a plural before it is a clause's subject, no modifier)
        return _whose(doc, start) + text[what[0].idx : what[-1].idx + len(what[-1])]
    after = index_after(doc, which_end(doc, phrase))
    clause_end = relative_clause_end(doc, after) if after is not None else None
    # 'a $900m loan that Yugansk had secured on its assets': the relative clause says which.
    which = with_of_phrase(doc, phrase) if clause_end is None else doc_text(doc)[phrase.start_char : clause_end]
    return _whose(doc, start) + which


def _after_determiner(doc: Doc, start: int) -> bool:
    """The amount sits between a determiner and a noun, as a modifier does: 'a $18bn loan', 'Oracle's
    18-month fight', 'an annual £10.5bn black hole' (not 'spend 800 mln dlrs beginning late')."""
    i = token_before(doc, start)
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
    i = token_before(doc, start)
    if i is None:
        return ""
    first = phrase_start_before(doc, i + 1)
    if doc[i].lower_ in POSSESSIVES:
        first = phrase_start_before(doc, i)  # the phrase ends in its "'s"
    if first is None or not any(t.lower_ in POSSESSIVES for t in doc[first : i + 1]):
        return ""
    return words_from(doc, first, i) + " "


def _amount_in(doc: Doc, end: int, *, which: bool = False) -> str | None:
    """'$1.2bn in grants', '45 billion tons of ice', '3m euros (£2.1m; $4.1m) of aid'; ``which``: with its
    link word and the words after the thing that say which ('of frozen poultry to Egypt')."""
    text = doc_text(doc)
    end = past_brackets(text, end)
    match = AMOUNT_IN.match(text[end : end + 20])
    if match is None:
        return None
    phrase = plain_phrase_after_char(doc, end + match.end(), determiners=True)
    if phrase is None or (len(phrase) > 1 and phrase[-1].lower_ in MARKET_SESSION_WORDS):
        return None  # 'at 458.5p in morning trade': when, not what the amount is in ('in trade with the US')
    if not which:
        return text[phrase.start_char : which_end(doc, phrase)]  # '$300m in tariffs on Japanese imports'
    link = end + len(match.group()) - len(match.group().lstrip())  # where "of"/"in" starts
    return text[link : which_end(doc, phrase)]
