"""Which way a claim's quantity changes, and whether it is a level, the change, or an end of one.

Read from the words around the number, as a journalist writes a change:

- **change**: the amount something moved by: a change word right before the number ("fell 7%", "rose by
  a further 2%", "down 2.5 points", "cut 300 jobs", "rising at 15% a year"), a change noun with "of" or
  "at" before it ("a rise of 5%", "growth at 3%"), or a change noun right after it ("a 7% rise", "a £2m
  cut"), or "higher"/"lower" after it ("closed 3% higher"), a change verb with its object between ("raised
  prices 5%"; not a threshold: "increase their stake beyond 49%"), what is knocked or wiped off something
  ("knock 125m euros off its profits"); jobs that go are a fall ("5,125 positions
  would go", "6,000 job losses", "two million people lost their jobs"), jobs added a rise ("firms added
  146,000 jobs"). A duration written as an adjective
  ("a 27-month decline") is never one.
- **change_to** / **change_from**: the level a change reached or started from: "to" / "from" (or
  "compared with", "up from", "towards") before the number, with a change word earlier in its clause
  ("fell 7% **to $2.3bn**", "rose **from $10.9bn**", "could fall **towards 1.77 marks**", "dropped to 16.5 pct
  **from a high of 19 pct**", "declined **from an annual 9.8 pct**"), or "at" right
  after the change's amount ("up 6% **at $16.6bn**"); a level followed by "up/down from" or by the
  change that led to it ("**$5bn**, up from $3bn", "**153 mln dlrs** of stocks, down from 681 mln", "totaled
  **103.8 mln dlrs** in February, up 4.9 pct").
- **level**: anything else ("sales of $11bn", "unemployment is 5%").

``direction`` is the change word's: ``up`` (rose, gained, a rise), ``down`` (fell, cut, a fall), or None
for a level and for a change that names no way ("changed", "revised", "moved"). The value is never
negated: "fell 7%" is 7 percent, down.
"""

from __future__ import annotations

import re

from transforms.nlp.claims.claim import Claim
from transforms.nlp.claims.lexicon import CHANGE_WORDS, FALL_WORDS, RISE_WORDS, VALUE_HEDGE, alternation
from transforms.nlp.claims.multiples import MULTIPLYING_WORD
from transforms.nlp.claims.quantities import text_before

