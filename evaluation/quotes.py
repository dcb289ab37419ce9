"""Scoring quotes and their speakers against gold: PolNeAR brat standoff or the seed-000.json format.

A predicted quote is matched one-to-one to a gold content span under three rules (exact after
trimming quote marks and punctuation; at least 80% of the gold's characters covered; at least 30%),
greedily, the largest overlap first.  On a matched pair the speaker is right when

- seed format: the gold ``speaker`` (the resolved person or organisation) is the predicted speaker
  entity's name or one of the names the article gives it (so a pronoun never counts as a name), compared
  without case, a leading "the" or an honorific ("Lord Falconer" is the entity named "Falconer"); a gold
  quote without a speaker (anonymous, an unnamed group) is right when we name no entity either;
- PolNeAR: the predicted speaker span, or any mention of the predicted speaker entity, overlaps the
  gold Source span (so "he" resolved to Trump is right when the gold Source is that "he", and a
  carried-over speaker is right when the gold Source is an earlier "Trump"); an attribution the
  annotator left without a source is right only when we name no speaker either.

End-to-end counts a quote as right only when it is matched and its speaker is right.  A matched quote
whose speaker is not right is *wrong* when we named an entity and *missing* when we named none; the
seed format also breaks speaker outcomes down by how the text names the speaker at the quote
(``MENTION_TYPES``), and scores the gender we read for a rightly resolved speaker against the gold's.
``NAME_PREFIXES`` is this module's own list, independent of the extractor's, like the cue lemmas below.

PolNeAR annotates every attribution, beliefs and findings included ("polls show …", "Trump wants
…").  We score its *speech subset*: see ``SPEECH_SUBSET_RULE``.  Predictions matched to an
attribution outside the subset are set aside, neither right nor wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from itertools import pairwise

from evaluation.scores import PRF

RULES = ("exact", "cover80", "cover30")
# Share of the gold content's characters a prediction must cover under each coverage rule.
RULE_COVERAGE = {"cover80": 0.8, "cover30": 0.3}
KINDS = ("direct", "partial", "indirect")
# How the text names the speaker at the quote (seed-format gold): a name, a pronoun, a description, or
# nothing in the quote's sentence (a continuation paragraph, a speaker named in another sentence).
MENTION_TYPES = ("name", "pronoun", "nominal", "none")
SPEAKER_OUTCOMES = ("right", "wrong", "missing")
# Words before a name that are not part of it when names are compared: the entity's canonical name drops
# them, a reader's naming keeps them ("Lord Falconer", "the Conservatives").
NAME_PREFIXES = frozenset("the mr mrs ms miss dr sir lord lady dame prof professor".split())
# Our 'mixed' (a clause with a quoted stretch inside) is what PolNeAR's content with some marks is.
KIND_FOR_SCORING = {"direct": "direct", "partial": "partial", "mixed": "partial", "indirect": "indirect"}

# Verbs of saying whose cue puts a PolNeAR attribution in the speech subset (with every inflection).
# Fixed before any measurement, and independent of the extractor's own verb lists, so that widening
# what the extractor recognises cannot widen the gold.  Not included: verbs of thinking, wanting and
# showing (think, believe, want, show, find), evaluative acts (call, describe, criticise, praise),
# and hedges that are as often non-speech as speech (suggest, predict, see).
SPEECH_CUE_LEMMAS = frozenset(
    """
