"""Shared fixtures: paths, the spaCy pipeline (loaded once), the shared corpora when present, an S3 endpoint."""

from __future__ import annotations

import json
import uuid

import pytest

from flows.settings import configure_environment

configure_environment()

from support import SHARED  # noqa: E402 - after configure_environment, as every Prefect import must be


@pytest.fixture(scope="session")
def nlp():
    from flows.analyse.model import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def claims_nlp():
    """The tokenizer-only claim reader (``load_claims_pipeline``)."""
    from flows.analyse.model import load_claims_pipeline

    return load_claims_pipeline()


@pytest.fixture(scope="session")
def stock_nlp():
    """The model as its package ships it, every component as trained: what our pipeline is compared with."""
    import spacy

    from flows.settings import SPACY_MODEL

    return spacy.load(SPACY_MODEL)


@pytest.fixture(scope="session")
def reference():
    from flows.analyse.model import load_reference

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


@pytest.fixture(scope="session")
def s3_endpoint():
    """An S3 endpoint on loopback (moto's server), standing in for an object store.

    Endpoint and credentials go through the standard AWS variables, the way a user points s3fs at
    MinIO or a cloud: the ingest step's spawned process inherits them.
    """
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        with pytest.MonkeyPatch.context() as env:
            for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
                env.delenv(name, raising=False)
            env.setenv("AWS_ENDPOINT_URL", f"http://{host}:{port}")
            env.setenv("AWS_ACCESS_KEY_ID", "broadsheet-test")
            env.setenv("AWS_SECRET_ACCESS_KEY", "broadsheet-test")
            env.setenv("AWS_DEFAULT_REGION", "us-east-1")
            yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint) -> str:
    """A new, empty bucket on the test endpoint; its name."""
    import fsspec

    bucket = f"broadsheet-{uuid.uuid4().hex[:12]}"
    fsspec.filesystem("s3").mkdir(bucket)
    return bucket


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that runs a flow (it needs the Prefect harness) is an end-to-end test: ``-m "not e2e"``
    leaves the fast unit layer."""
    for item in items:
        if "prefect_harness" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)
