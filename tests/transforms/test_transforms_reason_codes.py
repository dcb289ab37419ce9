"""Quarantine reasons are one closed vocabulary: every code the code can raise is in it (validation blocks a
run on any other), and the README's quarantine table lists exactly those codes."""

from __future__ import annotations

import re

from support import PROJECT_ROOT
from transforms.schemas import QUARANTINE, QUARANTINE_REASONS, QUARANTINE_STAGES, allowed_values

# Rejection(source_uri, key, STAGE, "code", …): its fourth argument; NotText("code", …): its first.
RAISED_CODE = re.compile(r"""(?:Rejection\((?:[^,()]*,){3}\s*|NotText\()["']([a-z_]+)["']""")


def _raised_codes() -> set[str]:
    sources = [*PROJECT_ROOT.joinpath("transforms").rglob("*.py"), *PROJECT_ROOT.joinpath("flows").rglob("*.py")]
    return {code for path in sources for code in RAISED_CODE.findall(path.read_text(encoding="utf-8"))}


def test_every_code_the_pipeline_raises_is_in_the_vocabulary_the_suites_check():
    raised = _raised_codes()
    assert "too_large" in raised and "invalid_sgml_record" in raised and "binary_file" in raised
    assert raised <= set(QUARANTINE_REASONS), raised - set(QUARANTINE_REASONS)
    assert allowed_values(QUARANTINE.field("reason_code")) == QUARANTINE_REASONS


def test_the_readme_lists_exactly_the_quarantine_reasons():
    readme = PROJECT_ROOT.joinpath("README.md").read_text(encoding="utf-8")
    table = readme.split("| reason code | stage | meaning |", 1)[1].split("\n\n", 1)[0]
    listed = re.findall(r"^\| `([a-z_]+)` \| (\w+) \|", table, re.MULTILINE)
    assert sorted(code for code, _ in listed) == sorted(QUARANTINE_REASONS)
    assert {stage for _, stage in listed} <= set(QUARANTINE_STAGES)
