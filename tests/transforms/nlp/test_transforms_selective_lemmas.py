"""The pipeline lemmatizes only the words whose lemma the quote extraction asks about, and every
question it asks gets the answer the model's full lemmatizer would give."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

from support import SHARED
from transforms.nlp import quotes
from transforms.nlp.quotes import LEMMAS_ASKED_ABOUT, lexicon
from transforms.nlp.selective_lemmas import SelectiveLemmatizer, forms_with_lemma

TEXTS = [
    "The minister said that the plan ain't gonna work, and y'all know it.",
    '"We will not back down," she told reporters, adding that talks had stalled. He\'d warned them.',
    'Officials announced a review; critics decried it and slammed what they called "a whitewash".',
    "She expressed her hopes. They are saying, asking, urging and vowing. Says who? SAID HE.",
    "",
]
BBC = SHARED / "corpora" / "bbc" / "bbc"
QUOTES_PACKAGE = Path(quotes.__file__).parent
TRANSFORMS = QUOTES_PACKAGE.parents[1]


def test_the_analysis_pipeline_lemmatizes_selectively(nlp):
    assert isinstance(nlp.get_pipe("lemmatizer"), SelectiveLemmatizer)
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")
    doc = nlp("He said the plans were warned about.")
    assert [t.lemma_ for t in doc] == ["he", "say", "", "", "be", "warn", "", ""]


def test_every_inflection_the_rules_allow_can_reach_its_lemma(stock_nlp):
    forms = forms_with_lemma(["say", "warn", "hope"], stock_nlp.get_pipe("lemmatizer").lookups)
    assert {
        "say",
        "says",
        "said",
        "saying",
        "warn",
        "warns",
        "warned",
        "warning",
        "hope",
        "hopes",
        "hoped",
        "hoping",
    } <= forms
    assert not {"sail", "war", "hop", "the"} & forms


def test_every_lemma_test_in_the_quote_extraction_uses_the_asked_about_lemmas():
    """A new ``lemma_ in SOME_WORDS`` outside LEMMAS_ASKED_ABOUT, or a lemma read elsewhere, would silently
    never match."""
    modules = [
        importlib.import_module(quotes.__name__ + ("" if path.stem == "__init__" else f".{path.stem}"))
        for path in QUOTES_PACKAGE.glob("*.py")
    ]
    source = "".join(inspect.getsource(module) for module in modules)
    tests = re.findall(r"\.lemma_\s*(?:not\s+)?in\s+([A-Z_]+)", source)
    assert len(tests) >= 15
    words = {name: getattr(module, name) for module in modules for name in set(tests) if hasattr(module, name)}
    for name in set(tests):
        assert words[name] <= LEMMAS_ASKED_ABOUT, name
        # Every set a lemma is tested against lives in the lexicon, so the union there covers it.
        assert words[name] is getattr(lexicon, name, None), name
    # Any other use of a lemma (a comparison, a literal tuple) is not covered by the selection.
    assert len(re.findall(r"\.lemma_?\b", source)) == len(tests)
    # Nor is a lemma read anywhere else in the transforms.
    for path in TRANSFORMS.rglob("*.py"):
        if QUOTES_PACKAGE not in path.parents and path.name != "selective_lemmas.py":
            assert not re.search(r"\.lemma_?\b", path.read_text(encoding="utf-8")), path.name


def _texts() -> list[str]:
    texts = list(TEXTS)
    if BBC.exists():
        texts += [path.read_text(encoding="utf-8", errors="replace") for path in sorted(BBC.glob("*/*.txt"))[::60]]
    return texts


def test_each_asked_about_lemma_is_what_the_full_lemmatizer_gives(nlp, stock_nlp):
    texts = _texts()
    asked = 0
    for ours, theirs in zip(nlp.pipe(texts), stock_nlp.pipe(texts), strict=True):
        for mine, stock in zip(ours, theirs, strict=True):
            assert (mine.lemma_ in LEMMAS_ASKED_ABOUT) == (stock.lemma_ in LEMMAS_ASKED_ABOUT), (
                mine.text,
                ours.text[:80],
            )
            assert mine.lemma_ in ("", stock.lemma_), mine.text
            asked += stock.lemma_ in LEMMAS_ASKED_ABOUT
    assert asked >= (200 if BBC.exists() else 15)