# The verbs' -ing forms ("cutting about 5,000 jobs", "raising it to 2%").
CHANGE_ING_WORDS = tuple(
    "cutting raising boosting reducing lowering slashing increasing decreasing losing gaining climbing jumping "
    "growing shedding".split()
)
# Words that may sit between a change word and its number ("fell by a further 2%", "rose nearly 3%").
_BETWEEN = (
    r"(?:\s+(?i:by|at|a\s+further|another|an?\s+additional|an?\s+annual(?:i[sz]ed)?|an?\s+record|some|about|"
    r"around|nearly|almost|roughly|just|only|\w+ly))*"
)
_CHANGE = alternation((*CHANGE_WORDS, *CHANGE_ING_WORDS))
# Not after an article: "from a revised 146.7 mln" is the old level, revised, not a change of 146.7 mln.
CHANGE_BEFORE = re.compile(rf"(?<!\b[Aa] )(?<!\b[Aa]n )(?<!\b[Tt]he )\b(?P<word>(?i:{_CHANGE})){_BETWEEN}\s+$")
CHANGE_WORD = re.compile(rf"\b(?i:{_CHANGE})\b")
# A change noun with "of" or "at" before the number ("a rise of 5%", "growth at between 3% and 3.5%").
CHANGE_NOUN_BEFORE = re.compile(
    r"\b(?P<word>(?i:growth|rise|increase|gain|jump|surge|climb|boost|fall|drop|decline|decrease|reduction|slump|cut))"
    r"[ \t]{1,8}(?i:of|at)(?:[ \t]{1,8}(?i:about|around|nearly|almost|roughly|some|just|only|between|an?))?[ \t]{1,8}$"
)
# A level followed by the change that led to it ("totaled 103.8 mln dlrs in February, up 4.9 pct", "flew 987.7
# mln revenue passenger miles last month, up 12 pct", "seat miles, at 357.1 mln, were up 40.5 pct"): what it
# is of or when between, no other amount.
CHANGE_AFTER_LEVEL = re.compile(
    r"^(?:[ \t]{1,8}(?i:in|for|at|on|during)[ \t]{1,8}[^,;.\n]{1,40}?"
    # (no other clause joined on: 'totalled 5 bln dlrs and imports, up 3 pct' is the imports' rise)
    r"|[ \t]{1,8}(?:(?!\b(?i:and|but|while|whereas)\b)[^,;.\n\d]){1,50}?)?,[ \t]{0,8}"
    r"(?:(?i:was|were|is|are)[ \t]{1,8})?"
    r"(?:(?P<word>(?i:up|down))[ \t]{1,8}(?=[\d$£€(]|(?i:by|about|nearly|some)[ \t])"
    # 'sold 2.4 million vehicles in 2004, an increase of 4.2%'
    r"|(?i:an?)[ \t]{1,8}(?P<noun>(?i:increase|rise|gain|jump|fall|drop|decline|decrease))[ \t]{1,8}(?i:of)\b)"
)
# A level, what it is of or when (a year) between, then the old level it moved from after a comma or dash ("153 mln
# dlrs of stocks, down from 681 mln", "700,000 people in poor countries were on drugs - up from 440,000").
UP_FROM_AFTER_LEVEL = re.compile(
    r"^(?:[^,;:.!?\d\n]|\b(?:19|20)\d\d\b){1,60}?(?:,|\s[-–—])[ \t]{0,8}(?P<word>(?i:up|down))[ \t]+(?i:from)\b"
)
# A duration written as an adjective ("a 27-month decline", "a 40-year low") says how long, never a change.
DURATION_ADJECTIVE = re.compile(r"-(?i:year|month|week|day|hour|minute)s?$")
TO_FROM_OR_CHANGE = re.compile(rf"\b(?i:to|from|{_CHANGE})\b")
# A change noun or comparative right after the number ("a 7% rise", "closed 3% higher", "£200m less debt",
# "75 lbs less than normal").
CHANGE_AFTER = re.compile(
    r"^,?\s*(?P<word>(?i:rise|rises|increase|increases|gain|gains|jump|jumps|surge|surges|growth|climb|"
    r"boost|boosts|expansion|fall|falls|drop|drops|decline|declines|decrease|decreases|cut|cuts|reduction|"
    r"slump|slide|dip|higher|lower|up|down|above|below|less|fewer|uplift|upturn|hike|hikes|downturn))\b"
    r"(?P<from>\s+from\b)?"
)
# A change noun after an amount and the noun of what changed ('a 10% price rise', 'a 76 mln dlr revenue
# reduction', 'a 225 mln dlr rate hike'): one or two lower-case words, none a word that links or says when, the
# one before the change noun singular, as a noun modifying another is ('a 30% chance rates rise' is a verb's
# clause).
CHANGE_NOUN_AFTER_WHAT = re.compile(
    r"^[ \t]{1,3}(?:(?!(?:and|or|of|in|on|to|from|the|an?|than|for|at|by|with|as|is|was|were|are|be|been|has|have|"
    r"had|will|would|could|may|might|its|their|his|her|our|after|before|since|over|under|per|each|every|this|that|"
    r"which|who|whose|year|month|week|day|quarter)\b)[a-z]+[ \t]{1,3})?"
    r"(?!(?:and|or|of|in|on|to|from|the|an?|than|for|at|by|with|as|is|was|were|are|be|been|has|have|had|will|would|"
    r"could|may|might|its|their|his|her|our|after|before|since|over|under|per|each|every|this|that|which|who|whose|"
    r"year|month|week|day|quarter)\b)[a-z]*(?:[a-rt-z]|ss)[ \t]{1,3}"
    r"(?P<word>(?i:rise|increase|hike|cut|reduction|fall|drop|decline|decrease|gain|jump|surge|boost))\b"
)
# A determiner before the amount, which makes it a modifier of the nouns after it ('a potential 76 mln dlr
# revenue reduction'; not '30% saw orders rise', where the words after are a clause).
MODIFIER_DETERMINER_BEFORE = re.compile(
    r"\b(?i:a|an|the|its|their|his|her|our|this|that|any)(?:[ \t]{1,3}[a-z]+){0,2}[ \t]{1,3}$"
)
# An amount more or smaller than an earlier time's ('26% more than in December 2003', '20% smaller than previously
# thought'): a change that way; more than another thing ('30% more than a hostile bid') is a comparison, no change.
MORE_THAN_BEFORE = re.compile(
    r"^\s+(?P<word>(?i:more|larger|bigger|greater|smaller))\s+(?i:than)\s+(?:(?i:in|during|at)\s+)?(?:(?i:the)\s+)?"
    r"(?i:previous|prior|last|a\s+year|year-earlier|year-ago|previously|before|earlier|jan|feb|mar|apr|may|jun|jul"
    r"|aug|sep|oct|nov|dec|19\d\d|20\d\d)"
)
COMPARATIVE_DIRECTIONS = {"more": "up", "larger": "up", "bigger": "up", "greater": "up", "smaller": "down"}
# "take" something to a level: what it reached, a rise ('taking his stake to 42.3%'; not 'take up to 18 months').
TOOK_TO_BEFORE = re.compile(r"\b(?i:took|take|takes|taking)[ \t]{1,8}(?!up\b)[^.;,:!?\n]{1,40}?[ \t](?i:to)[ \t]{1,8}$")
# A verb that totals with "up" ("clocked up 36.01 teraflops", "racked up 40 wins"): the total reached, no rise;
# and one whose "up" says no way at all ("makes up about two-thirds", "set up two schools", "signed up 500").
TOTALLED_UP = re.compile(
    r"\b(?i:clock|clocks|clocked|clocking|rack|racks|racked|racking|notch|notches|notched|"
    r"notching|chalk|chalked|built|build|builds|building|ran|run|runs|running|add|added|adds|"
    r"make|makes|made|making|set|sets|setting|take|takes|took|taken|taking|end|ends|ended|ending|"
    r"sum|sums|summed|sign|signs|signed|signing)\s+$"
)
# "an extra $50bn", "an additional 5,000 troops": an amount added to what there was.
EXTRA_BEFORE = re.compile(r"\b(?i:extra|additional)\s+(?:(?i:about|around|nearly|almost|some)\s+)?$")
# Change verbs that take an object ("raised prices", "cut its forecast"), and words that cannot be in one.
TRANSITIVE_CHANGE_WORDS = (
    "raised raise raises raising cut cuts cutting reduced reduce reduces reducing lowered lower lowers lowering "
    "increased increase increases increasing boosted boost boosts boosting slashed slash slashes slashing"
).split()
NOT_OBJECT_WORDS = (
    "in on at by to from for of with since until after before during over under than as and or but that which "
    "who is are was were be been about around nearly almost some beyond above below past said says say told added"
).split()
THRESHOLD_COMPARATORS = frozenset(("more_than", "less_than", "at_least", "at_most"))
# "raised $800,000", "raising £2m for the appeal": funds collected.
RAISED_FUNDS = re.compile(
    r"\b(?i:raised|raise|raises|raising)\s+(?:(?i:about|around|approximately|nearly|almost|some|more\s+than|over)\s+)?$"
)