say tell add ask write tweet post report announce note argue state declare explain acknowledge admit
claim reply respond answer warn insist recall stress emphasize emphasise reiterate assert contend
confirm deny mention comment remark concede complain quip joke exclaim shout yell testify recount
email text quote promise pledge vow urge speak
""".split()
)
IRREGULAR_FORMS = {"say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "speak": ("spoke", "spoken")}
SPEECH_SUBSET_RULE = (
    "PolNeAR attributions whose cue contains a verb of saying (say, tell, add, ask, write, tweet, report, "
    "announce, note, argue, … in any inflection; see SPEECH_CUE_LEMMAS) or 'according to', or whose "
    "content holds a double quote mark (straight, curly, guillemet or NYT-style '') or an opening single "
    "curly quote, counting a mark that touches the content from outside"
)

# Trimmed from both ends before spans are compared: quote marks, punctuation, whitespace.
TRIM_CHARS = frozenset(" \t\n\r\u00a0\"'`“”‘’«»„.,;:!?…—–-()[]")
OPENING_MARKS = ('"', "“", "«", "„", "''", "``", "‘")
CLOSING_MARKS = ('"', "”", "»", "''", "’", "“")
CLOSED_PARAGRAPH_BREAK = re.compile(r"(”|\"|''|»)[ \t\u00a0]*\n\s*(“|\"|''|«|``)")
DOUBLE_MARKS = ('"', "“", "”", "«", "»", "„", "''", "``", "‘")

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldQuote:
    """One gold quote: its content (possibly in pieces), kind and speaker."""

    spans: tuple[Span, ...]
    kind: str
    speaker: str | None = None  # canonical name (seed format)
    source_spans: tuple[Span, ...] = ()  # where the source is named (PolNeAR)
    cue: str | None = None
    in_scope: bool = True
    mention_type: str | None = None  # one of MENTION_TYPES (seed format, when annotated)
    speaker_gender: str | None = None  # as the article states it (seed format, when annotated)
    # Seed format: the speaker is resolved by name, and a quote without one wants no entity named.
    resolved: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True)
class PredictedQuote:
    start: int
    end: int
    kind: str
    speaker_name: str | None  # the speaker entity's canonical name
    speaker_spans: tuple[Span, ...]  # the speaker mention and every mention of the speaker entity
    has_speaker: bool
    speaker_aliases: frozenset[str] = frozenset()  # every name the article gives the speaker entity, casefolded
    speaker_gender: str | None = None  # the speaker entity's gender as we read it from the article


@dataclass
class MatchCounts:
    """Counts behind P/R/F1, speaker accuracy and end-to-end scores, for one rule (and one kind)."""

    predicted: int = 0
    predicted_matched: int = 0
    predicted_end_to_end: int = 0  # matched with the right speaker
    gold: int = 0
    gold_matched: int = 0
    gold_end_to_end: int = 0

    def __add__(self, other: MatchCounts) -> MatchCounts:
        return MatchCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def quotes(self) -> PRF:
        return PRF(self.predicted_matched, self.predicted, self.gold_matched, self.gold)

    @property
    def end_to_end(self) -> PRF:
        return PRF(self.predicted_end_to_end, self.predicted, self.gold_end_to_end, self.gold)

    @property
    def speaker_accuracy(self) -> float | None:
        """Share of matched gold quotes whose speaker we got right."""
        return self.gold_end_to_end / self.gold_matched if self.gold_matched else None


def _outcome_counts() -> dict[str, dict[str, int]]:
    return {mention: dict.fromkeys(SPEAKER_OUTCOMES, 0) for mention in ("all", *MENTION_TYPES)}


@dataclass
class QuoteScores:
    """Per rule: counts over all kinds (``"all"``) and per kind; and per rule, the speaker outcomes of the
    matched gold quotes, over all and by the gold's mention type."""

    by_rule: dict[str, dict[str, MatchCounts]] = field(
        default_factory=lambda: {rule: {k: MatchCounts() for k in ("all", *KINDS)} for rule in RULES}
    )
    speakers: dict[str, dict[str, dict[str, int]]] = field(
        default_factory=lambda: {rule: _outcome_counts() for rule in RULES}
    )
    # Per rule: of the quotes whose speaker is right and whose gold states the speaker's gender, ours right,
    # wrong or missing.
    genders: dict[str, dict[str, int]] = field(
        default_factory=lambda: {rule: dict.fromkeys(SPEAKER_OUTCOMES, 0) for rule in RULES}
    )

    def __add__(self, other: QuoteScores) -> QuoteScores:
        return QuoteScores(
            {rule: {k: self.by_rule[rule][k] + other.by_rule[rule][k] for k in self.by_rule[rule]} for rule in RULES},
            {
                rule: {
                    mention: {o: n + other.speakers[rule][mention][o] for o, n in outcomes.items()}
                    for mention, outcomes in self.speakers[rule].items()
                }
                for rule in RULES
            },
            {rule: {o: n + other.genders[rule][o] for o, n in self.genders[rule].items()} for rule in RULES},
        )


