"""Cached views of a spaCy Doc.

``Doc.text`` and ``Doc.ents`` are rebuilt from every token on each access; reading them inside
per-mention loops made extraction cost as much as the model itself.  The Doc never changes
after the pipeline, so each is built once and kept in ``doc.user_data``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get("broadsheet_text")
    if text is None:
        text = doc.user_data["broadsheet_text"] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    ents = doc.user_data.get("broadsheet_ents")
    if ents is None:
        ents = doc.user_data["broadsheet_ents"] = tuple(doc.ents)
    return ents