# "knock 125m euros off its profits", "wiped $5bn off the shares": what comes off is a fall.
OFF_VERB_BEFORE = re.compile(
    r"\b(?i:knock|knocks|knocked|knocking|wipe|wipes|wiped|wiping|shave|shaves|shaved|shaving)\s+"
    r"(?:(?i:about|around|nearly|almost|some|more\s+than|over|another|a\s+further)\s+)?$"
)
OFF_AFTER = re.compile(r"[ \t]{1,8}(?i:off)\b")
# A change verb, then its object (a determiner or possessive and at most two plain words) right before the
# amount ("raised prices 5%", "could reduce the beef supply as much as three pct").
OBJECT_WORDS_BEFORE_AMOUNT = 2
CHANGE_OBJECT_BEFORE = re.compile(
    rf"(?<![\w-])(?P<word>(?i:{alternation(TRANSITIVE_CHANGE_WORDS)}))"  # not "Metal-cutting tool orders"
    r"(?:\s{1,3}(?i:the|its|their|his|her|our|a|an))?"
    rf"(?:\s{{1,3}}(?!(?i:{alternation(NOT_OBJECT_WORDS)})\b)[a-z][\w'’-]{{0,30}}){{1,{OBJECT_WORDS_BEFORE_AMOUNT}}}\s{{1,3}}$"
)
# "5% of voters": a share of something after the amount is no change's size.
SHARE_OF_AFTER = re.compile(r"\s{1,3}(?i:of)\b")

