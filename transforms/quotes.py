"""Quotes and their speakers: direct, partial and indirect speech in one article.

Quote marks give direct and partial quotes; the dependency parse gives the
cue verb, its subject (the speaker) and, for indirect speech, the reported
clause.  Speakers are resolved to the article's entities; pronouns go to the
nearest earlier person of compatible gender outside quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from transforms.entities import Entity, Mention

# Verbs that report speech and take a reported clause ("said that …").
SPEECH_VERBS = frozenset("""
say tell add report state announce claim warn insist argue note explain acknowledge admit predict
suggest write reply respond declare confirm deny stress emphasise emphasize assert contend maintain
reiterate remark observe recall testify urge estimate forecast
""".split())
# Verbs that frame a partial quote without reporting a clause ("welcomed it as an 'important step'").
FRAMING_VERBS = SPEECH_VERBS | frozenset("""
welcome call describe hail praise term label dub express voice criticise criticize condemn brand
promise vow pledge characterise characterize dismiss
""".split())
# Nouns after "expressed her …" that belong to the cue ("expressed her desire").
CUE_OBJECT_NOUNS = frozenset("desire hope wish concern view belief confidence regret".split())
OPENING_MARKS = {'"': '"', "“": "”", "«": "»", "„": "“"}
MALE_PRONOUNS = frozenset(("he", "him", "his", "himself"))
FEMALE_PRONOUNS = frozenset(("she", "her", "hers", "herself"))
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# How far (in tokens) a cue may sit from a direct quote's closing mark and still introduce it.
CUE_WINDOW_TOKENS = 8


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
    """(content start, content end) of every quote-mark pair, paragraph by paragraph.

    An opening mark left unclosed at the end of a paragraph closes there, so an
    unbalanced mark can never swallow the rest of the article.
    """
    spans = []
    offset = 0
    for paragraph in body.split("\n"):
        open_at: int | None = None
        closer = ""
        for i, ch in enumerate(paragraph):
            if open_at is None:
                if ch in OPENING_MARKS and _can_open(paragraph, i):
                    open_at, closer = i, OPENING_MARKS[ch]
            elif ch == closer or (closer == '"' and ch == "”"):
                if i > open_at + 1:
                    spans.append((offset + open_at + 1, offset + i))
                open_at = None
        if open_at is not None and len(paragraph) > open_at + 1:
            spans.append((offset + open_at + 1, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return spans


def _can_open(paragraph: str, i: int) -> bool:
    # A straight quote after a letter is a closing mark or an inch sign, not an opening.
    return i == 0 or not paragraph[i - 1].isalnum()


def extract_quotes(doc: Doc, entities: list[Entity]) -> tuple[list[Quote], list[Mention]]:
    """Quotes of one article, and the pronoun mentions their attribution resolved."""
    body = doc.text
    marked = find_quote_marks(body)
    inside_marks = _char_mask(len(body), marked)
    resolver = _SpeakerResolver(doc, entities, inside_marks)
    quotes: list[Quote] = []

    for start, end in marked:
        quotes.append(_marked_quote(doc, start, end, resolver))
    for verb in doc:
        if verb.lemma_ in SPEECH_VERBS and verb.pos_ in ("VERB", "AUX") and not inside_marks[verb.idx]:
            quote = _indirect_quote(doc, verb, inside_marks, resolver)
            if quote is not None:
                quotes.append(quote)
    quotes.extend(_according_to_quotes(doc, inside_marks, resolver))
    quotes.sort(key=lambda q: q.start)
    _carry_over_speakers(quotes, body)
    return quotes, resolver.pronoun_mentions


def _marked_quote(doc: Doc, start: int, end: int, resolver: "_SpeakerResolver") -> Quote:
    body = doc.text
    paragraph_start = body.rfind("\n", 0, start) + 1
    before = body[paragraph_start:start - 1].rstrip()
    # A quote that opens a paragraph, a sentence or follows a colon is direct speech; inside a sentence it is partial.
    kind = "direct" if not before or before.endswith((":", ".", "!", "?")) else "partial"
    if kind == "direct":
        cue = _cue_after(doc, end) or _cue_before(doc, start)
    else:
        cue = _governing_verb(doc, start, end)
    quote = _new_quote(body, start, end, kind)
    if cue is not None:
        resolver.attribute(quote, cue)
    return quote


def _cue_after(doc: Doc, end: int) -> Token | None:
    """A speech verb right after the closing mark: '…," Hegseth said.' / '…," said Hegseth.'"""
    span = doc.char_span(end, min(len(doc.text), end + 1), alignment_mode="expand")
    if span is None:
        return None
    first = span[-1].i + 1
    for token in doc[first: first + CUE_WINDOW_TOKENS]:
        if token.text in ('"', "“", "”") or token.text == "\n":
            break
        if token.lemma_ in FRAMING_VERBS and token.pos_ == "VERB":
            return token
        if token.is_sent_end and token.i > first:
            break
    return None


def _cue_before(doc: Doc, start: int) -> Token | None:
    """A speech verb just before the opening mark: 'he said: "…"'."""
    span = doc.char_span(max(0, start - 1), start, alignment_mode="expand")
    if span is None:
        return None
    paragraph_start = doc.text.rfind("\n", 0, start) + 1
    for token in reversed(doc[max(0, span[0].i - CUE_WINDOW_TOKENS): span[0].i]):
        if token.idx < paragraph_start:
            break
        if token.lemma_ in FRAMING_VERBS and token.pos_ == "VERB":
            return token
    return None


def _governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The nearest framing verb above a partial quote in the parse tree."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    node: Token | None = span.root
    while node is not None:
        if node.lemma_ in FRAMING_VERBS and node.pos_ == "VERB" and not (start <= node.idx < end):
            return node
        node = None if node.head.i == node.i else node.head
    return None


def _indirect_quote(doc: Doc, verb: Token, inside_marks: list[bool], resolver: "_SpeakerResolver") -> Quote | None:
    """'X said (that) CLAUSE' → the clause, when it is not itself in quote marks."""
    clause = _reported_clause(verb)
    if clause is None:
        return None
    tokens = [t for t in clause.subtree]
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if len(tokens) < 3:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    if any(inside_marks[start:end]) or "\n" in doc.text[start:end]:
        return None
    quote = _new_quote(doc.text, start, end, "indirect")
    resolver.attribute(quote, verb)
    return quote


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
    return None


def _according_to_quotes(doc: Doc, inside_marks: list[bool], resolver: "_SpeakerResolver") -> list[Quote]:
    """'…, according to X.' → the rest of the sentence, said by X."""
    quotes = []
    for token in doc:
        if token.lower_ != "according" or inside_marks[token.idx]:
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        source_tokens = list(to.subtree)[1:]
        if not source_tokens:
            continue
        sentence = token.sent
        phrase_start, phrase_end = token.i, source_tokens[-1].i + 1
        left = [t for t in sentence if t.i < phrase_start]
        right = [t for t in sentence if t.i >= phrase_end]
        content = left if len(left) >= len(right) else right
        while content and (content[-1].is_punct or content[-1].is_space):
            content = content[:-1]
        while content and (content[0].is_punct or content[0].is_space):
            content = content[1:]
        if len(content) < 3:
            continue
        start, end = content[0].idx, content[-1].idx + len(content[-1].text)
        if any(inside_marks[start:end]):
            continue
        quote = _new_quote(doc.text, start, end, "indirect")
        resolver.attribute_to_phrase(quote, token, doc[source_tokens[0].i: source_tokens[-1].i + 1])
        quotes.append(quote)
    return quotes


def _carry_over_speakers(quotes: list[Quote], body: str) -> None:
    """A quote paragraph with no attribution of its own continues the previous quote's speaker
    when the paragraph is nothing but quotation (the wire convention for a continuing speaker)."""
    previous: Quote | None = None
    for quote in quotes:
        if quote.attribution == "unresolved" and previous is not None and quote.kind == "direct" \
                and previous.speaker_text is not None and quote.paragraph_index - previous.paragraph_index <= 1:
            paragraph_start = body.rfind("\n", 0, quote.start) + 1
            paragraph_end = body.find("\n", quote.end)
            paragraph_end = len(body) if paragraph_end < 0 else paragraph_end
            outside = (body[paragraph_start:quote.start - 1] + body[quote.end + 1:paragraph_end]).strip(' .,"“”')
            if not outside:
                quote.speaker_entity_index = previous.speaker_entity_index
                quote.attribution = "carried_over"
        if quote.speaker_text is not None or quote.attribution == "carried_over":
            previous = quote


def _new_quote(body: str, start: int, end: int, kind: str) -> Quote:
    return Quote(start, end, body[start:end], kind, None, None, None, None, None, None, None,
                 "unresolved", body.count("\n", 0, start))


def _char_mask(length: int, spans: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * (length + 1)
    for start, end in spans:
        for i in range(max(0, start - 1), min(length, end + 1)):
            mask[i] = True
    return mask


class _SpeakerResolver:
    """Turns a cue verb into a speaker mention and entity."""

    def __init__(self, doc: Doc, entities: list[Entity], inside_marks: list[bool]) -> None:
        self.doc = doc
        self.inside_marks = inside_marks
        self.entity_at: dict[int, tuple[int, Mention]] = {}
        for index, entity in enumerate(entities):
            for mention in entity.mentions:
                for char in range(mention.start, mention.end):
                    self.entity_at[char] = (index, mention)
        self.entities = entities
        self.gender = _gender_evidence(doc, self.entity_at, entities, inside_marks)
        self.pronoun_mentions: list[Mention] = []

    def attribute(self, quote: Quote, verb: Token) -> None:
        cue_tokens = [verb]
        if verb.lemma_ in ("express", "voice"):
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in CUE_OBJECT_NOUNS), None)
            if obj is not None:
                cue_tokens = [t for t in self.doc[verb.i: obj.i + 1]]
        quote.cue_start, quote.cue_end = cue_tokens[0].idx, cue_tokens[-1].idx + len(cue_tokens[-1].text)
        quote.cue = self.doc.text[quote.cue_start:quote.cue_end]
        subject = _subject_of(verb)
        if subject is None:
            return
        self._set_speaker(quote, subject, "explicit")

    def attribute_to_phrase(self, quote: Quote, cue: Token, source: Span) -> None:
        quote.cue_start, quote.cue_end = cue.idx, cue.idx + len("according to")
        quote.cue = self.doc.text[quote.cue_start:quote.cue_end]
        self._set_speaker(quote, source.root, "according_to")

    def _set_speaker(self, quote: Quote, head: Token, attribution: str) -> None:
        if head.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS or head.pos_ == "PRON":
            quote.speaker_start, quote.speaker_end = head.idx, head.idx + len(head.text)
            quote.speaker_text = head.text
            index = self._resolve_pronoun(head)
            if index is not None:
                quote.speaker_entity_index = index
                quote.attribution = "pronoun"
                mention = Mention(head.idx, head.idx + len(head.text), head.text, "PERSON",
                                  None, "pronoun", None, index)
                mention.sentence_index = _sentence_number(self.doc, head)
                if not any(m.start == mention.start for m in self.pronoun_mentions):
                    self.pronoun_mentions.append(mention)
            return
        found = next((self.entity_at[c] for c in range(head.idx, head.idx + len(head.text)) if c in self.entity_at), None)
        if found is not None:
            index, mention = found
            quote.speaker_start, quote.speaker_end, quote.speaker_text = mention.start, mention.end, mention.text
            quote.speaker_entity_index = index
            quote.attribution = attribution
            return
        # A nominal speaker ("the spokesman", "a senior official"): keep the phrase, no entity.
        phrase = [t for t in head.subtree if t.dep_ not in ("relcl", "punct", "acl", "prep") or t is head]
        phrase = [t for t in phrase if phrase[0].i <= t.i <= head.i]
        quote.speaker_start, quote.speaker_end = phrase[0].idx, head.idx + len(head.text)
        quote.speaker_text = self.doc.text[quote.speaker_start:quote.speaker_end]
        quote.attribution = attribution

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


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject; a conjoined verb ('welcomed … but said') shares its head's subject."""
    node = verb
    while True:
        subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
            node = node.head
            continue
        return None


