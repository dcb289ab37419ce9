"""The model's lemmatizer, run only on the words whose lemma the extraction can ask about.

Lemmas are read in one place: ``transforms.nlp.quotes`` asks whether a word's lemma is one of its cue
words ("say", "tell", "warn", …).  spaCy's rule lemmatizer works out every token's lemma in Python
(a rule search per new word and part of speech), about 2 % of the model's time once its cache is
warm and over 10 % while a fresh worker fills it.  A rule lemma is the word itself, the word with one
suffix rule applied, or an entry of the exception table, so every word that *can* lemmatise to a
given lemma is known in advance; only those words are lemmatised (by the model's own lemmatizer,
so their lemmas are exactly what it gives), every other token keeps no lemma.  Whether a token's
lemma is one of the asked-about lemmas is therefore the same as with the full lemmatizer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc


def forms_with_lemma(lemmas: Iterable[str], lookups: Lookups) -> frozenset[str]:
    """Every lower-case word for which the rule lemmatizer can return one of ``lemmas``, for any part of
    speech: the lemma itself, each suffix rule run backwards, and the exception table's entries."""
    wanted = frozenset(lemmas)
    rules = lookups.get_table("lemma_rules", {})
    exceptions = lookups.get_table("lemma_exc", {})
    forms = set(wanted)
    for pos_rules in rules.values():
        for old, new in pos_rules:
            for lemma in wanted:
                # The lemmatizer turns ``word`` ending in ``old`` into word[:-len(old)] + new.
                if lemma.endswith(new):
                    forms.add(lemma[: len(lemma) - len(new)] + old)
    for pos_exceptions in exceptions.values():
        for word, word_lemmas in pos_exceptions.items():
            if wanted.intersection(word_lemmas):
                forms.add(word)
    return frozenset(forms)


class SelectiveLemmatizer:
    """Sets the model lemmatizer's lemma on tokens whose lower-case form is in ``forms_with_lemma(lemmas)``
    and that have none yet (the attribute rules set a few), and on no other token."""

    def __init__(self, lemmatizer: Lemmatizer, lemmas: Iterable[str]) -> None:
        self._lemmatize = lemmatizer.lemmatize
        self.forms = forms_with_lemma(lemmas, lemmatizer.lookups)
        self._form_ids = np.array(sorted(get_string_id(form) for form in self.forms), dtype=np.uint64)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        columns = doc.to_array([LOWER, LEMMA])
        asked_about = np.isin(columns[:, 0], self._form_ids) & (columns[:, 1] == 0)
        for i in np.flatnonzero(asked_about):
            token = doc[int(i)]
            token.lemma_ = self._lemmatize(token)[0]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
