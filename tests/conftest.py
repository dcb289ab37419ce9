"""Shared fixtures: paths, the spaCy pipeline (loaded once), and the shared corpora when present."""

from __future__ import annotations

import json

import pytest

from flows.settings import configure_environment

configure_environment()

from support import SHARED


@pytest.fixture(scope="session")
def nlp():
    from flows.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def reference():
    from flows.nlp import load_reference

    return load_reference()


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    path = SHARED / "gold" / "seed-000.json"
    if not path.exists():
        pytest.skip(f"../shared is absent ({path} not found): the seed gold lives there")
    return json.loads(path.read_text())


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for the whole session: it costs 12–21 s to start here."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