# "to" / "from" (or "compared with", "up from"), or the "by" of a change with its object between ("cut its
# workforce by a third"), before the number, an adverb or hedge between.
END_BEFORE = re.compile(
    r"(?:^|\W)(?P<end>(?i:to|towards?|from|by|compared\s+(?:with|to)|below|above))\s+(?:(?i:the|a|an)\s+)?"
    r"(?:(?i:about|around|nearly|almost|roughly|some|just|estimated|revised|record|near-record|preliminary|"
    r"provisional|annual|"
    r"expected|forecast|projected|initial|original|previous|adjusted|upwardly|downwardly|year-earlier|year-ago|"
    r"all-time)\s+)*"
    # 'from a high of 19 pct', 'to a 40-year low of 137.25 yen': the level named before "of".
    r"(?:(?:[\w-]+\s+)?(?i:high|low|peak|level|average|total)\s+of\s+)?$"
)
# "up from December's 23.77 billion", "down 45 pct from last year's 13.3 billion", "down slightly from its 1985
# profit of 442 mln": the old level after words that say whose it was, ending in a possessive or "of", with
# "from" at most two words after the change's way ("proceeds from the sale of 2 mln shares" is no old level).
FROM_NAMED_LEVEL_BEFORE = re.compile(
    r"\b(?i:up|down|off|higher|lower)(?:\s{1,3}[\w.,%-]+){0,2}?\s{1,3}(?P<end>(?i:from))\s{1,3}"
    r"(?:[\w.'’-]+\s{1,3}){0,3}?(?:[\w.-]+['’]s|(?i:of))\s{1,3}$"
)
# "rose to 214 mln dlrs … compared with 1985's profit of 177 mln": the old value after a few words that say
# whose it was.
COMPARED_WITH_BEFORE = re.compile(r"(?:^|\W)(?P<end>(?i:compared\s+(?:with|to)))\s+(?:[\w'’-]+\s+){1,5}?$")
# "at" right after a change's amount names the level it reached ("Net profit was up 6% at $16.6bn").
AT_AFTER_CHANGE = re.compile(
    r"[\d%][A-Za-z]{0,6}[ \t]{1,8}(?:(?P<degree>(?i:higher|lower))[ \t]{1,8})?(?i:at)[ \t]{1,8}$"
)
# "from" right before a change's old value, a hedge between ("from about 1.8%").
FROM_BEFORE = re.compile(rf"(?:^|\W)(?i:from)\s+(?:{VALUE_HEDGE}\s+)?$")
# How many words may stand between the two ends of one change ("to 7/8 of a pct from"), and the marks
# that break a clause there.
BETWEEN_ENDS_WORDS = 4
CLAUSE_MARKS = frozenset(",;:()")
# How far back, in characters, a change word governs a "to"/"from" value: about a clause.
CLAUSE_CHARS = 200
# Words that end a clause before a change word could govern what follows.
CLAUSE_BREAK = re.compile(r"[;:!?]|\.(?=\s+[A-Z])|\b(?i:but|while|whereas|which|that)\b")
NOUN_RISE = frozenset(
    "rise rises increase increases gain gains jump jumps surge surges growth climb higher up above boost boosts "
    "expansion more raising boosting increasing gaining climbing jumping growing uplift upturn hike hikes".split()
)
FALL_SET = frozenset(w.lower() for w in FALL_WORDS) | frozenset(
    "fall falls drop drops decline declines decrease decreases cut cuts reduction slump slide dip lower down below "
    "less fewer cutting reducing lowering slashing decreasing losing shedding downturn".split()
)
RISE_SET = frozenset(w.lower() for w in RISE_WORDS) | NOUN_RISE


