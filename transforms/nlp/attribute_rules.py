"""The model's attribute rules (tag → POS and morphology, lemma exceptions) applied as array operations.

spaCy's ``attribute_ruler`` runs its ~180 rules through the ``Matcher``, which tries every rule at
every token from Python-visible objects: about 12 % of the whole model's time on news text.  Each
rule only compares a token's tag, lowercase form, dependency label or whitespace flag, so a rule's
matches over a whole Doc are one vectorised comparison of the Doc's attribute arrays.  The rules,
their order of precedence and what they set are the model's own; only the search changes, and
the output is identical (the tests compare the two on real text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import spacy.util
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc

# The normaliser and setter spaCy's own attribute_ruler uses.
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.vocab import Vocab

# Token attributes the model's rules test, in the column order of ``Doc.to_array``.
COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]

# One token's test: attribute arrays of a Doc (tokens × COLUMNS) → a boolean per token.
TokenTest = Callable[[np.ndarray, Vocab], np.ndarray]


class UnsupportedRule(ValueError):
    """A rule uses a Matcher feature this implementation does not have."""


@dataclass(frozen=True)
class CompiledPattern:
    rule_number: int
    token_tests: tuple[TokenTest, ...]


class ArrayAttributeRuler:
    """Applies ``AttributeRuler.patterns`` with spaCy's semantics: for each rule in order, every match."""

    def __init__(self, vocab: Vocab, rules: list[dict]) -> None:
        # rules[i] is the model's i-th rule; a later rule wins where two set the same attribute.
        self._attrs = [normalize_token_attrs(vocab, rule["attrs"]) for rule in rules]
        self._indices = [rule.get("index", 0) for rule in rules]
        self._patterns = [
            CompiledPattern(number, tuple(_token_test(token) for token in pattern))
            for number, rule in enumerate(rules)
            for pattern in rule["patterns"]
        ]

    def __call__(self, doc: Doc) -> Doc:
        self.apply([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in spacy.util.minibatch(docs, size=batch_size):
            self.apply(batch)
            yield from batch

    def apply(self, docs: list[Doc]) -> None:
        """Match every rule over the docs' attribute arrays at once (a batch amortises numpy's call cost)."""
        docs = [doc for doc in docs if len(doc)]
        if not docs:
            return
        columns = np.concatenate([doc.to_array(ARRAY_ATTRS).reshape(len(doc), len(ARRAY_ATTRS)) for doc in docs])
        doc_of_token = np.repeat(np.arange(len(docs)), [len(doc) for doc in docs])
        doc_starts = np.cumsum([0] + [len(doc) for doc in docs[:-1]])
        vocab = docs[0].vocab
        matches: list[tuple[int, int, int]] = []  # (rule number, first token, width)
        for pattern in self._patterns:
            width = len(pattern.token_tests)
            if width > len(columns):
                continue
            last_start = len(columns) - width + 1
            starts = pattern.token_tests[0](columns, vocab)[:last_start]
            for offset, test in enumerate(pattern.token_tests[1:], start=1):
                starts = starts & test(columns, vocab)[offset : last_start + offset]
            if width > 1:  # a match never runs from one document into the next
                starts = starts & (doc_of_token[:last_start] == doc_of_token[width - 1 :])
            matches.extend((pattern.rule_number, int(start), width) for start in np.flatnonzero(starts))
        # spaCy applies matches by rule, then position; the same rule matching a span twice sets it once.
        for rule_number, start, width in sorted(set(matches)):
            doc = docs[doc_of_token[start]]
            first = start - doc_starts[doc_of_token[start]]
            index = self._indices[rule_number]
            set_token_attrs(doc[first + index if index >= 0 else first + width + index], self._attrs[rule_number])


def _token_test(token_pattern: dict) -> TokenTest:
    tests = []
    for key, expected in token_pattern.items():
        if key not in COLUMNS:
            raise UnsupportedRule(f"attribute {key!r} in {token_pattern}")
        tests.append(_value_test(COLUMNS[key], key, expected, token_pattern))

    def test(columns: np.ndarray, vocab: Vocab) -> np.ndarray:
        result = tests[0](columns, vocab)
        for more in tests[1:]:
            result = result & more(columns, vocab)
        return result

    return test


def _value_test(column: int, key: str, expected: object, token_pattern: dict) -> TokenTest:
    if not isinstance(expected, dict):
        wanted = _array_value(key, expected)
        return lambda columns, vocab: columns[:, column] == wanted
    if len(expected) != 1:
        raise UnsupportedRule(f"several predicates in {token_pattern}")
    ((predicate, argument),) = expected.items()
    if predicate in ("IN", "NOT_IN"):
        values = np.array([_array_value(key, item) for item in argument], dtype=np.uint64)
        inverted = predicate == "NOT_IN"
        return lambda columns, vocab: np.isin(columns[:, column], values, invert=inverted)
    if predicate == "REGEX" and key != "IS_SPACE":
        regex = re.compile(argument)
        verdicts: dict[int, bool] = {}  # a string's hash → whether the regex finds it, kept across docs

        def matches_regex(columns: np.ndarray, vocab: Vocab) -> np.ndarray:
            distinct = np.unique(columns[:, column])
            for value in distinct:
                if int(value) not in verdicts:
                    verdicts[int(value)] = regex.search(vocab.strings[int(value)]) is not None
            hits = [value for value in distinct if verdicts[int(value)]]
            return np.isin(columns[:, column], np.array(hits, dtype=np.uint64))

        return matches_regex
    raise UnsupportedRule(f"predicate {predicate!r} on {key} in {token_pattern}")


def _array_value(key: str, value: object) -> int:
    """The value as ``Doc.to_array`` holds it: a string's hash, or 0/1 for a flag."""
    if key == "IS_SPACE":
        return int(bool(value))
    if not isinstance(value, str):
        raise UnsupportedRule(f"{key} compared with {value!r}")
    return get_string_id(value)