def score_quotes(text: str, predicted: list[PredictedQuote], gold: list[GoldQuote]) -> QuoteScores:
    """Match predictions to gold under each rule and count; gold outside the scope set predictions aside."""
    scores = QuoteScores()
    for rule in RULES:
        pairs = match_quotes(text, predicted, gold, rule)
        matched_gold = {g: p for p, g in pairs}
        matched_pred = {p: g for p, g in pairs}
        counts = scores.by_rule[rule]
        for j, quote in enumerate(gold):
            if not quote.in_scope:
                continue
            kind = KIND_FOR_SCORING.get(quote.kind, quote.kind)
            right = j in matched_gold and speaker_correct(predicted[matched_gold[j]], quote)
            for key in ("all", kind):
                counts[key].gold += 1
                counts[key].gold_matched += j in matched_gold
                counts[key].gold_end_to_end += right
            if j in matched_gold:
                outcome = speaker_outcome(predicted[matched_gold[j]], quote)
                for mention in {"all", quote.mention_type or "all"}:
                    scores.speakers[rule][mention][outcome] += 1
                if outcome == "right" and quote.speaker_gender is not None:
                    ours = predicted[matched_gold[j]].speaker_gender
                    gender = "missing" if ours is None else "right" if ours == quote.speaker_gender else "wrong"
                    scores.genders[rule][gender] += 1
        for i, prediction in enumerate(predicted):
            if i in matched_pred and not gold[matched_pred[i]].in_scope:
                continue
            kind = KIND_FOR_SCORING.get(prediction.kind, prediction.kind)
            right = i in matched_pred and speaker_correct(prediction, gold[matched_pred[i]])
            for key in ("all", kind):
                counts[key].predicted += 1
                counts[key].predicted_matched += i in matched_pred
                counts[key].predicted_end_to_end += right
    return scores


def match_quotes(text: str, predicted: list[PredictedQuote], gold: list[GoldQuote], rule: str) -> list[tuple[int, int]]:
    """One-to-one (prediction index, gold index) pairs under ``rule``, greedily by characters of overlap.

    Spans are first trimmed of quote marks, punctuation and whitespace at both ends (a gold in pieces,
    piece by piece); coverage counts the gold's trimmed characters.
    """
    gold_spans = [_trimmed(text, g.spans) for g in gold]
    gold_chars = [_chars(spans) for spans in gold_spans]
    candidates = []
    for i, quote in enumerate(predicted):
        spans = _trimmed(text, ((quote.start, quote.end),))
        chars = _chars(spans)
        for j, wanted in enumerate(gold_chars):
            overlap = len(chars & wanted)
            if overlap and _meets(rule, spans, gold_spans[j], overlap, len(wanted)):
                candidates.append((-overlap, gold[j].start, quote.start, i, j))
    pairs, used_pred, used_gold = [], set(), set()
    for _, _, _, i, j in sorted(candidates):
        if i not in used_pred and j not in used_gold:
            pairs.append((i, j))
            used_pred.add(i)
            used_gold.add(j)
    return sorted(pairs)


def speaker_correct(predicted: PredictedQuote, gold: GoldQuote) -> bool:
    if gold.speaker is not None:
        # Two named sources of one statement are annotated as the first named or both joined with "and"
        # (tests/gold/quotes/README.md): the first named alone is right too.
        wanted = {name_key(gold.speaker), name_key(gold.speaker.split(" and ")[0])}
        return predicted.speaker_name is not None and bool(
            wanted & ({name_key(predicted.speaker_name)} | {name_key(a) for a in predicted.speaker_aliases})
        )
    if gold.resolved:
        return predicted.speaker_name is None
    if not gold.source_spans:
        return not predicted.has_speaker
    return any(s < ge and gs < e for s, e in predicted.speaker_spans for gs, ge in gold.source_spans)


def name_key(name: str) -> str:
    """A name as compared: casefolded, without leading "the" or honorifics, spaces collapsed."""
    words = name.casefold().replace(".", "").split()
    while len(words) > 1 and words[0] in NAME_PREFIXES:
        words = words[1:]
    return " ".join(words)


def speaker_outcome(predicted: PredictedQuote, gold: GoldQuote) -> str:
    """``right``; ``wrong`` (we named someone else, or someone where the gold names no one); ``missing``."""
    if speaker_correct(predicted, gold):
        return "right"
    named = predicted.speaker_name is not None if gold.resolved else predicted.has_speaker
    return "wrong" if named else "missing"


def summary(counts: MatchCounts) -> dict:
    """Print-ready numbers for one set of counts."""
    quotes, end_to_end = counts.quotes, counts.end_to_end
    return {
        "precision": quotes.precision,
        "recall": quotes.recall,
        "f1": quotes.f1,
        "speaker_accuracy": counts.speaker_accuracy,
        "end_to_end_precision": end_to_end.precision,
        "end_to_end_recall": end_to_end.recall,
        "end_to_end_f1": end_to_end.f1,
        "predicted": counts.predicted,
        "gold": counts.gold,
        "matched": counts.gold_matched,
    }