# Verbs of losing: money or things lost are a loss, not a fall ('Alitalia lost 330m euros').
LOSS_WORDS = frozenset(("lost", "lose", "loses", "losing"))
# Jobs that go: the words for them, and what says they go ("will go", "are to be cut", "lost their jobs").
JOB_NOUNS = frozenset("jobs job positions posts roles staff workers employees".split())
JOBS_GO_AFTER = re.compile(
    r"^\s+(?:(?i:will|would|could|may|might|are|were|is|was|to|are\s+to|were\s+to)\s+)?(?:(?i:be)\s+)?"
    r"(?i:go|went|going|gone|cut|axed|lost|shed|eliminated|scrapped)\b"
)
# Jobs that come: what says they were added or created ("firms added 146,000 jobs", "… were created").
JOBS_ADDED_BEFORE = re.compile(
    r"\b(?i:add|adds|added|adding|create|creates|created|creating)\s+(?:(?i:only|just|about|around|some|nearly|"
    r"almost|more\s+than|over)\s+)*$"
)
JOBS_ADDED_AFTER = re.compile(
    r"^\s+(?:(?i:were|was|have\s+been|had\s+been|has\s+been|will\s+be|would\s+be|to\s+be)\s+)?(?i:added|created)\b"
)
LOST_THEIR_JOBS_AFTER = re.compile(r"^\s+(?i:lost|lose|will\s+lose|would\s+lose)\s+(?i:their)\s+(?i:jobs)\b")
JOB_PHRASE_CHARS = 40
# What joins the items of a list of one change's amounts or ends ("rose by 310,000 tonnes in July and 330,000
# tonnes in August", "from 15.73 billion in January and 12.23 billion in February", "to 214 mln dlrs or 3.25
# dlrs per share"): no change word, no new "to"/"from" in between.
LIST_JOIN = re.compile(r"^[^;:.!?]{0,60}?\b(?i:and|or)\s+(?:(?i:the|a|an)\s+)?$")


def set_directions(text: str, claims: list[Claim]) -> None:
    """Fill ``direction`` and ``change_kind`` of every claim of one article."""
    previous: Claim | None = None
    for claim in claims:
        claim.change_kind, claim.direction = _change(text, claim)
        between = text[previous.end : claim.start] if previous is not None else ""
        if (
            previous is not None
            and claim.change_kind == "level"
            and previous.change_kind in ("change", "change_to", "change_from")
            and LIST_JOIN.match(between)
            and not TO_FROM_OR_CHANGE.search(between)
        ):
            claim.change_kind, claim.direction = previous.change_kind, previous.direction
        previous = claim


