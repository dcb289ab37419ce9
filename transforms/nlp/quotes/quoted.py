"""Quotes in quote marks: direct or partial, and the cue verb before or after the marks that introduces each."""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Token

from transforms.nlp.quotes.article import _Article
from transforms.nlp.quotes.lexicon import FRAMING_VERBS, QUOTE_ADJACENT_VERBS
from transforms.nlp.quotes.marks import _mark_at
from transforms.nlp.quotes.quote import Quote, _new_quote
from transforms.nlp.quotes.speakers import _SpeakerResolver
from transforms.nlp.quotes.subjects import SUBJECT_DEPS, _inverted_speaker, _subject_of

# '"…," he said, "…"': the text before a quote ends with another quote's closing mark and a short cue.
INTERRUPTED_QUOTE = re.compile(r"(”|\"|'')[^“”\"\n]{1,120},$")
# The longest text INTERRUPTED_QUOTE can match: it is searched for only in that much of what precedes a quote.
INTERRUPTED_QUOTE_MAX_CHARS = 123
# What the text before a quote ends with when the quote starts a sentence or follows a colon.
SENTENCE_ENDINGS = (":", ".", "!", "?", "”", '"', "''", "»")
# Small words a title leaves lower-case ("Keep the Promise", "This Kind of War").
TITLE_FUNCTION_WORDS = frozenset("a an the and or of for in on to at by with from as vs".split())
# How far (in tokens) a cue may sit from a direct quote's marks and still introduce it.
CUE_WINDOW_TOKENS = 8
# Characters after a quote's content that hold its closing mark (at most 2, '') and the punctuation glued to it
# ('…",' / '…".'): punctuation there is not words running on past the quote.
CLOSING_PUNCT_CHARS = 3


def _marked_quote(article: _Article, start: int, end: int, resolver: _SpeakerResolver) -> Quote:
    body = article.text
    open_at = start - (2 if body[max(0, start - 2) : start] in ("''", "``") else 1)
    paragraph_start = article.paragraphs[article.paragraph_index(start)][0]
    # The paragraph's text before the quote, trailing whitespace left out, as bounds in the body: a copy
    # per quote would make a paragraph of many quotes quadratic.
    before_end = _end_without_trailing_space(body, paragraph_start, open_at)
    cue_before = _cue_before(article, open_at)
    # A quote that opens a paragraph or a sentence, follows a colon, or follows its cue ("added, '…'")
    # with a capital or as the rest of a quote the cue interrupted ('"…," he said, "…"') is direct
    # speech; inside a sentence it is partial.
    starts_sentence = before_end == paragraph_start or body.endswith(SENTENCE_ENDINGS, paragraph_start, before_end)
    after_cue = (
        cue_before is not None
        and body.endswith((",", cue_before.text), paragraph_start, before_end)
        and (body[start : start + 1].isupper() or _interruption(body, paragraph_start, before_end) is not None)
    )
    direct = starts_sentence or after_cue or _resumes_after_cue(article, paragraph_start, before_end, open_at)
    kind = "direct" if direct else "partial"
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
        if cue is None and cue_before is not None:
            first = article.token_after(start)
            assert first is not None  # a quote's content (or else its closing mark) is a token at or after start
            if article.sentence(cue_before).end > first.i:
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
    return any(
        t.pos_ == "VERB" and t.lemma_ in QUOTE_ADJACENT_VERBS and start <= t.idx < open_at
        for t in article.doc.char_span(start, open_at, alignment_mode="expand") or ()
    )


