"""Numeric claims: numbers with a unit and what they measure, not years or names.

A number becomes a claim only when it measures something: a percent, money, a duration, a physical
measure, a count of things, or a fraction *of* something.  Years, dates, clock times, ordinals,
label numbers ("Article 5") and numbers inside names ("World War Two", "COVID-19") are context, not
claims; a date next to a claim becomes its ``time_text``.

Everything here is a regular expression over the text plus a look at spaCy's tokens: no model of its
own.  With the analysis pipeline's annotations, entities drop names and mark dates, the tags find the
counted noun and the parse gives the subject.  A doc from the tokenizer alone (plus a rule sentencizer,
``flows.analyse.model.load_claims_pipeline``: over 10× cheaper than the full model) gets the same numbers,
units and kinds, with word lists in place of the model.  ``of_what`` is read from the words in both, so
both find the same.  Only the subject loses much: without the parse it is found after a change verb ("raise
Japan's defence spending to 2%") or before "of", not elsewhere.

Modules, each importing only those above it:

* ``lexicon``: the words and units (number words, scales, currencies, the unit table, word lists).
* ``quantities``: reading one quantity from the text alone (number, currency, sign, scale, unit, comparator).
* ``ranges``: ranges and lists of quantities ("3-4%", "between 10 and 20", "45 and 50 mg").
* ``multiples``: multiples written as words ("twice", "threefold", "three times as powerful").
* ``claim``: the ``Claim`` row and what its fields mean.
* ``results_lines``: a company's results in short under a wire story ("Net 6,053,000 vs 5,803,000", "Avg
  shrs 8,955,000"): money in the results' currency, and share counts.
* ``annotations``: which spaCy annotations a doc carries, and word-list stand-ins for missing ones.
* ``phrases``: noun phrases around an amount, read word by word (before it, after it, what says which).
* ``clauses``: the clause around an amount (the verb whose object it is and its subject, the verb counted
  things are the subject of, what a share opening its clause did or said).
* ``measured``: what a claim measures (``of_what``), from the words around it.
* ``build``: from a quantity to a claim (names and dates dropped, kind, counted noun, ``of_what``, subject,
  time).
* ``direction``: which way a claim's quantity changes (up, down) and whether it is a level, the change, or
  the level a change went to or from.
* ``elided``: the unit or noun a bare number leaves to its sentence (an age after a name, a list's count, "the
  number of").
* ``changes``: claims of one sentence read together (shared ``of_what``, old value → new value, an unrepeated
  unit carried on).
* ``home_currency``: whose dollars, pounds or crowns a shared currency name written alone means (the
  country the article is about).
* ``tables``: the figures of a wire table's rows ("KANSAS CITY 100 --- 100 500", "MAY7 286 1/2 UP 1/4"),
  with the table's scale and unit and what each measures (title, column heading, row label).
* ``extract``: ``extract_claims``, the entry point.
"""

from transforms.nlp.claims.claim import Claim
from transforms.nlp.claims.extract import extract_claims

__all__ = ["Claim", "extract_claims"]
