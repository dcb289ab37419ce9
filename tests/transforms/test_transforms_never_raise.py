"""Property-based: whatever the bytes or the JSON, parsing and normalising give records or reasons, never raise."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from transforms.ingest.normalise import normalise_record
from transforms.ingest.parse import parse_file
from transforms.records import Discard, RawRecord, Rejection

NAMES = ("a.txt", "a.json", "a.jsonl", "a.html", "a.sgm", "a.txt.gz", "noextension", "a.csv")
# Short deadlines would fail on a busy CI machine; the examples are what is tested, not their speed.
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=30,
)
NEWS_KEYS = ("title", "maintext", "text", "url", "authors", "date_publish", "language", "publisher", "source_domain")
NEWS_OBJECTS = st.dictionaries(st.sampled_from(NEWS_KEYS), JSON_VALUES | st.text(max_size=200), max_size=9)


def _all_records(name: str, data: bytes) -> list:
    items = list(parse_file(name, data))
    assert all(isinstance(item, RawRecord | Rejection | Discard) for item in items)
    for item in items:
        if isinstance(item, RawRecord):
            assert isinstance(normalise_record(item), dict | Rejection)
    return items


@PROPERTY_SETTINGS
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=2000))
@example(name="deep.json", data=b"[" * 100_000)
@example(name="deep.jsonl", data=b'{"text": "fine line with words enough"}\n' + b"[" * 100_000 + b"\n")
@example(name="digits.json", data=b'{"maintext": "A story with enough words in it.", "views": ' + b"9" * 5000 + b"}")
@example(name="url.json", data=b'{"maintext": "A story with enough words in it.", "url": "http://[::1"}')
@example(
    name="date.json", data=b'{"maintext": "A story with enough words.", "date_publish": "0001-01-01T00:00:00+23:59"}'
)
def test_arbitrary_bytes_never_raise(name, data):
    _all_records(name, data)


@PROPERTY_SETTINGS
@given(name=st.sampled_from(NAMES), text=st.text(max_size=2000))
def test_arbitrary_text_never_raises(name, text):
    _all_records(name, text.encode("utf-8", "surrogatepass"))


@PROPERTY_SETTINGS
@given(document=NEWS_OBJECTS | JSON_VALUES)
def test_arbitrary_json_documents_and_lines_never_raise(document):
    encoded = json.dumps(document).encode()
    _all_records("dump.json", encoded)
    _all_records("dump.jsonl", encoded + b"\n" + encoded + b"\n")


@PROPERTY_SETTINGS
@given(
    text=st.text(max_size=3000),
    title=st.none() | st.text(max_size=100),
    url=st.none() | st.text(max_size=100),
    published=st.none() | st.text(max_size=40),
    dateline=st.none() | st.text(max_size=60),
)
def test_normalising_any_record_never_raises(text, title, url, published, dateline):
    record = RawRecord("x.json", "", "json", text, title=title, url=url, published=published, dateline=dateline)
    assert isinstance(normalise_record(record), dict | Rejection)
    modified = datetime(2026, 1, 1, tzinfo=UTC)
    assert isinstance(normalise_record(record, source_name="s", file_modified_at=modified), dict | Rejection)