def _cue_after(article: _Article, start: int, end: int, adjacent_only: bool = False) -> Token | None:
    """A cue right after the closing mark: '…," Hegseth said.' / '…," said Hegseth, a spokesman.' /
    '…," the crowd yelled.'  A framing verb a few words on counts too, unless the quote is a finished
    sentence ('…." Reid said both …' starts a new report) or ``adjacent_only`` (the quote has a cue
    before it: 'He said, "…" - at which point the crowd chanted')."""
    doc = article.doc
    after = article.token_after(end)
    if after is None or article.paragraph_index(after.idx) != article.paragraph_index(max(start, end - 1)):
        return None  # a quote that runs to its paragraph's end has no cue after it
    finished = article.text[start:end].rstrip().endswith((".", "!", "?"))
    # '"…," Bennett shot back with a laugh': a comma at the quote's end leaves its sentence to the
    # clause after it, whatever that clause's verb.
    continued = article.text[start:end].rstrip().endswith(",") or article.text[end + 1 : end + 2] == ","
    # Past the closing mark and any punctuation glued to it.
    first = after.i
    while (
        first < len(doc) and doc[first].is_punct and doc[first].text not in ("“", "«") and "\n" not in doc[first].text
    ):
        first += 1
    for token in doc[first:]:
        if token.text in ('"', "“", "”", "''") or "\n" in token.text or article.inside_marks[token.idx]:
            break
        if token.pos_ == "VERB" and not _introduces_next(token) and not _in_a_name(token):
            adjacent = _adjacent_attribution(token, first, article.inside_marks)
            if finished and _reports_own_words(token):
                # '…detained." Tory ex-minister Douglas Hogg said he opposed the plans': after a finished
                # quote, a verb with words of its own to report starts the next report.
                break
            if adjacent and (token.lemma_ in QUOTE_ADJACENT_VERBS or _ends_clause(token) or continued):
                return token
            if (
                not finished
                and not adjacent_only
                and token.lemma_ in FRAMING_VERBS
                and (token.i - first < CUE_WINDOW_TOKENS or continued and token.dep_ not in ("relcl", "acl"))
            ):
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
    while (
        after is not None
        and after.i < len(doc)
        and after.is_punct
        and after.idx < end + CLOSING_PUNCT_CHARS
        and after.text not in (",",)
    ):
        after = doc[after.i + 1] if after.i + 1 < len(doc) else None
    if after is None or after.is_punct or after.i >= cue.i:
        return None
    subject = None if inverted else _subject_of(cue, article.inside_marks)
    clause_start = min(cue.i, subject.left_edge.i) if subject is not None else cue.i
    if after.i >= clause_start or doc[clause_start - 1].text != ",":
        return None
    words = [t for t in doc[after.i : clause_start - 1] if not t.is_punct]
    if not words or any("\n" in t.text or article.inside_marks[t.idx] for t in doc[after.i : clause_start - 1]):
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
    return all(
        i in words or verb.doc[i].is_punct or verb.doc[i].dep_ in ("advmod", "aux", "neg") for i in range(first, verb.i)
    )


def _in_a_name(verb: Token) -> bool:
    """'Graham Robb, spokesman for North East Says No, said …': a capitalised verb inside a sentence is
    part of a name or title, not a cue."""
    return verb.is_title and not verb.is_sent_start and verb.i > 0 and not verb.doc[verb.i - 1].is_punct


def _reports_own_words(verb: Token) -> bool:
    """The verb has a clause of reported words after it ('said he opposed the plans'), or its clause hands
    on to a colon ('has written to the watchdog saying: "…"')."""
    return any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children) or any(
        t.text == ":" and t.i > verb.i for t in verb.subtree
    )


def _ends_clause(verb: Token) -> bool:
    """Nothing but a particle or adverb follows the verb before punctuation ('Trump shot back.')."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].dep_ in ("prt", "advmod") and doc[i].head.i == verb.i:
        i += 1
    return i >= len(doc) or doc[i].is_punct or "\n" in doc[i].text


def _cue_before(article: _Article, open_at: int) -> Token | None:
    """A cue just before the opening mark: 'he said: "…"', 'Smbatyan added, "…"', 'She continued, "…"'."""
    token = article.token_before(open_at)
    if token is None:
        return None
    paragraph_start = article.paragraphs[article.paragraph_index(open_at)][0] if open_at > 0 else 0
    doc = article.doc
    colon = token.text == ":"
    window: list[Token] = []
    for candidate in reversed(doc[max(0, token.i - CUE_WINDOW_TOKENS) : token.i + 1]):
        if candidate.idx >= open_at:
            continue
        # The cue of a quote that starts a sentence is in that sentence: '… Ruiz said. "…"' continues her.
        if candidate.idx < paragraph_start or article.inside_marks[candidate.idx] or candidate.text in (".", "!", "?"):
            break
        if colon and candidate.pos_ == "VERB" and _subject_of(candidate, article.inside_marks) is not None:
            # 'his wife whispered to him: "…"': a colon hands the quote to the clause right before it.
            return candidate
        if candidate.pos_ == "VERB" and (
            candidate.lemma_ in FRAMING_VERBS
            or (candidate.lemma_ in QUOTE_ADJACENT_VERBS and all(t.is_punct or t.head.i == candidate.i for t in window))
        ):
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
        group = by_cue.get(quote.cue_start, []) if quote.kind == "partial" and quote.cue_start is not None else []
        if len(group) < 2:
            joined.append(quote)
        elif quote is group[0]:
            start = quote.start - (2 if article.text[quote.start - 2 : quote.start] in ("''", "``") else 1)
            end = max(q.end for q in group)
            end += len(_mark_at(article.text, end) or "")
            joined.append(dataclasses.replace(quote, start=start, end=end, text=article.text[start:end], kind="mixed"))
    return joined
