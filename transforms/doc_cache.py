"""Cached views of a spaCy Doc.

``Doc.text``, ``Doc.ents`` and ``Doc.noun_chunks`` are rebuilt from every token on each access, and
iterating a Doc makes a new Token object for every token each time; reading them inside per-mention
or per-claim loops made extraction cost as much as the model itself.  The Doc never changes after
the pipeline, so each view is built once and kept in ``doc.user_data`` until ``forget_views``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_KEYS = ("broadsheet_text", "broadsheet_ents", "broadsheet_tokens", "broadsheet_noun_chunks")


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get("broadsheet_text")
    if text is None:
        text = doc.user_data["broadsheet_text"] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """The text the Doc was made from: spaCy's tokenizer keeps every character, so it is ``doc.text``."""
    doc.user_data["broadsheet_text"] = text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    ents = doc.user_data.get("broadsheet_ents")
    if ents is None:
        ents = doc.user_data["broadsheet_ents"] = tuple(doc.ents)
    return ents


def doc_tokens(doc: Doc) -> tuple[Token, ...]:
    tokens = doc.user_data.get("broadsheet_tokens")
    if tokens is None:
        tokens = doc.user_data["broadsheet_tokens"] = tuple(doc)
    return tokens


def doc_noun_chunks(doc: Doc) -> tuple[Span, ...]:
    chunks = doc.user_data.get("broadsheet_noun_chunks")
    if chunks is None:
        chunks = doc.user_data["broadsheet_noun_chunks"] = tuple(doc.noun_chunks)
    return chunks


def forget_views(doc: Doc) -> None:
    """Drop the cached views: they point back at the Doc, and without them it is freed as soon as it is
    dropped instead of waiting for the garbage collector."""
    for key in _KEYS:
        doc.user_data.pop(key, None)
