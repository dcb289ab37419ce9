"""Quotes and their speakers: direct, partial, mixed and indirect speech in one article.

Quote marks give direct and partial quotes; the dependency parse gives the cue verb, its subject
(the speaker) and, for indirect speech, the reported clause.  A reported clause with a quoted stretch
inside ('she said the plan was "a golden age" for the alliance') is one *mixed* quote.  Speakers are
resolved to the article's entities; pronouns go to the nearest earlier person of compatible gender
outside quotes; a quote with no cue of its own continues the speaker of the quote before it when the
text shows it is the same speaker (the same paragraph, or a paragraph of nothing but quotation).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from transforms.nlp.doc_cache import doc_sentence_of, doc_text, doc_tokens
from transforms.nlp.entities import Entity, Mention

# Verbs that report speech and take a reported clause ("said that …").
SPEECH_VERBS = frozenset("""
say tell add report state announce claim warn insist argue note explain acknowledge admit predict
suggest write reply respond declare confirm deny stress emphasise emphasize assert contend maintain
reiterate remark observe recall testify urge estimate forecast ask tweet concede complain boast
answer counter retort recount reveal disclose allege charge caution indicate mention agree
""".split())
# Speech verbs whose report is a to-infinitive ("vowed to repeal the law", "told reporters to expect
# a vote") rather than a clause.
PROMISE_VERBS = frozenset("promise vow pledge threaten urge".split())
DIRECTIVE_VERBS = PROMISE_VERBS | frozenset("ask tell warn".split())
# Speech verbs whose direct object is what was said ("announced a new plan", "stressed those worries").
# Not deny, claim, promise or reveal: on PolNeAR train their objects were as often not a report.
OBJECT_REPORT_VERBS = frozenset("""
announce mention stress emphasise emphasize reiterate acknowledge confirm report recall
""".split())
# Verbs that frame a partial quote by judging or passing on words ('blamed the law on "knuckleheaded
# politicians"', 'a sign that read "…"'): the quoted words are the subject's.
EVALUATIVE_VERBS = frozenset("""
blame cite proclaim concede conclude recognize recognise accuse attack hit slam blast deride tout defend
reject decry denounce lament question challenge thank credit insult chant quote refer read compare
""".split())
# Verbs that frame a partial quote without reporting a clause ("welcomed it as an 'important step'").
FRAMING_VERBS = SPEECH_VERBS | PROMISE_VERBS | frozenset("""
welcome call describe hail praise term label dub express voice criticise criticize condemn brand
characterise characterize dismiss
""".split()) | EVALUATIVE_VERBS
# Verbs that give a name ('called it "Crooked Hillary"'): a title-cased partial quote after them is a quote.
NAMING_VERBS = frozenset("call dub label brand term nickname describe".split())
# Verbs that only introduce a quote right next to it ('"…," he continued.', '"Out!" the crowd yelled.').
QUOTE_ADJACENT_VERBS = FRAMING_VERBS | frozenset("""
continue conclude joke quip mock scoff shout yell exclaim muse wonder laugh sigh chime interject
recall read bark snap whisper scream cry gush rave plead demand marvel tease growl thunder
""".split())
# Verbs that need a subject of their own to make a quote: "Asked whether …, he said" is the reporter's question.
NEEDS_SUBJECT = frozenset(("ask",))
# Verbs whose object can be part of the cue, and the nouns after "expressed her …" that are ("expressed
# her desire").
EXPRESSING_VERBS = frozenset(("express", "voice"))
CUE_OBJECT_NOUNS = frozenset("desire hope wish concern view belief confidence regret".split())
# Every lemma this module tests a word for.  The pipeline lemmatizes only the words that can have one of
# them (transforms/nlp/selective_lemmas.py), so a lemma test must use these sets.
LEMMAS_ASKED_ABOUT = (SPEECH_VERBS | PROMISE_VERBS | DIRECTIVE_VERBS | OBJECT_REPORT_VERBS | EVALUATIVE_VERBS
                      | FRAMING_VERBS | NAMING_VERBS | QUOTE_ADJACENT_VERBS | NEEDS_SUBJECT | EXPRESSING_VERBS
                      | CUE_OBJECT_NOUNS)
# Marks that always open or always close a quote; a straight '"' or a doubled "''" decides by context.
OPENING_MARKS = ("“", "„", "«", "``")
CLOSING_MARKS = ("”", "»")
AMBIGUOUS_MARKS = ('"', "''")
# Any of those marks, a doubled one before a single character as in ``_mark_at``.
QUOTE_MARK = re.compile("''|``|[\"“”„«»]")
# Characters before a straight mark that let it open a quote ('said: "…', '("…').
OPENING_CONTEXT = frozenset("([{—–-/:;")
# '"…," he said, "…"': the text before a quote ends with another quote's closing mark and a short cue.
INTERRUPTED_QUOTE = re.compile(r"(”|\"|'')[^“”\"\n]{1,120},$")
# The longest text INTERRUPTED_QUOTE can match: it is searched for only in that much of what precedes a quote.
INTERRUPTED_QUOTE_MAX_CHARS = 123
# Dependencies the parser gives a speaker named after its verb ('said Caddell').
INVERTED_SPEAKER_DEPS = ("dobj", "attr", "npadvmod", "dep", "appos", "oprd", "nsubj")
SENTENCE_ENDINGS = (":", ".", "!", "?", "”", '"', "''", "»")
# Small words a title leaves lower-case ("Keep the Promise", "This Kind of War").
TITLE_FUNCTION_WORDS = frozenset("a an the and or of for in on to at by with from as vs".split())
MALE_PRONOUNS = frozenset(("he", "him", "his", "himself"))
FEMALE_PRONOUNS = frozenset(("she", "her", "hers", "herself"))
RELATIVE_PRONOUNS = frozenset(("who", "that", "which"))
# Subjects that stand for a thing or a situation, never for someone who speaks ("it seems", "that is").
IMPERSONAL_PRONOUNS = frozenset("it this that these those there which what".split())
# Subjects that can have said a partial quote in their clause: people, groups and bodies.
SPEAKING_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | frozenset(("i", "we", "they"))
SPEAKING_LABELS = frozenset(("PERSON", "ORG", "NORP"))
# What a dateline or time stamp before a sentence is tagged as.
DATELINE_LABELS = frozenset(("GPE", "LOC", "DATE", "TIME"))
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# How far (in tokens) a cue may sit from a direct quote's marks and still introduce it.
CUE_WINDOW_TOKENS = 8
# Fewest words of a reported clause worth storing ("said so" is not a report).
MIN_REPORTED_TOKENS = 3


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_entity_index: int | None
    attribution: str
    paragraph_index: int


def find_quote_marks(body: str) -> list[tuple[int, int]]:
    """(content start, content end) of every top-level quote, paragraph by paragraph.

    Straight, curly, guillemet and doubled ('' … '') marks; any double closing mark closes any double
    opening mark, and a straight mark opens or closes by what is around it.  Quotes nest: single
    quotes and other double quotes inside a quote are its content.  Single quotes never open a quote
    of their own (measured on PolNeAR, ‘…’ at the top level is mostly headline scare quotes).  A
    quote still open at the end of a paragraph continues into the next paragraph when that one opens
    with a quote mark (the convention for a quote running over paragraphs), and otherwise closes
    there, so an unbalanced mark never swallows the rest of the text.
    """
    spans: list[tuple[int, int]] = []
    paragraphs = _paragraph_bounds(body)
    open_start: int | None = None
    stack: list[str] = []
    for number, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        if stack:
            # A continuation: the paragraph's own opening mark reopens the quote.
            mark = _mark_at(body, i)
            i += len(mark or "")
            stack = [mark or stack[0]]
        while (found := QUOTE_MARK.search(body, i, p_end)) is not None:
            i, mark = found.start(), found.group()
            role = _mark_role(body, i, mark, stack)
            if role == "open":
                if not stack:
                    open_start = i + len(mark)
                stack.append(mark)
            elif role == "close":
                stack.pop()
                if not stack and open_start is not None:
                    if i > open_start:
                        spans.append((open_start, i))
                    open_start = None
            i += len(mark)
        if stack:
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            if following is None or not _opens_paragraph(body, following[0]):
                end = p_end
                while end > open_start and body[end - 1].isspace():
                    end -= 1
                if end > open_start:
                    spans.append((open_start, end))
                open_start, stack = None, []
    return spans


def _paragraph_bounds(body: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, leading whitespace skipped."""
    bounds = []
    offset = 0
    for line in body.split("\n"):
        stripped = len(line) - len(line.lstrip())
        if line.strip():
            bounds.append((offset + stripped, offset + len(line.rstrip())))
        offset += len(line) + 1
    return bounds


