"""Where a cue verb's speaker sits in the parse: its subject, or the name after it ('…," said Caddell')."""

from __future__ import annotations

from spacy.tokens import Token

from transforms.nlp.quotes.lexicon import LISTENER_VERBS, QUOTING_VERBS, SPEECH_VERBS

# Dependencies the parser gives a speaker named after its verb ('said Caddell').
INVERTED_SPEAKER_DEPS = ("dobj", "attr", "npadvmod", "dep", "appos", "oprd", "nsubj")
SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _subject_of(verb: Token, inside_marks: list[bool] | None = None) -> Token | None:
    """The verb's subject outside quote marks; a conjoined verb ('welcomed … but said') shares its
    head's subject."""
    node = verb
    while True:
        subject = next(
            (c for c in node.children if c.dep_ in SUBJECT_DEPS and not (inside_marks and inside_marks[c.idx])), None
        )
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


def quoted_source(verb: Token) -> Token | None:
    """'the newspaper quoted Qantas chief executive Geoff Dixon as saying "…"': the one quoted as saying
    the words is their speaker, not the paper that quotes them (the cue may be 'quoted' or 'saying')."""
    quoting = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else verb
    if quoting.lemma_ not in QUOTING_VERBS or not any(c.dep_ == "prep" and c.lower_ == "as" for c in quoting.children):
        return None
    return next((c for c in quoting.children if c.dep_ == "dobj"), None)


def reporter_above(verb: Token, inside_marks: list[bool]) -> Token | None:
    """The subject of the speech verb whose reported clause the cue hangs from: in 'Dan Jolin said the
    film had "a very good chance", predicting that …' the parser attaches 'predicting' to 'had', but a
    participle or a conjoined verb of speaking carries on the report of the one who spoke ('…, adding',
    '… and said'), not of the reported clause's subject."""
    node = verb
    while node.dep_ in ("conj", "advcl") and node.head.i != node.i:
        node = node.head
        if node.dep_ == "ccomp" and node.head.lemma_ in SPEECH_VERBS:
            return _subject_of(node.head, inside_marks)
    return None


def _inverted_speaker(verb: Token, inside_marks: list[bool]) -> Token | None:
    """The speaker after the verb in '…," said Jared Bernstein', which the parser may take for an
    object (or for a second subject beside the quote it took for one)."""
    if any(c.dep_ in SUBJECT_DEPS and c.i < verb.i and not inside_marks[c.idx] for c in verb.children):
        return None
    if verb.lemma_ in LISTENER_VERBS:
        return None  # '"…," shop owner Hayriye Evren, told Associated Press': the listener follows the verb
    child = next(
        (
            c
            for c in verb.children
            if c.i > verb.i
            and c.dep_ in INVERTED_SPEAKER_DEPS
            and c.pos_ in ("PROPN", "NOUN", "PRON")
            and not inside_marks[c.idx]
        ),
        None,
    )
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
