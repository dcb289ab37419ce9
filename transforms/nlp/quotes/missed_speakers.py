"""Names the model left untagged where a speech verb shows they are someone: "Ilan Gilon of the Meretz party
said", "…," said Swiss Re", "according to KCNA", and a verb that frames a quote in its clause: 'the IAAF
described their explanations as "unacceptable"'.

A reader names whoever speaks, so a run of capitalised proper nouns as the speaker of such a verb is a name,
and a person's or a body's by its form:

- a person's after a title or honorific ("President …", "Mr …"), or when it is two or more capitalised words
  of letters with no article ("Ilan Gilon", "Alayna Fodor-Gopal");
- a body's when it is one word of capital letters ("KCNA"; not a ticker such as "RENA.PA"), starts with a
  country or people ("Swiss Re"), takes an article ("the South China Morning Post") or ends in a word that
  ends bodies' names ("Ironhorse Oil", "Downing Street").

One capitalised word with no title ("Edu said") is left alone: a sentence's first word is capitalised too.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from transforms.nlp.doc_cache import doc_tokens
from transforms.nlp.entities import NAME_LABELS
from transforms.nlp.name_spans import HONORIFICS, ORGANISATION_NAME_ENDS, TITLE_HEADS
from transforms.nlp.quotes.lexicon import FRAMING_VERBS, SPEECH_VERBS
from transforms.nlp.quotes.references import PLURAL_TAGS
from transforms.nlp.quotes.speakers import RELATIVE_PRONOUNS
from transforms.nlp.quotes.subjects import INVERTED_SPEAKER_DEPS, SUBJECT_DEPS

# Labels of the model's entities that can begin a body's name the model missed ("Swiss" in "Swiss Re").
PLACE_LABELS = frozenset(("GPE", "NORP"))
# (A speaker tagged with a label outside NAME_LABELS, 'WORK_OF_ART', is a name the model missed.)
TIME_LABELS = frozenset(("DATE", "TIME"))
NAME_DEPS = frozenset(("compound", "flat", "amod"))


def missed_speakers(doc: Doc) -> list[Span]:
    """Spans, labelled PERSON or ORG, of the names the model missed that are a speaker (see the module doc)."""
    found: dict[int, Span] = {}
    named_before: dict[str, Token] | None = None  # built once, at the first lone word that speaks
    for token in doc_tokens(doc):
        for head in _speaker_heads(token):
            span = _name_ending_in(head)
            if span is not None:
                found.setdefault(span.start, span)
            elif _is_lone_name_word(head):
                if named_before is None:
                    named_before = _first_naming(doc)
                for named in _surname_named_before(head, named_before):
                    found.setdefault(named.start, named)
    return sorted(found.values(), key=lambda span: span.start)


def _is_lone_name_word(token: Token) -> bool:
    return token.is_title and token.is_alpha and token.pos_ == "PROPN" and token.ent_type_ not in NAME_LABELS


def _first_naming(doc: Doc) -> dict[str, Token]:
    """Per capitalised word, where the text first names someone by it: after a title in lower case
    ('midfielder Edu') or as the last word of a run of capitalised words ('Lucie Silvas')."""
    first: dict[str, Token] = {}
    for token in doc_tokens(doc)[1:]:
        if token.text in first or not (token.is_title and token.is_alpha and token.pos_ == "PROPN"):
            continue
        before = doc[token.i - 1]
        # A capitalised word opening a sentence may be any word ('Meanwhile Hare said'): no first name.
        if _titled(before) or (
            before.is_title and before.is_alpha and before.pos_ == "PROPN" and not before.is_sent_start
        ):
            first[token.text] = token
    return first


def _titled(token: Token) -> bool:
    return _is_title(token) and token.text[:1].islower()


def _surname_named_before(head: Token, first_naming: dict[str, Token]) -> list[Span]:
    """'… singer-songwriters Feargal Sharkey, Lucie Silvas and … Silvas said', '… midfielder Edu … Edu said':
    one capitalised word that speaks is a person's name when the text named them so before, as the last word
    of a full name or after a title; the full name, if the model missed it too, is a name as well."""
    earlier = first_naming.get(head.text)
    if earlier is None or earlier.i >= head.i:
        return []
    doc = head.doc
    spoken = Span(doc, head.i, head.i + 1, label="PERSON")
    if _titled(doc[earlier.i - 1]) or earlier.ent_type_ in NAME_LABELS or doc[earlier.i - 1].ent_type_ == "PERSON":
        # 'Dusty Hale', named and tagged, or a surname the model cut off a name it tagged ('Bruce L' of
        # "Bruce L Castor Jr", which the name's reading completes): the lone word joins that name.
        return [spoken]
    return [Span(doc, earlier.i - 1, earlier.i + 1, label="PERSON"), spoken]


def _speaker_heads(token: Token) -> list[Token]:
    """The heads of the phrases that can be who speaks at ``token``: the subject of a speech verb or of a verb
    framing a quote in its clause, the name right after a speech verb ('said Swiss Re'), or what a statement
    is 'according to'."""
    if token.pos_ in ("VERB", "AUX") and token.lemma_ in FRAMING_VERBS:
        if token.lemma_ not in SPEECH_VERBS and not any(t.is_quote for t in token.subtree):
            return []  # 'Hurricane Harvey hit Houston': a verb that frames a quote only with one in its clause
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        # (A verb that frames a quote, 'the IAAF described their explanations as "unacceptable"', has its
        # speaker as its subject; only a speech verb's name right after it, 'said Swiss Re', speaks.)
        if subjects or token.lemma_ not in SPEECH_VERBS:
            # 'the Grand Slam had been mentioned': a passive subject is what was spoken of; 'The IAAF - which
            # said …': a relative pronoun stands for the noun its clause hangs on.
            return [
                token.head if c.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl" else c
                for c in subjects
                if c.dep_ == "nsubj"
            ]
        # With no subject before it, a name right after the verb is who speaks ('said Swiss Re'); after a
        # verb with a subject it is whom they spoke to ('told Five Live').
        return [
            c
            for c in token.children
            if c.dep_ in INVERTED_SPEAKER_DEPS and c.i > token.i and c.left_edge.i == token.i + 1
        ]
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        return [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
    return []


def _name_ending_in(head: Token) -> Span | None:
    """The run of capitalised words the parser joins to ``head``, if the model missed it as a name: untagged,
    or tagged as something that is not a name ('Ilan Gilon of the Meretz party' as a work of art)."""
    if not _is_name_word(head) or head.ent_type_ in NAME_LABELS or (head.is_sent_start and not head.is_upper):
        return None
    doc = head.doc
    first = head.i
    while first > 0:
        before = doc[first - 1]
        if _joins_a_double_name(before) and first >= 2 and _is_name_word(doc[first - 2]):
            first -= 2  # 'Alayna Fodor-Gopal': a hyphen inside a surname
            continue
        joins = before.dep_ in NAME_DEPS and first <= before.head.i <= head.i
        if not joins or not _is_name_word(before) or before.ent_type_ in TIME_LABELS:
            break
        first -= 1
    words = doc[first : head.i + 1]
    preceding = doc[first - 1] if first > 0 else None
    titled = preceding is not None and _is_title(preceding)
    if head.tag_ in PLURAL_TAGS and not titled:
        # 'U.S. Officials said': people, not a name ('Detective Superintendent Mark Hutchings' is one, whatever
        # the tagger made of his surname's "s").
        return None
    labels = {t.ent_type_ for t in words} - {""}
    if labels & {"ORG", "PERSON"} or any(t.ent_iob_ == "I" and t.ent_type_ in NAME_LABELS for t in words[:1]):
        # The model named a body or a person here (a surname it cut off is the entities' to mend), or a name
        # that begins before the run.
        return None
    if words[0].ent_type_ in PLACE_LABELS:
        return Span(doc, first, head.i + 1, label="ORG") if len(words) > 1 else None
    if titled:
        return Span(doc, first, head.i + 1, label="PERSON")
    # A person's name takes no article ('the South China Morning Post', 'The Making Decisions Alliance').
    definite = preceding is not None and preceding.dep_ == "det"
    if len(words) > 1 and _all_name_letters(words):
        body = definite or head.lower_ in ORGANISATION_NAME_ENDS
        return Span(doc, first, head.i + 1, label="ORG" if body else "PERSON")
    if len(words) == 1 and head.is_upper and head.is_alpha and len(head.text) >= 2:
        return Span(doc, first, head.i + 1, label="ORG")
    return None


def _all_name_letters(words: Span) -> bool:
    return all((t.is_title and t.is_alpha) or _joins_a_double_name(t) for t in words)


def _joins_a_double_name(token: Token) -> bool:
    """A hyphen written tight between two words ('Fodor-Gopal')."""
    doc = token.doc
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not doc[token.i - 1].whitespace_


def _is_name_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ") and not _is_title(token)


def _is_title(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return word in TITLE_HEADS or word in HONORIFICS