def _mark_at(body: str, i: int) -> str | None:
    if i >= len(body):
        return None  # a clause can end where the article ends
    pair = body[i:i + 2]
    if pair in ("''", "``"):
        return pair
    char = body[i]
    if char in '"“”„«»':
        return char
    return None


def _mark_role(body: str, i: int, mark: str, stack: list[str]) -> str | None:
    """'open', 'close' or None (not a quote mark here) for the mark at ``i``, given the open quotes."""
    before = body[i - 1] if i > 0 else " "
    after = body[i + len(mark)] if i + len(mark) < len(body) else " "
    top = stack[-1] if stack else None
    if mark in OPENING_MARKS:
        # „…“ (German) closes with the mark that opens in English; so does a mistyped “ after a word.
        if mark == "“" and stack and (top == "„" or (not before.isspace() and (after.isspace() or after in ",.;:"))):
            return "close"
        return "open"
    if mark in CLOSING_MARKS:
        return "close" if stack else None
    if before == "=":
        return None  # markup left in the text: <tweet author="@AP">
    if not stack:
        # Nothing is open, so a straight mark can only open, unless it is an inch sign (5").
        return "open" if not after.isspace() and not before.isalnum() else None
    opens = (before.isspace() or before in OPENING_CONTEXT) and not after.isspace()
    if opens and not (mark == '"' and _closes_pending(body, i)):
        return "open"
    return "close"


def _closes_pending(body: str, i: int) -> bool:
    # '"' that looks like an opening inside an open straight quote, with no other '"' left in the
    # paragraph, is the (badly spaced) closing one: '"Yes ", he said' has two marks, not three.
    paragraph_end = body.find("\n", i)
    paragraph_end = len(body) if paragraph_end < 0 else paragraph_end
    return '"' not in body[i + 1:paragraph_end]


def _opens_paragraph(body: str, start: int) -> bool:
    mark = _mark_at(body, start)
    return mark is not None and (mark in OPENING_MARKS or mark in AMBIGUOUS_MARKS)


def extract_quotes(doc: Doc, entities: list[Entity]) -> tuple[list[Quote], list[Mention]]:
    """Quotes of one article, and the pronoun mentions their attribution resolved."""
    body = doc_text(doc)
    marked = find_quote_marks(body)
    inside_marks = _char_mask(len(body), marked)
    article = _Article(doc, inside_marks)
    resolver = _SpeakerResolver(article, entities)

    reports = _reported_clauses(article) + _according_to_reports(article)
    marked_quotes = [_marked_quote(article, start, end, resolver) for start, end in marked]
    # A title or name in quote marks ('the "Fantastic Four" reboot', 'on MSNBC's "Morning Joe"') is no
    # quote, unless someone gives it as a name ('called it "Crooked Hillary"').
    marked_quotes = [q for q in marked_quotes if not (q.kind == "partial" and _is_title(q.text) and (
        q.cue is None or article.doc[article.token_of_char[q.cue_start]].lemma_ not in NAMING_VERBS))]
    quotes: list[Quote] = []
    mixed: set[int] = set()
    for quote in marked_quotes:
        holder = _report_holding(reports, quote) if quote.kind == "partial" else None
        if holder is None:
            quotes.append(quote)
            continue
        mixed.add(holder)
        report = reports[holder]
        if quote.end > report.end:
            # The quote runs on past the clause the parser saw ('said the ruling was "… Bible. The
            # threat … is very clear."'): the report runs to the quote's end.
            report.end = quote.end
    for index, report in enumerate(reports):
        if index not in mixed:
            overlapping = [q for q in marked_quotes if q.start - 1 < report.end and report.start < q.end + 1]
            for quote in overlapping:
                # 'According to X, "…"': the report's cue and speaker are the quote's.
                if quote.kind == "direct" and quote.attribution == "unresolved" and report.cue.idx < quote.start:
                    resolver.attribute_report(quote, report)
            if overlapping:
                continue
        end = report.end
        if index in mixed:
            # A clause that ends where a quote inside it ends keeps that quote's closing mark.
            if any(q.end == end for q in marked_quotes):
                end += len(_mark_at(article.text, end) or "")
        quote = _new_quote(article, report.start, end, "mixed" if index in mixed else "indirect")
        resolver.attribute_report(quote, report)
        quotes.append(quote)
    quotes.sort(key=lambda q: (q.start, q.end, q.speaker_text is None))
    # Two cues can report the same words ('said and added that …'): one quote, the first attributed.
    quotes = [q for i, q in enumerate(quotes)
              if i == 0 or (q.start, q.end, q.kind) != (quotes[i - 1].start, quotes[i - 1].end, quotes[i - 1].kind)]
    quotes = _join_partials_of_one_cue(article, quotes)
    _attribute_by_context(article, quotes, resolver)
    # A partial quote nobody is found to say is a scare quote or a borrowed term ('the "temporary"
    # tax'), not someone's words.
    quotes = [q for q in quotes if not (q.kind == "partial" and q.speaker_text is None)]
    return quotes, resolver.pronoun_mentions