# --- predictions ---------------------------------------------------------------------------------


def predicted_quotes(
    quote_rows: list[dict],
    entity_rows: list[dict],
    mention_rows: list[dict],
    genders: dict[str, str] | None = None,
) -> list[PredictedQuote]:
    """Our extraction's rows (quotes, entities, entity_mentions of one article) as scoring input; ``genders``:
    entity id → gender as the warehouse reads it from those mentions."""
    names = {row["entity_id"]: row["name"] for row in entity_rows}
    aliases = {row["entity_id"]: frozenset(a.casefold() for a in row.get("aliases") or ()) for row in entity_rows}
    mentions: dict[str, list[Span]] = {}
    for row in mention_rows:
        if row["start_char"] is not None:
            mentions.setdefault(row["entity_id"], []).append((row["start_char"], row["end_char"]))
    result = []
    for row in quote_rows:
        entity_id = row["speaker_entity_id"]
        spans = list(mentions.get(entity_id, [])) if entity_id else []
        if row["speaker_start_char"] is not None:
            spans.insert(0, (row["speaker_start_char"], row["speaker_end_char"]))
        result.append(
            PredictedQuote(
                row["start_char"],
                row["end_char"],
                row["kind"],
                names.get(entity_id),
                tuple(spans),
                entity_id is not None or row["speaker_text"] is not None,
                aliases.get(entity_id, frozenset()) if entity_id else frozenset(),
                (genders or {}).get(entity_id) if entity_id else None,
            )
        )
    return result


# --- seed-format gold ----------------------------------------------------------------------------


def seed_gold_quotes(gold: dict) -> list[GoldQuote]:
    """The ``quotes`` of a seed-000.json-style gold file."""
    return [
        GoldQuote(
            ((q["span"][0], q["span"][1]),),
            q["kind"],
            speaker=q.get("speaker"),
            cue=q.get("cue"),
            mention_type=q.get("mention_type"),
            speaker_gender=q.get("speaker_gender"),
            resolved=True,
        )
        for q in gold.get("quotes", [])
    ]


# --- PolNeAR -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BratAttribution:
    """One PolNeAR attribution relation (an ``E`` line) with the spans of its parts."""

    id: str
    type: str  # Attribution or Attribution-no-source
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


def parse_brat(ann: str) -> list[BratAttribution]:
    """Attributions of a PolNeAR ``.ann`` file.

    ``T`` lines are spans ("T3<TAB>Content 315 448;463 553<TAB>text"; discontinuous spans are
    ';'-separated); ``E`` lines tie them into an attribution ("E1<TAB>Attribution:T4 Content:T3
    Cue:T2 Source:T1"; one source may serve several attributions, an attribution may have several
    Content parts).  A span's text may run over a newline, so lines that are neither are skipped, as
    are annotator notes (``#``) and the Discard/Discuss markers, which no attribution uses.
    """
    spans: dict[str, tuple[Span, ...]] = {}
    events = []
    for line in ann.split("\n"):
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"T\d+", parts[0]):
            label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = tuple(_offsets(offsets))
            except ValueError:
                continue
        elif len(parts) >= 2 and re.fullmatch(r"E\d+", parts[0]):
            events.append((parts[0], parts[1].split()))
    result = []
    for event_id, arguments in events:
        roles: dict[str, list[Span]] = {"Source": [], "Cue": [], "Content": []}
        trigger = arguments[0].split(":", 1)[0] if arguments else "Attribution"
        for argument in arguments[1:]:
            role, _, ref = argument.partition(":")
            role = role.rstrip("0123456789")
            if role in roles and ref in spans:
                roles[role].extend(spans[ref])
        result.append(
            BratAttribution(event_id, trigger, *(tuple(sorted(roles[r])) for r in ("Source", "Cue", "Content")))
        )
    return result


def polnear_gold_quotes(text: str, attributions: list[BratAttribution]) -> list[GoldQuote]:
    """Gold quotes of one PolNeAR article, each marked in or out of the speech subset.

    A content the annotator split around its own source and cue ('"A," X said. "B"') becomes one gold
    quote per quoted piece, as our table stores them; pieces joined by whitespace only (a quote running
    over a paragraph break) or not in quote marks ("Trump, he said, will win") stay one quote.
    """
    result = []
    for attribution in attributions:
        if not attribution.content:
            continue
        cue = " ".join(text[s:e] for s, e in attribution.cue)
        for pieces in _segments(text, attribution.content):
            kind = gold_kind(text, pieces)
            result.append(
                GoldQuote(
                    pieces,
                    kind,
                    source_spans=attribution.source,
                    cue=cue,
                    in_scope=kind != "indirect" or is_speech_cue(cue),
                )
            )
    return result


