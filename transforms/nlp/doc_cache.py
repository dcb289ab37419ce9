"""Cached views of a spaCy Doc.

``Doc.text``, ``Doc.ents`` and ``Doc.noun_chunks`` are rebuilt from every token on each access, and
iterating a Doc makes a new Token object for every token each time; reading them inside per-mention
or per-claim loops made extraction cost as much as the model itself.  The Doc never changes after
the pipeline, so each view is built once and kept in ``doc.user_data`` until ``forget_views``.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

_KEYS = (
    "broadsheet_text",
    "broadsheet_ents",
    "broadsheet_tokens",
    "broadsheet_noun_chunks",
    "broadsheet_noun_chunk_at",
    "broadsheet_sentence_of",
)


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


def doc_noun_chunk_at(doc: Doc, token_index: int) -> Span | None:
    """The noun chunk holding the token at ``token_index`` (noun chunks never overlap), found without a
    scan of every chunk: a scan per claim made a long article's extraction quadratic."""
    chunk_at = doc.user_data.get("broadsheet_noun_chunk_at")
    if chunk_at is None:
        chunk_at = [-1] * len(doc)
        for number, chunk in enumerate(doc_noun_chunks(doc)):
            chunk_at[chunk.start : chunk.end] = [number] * len(chunk)
        doc.user_data["broadsheet_noun_chunk_at"] = chunk_at
    number = chunk_at[token_index] if 0 <= token_index < len(chunk_at) else -1
    return doc_noun_chunks(doc)[number] if number >= 0 else None


def doc_sentence_of(doc: Doc) -> list[int]:
    """The index of each token's sentence, counted as ``Doc.sents`` counts them (a sentence starts at
    token 0 and at every later token whose ``sent_start`` is 1), without making a Span or Token per token."""
    sentence_of = doc.user_data.get("broadsheet_sentence_of")
    if sentence_of is None:
        if not doc.has_annotation("SENT_START"):
            raise ValueError("the doc has no sentence boundaries")
        starts = doc.to_array(SENT_START).astype(np.int64)
        sentence_of = np.concatenate(([0], np.cumsum(starts[1:] == 1))).tolist() if len(doc) else []
        doc.user_data["broadsheet_sentence_of"] = sentence_of
    return sentence_of


def forget_views(doc: Doc) -> None:
    """Drop the cached views: they point back at the Doc, and without them it is freed as soon as it is
    dropped instead of waiting for the garbage collector."""
    for key in _KEYS:
        doc.user_data.pop(key, None)