def _gender_evidence(doc: Doc, entity_at: dict[int, tuple[int, Mention]], entities: list[Entity],
                     inside_marks: list[bool]) -> dict[int, str]:
    """Gender of person entities from the pronouns that refer back to them.

    A he/his or she/her outside quotes, in a sentence whose subject is a named
    person, refers to that person in wire copy; the majority decides.
    """
    votes: dict[int, list[str]] = {}
    for sent in doc.sents:
        subjects = [t for t in sent if t.dep_ in SUBJECT_DEPS and t.idx in entity_at
                    and entities[entity_at[t.idx][0]].label == "PERSON" and not inside_marks[t.idx]]
        if not subjects:
            continue
        subject_index = entity_at[subjects[0].idx][0]
        for token in sent:
            if token.i <= subjects[0].i or inside_marks[token.idx]:
                continue
            if token.lower_ in MALE_PRONOUNS:
                votes.setdefault(subject_index, []).append("male")
            elif token.lower_ in FEMALE_PRONOUNS:
                votes.setdefault(subject_index, []).append("female")
    return {index: max(set(v), key=v.count) for index, v in votes.items()}


def _sentence_number(doc: Doc, token: Token) -> int:
    for index, sent in enumerate(doc.sents):
        if sent.start <= token.i < sent.end:
            return index
    return -1
