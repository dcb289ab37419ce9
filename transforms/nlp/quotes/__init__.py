"""Quotes and their speakers: direct, partial, mixed and indirect speech in one article.

Quote marks give direct and partial quotes; the dependency parse gives the cue verb, its subject
(the speaker) and, for indirect speech, the reported clause.  A reported clause with a quoted stretch
inside ('she said the plan was "a golden age" for the alliance') is one *mixed* quote.  Speakers are
resolved to the article's entities; a pronoun or a description ("the foreign secretary", "a spokesman
for the union") to whom it stands for (``references``); a quote with no cue of its own continues the
speaker of the quote before it when the text shows it is the same speaker (the same paragraph, a
paragraph of nothing but quotation, or one that opens with the quote right after the speaker's).

Modules, each importing only those above it:
- ``lexicon``: the cue words, every lemma set a word is tested against (LEMMAS_ASKED_ABOUT);
- ``marks``: the quote-mark scanner over the raw text (find_quote_marks);
- ``article``: the parsed article with its lookups (token at a character, paragraphs, sentences);
- ``quote``: the Quote row;
- ``subjects``: a cue verb's subject, or the speaker named after it;
- ``reported``: reported speech (a speech verb's clause, 'according to X');
- ``roles``: what the article states about its people (the words of each mention's role, stated gender);
- ``references``: who a pronoun or a description at a quote stands for (he/she/it, a spokesman for X, the
  foreign secretary);
- ``speakers``: speaker and pronoun resolution to the article's entities;
- ``quoted``: quotes in quote marks, direct or partial, and their cue;
- ``context``: direct quotes with no cue of their own (colon above, continuation, bare cue before);
- ``extract``: extract_quotes, which runs them all over one article.
"""

from transforms.nlp.quotes.extract import extract_quotes
from transforms.nlp.quotes.lexicon import LEMMAS_ASKED_ABOUT
from transforms.nlp.quotes.marks import find_quote_marks
from transforms.nlp.quotes.quote import Quote

__all__ = ["LEMMAS_ASKED_ABOUT", "Quote", "extract_quotes", "find_quote_marks"]
