"""The Quote row: one quote of an article, its cue and speaker as far as they were found."""

from __future__ import annotations

from dataclasses import dataclass

from transforms.nlp.quotes.article import _Article


@dataclass(kw_only=True)
class Quote:
    """One quote: its span in the body and its kind; cue and speaker stay None (attribution "unresolved") until
    they are found."""

    start: int
    end: int
    text: str
    kind: str
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity_index: int | None = None
    speaker_role: str | None = None  # the role the article gives the speaker here, honorifics left out
    attribution: str = "unresolved"
    paragraph_index: int


def _new_quote(article: _Article, start: int, end: int, kind: str) -> Quote:
    return Quote(
        start=start, end=end, text=article.text[start:end], kind=kind, paragraph_index=article.paragraph_index(start)
    )