def _join_partials_of_one_cue(article: _Article, quotes: list[Quote]) -> list[Quote]:
    """Partial quotes framed by the same cue ('pledged "cooperation", a "deep" bond and a "close
    relationship"') are one report of that cue: a mixed quote from the first opening mark to the
    last closing mark."""
    by_cue: dict[int, list[Quote]] = {}
    for quote in quotes:
        if quote.kind == "partial" and quote.cue_start is not None:
            by_cue.setdefault(quote.cue_start, []).append(quote)
    joined: list[Quote] = []
    for quote in quotes:
        group = by_cue.get(quote.cue_start, []) if quote.kind == "partial" else []
        if len(group) < 2:
            joined.append(quote)
        elif quote is group[0]:
            start = quote.start - (2 if article.text[quote.start - 2:quote.start] in ("''", "``") else 1)
            end = max(q.end for q in group)
            end += len(_mark_at(article.text, end) or "") if end < len(article.text) else 0
            joined.append(dataclasses.replace(quote, start=start, end=end, text=article.text[start:end], kind="mixed"))
    return joined


class _Article:
    """The parsed article with the lookups every step needs, computed once."""

    def __init__(self, doc: Doc, inside_marks: list[bool]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.inside_marks = inside_marks
        self.sentence_of = doc_sentence_of(doc)
        self.sentences: list[Span] = list(doc.sents)
        self.token_of_char = _token_of_char(doc, len(self.text))
        self.paragraphs = _paragraph_bounds(self.text)
        self._paragraph_starts = [start for start, _ in self.paragraphs]

    def paragraph_index(self, char: int) -> int:
        """Index of the paragraph holding ``char`` among the non-blank paragraphs."""
        return max(0, bisect_right(self._paragraph_starts, char) - 1)

    def token_after(self, char: int) -> Token | None:
        """The token at ``char`` or the first one after it."""
        for i in range(char, len(self.text)):
            if self.token_of_char[i] >= 0 and not self.doc[self.token_of_char[i]].is_space:
                return self.doc[self.token_of_char[i]]
        return None

    def token_before(self, char: int) -> Token | None:
        """The last token that ends at or before ``char``."""
        for i in range(min(char, len(self.text)) - 1, -1, -1):
            if self.token_of_char[i] >= 0 and not self.doc[self.token_of_char[i]].is_space:
                return self.doc[self.token_of_char[i]]
        return None

    def sentence(self, token: Token) -> Span:
        return self.sentences[self.sentence_of[token.i]]


def _token_of_char(doc: Doc, length: int) -> list[int]:
    """The index of the token at every character of the text (-1 for whitespace between tokens), one
    array operation instead of a Python step per character."""
    token_of_char = np.full(length + 1, -1, dtype=np.int64)
    if len(doc):
        starts, lengths = (column.astype(np.int64) for column in doc.to_array([IDX, LENGTH]).T)
        first_char_of_token = np.cumsum(lengths) - lengths  # in the run of all tokens' characters
        token_of_char[np.repeat(starts - first_char_of_token, lengths) + np.arange(lengths.sum())] = \
            np.repeat(np.arange(len(doc)), lengths)
    return token_of_char.tolist()


# --- quotes in quote marks ------------------------------------------------------------------------

def _marked_quote(article: _Article, start: int, end: int, resolver: "_SpeakerResolver") -> Quote:
    body = article.text
    open_at = start - (2 if body[max(0, start - 2):start] in ("''", "``") else 1)
    paragraph_start = article.paragraphs[article.paragraph_index(start)][0]
    # The paragraph's text before the quote, trailing whitespace left out, as bounds in the body: a copy
    # per quote would make a paragraph of many quotes quadratic.
    before_end = _end_without_trailing_space(body, paragraph_start, open_at)
    cue_before = _cue_before(article, open_at)
    # A quote that opens a paragraph or a sentence, follows a colon, or follows its cue ("added, '…'")
    # with a capital or as the rest of a quote the cue interrupted ('"…," he said, "…"') is direct
    # speech; inside a sentence it is partial.
    starts_sentence = before_end == paragraph_start or body.endswith(SENTENCE_ENDINGS, paragraph_start, before_end)
    after_cue = cue_before is not None and body.endswith((",", cue_before.text), paragraph_start, before_end) and (
        body[start:start + 1].isupper() or _interruption(body, paragraph_start, before_end) is not None)
    kind = ("direct" if starts_sentence or after_cue or _resumes_after_cue(article, paragraph_start, before_end, open_at)
            else "partial")
    inverted = False
    span = (start, end)
    if kind == "direct":
        cue = _cue_after(article, start, end, adjacent_only=cue_before is not None)
        inverted = cue is not None and _inverted_speaker(cue, article.inside_marks) is not None
        if cue is not None:
            run_on = _run_on_end(article, end, cue, inverted)
            if run_on is not None:
                # '"He can assert it, but it seems extremely unlikely" that Sanders can catch Clinton,
                # said Steve Elmendorf': the sentence goes on past the quote before its cue.
                kind, span = "mixed", (open_at, run_on)
        cue = cue or cue_before
    else:
        cue = _governing_verb(article, start, end)
        if cue is None and cue_before is not None and article.sentence(cue_before).end > article.token_after(start).i:
            cue = cue_before
        if cue is None:
            cue = resolver.clause_with_speaking_subject(start, end)
    quote = _new_quote(article, *span, kind)
    if cue is not None:
        resolver.attribute(quote, cue, inverted=inverted)
    return quote


def _end_without_trailing_space(text: str, start: int, end: int) -> int:
    """Where ``text[start:end].rstrip()`` ends, without copying it."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _interruption(body: str, paragraph_start: int, before_end: int) -> re.Match | None:
    """INTERRUPTED_QUOTE at the end of ``body[paragraph_start:before_end]``, read from the last characters only."""
    return INTERRUPTED_QUOTE.search(body, max(paragraph_start, before_end - INTERRUPTED_QUOTE_MAX_CHARS), before_end)


def _resumes_after_cue(article: _Article, paragraph_start: int, before_end: int, open_at: int) -> bool:
    """'"The risk," said Ed Leamer, an economist at the bank, "is that …"': a quote that resumes after
    the cue interrupting it, however long the speaker's description, is the same direct quote."""
    interruption = _interruption(article.text, paragraph_start, before_end)
    if interruption is None:
        return False
    start = open_at - (before_end - interruption.start(0))
    return any(t.pos_ == "VERB" and t.lemma_ in QUOTE_ADJACENT_VERBS and start <= t.idx < open_at
               for t in article.doc.char_span(start, open_at, alignment_mode="expand") or ())


def _cue_after(article: _Article, start: int, end: int, adjacent_only: bool = False) -> Token | None:
    """A cue right after the closing mark: '…," Hegseth said.' / '…," said Hegseth, a spokesman.' /
    '…," the crowd yelled.'  A framing verb a few words on counts too, unless the quote is a finished
    sentence ('…." Reid said both …' starts a new report) or ``adjacent_only`` (the quote has a cue
    before it: 'He said, "…" - at which point the crowd chanted')."""
    doc = article.doc
    after = article.token_after(end)
    if after is None:
        return None
    finished = article.text[start:end].rstrip().endswith((".", "!", "?"))
    # '"…," Bennett shot back with a laugh': a comma at the quote's end leaves its sentence to the
    # clause after it, whatever that clause's verb.
    continued = article.text[start:end].rstrip().endswith(",") or article.text[end + 1:end + 2] == ","
    # Past the closing mark and any punctuation glued to it.
    first = after.i
    while first < len(doc) and doc[first].is_punct and doc[first].text not in ("“", "«") and "\n" not in doc[first].text:
        first += 1
    for token in doc[first:]:
        if token.text in ('"', "“", "”", "''") or "\n" in token.text or article.inside_marks[token.idx]:
            break
        if token.pos_ == "VERB" and not _introduces_next(token):
            adjacent = _adjacent_attribution(token, first, article.inside_marks)
            if adjacent and (token.lemma_ in QUOTE_ADJACENT_VERBS or _ends_clause(token) or continued):
                return token
            if not finished and not adjacent_only and token.lemma_ in FRAMING_VERBS and (
                    token.i - first < CUE_WINDOW_TOKENS or continued and token.dep_ not in ("relcl", "acl")):
                # A quote ending in a comma hands its sentence on to the cue however long the speaker's
                # title ('"…," Fight for Fairness organizing director Kendall Fells told …'); a verb in
                # a clause of the speaker's description is not that cue.
                return token
        if token.is_sent_end and token.i > first:
            break
    return None


def _run_on_end(article: _Article, end: int, cue: Token, inverted: bool) -> int | None:
    """Where the words after a closing mark end, when they carry on the quote's sentence up to the
    comma before its cue, or None when the cue (or punctuation) follows the mark."""
    doc = article.doc
    after = article.token_after(end)
    while after is not None and after.i < len(doc) and after.is_punct and after.idx < end + 3 and after.text not in (",",):
        after = doc[after.i + 1] if after.i + 1 < len(doc) else None
    if after is None or after.is_punct or after.i >= cue.i:
        return None
    subject = None if inverted else _subject_of(cue, article.inside_marks)
    clause_start = min(cue.i, subject.left_edge.i) if subject is not None else cue.i
    if after.i >= clause_start or doc[clause_start - 1].text != ",":
        return None
    words = [t for t in doc[after.i: clause_start - 1] if not t.is_punct]
    if not words or any("\n" in t.text or article.inside_marks[t.idx] for t in doc[after.i: clause_start - 1]):
        return None
    return words[-1].idx + len(words[-1].text)


def _introduces_next(verb: Token) -> bool:
    """'… Mr. Zahed said: "…"': a verb followed by a colon introduces what comes after it."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].head.i == verb.i and doc[i].dep_ in ("prt", "advmod", "npadvmod", "dative"):
        i += 1
    return i < len(doc) and doc[i].text == ":"


def _adjacent_attribution(verb: Token, first: int, inside_marks: list[bool]) -> bool:
    """Nothing but the verb's own subject stands between the quote and the verb, or the verb comes
    first and names its speaker after it ('said Caddell')."""
    if verb.i == first:
        return _inverted_speaker(verb, inside_marks) is not None
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    if subject is None:
        return False
    words = {t.i for t in subject.subtree}
    return all(i in words or verb.doc[i].is_punct or verb.doc[i].dep_ in ("advmod", "aux", "neg")
               for i in range(first, verb.i))


def _ends_clause(verb: Token) -> bool:
    """Nothing but a particle or adverb follows the verb before punctuation ('Trump shot back.')."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].dep_ in ("prt", "advmod") and doc[i].head.i == verb.i:
        i += 1
    return i >= len(doc) or doc[i].is_punct or "\n" in doc[i].text


def _inverted_speaker(verb: Token, inside_marks: list[bool]) -> Token | None:
    """The speaker after the verb in '…," said Jared Bernstein', which the parser may take for an
    object (or for a second subject beside the quote it took for one)."""
    if any(c.dep_ in SUBJECT_DEPS and c.i < verb.i and not inside_marks[c.idx] for c in verb.children):
        return None
    child = next((c for c in verb.children if c.i > verb.i and c.dep_ in INVERTED_SPEAKER_DEPS
                  and c.pos_ in ("PROPN", "NOUN", "PRON") and not inside_marks[c.idx]), None)
    if child is not None or verb.i + 1 >= len(verb.doc):
        return child
    # '"A," said Ed Leamer, an economist, "b."': the parser can hang the name on the resumed quote;
    # the noun phrase right after the verb is still the speaker.
    name = verb.doc[verb.i + 1]
    while name.dep_ in ("compound", "amod", "det") and name.head.i > name.i:
        name = name.head
    if name.pos_ == "PROPN" and name.ent_type_ not in ("DATE", "TIME") and not inside_marks[name.idx]:
        return name
    return None


def _cue_before(article: _Article, open_at: int) -> Token | None:
    """A cue just before the opening mark: 'he said: "…"', 'Smbatyan added, "…"', 'She continued, "…"'."""
    token = article.token_before(open_at)
    if token is None:
        return None
    paragraph_start = article.paragraphs[article.paragraph_index(open_at)][0] if open_at > 0 else 0
    doc = article.doc
    colon = token.text == ":"
    window = []
    for candidate in reversed(doc[max(0, token.i - CUE_WINDOW_TOKENS): token.i + 1]):
        if candidate.idx >= open_at:
            continue
        # The cue of a quote that starts a sentence is in that sentence: '… Ruiz said. "…"' continues her.
        if candidate.idx < paragraph_start or article.inside_marks[candidate.idx] or candidate.text in (".", "!", "?"):
            break
        if colon and candidate.pos_ == "VERB" and _subject_of(candidate, article.inside_marks) is not None:
            # 'his wife whispered to him: "…"': a colon hands the quote to the clause right before it.
            return candidate
        if candidate.pos_ == "VERB" and (candidate.lemma_ in FRAMING_VERBS or (
                candidate.lemma_ in QUOTE_ADJACENT_VERBS and all(t.is_punct or t.head.i == candidate.i for t in window))):
            return candidate
        window.append(candidate)
    return None


def _is_title(text: str) -> bool:
    words = [w for w in re.findall(r"[\w'’-]+", text) if w.lower() not in TITLE_FUNCTION_WORDS]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


def _governing_verb(article: _Article, start: int, end: int) -> Token | None:
    """The nearest framing verb above a partial quote in the parse tree."""
    span = article.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    node: Token | None = span.root
    while node is not None:
        if node.lemma_ in FRAMING_VERBS and node.pos_ == "VERB" and not (start <= node.idx < end):
            return node
        # A relative or adverbial clause is a frame of its own: in 'she said, showing off the "MAGA"
        # hat', the hat's slogan is not what she said.
        if node.dep_ in ("relcl", "advcl") and not (start <= node.idx < end):
            return None
        node = None if node.head.i == node.i else node.head
    return None


# --- reported speech ------------------------------------------------------------------------------

@dataclass
class _Report:
    """Reported speech found by its cue: a speech verb's clause, or the rest of an 'according to' sentence."""

    cue: Token
    start: int
    end: int
    source: Span | None = None  # the 'according to' phrase's source


def _reported_clauses(article: _Article) -> list[_Report]:
    """The reported clause of every speech verb outside quote marks."""
    clauses = []
    for verb in doc_tokens(article.doc):
        if verb.pos_ not in ("VERB", "AUX") or article.inside_marks[verb.idx]:
            continue
        if verb.lemma_ in SPEECH_VERBS or verb.lemma_ in DIRECTIVE_VERBS:
            if verb.lemma_ in NEEDS_SUBJECT and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
                continue
            span = _reported_span(article, verb)
            if span is not None:
                clauses.append(_Report(verb, *span))
        elif _quotes_in_its_clause(article, verb):
            # 'He implied the judge was "hostile"': the quote marks show the clause gives someone's
            # words, whatever the verb, and the verb's subject is whose.
            span = _reported_span(article, verb)
            if span is not None:
                clauses.append(_Report(verb, *span))
    return clauses


def _quotes_in_its_clause(article: _Article, verb: Token) -> bool:
    """The verb has a subject that can speak and a complement clause with words both in and out of
    quote marks ('it seems the plan is "dead"' gives words the subject never said)."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    subject = _subject_of(verb, article.inside_marks)
    if subject is None or subject.lower_ in IMPERSONAL_PRONOUNS:
        return False
    inside = [article.inside_marks[t.idx] for t in clause.subtree if not t.is_punct]
    return any(inside) and not all(inside)


def _reported_span(article: _Article, verb: Token) -> tuple[int, int] | None:
    """'X said (that) CLAUSE' → the clause; 'CLAUSE, X said' / 'A, X said, B' → the rest of the sentence."""
    clause = _reported_clause(verb)
    if clause is not None:
        tokens = _clause_tokens(clause)
        # 'say they don’t yet know …' can come out as two clauses side by side: take both.
        for sibling in verb.children:
            if sibling.dep_ == "ccomp" and sibling.i > clause.i and tokens and sibling.left_edge.i <= tokens[-1].i + 2:
                more = _clause_tokens(sibling)
                tokens = list(verb.doc[tokens[0].i: max(tokens[-1].i, more[-1].i) + 1])
    elif verb.lemma_ in OBJECT_REPORT_VERBS and _reported_object(verb) is not None:
        # 'The campaign denied any wrongdoing': what is denied, announced or stressed is the report.
        tokens = list(_reported_object(verb).subtree)
    elif verb.dep_ == "parataxis" and verb.head.i != verb.i and _is_parenthetical(article, verb):
        # The speech verb is a parenthetical of the clause it reports.
        skip = {t.i for t in verb.subtree}
        sentence = article.sentence(verb)
        tokens = [t for t in verb.head.subtree if t.i not in skip and sentence.start <= t.i < sentence.end]
        tokens = _trim(tokens)
        if tokens:
            tokens = list(article.doc[tokens[0].i: tokens[-1].i + 1])
    else:
        return None
    if clause is not None and tokens:
        tokens = _with_fronted_part(article, verb, clause, tokens)
    tokens = _trim(tokens)
    if len([t for t in tokens if not t.is_punct]) < MIN_REPORTED_TOKENS:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    if "\n" in article.text[start:end] or (start <= verb.idx < end and clause is not None
                                            and not tokens[0].i < verb.i < tokens[-1].i):
        return None
    return start, end


def _is_parenthetical(article: _Article, verb: Token) -> bool:
    """'X, he said, Y.' / 'X, he said.': the cue and its subject, set off by commas, with no object of its own."""
    doc = article.doc
    if _subject_of(verb) is None or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return False
    block = [t for t in verb.subtree]
    while block and block[0].is_punct:
        block.pop(0)
    while block and block[-1].is_punct:
        block.pop()
    if not block:
        return False
    sentence = article.sentence(verb)
    before = doc[block[0].i - 1] if block[0].i > sentence.start else None
    after = doc[block[-1].i + 1] if block[-1].i + 1 < sentence.end else None
    return before is not None and before.text in (",", "”", '"', "''") \
        and (after is None or after.text in (",", ".", "!", "?", ";", "“", '"', "''"))


def _with_fronted_part(article: _Article, verb: Token, clause: Token, tokens: list[Token]) -> list[Token]:
    """The report's own words before the parenthetical cue: 'In a general election …, those Democrats
    argued, black voters would turn out' and 'who urged the party to …' keep what comes first."""
    doc = article.doc
    if verb.lemma_ in DIRECTIVE_VERBS and clause.dep_ == "xcomp":
        # 'urged Silicon Valley to find a compromise': the one urged is part of the report.
        target = next((c for c in verb.children if c.dep_ in ("dobj", "nsubj") and verb.i < c.i < clause.i), None)
        if target is not None:
            return list(doc[target.left_edge.i: tokens[-1].i + 1])
        return tokens
    subject = _subject_of(verb)
    sentence = article.sentence(verb)
    if subject is None or subject.i > verb.i or clause.i < verb.i or verb.i + 1 >= len(doc):
        return tokens
    before_subject = subject.left_edge.i - 1
    parenthetical = doc[verb.i + 1].text == "," and before_subject > sentence.start and doc[before_subject].text == ","
    if not parenthetical:
        return tokens
    return list(doc[sentence.start: tokens[-1].i + 1])


def _reported_object(verb: Token) -> Token | None:
    """The verb's direct object after it, when it is a thing said and not a person spoken of."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ == "PRON" or obj.ent_type_ in ("PERSON", "DATE", "TIME"):
        return None
    return obj


def _reported_clause(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child
    # "told Trump that …" is sometimes parsed with the clause under the object or an xcomp.
    for child in verb.children:
        if child.dep_ in ("xcomp", "dobj"):
            for grandchild in child.children:
                if grandchild.dep_ == "ccomp":
                    return grandchild
    if verb.lemma_ in DIRECTIVE_VERBS:
        for child in verb.children:
            if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return child
    return None


def _clause_tokens(head: Token) -> list[Token]:
    """The clause under ``head``, without what the parser hung on it but belongs to the main sentence:
    a coordinated clause with its own subject after a comma (', and he railed …') and a speech
    participle after a comma (', saying …'); never past a paragraph break."""
    cut = len(head.doc)
    for child in head.children:
        if child.i <= head.i:
            continue
        after_comma = any(t.text in (",", ";", "—", "–")
                          for t in head.doc[max(head.i, child.left_edge.i - 2): child.left_edge.i])
        # ', but that the DNC's blocking was …' is more of the report: its 'that' says so.
        reported_too = any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        if child.dep_ == "conj" and after_comma and any(c.dep_ in SUBJECT_DEPS for c in child.children) \
                and not reported_too:
            cut = min(cut, child.left_edge.i)
        elif child.dep_ in ("advcl", "xcomp", "conj") and child.tag_ == "VBG" and after_comma \
                and child.lemma_ in QUOTE_ADJACENT_VERBS:
            cut = min(cut, child.left_edge.i)
    tokens = [t for t in head.subtree if t.i < cut]
    # Keep the clause contiguous around its head.
    run = [head]
    by_index = {t.i: t for t in tokens}
    i = head.i - 1
    while i in by_index and "\n" not in by_index[i].text:
        run.insert(0, by_index[i])
        i -= 1
    i = head.i + 1
    while i in by_index and "\n" not in by_index[i].text:
        run.append(by_index[i])
        i += 1
    return run


def _trim(tokens: list[Token]) -> list[Token]:
    # 'that' introduces the report; 'whether' and 'if' are part of a reported question.
    while tokens and (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    return tokens


def _report_holding(reports: list[_Report], quote: Quote) -> int | None:
    """The report a partial quote opens in (the innermost), if any."""
    best = None
    for index, report in enumerate(reports):
        if report.start <= quote.start - 1 <= report.end and (
                best is None or report.end - report.start < reports[best].end - reports[best].start):
            best = index
    return best


def _according_to_reports(article: _Article) -> list[_Report]:
    """'…, according to X.' → the rest of the sentence, said by X."""
    doc = article.doc
    reports = []
    for token in doc_tokens(doc):
        if token.lower_ != "according" or article.inside_marks[token.idx]:
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        source_tokens = list(to.subtree)[1:]
        while source_tokens and (source_tokens[-1].is_punct or source_tokens[-1].is_space):
            source_tokens.pop()
        if not source_tokens:
            continue
        sentence = article.sentence(token)
        phrase_start, phrase_end = token.i, source_tokens[-1].i + 1
        left = [t for t in sentence if t.i < phrase_start]
        right = [t for t in sentence if t.i >= phrase_end]
        content = left if len(left) >= len(right) else right
        between_commas = phrase_start > sentence.start and doc[phrase_start - 1].text == "," \
            and phrase_end < sentence.end and doc[phrase_end].text == ","
        if between_commas and len([t for t in left if not t.is_punct]) >= 2 and len(right) >= MIN_REPORTED_TOKENS:
            # 'That's bad, according to Rubio, because …': the report is on both sides of its cue.
            content = list(sentence)
        while content and (content[-1].is_punct or content[-1].is_space):
            content = content[:-1]
        while content and (content[0].is_punct or content[0].is_space):
            content = content[1:]
        if len(content) < MIN_REPORTED_TOKENS:
            continue
        start, end = content[0].idx, content[-1].idx + len(content[-1].text)
        if "\n" in article.text[start:end]:
            continue
        reports.append(_Report(token, start, end, doc[source_tokens[0].i: source_tokens[-1].i + 1]))
    return reports


# --- quotes with no cue of their own --------------------------------------------------------------

def _attribute_by_context(article: _Article, quotes: list[Quote], resolver: "_SpeakerResolver") -> None:
    """Direct quotes with no cue of their own.

    - a paragraph opening with a quote after a paragraph that ends in a colon ('Caddell continued:')
      takes that clause's verb as its cue;
    - a quote in the same paragraph as an attributed quote before it ('"…," he said. "…"'), or in a
      paragraph of nothing but quotation right after one, continues that quote's speaker;
    - else a sentence of nothing but a cue right before it ('Tyler said. "…"') is its cue.
    """
    previous: Quote | None = None
    for quote in quotes:
        if quote.attribution == "unresolved" and quote.kind == "direct":
            cue = _colon_cue_above(article, quote)
            if cue is not None:
                resolver.attribute(quote, cue)
            elif previous is not None and _continues(article, previous, quote):
                quote.speaker_text, quote.speaker_start, quote.speaker_end = \
                    previous.speaker_text, previous.speaker_start, previous.speaker_end
                quote.speaker_entity_index = previous.speaker_entity_index
                quote.attribution = "carried_over"
            else:
                cue = _bare_cue_before(article, quote)
                if cue is not None:
                    resolver.attribute(quote, cue)
        if quote.speaker_text is not None or quote.speaker_entity_index is not None:
            previous = quote


def _bare_cue_before(article: _Article, quote: Quote) -> Token | None:
    opening = article.token_before(quote.start)
    if opening is None or article.sentence_of[opening.i] == 0:
        return None
    sentence = article.sentences[article.sentence_of[opening.i] - 1]
    if sentence.start_char < article.paragraphs[article.paragraph_index(quote.start)][0] \
            or any(article.inside_marks[t.idx] or t.text in ('"', "“", "”", "''") for t in sentence):
        return None
    root = sentence.root
    bare = root.lemma_ in FRAMING_VERBS and root.pos_ == "VERB" and not any(
        c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children)
    return root if bare and _subject_of(root, article.inside_marks) is not None else None


def _continues(article: _Article, previous: Quote, quote: Quote) -> bool:
    paragraph = article.paragraph_index(quote.start)
    previous_paragraph = article.paragraph_index(previous.start)
    if paragraph == previous_paragraph:
        return True
    if paragraph - article.paragraph_index(previous.end) != 1:
        return False
    p_start, p_end = article.paragraphs[paragraph]
    outside = "".join(article.text[i] for i in range(p_start, p_end) if not article.inside_marks[i])
    return not outside.strip(' .,"“”«»\'')


def _colon_cue_above(article: _Article, quote: Quote) -> Token | None:
    paragraph = article.paragraph_index(quote.start)
    p_start = article.paragraphs[paragraph][0]
    if paragraph == 0 or quote.start - p_start > 2:
        return None
    above_start, above_end = article.paragraphs[paragraph - 1]
    if not article.text[above_start:above_end].endswith(":"):
        return None
    colon = article.token_before(above_end)
    if colon is None:
        return None
    sentence = article.sentence(colon)
    verbs = [t for t in sentence if t.pos_ == "VERB" and t.idx >= above_start and not article.inside_marks[t.idx]]
    speech = [t for t in verbs if t.lemma_ in QUOTE_ADJACENT_VERBS]
    with_subject = [t for t in verbs if _subject_of(t) is not None]
    return (speech or with_subject or [None])[-1]


# --- helpers --------------------------------------------------------------------------------------

def _new_quote(article: _Article, start: int, end: int, kind: str) -> Quote:
    return Quote(start, end, article.text[start:end], kind, None, None, None, None, None, None, None,
                 "unresolved", article.paragraph_index(start))


def _char_mask(length: int, spans: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * (length + 1)
    for start, end in spans:
        for i in range(max(0, start - 1), min(length, end + 1)):
            mask[i] = True
    return mask


class _SpeakerResolver:
    """Turns a cue verb into a speaker mention and entity."""

    def __init__(self, article: _Article, entities: list[Entity]) -> None:
        self.article = article
        self.doc = article.doc
        self.inside_marks = article.inside_marks
        self.entity_at: dict[int, tuple[int, Mention]] = {}
        for index, entity in enumerate(entities):
            for mention in entity.mentions:
                for char in range(mention.start, mention.end):
                    self.entity_at[char] = (index, mention)
        self.entities = entities
        self.gender = _gender_evidence(article, self.entity_at, entities)
        self.pronoun_mentions: list[Mention] = []

    def attribute(self, quote: Quote, verb: Token, inverted: bool = False) -> None:
        cue_tokens = [verb]
        if verb.lemma_ in EXPRESSING_VERBS:
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in CUE_OBJECT_NOUNS), None)
            if obj is not None:
                cue_tokens = [t for t in self.doc[verb.i: obj.i + 1]]
        quote.cue_start, quote.cue_end = cue_tokens[0].idx, cue_tokens[-1].idx + len(cue_tokens[-1].text)
        quote.cue = self.article.text[quote.cue_start:quote.cue_end]
        # A subject inside the quote marks is the parser reading the quote as the clause's subject.
        subject = _inverted_speaker(verb, self.inside_marks) if inverted else _subject_of(verb, self.inside_marks)
        if subject is not None and subject.dep_ == "nsubjpass" and verb.lemma_ in SPEECH_VERBS:
            # 'Trump was asked, "…"': the one asked is not the speaker; the agent ('by a reporter') is.
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if subject is not None and subject.i < verb.i and (
                subject.ent_type_ in DATELINE_LABELS or (subject.is_upper and len(subject.text) > 1)):
            # 'LONDON (Reuters) - Donald Trump said', 'Saturday at the convention Sen. Warren said': the
            # parser took the (upper-case) dateline or the day for the subject; a name nearer the verb
            # is the speaker.
            named = [t for t in self.doc[subject.i + 1: verb.i]
                     if t.ent_type_ in SPEAKING_LABELS and not self.inside_marks[t.idx]]
            subject = named[-1] if named else subject
        if subject is None:
            return
        self._set_speaker(quote, subject, "explicit")

    def clause_with_speaking_subject(self, start: int, end: int) -> Token | None:
        """The nearest verb above a quote whose subject, outside the quote, is a person or a body that
        speaks: in 'Ramos believes in journalism that "takes sides"' the words are Ramos's."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        node = span.root
        while node.head.i != node.i:
            node = node.head
            if node.pos_ not in ("VERB", "AUX") or start <= node.idx < end:
                continue
            subject = _subject_of(node, self.inside_marks)
            if subject is not None and not subject.left_edge.idx <= start < subject.right_edge.idx + 1 \
                    and self._speaks(subject):
                return node
        return None

    def _speaks(self, subject: Token) -> bool:
        if subject.lower_ in SPEAKING_PRONOUNS:
            return True
        found = self._entity_in(subject)
        return found is not None and self.entities[found[0]].label in SPEAKING_LABELS

    def attribute_report(self, quote: Quote, report: _Report) -> None:
        if report.source is not None:
            self.attribute_to_phrase(quote, report.cue, report.source)
        else:
            self.attribute(quote, report.cue)

    def attribute_to_phrase(self, quote: Quote, cue: Token, source: Span) -> None:
        quote.cue_start, quote.cue_end = cue.idx, cue.idx + len("according to")
        quote.cue = self.article.text[quote.cue_start:quote.cue_end]
        self._set_speaker(quote, source.root, "according_to")

    def _set_speaker(self, quote: Quote, head: Token, attribution: str) -> None:
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
            # 'Weaver, who said …': the speaker is named by 'who', and is whoever 'who' stands for.
            quote.speaker_start, quote.speaker_end, quote.speaker_text = head.idx, head.idx + len(head.text), head.text
            found = self._entity_in(head.head.head)
            if found is not None:
                quote.speaker_entity_index = found[0]
                quote.attribution = "pronoun"
            return
        if head.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS or head.pos_ == "PRON":
            quote.speaker_start, quote.speaker_end = head.idx, head.idx + len(head.text)
            quote.speaker_text = head.text
            index = self._resolve_pronoun(head)
            if index is not None:
                quote.speaker_entity_index = index
                quote.attribution = "pronoun"
                mention = Mention(head.idx, head.idx + len(head.text), head.text, "PERSON",
                                  None, "pronoun", None, index)
                mention.sentence_index = self.article.sentence_of[head.i]
                if not any(m.start == mention.start for m in self.pronoun_mentions):
                    self.pronoun_mentions.append(mention)
            return
        found = self._entity_in(head)
        if found is not None:
            index, mention = found
            quote.speaker_start, quote.speaker_end, quote.speaker_text = mention.start, mention.end, mention.text
            quote.speaker_entity_index = index
            quote.attribution = attribution
            return
        # A nominal speaker ("the spokesman", "a senior official"): keep the phrase, no entity.
        phrase = [t for t in head.subtree if t.dep_ not in ("relcl", "punct", "acl", "prep", "appos") or t is head]
        phrase = [t for t in phrase if phrase[0].i <= t.i <= head.i]
        # Never across a paragraph break ('6:10 p.m.¶About four in 10 voters').
        breaks = [t.i for t in phrase if "\n" in t.text]
        phrase = [t for t in phrase if not breaks or t.i > max(breaks)]
        quote.speaker_start, quote.speaker_end = phrase[0].idx, head.idx + len(head.text)
        quote.speaker_text = self.article.text[quote.speaker_start:quote.speaker_end]
        quote.attribution = attribution

    def _entity_in(self, head: Token) -> tuple[int, Mention] | None:
        """The entity named by the subject's head, else by its appositive ('a spokesman, Brian Fallon').

        Not a possessive or compound: "Trump's spokesman" and "the Clinton campaign" are not Trump or Clinton."""
        for token in [head, *(c for c in head.children if c.dep_ == "appos")]:
            found = next((self.entity_at[c] for c in range(token.idx, token.idx + len(token.text))
                          if c in self.entity_at), None)
            if found is not None:
                return found
        return None

    def _resolve_pronoun(self, pronoun: Token) -> int | None:
        wanted = "male" if pronoun.lower_ in MALE_PRONOUNS else "female" if pronoun.lower_ in FEMALE_PRONOUNS else None
        if wanted is None:
            return None
        best: tuple[int, int] | None = None
        for index, entity in enumerate(self.entities):
            if entity.label != "PERSON" or self.gender.get(index, wanted) != wanted:
                continue
            for mention in entity.mentions:
                if mention.start < pronoun.idx and not self.inside_marks[mention.start]:
                    if best is None or mention.start > best[0]:
                        best = (mention.start, index)
        return None if best is None else best[1]


def _subject_of(verb: Token, inside_marks: list[bool] | None = None) -> Token | None:
    """The verb's subject outside quote marks; a conjoined verb ('welcomed … but said') shares its
    head's subject."""
    node = verb
    while True:
        subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS
                        and not (inside_marks and inside_marks[c.idx])), None)
        if subject is not None:
            return subject
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ == "pcomp" and node.head.head.i != node.head.i:
            node = node.head.head  # 'drew boos upon saying, "…"'
            continue
        if node.dep_ == "acl" and node.tag_ == "VBG":
            # 'issued a statement saying …' is the issuer's; 'a tweet saying …' on its own is the tweet's.
            noun = node.head
            if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
                node = noun.head
                continue
            return noun
        return None