def choose_annotation(ann_names: list[str]) -> dict[str, str]:
    """Document name → the one ``.ann`` file scored for it: the annotator with the smallest id.

    Most documents have one annotator; the few annotated by all six (for agreement) would otherwise
    count six times.  File names are ``<document>_<annotator id>.ann``.
    """
    chosen: dict[str, str] = {}
    for name in sorted(ann_names):
        document = re.sub(r"_[0-9a-f]+\.ann$", "", name)
        chosen.setdefault(document, name)
    return chosen


def gold_kind(text: str, spans: tuple[Span, ...]) -> str:
    """direct (all in quote marks), partial (some of it) or indirect (none), from the gold text."""
    start, end = spans[0][0], spans[-1][1]
    # A mark just outside the span still marks it.
    while start > 0 and text[start - 1] in "\"“«„'‘`":
        start -= 1
    while end < len(text) and text[end] in "\"”»'’":
        end += 1
    content = (
        " ".join(text[s:e] for s, e in ((start, spans[0][1]), *spans[1:-1], (spans[-1][0], end)))
        if len(spans) > 1
        else text[start:end]
    )
    core = content.strip().rstrip(".,;:!?").rstrip()
    if core.startswith(OPENING_MARKS) and core.endswith(CLOSING_MARKS) and len(core) > 2:
        return "direct"
    if any(mark in content for mark in DOUBLE_MARKS):
        return "partial"
    return "indirect"


def is_speech_cue(cue: str) -> bool:
    words = re.findall(r"[a-z]+", cue.lower())
    return "according" in words or any(word in SPEECH_CUE_FORMS for word in words)


def _inflections(lemma: str) -> set[str]:
    forms = {lemma, *IRREGULAR_FORMS.get(lemma, ())}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        # admit → admitted, quip → quipped: a stressed final consonant doubles.
        if re.search(r"[^aeiou][aeiou][bdgmnpt]$", lemma) and lemma not in ("post", "text", "comment"):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


SPEECH_CUE_FORMS = frozenset(form for lemma in SPEECH_CUE_LEMMAS for form in _inflections(lemma))


def _segments(text: str, content: tuple[Span, ...]) -> list[tuple[Span, ...]]:
    pieces = [piece for span in content for piece in _split_closed_paragraphs(text, span)]
    segments = [[pieces[0]]]
    for previous, piece in pairwise(pieces):
        gap = text[previous[1] : piece[0]]
        closed = text[previous[0] : previous[1]].rstrip().endswith(CLOSING_MARKS) and text[
            piece[0] : piece[1]
        ].lstrip().startswith(OPENING_MARKS)
        if closed and (gap.strip() or "\n" in gap):
            segments.append([piece])
        else:
            segments[-1].append(piece)
    return [tuple(s) for s in segments]


def _split_closed_paragraphs(text: str, span: Span) -> list[Span]:
    """A span running over paragraphs splits where a quote closes at a paragraph's end and the next
    paragraph opens a new one: a quote that runs on has no closing mark at the paragraph's end."""
    start, end = span
    pieces = []
    for match in CLOSED_PARAGRAPH_BREAK.finditer(text, start, end):
        pieces.append((start, match.start() + len(match.group(1))))
        start = match.end() - len(match.group(2))
    pieces.append((start, end))
    return pieces


def _offsets(offsets: str) -> list[Span]:
    result = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        result.append((int(start), int(end)))
    return result


def _trimmed(text: str, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    pieces = []
    for start, end in spans:
        while start < end and text[start] in TRIM_CHARS:
            start += 1
        while end > start and text[end - 1] in TRIM_CHARS:
            end -= 1
        if end > start:
            pieces.append((start, end))
    return tuple(pieces)


def _chars(spans: tuple[Span, ...]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def _meets(rule: str, predicted: tuple[Span, ...], gold: tuple[Span, ...], overlap: int, gold_size: int) -> bool:
    if rule == "exact":
        return predicted[0][0] == gold[0][0] and predicted[-1][1] == gold[-1][1]
    return overlap >= RULE_COVERAGE[rule] * gold_size
