"""Which outlet published an article: registered domain, dateline agency, site name."""

from __future__ import annotations

from pathlib import Path

import pytest
import tld
import tld.base
from tld.exceptions import TldIOError
from tld.helpers import project_dir

from transforms.ingest.publisher import BundledSuffixList, clean_site_name, dateline_agency, registered_domain


@pytest.mark.parametrize(
    ("url_or_host", "expected"),
    [
        ("https://www.bbc.co.uk/news/x", "bbc.co.uk"),
        ("www.wheels24.co.za", "wheels24.co.za"),
        ("http://edition.cnn.com", "cnn.com"),
        ("WWW.Reuters.COM", "reuters.com"),
        ("  https://www.reuters.com./world/  ", "reuters.com"),
        ("//www.bbc.co.uk/news", "bbc.co.uk"),
        ("www.bbc.co.uk:8080/path", "bbc.co.uk"),
        ("http://user@news.yahoo.co.jp:80/x", "yahoo.co.jp"),
        ("www.example.com/redirect?to=http://other.org", "example.com"),
    ],
)
def test_registered_domain(url_or_host, expected):
    assert registered_domain(url_or_host) == expected


@pytest.mark.parametrize(
    "url_or_host",
    [
        None,
        "",
        "   ",
        "127.0.0.1",
        "http://127.0.0.1:8080/x",
        "http://[::1]/x",
        "localhost",
        "http://localhost:3000",
        "intranet.corp",
        "co.uk",
        "http://[::1",
        "www.bbc .co.uk",
        "a." * 50_000,
    ],
)
def test_registered_domain_none(url_or_host):
    assert registered_domain(url_or_host) is None


def test_the_suffix_list_is_the_file_bundled_with_tld():
    bundled = Path(project_dir(BundledSuffixList.local_path))
    assert bundled.is_file()
    assert bundled.parent.parent == Path(tld.__file__).parent


def test_a_missing_suffix_list_is_an_error_not_a_download(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("tld tried to download the Public Suffix List")

    monkeypatch.setattr(tld.base, "urlopen", no_network)
    monkeypatch.setattr(BundledSuffixList, "local_path", "res/no_such_list.dat.txt")
    with pytest.raises(TldIOError):
        registered_domain("https://www.bbc.co.uk/")


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("TOKYO, Oct 29 (Reuters)", "Reuters"),
        ("LONDON (Reuters Breakingviews)", "Reuters Breakingviews"),
        ("PARIS (AFP)", "AFP"),
        ("LONDON (Broadsheet Wire)", "Broadsheet Wire"),
        ("NEW YORK (  Thomson   Reuters Foundation )", "Thomson Reuters Foundation"),
        ("LONDON (10:30 GMT) (Reuters)", "Reuters"),
    ],
)
def test_dateline_agency(dateline, expected):
    assert dateline_agency(dateline) == expected


@pytest.mark.parametrize(
    "dateline",
    [
        None,
        "",
        "TOKYO, Oct 29",
        "LONDON (updated)",
        "LONDON (10:30 GMT)",
        "LONDON ()",
        "LONDON (   )",
        "LONDON (Agence France Presse Wire Service Desk)",
        "LONDON (Reuters 2)",
        "LONDON (Reuters",
    ],
)
def test_dateline_agency_none(dateline):
    assert dateline_agency(dateline) is None


@pytest.mark.parametrize("adversarial", ["(" * 100_000, "(A" + "a" * 100_000, "(a) " * 25_000, ")(" * 50_000])
def test_dateline_agency_is_linear_on_adversarial_text(adversarial):
    assert dateline_agency(adversarial) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  BBC \n News\t", "BBC News"),
        ("Reuters", "Reuters"),
        ("Yahoo! News", "Yahoo! News"),
        ("Dr.Oz", "Dr.Oz"),  # a dot, but no public suffix: a name
        ("x" * 80, "x" * 80),
    ],
)
def test_clean_site_name(value, expected):
    assert clean_site_name(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        " \n\t ",
        "x" * 81,
        "www.example.com",
        "https://example.com",
        "HTTP://Example.com/news",
        "Reuters.com",
        "news.com.au",
        "www.intranet",
    ],
)
def test_clean_site_name_none(value):
    assert clean_site_name(value) is None


def test_clean_site_name_is_linear_on_adversarial_text():
    assert clean_site_name("a" * 100_000) is None  # too long: rejected before any pattern runs
    assert clean_site_name("a+" * 40) == "a+" * 40  # the longest scheme-like run the pattern can be given