def _gender_evidence(article: _Article, entity_at: dict[int, tuple[int, Mention]],
                     entities: list[Entity]) -> dict[int, str]:
    """Gender of person entities from the pronouns that refer back to them.

    A he/his or she/her outside quotes, in a sentence whose subject is a named
    person, refers to that person in wire copy; the majority decides, and a tie leaves the gender unknown.
    """
    inside_marks = article.inside_marks
    tokens = doc_tokens(article.doc)
    votes: dict[int, Counter[str]] = {}
    for sent in article.sentences:
        sentence_tokens = tokens[sent.start:sent.end]
        subjects = [t for t in sentence_tokens if t.dep_ in SUBJECT_DEPS and t.idx in entity_at
                    and entities[entity_at[t.idx][0]].label == "PERSON" and not inside_marks[t.idx]]
        if not subjects:
            continue
        subject_index = entity_at[subjects[0].idx][0]
        for token in sentence_tokens:
            if token.i <= subjects[0].i or inside_marks[token.idx]:
                continue
            if token.lower_ in MALE_PRONOUNS:
                votes.setdefault(subject_index, Counter())["male"] += 1
            elif token.lower_ in FEMALE_PRONOUNS:
                votes.setdefault(subject_index, Counter())["female"] += 1
    return {index: "male" if counts["male"] > counts["female"] else "female"
            for index, counts in votes.items() if counts["male"] != counts["female"]}