def directions_from_ends(text: str, claims: list[Claim]) -> None:
    """'revised the jobs gains from 157,000 to 133,000': where a change's old value ("from") and new one are
    both stated (``previous``, changes.py), the values say which way it went, whatever the words around them
    seem to say; the old value is the change's ``change_from``, the new its ``change_to``.  Values only
    compared ("vs", "compared with") are left as the words read them: a results line's "vs" sets this
    year beside last, a level each."""
    for index, new in enumerate(claims):
        if new.previous is None or new.value is None or new.change_kind not in ("level", "change_to"):
            continue
        old = claims[new.previous]
        first, second = sorted((new, old), key=lambda claim: claim.start)
        if (
            abs(new.previous - index) != 1
            or len(text[first.end : second.start].split()) > BETWEEN_ENDS_WORDS
            or not CLAUSE_MARKS.isdisjoint(text[first.end : second.start])
            or old.value is None
            or old.value == new.value
            or old.change_kind not in ("level", "change_from")
            or not FROM_BEFORE.search(text_before(text, old.start)[-30:])
        ):
            continue  # the link is only trusted for the two ends side by side: 'fell to 106.12 from 107.58'
        direction = "up" if new.value > old.value else "down"
        new.change_kind, new.direction = "change_to", direction
        old.change_kind, old.direction = "change_from", direction


def _change(text: str, claim: Claim) -> tuple[str, str | None]:
    before = text_before(text, claim.start)
    if claim.quantity_kind == "duration" and DURATION_ADJECTIVE.search(claim.surface):
        return "level", None
    if before.endswith("+"):
        return "change", "up"  # "Nasdaq +0.3%": a plus sign says a rise
    multiplied = MULTIPLYING_WORD.fullmatch(claim.surface)
    if multiplied is not None:
        # 'doubled', 'halved': the verb is itself the change.
        return "change", "down" if multiplied.group("stem").lower() == "halv" else "up"
    if RAISED_FUNDS.search(before[-24:]) and claim.quantity_kind == "money":
        return "level", None  # 'Democrats raised $800,000': money collected, not a rise
    word = CHANGE_BEFORE.search(before) or CHANGE_NOUN_BEFORE.search(before[-40:])
    if word is not None and not TOTALLED_UP.search(before[: word.start("word")]):
        if word.group("word").lower() in LOSS_WORDS and _lost_as_a_whole(claim):
            return "level", None  # 'Alitalia lost 330m euros', 'lost three games': a loss, not a fall
        return "change", _direction_of(word.group("word"))
    amounts_of_change = claim.quantity_kind in ("percent", "money", "points")
    if amounts_of_change and OFF_VERB_BEFORE.search(before[-40:]) and OFF_AFTER.match(text, claim.end):
        return "change", "down"  # 'knock 125m euros off its operating profits'
    if (
        amounts_of_change
        and (verb := CHANGE_OBJECT_BEFORE.search(before[-80:])) is not None
        and claim.comparator not in THRESHOLD_COMPARATORS
        and not SHARE_OF_AFTER.match(text, claim.end)
        and " of " not in claim.surface
    ):
        # 'raised prices 5%'; 'increase their stake beyond 49%' is a threshold, a level
        return "change", _direction_of(verb.group("word"))
    if EXTRA_BEFORE.search(before[-24:]):
        return "change", "up"  # 'an extra $50bn a year in aid': an amount added
    if claim.quantity_kind == "count" and _jobs_lost(text, claim):
        return "change", "down"
    if claim.quantity_kind == "count" and _jobs_added(text, claim):
        return "change", "up"
    if (more := MORE_THAN_BEFORE.match(text[claim.end : claim.end + 60])) is not None:
        return "change", COMPARATIVE_DIRECTIONS[more.group("word").lower()]
    after = CHANGE_AFTER.match(text[claim.end : claim.end + 20])
    if after is not None:
        # '$5bn, up from $3bn': the level it went to; 'a 7% rise': the change.
        return ("change_to" if after.group("from") else "change"), _direction_of(after.group("word"))
    if (
        amounts_of_change
        and MODIFIER_DETERMINER_BEFORE.search(before[-40:])
        and (named := CHANGE_NOUN_AFTER_WHAT.match(text[claim.end : claim.end + 60])) is not None
    ):
        return "change", _direction_of(named.group("word"))  # 'a 10% price rise', 'a $76m revenue reduction'
    stated_after = CHANGE_AFTER_LEVEL.match(text[claim.end : claim.end + 80]) or UP_FROM_AFTER_LEVEL.match(
        text[claim.end : claim.end + 80]
    )
    if stated_after is not None:
        return "change_to", _direction_of(stated_after.group("word") or stated_after.group("noun"))
    reached = AT_AFTER_CHANGE.search(before[-40:])
    if reached is not None:
        clause = before[-CLAUSE_CHARS:]
        breaks = list(CLAUSE_BREAK.finditer(clause))
        words = [m.group(0) for m in CHANGE_WORD.finditer(clause[breaks[-1].end() :] if breaks else clause)]
        if reached.group("degree") or words:
            return "change_to", _direction_of(reached.group("degree") or words[-1])
    if TOOK_TO_BEFORE.search(before[-60:]):
        return "change_to", "up"  # 'taking his stake to 42.3%', 'That took 2004's total to 2.2 million'
    end = END_BEFORE.search(before) or COMPARED_WITH_BEFORE.search(before) or FROM_NAMED_LEVEL_BEFORE.search(before)
    if end is not None:
        end_at = claim.start - (len(before) - end.start("end"))  # where "to"/"from" stands in the text
        clause = text[max(0, end_at - CLAUSE_CHARS) : end_at + 1]
        breaks = list(CLAUSE_BREAK.finditer(clause))
        clause = clause[breaks[-1].end() :] if breaks else clause
        words = [m.group(0) for m in CHANGE_WORD.finditer(clause)]
        if words:
            marker = end.group("end").lower()
            # 'cut its workforce by a third': the size of the change; "to"/"from": its ends.
            kind = "change" if marker == "by" else "change_to" if marker.startswith("to") else "change_from"
            return kind, _direction_of(words[-1])
        if end.group("end").lower() in ("below", "above"):
            # '38.5 pct below the 168.6 mln dlrs of a year ago': the level the change is measured from.
            return "change_from", _direction_of(end.group("end"))
    return "level", None


