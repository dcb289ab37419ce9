"""The parsed article every step of the quote extraction reads, with its lookups computed once."""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from transforms.nlp.doc_cache import doc_sentence_of, doc_text
from transforms.nlp.quotes.marks import _paragraph_bounds

# A paragraph of links to other stories has this many runs of words in capitals ("CALM DAN Danny Dyer warns"),
# at least, and this share of its words in lower case.
SHOUTED_WORD = re.compile(r"[A-Z][A-Z'’&]*[A-Z]")
SHOUTED_RUNS_AT_LEAST = 3
WORDS_PER_SHOUTED_RUN_AT_MOST = 25
LOWER_CASE_SHARE_AT_LEAST = 0.3


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
        furniture = [_is_shouted_links(self.text[start:end]) for start, end in self.paragraphs]
        # Sentences of a page's link lists ("MOST READ IN TV … CALM DAN Danny Dyer warns …"): no narrative.
        self.furniture_sentences = frozenset(
            i for i, sentence in enumerate(self.sentences) if furniture[self.paragraph_index(sentence.start_char)]
        )

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


def _is_shouted_links(paragraph: str) -> bool:
    """A paragraph of links to other stories, each headed by words in capitals, as tabloid pages print
    them inside the story: several runs of two or more words in capitals, close together (a story's own
    paragraph with a headline or two in it is no list), in a paragraph mostly in lower case (not a list of
    tickers or ratings, nor a text all in capitals)."""
    words = paragraph.split()
    runs, run = 0, 0
    for word in words:
        run = run + 1 if SHOUTED_WORD.fullmatch(word) else 0
        runs += run == 2
    lower = sum(1 for word in words if any(c.islower() for c in word))
    return (
        runs >= SHOUTED_RUNS_AT_LEAST
        and runs * WORDS_PER_SHOUTED_RUN_AT_MOST >= len(words)
        and lower >= len(words) * LOWER_CASE_SHARE_AT_LEAST
    )


def _token_of_char(doc: Doc, length: int) -> list[int]:
    """The index of the token at every character of the text (-1 for whitespace between tokens), one
    array operation instead of a Python step per character."""
    token_of_char = np.full(length + 1, -1, dtype=np.int64)
    if len(doc):
        starts, lengths = (column.astype(np.int64) for column in doc.to_array([IDX, LENGTH]).T)
        first_char_of_token = np.cumsum(lengths) - lengths  # in the run of all tokens' characters
        token_of_char[np.repeat(starts - first_char_of_token, lengths) + np.arange(lengths.sum())] = np.repeat(
            np.arange(len(doc)), lengths
        )
    return token_of_char.tolist()
