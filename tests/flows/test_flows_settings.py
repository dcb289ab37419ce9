"""The pipeline version covers exactly what changes extraction output: transforms/ (recursively) and the
reference tables; scoring code in evaluation/ does not count."""

from __future__ import annotations

import shutil
from pathlib import Path

from flows.settings import REFERENCE_DIR, TRANSFORMS_DIR, pipeline_version
from support import PROJECT_ROOT


def _project_copy(tmp_path: Path) -> tuple[Path, Path, Path]:
    transforms, reference, evaluation = tmp_path / "transforms", tmp_path / "reference", tmp_path / "evaluation"
    shutil.copytree(TRANSFORMS_DIR, transforms, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REFERENCE_DIR, reference)
    shutil.copytree(PROJECT_ROOT / "evaluation", evaluation, ignore=shutil.ignore_patterns("__pycache__"))
    return transforms, reference, evaluation


def test_the_copy_has_the_version_of_the_tree(tmp_path):
    transforms, reference, _ = _project_copy(tmp_path)
    assert pipeline_version(transforms, reference) == pipeline_version()


def test_editing_scoring_code_leaves_the_version_and_a_sub_package_changes_it(tmp_path):
    transforms, reference, evaluation = _project_copy(tmp_path)
    before = pipeline_version(transforms, reference)
    (evaluation / "quotes.py").write_text((evaluation / "quotes.py").read_text() + "\n# a scoring tweak\n")
    assert pipeline_version(transforms, reference) == before
    (transforms / "nlp" / "rules.py").write_text("")
    assert pipeline_version(transforms, reference) != before  # a new module in a sub-package
    changed = pipeline_version(transforms, reference)
    wikitext = transforms / "ingest" / "wikitext.py"
    wikitext.write_text(wikitext.read_text() + "\nRULE = 1\n")
    assert pipeline_version(transforms, reference) != changed  # an edit in a sub-package
    (reference / "country_aliases.csv").write_text((reference / "country_aliases.csv").read_text() + "Ruritania,RR\n")
    assert pipeline_version(transforms, reference) not in (before, changed)


def test_moving_a_module_into_a_sub_package_changes_the_version(tmp_path):
    transforms, reference, _ = _project_copy(tmp_path)
    before = pipeline_version(transforms, reference)
    shutil.move(transforms / "ingest" / "wikitext.py", transforms / "nlp" / "wikitext.py")
    assert pipeline_version(transforms, reference) != before