def _lost_as_a_whole(claim: Claim) -> bool:
    """Money or things lost are the loss itself (a level); jobs lost, or a share, points or a measure lost, are a
    fall in what had them."""
    unit = (claim.unit or "").lower()
    return claim.quantity_kind in ("money", "count") and unit.rsplit(" ", 1)[-1] not in JOB_NOUNS


def _jobs_lost(text: str, claim: Claim) -> bool:
    """'5,125 positions would go', '6,000 job losses', 'two million people lost their jobs': jobs cut."""
    unit = (claim.unit or "").lower()
    if unit.endswith(("job losses", "job cuts", "redundancies", "layoffs")):
        return True
    after = text[claim.end : claim.end + JOB_PHRASE_CHARS]
    if unit.rsplit(" ", 1)[-1] in JOB_NOUNS and JOBS_GO_AFTER.match(after):
        return True
    return bool(LOST_THEIR_JOBS_AFTER.match(after))


def _jobs_added(text: str, claim: Claim) -> bool:
    """'US firms added only 146,000 jobs', '157,000 new jobs were added': jobs created, a rise in employment."""
    if (claim.unit or "").lower().rsplit(" ", 1)[-1] not in JOB_NOUNS:
        return False
    before = text_before(text, claim.start)[-JOB_PHRASE_CHARS:]
    return bool(
        JOBS_ADDED_BEFORE.search(before) or JOBS_ADDED_AFTER.match(text[claim.end : claim.end + JOB_PHRASE_CHARS])
    )


def _direction_of(word: str) -> str | None:
    lowered = word.lower()
    if lowered in FALL_SET:
        return "down"
    if lowered in RISE_SET:
        return "up"
    return None
