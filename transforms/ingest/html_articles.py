"""HTML page → one raw record: the article's main text and its metadata, via trafilatura.

trafilatura finds the main content and leaves out navigation, ads, share
bars and comment sections; its text is one block (paragraph, heading, list
item) a line, which is exactly the body shape normalise expects.  The page's
own declarations are read here rather than from trafilatura: the canonical
URL (trafilatura prefers og:url, which is often an AMP or tracking variant)
and the language (trafilatura only sets it when filtering by language).
Options were chosen with ``bench/readability_metadata.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, TypedDict
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from transforms.ingest.publisher import clean_site_name
from transforms.records import RawRecord, Rejection, error_line

SOURCE_FORMAT = "html"


class TrafilaturaOptions(TypedDict, total=False):
    """``trafilatura.bare_extraction`` options set here or by bench/readability_metadata.py's variants, typed
    so that a misspelt one fails type checking."""

    with_metadata: bool
    include_comments: bool
    include_tables: bool
    include_images: bool
    include_links: bool
    include_formatting: bool
    favor_precision: bool
    favor_recall: bool
    fast: bool
    deduplicate: bool
    date_extraction_params: dict[str, Any]


# Chosen on the Mozilla Readability test pages (bench/readability_metadata.py):
# favor_recall has the best body F1 on the news-story pages (0.952, balanced 0.931):
# balanced keeps video players and teaser lists around some stories (yahoo), and
# favor_precision loses whole articles (engadget).
# Tables are left out: in news pages they are results, price boxes and layout,
# and their cells would come out as "| a | b |" lines, not paragraphs.
TRAFILATURA_OPTIONS: TrafilaturaOptions = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "favor_precision": False,
    "favor_recall": True,
    # Dedup keeps a process-wide cache of seen text: results would depend on what ran before.
    "deduplicate": False,
    # Dates from the page's markup only: the extensive search guesses from copyright lines and
    # free text ("1998-01-01" on a product page) and its dateparser fallback costs seconds per
    # process to load its locales.  Same agreement on the pages that declare a date.
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}
# A "body" whose words nearly all occur in the page's links, buttons and form labels is a
# menu, an index or an error page.  Our nav-only fixture scores 1.0; on the Mozilla pages
# articles score at most 0.53 (a Wikipedia list), a news front page 0.57.
MAX_LABEL_WORD_SHARE = 0.9

# trafilatura joins several authors with "; ".
AUTHOR_SEPARATOR = ";"
# "en", "en-GB", "pt_BR", "zh-Hant-TW": the primary subtag is what we keep.
LANGUAGE_TAG = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
LANGUAGE_META_NAMES = ("language", "dc.language", "content-language")
WHITESPACE_RUN = re.compile(r"\s+")
WORD = re.compile(r"\w+")


def parse_html(source_uri: str, html: str) -> Iterator[RawRecord | Rejection]:
    """The article in one HTML page, or why there is none.  Never raises on bad HTML."""
    try:
        tree = load_html(html)
        document = trafilatura.bare_extraction(tree, **TRAFILATURA_OPTIONS) if tree is not None else None
    except Exception as error:  # noqa: BLE001 - lxml and trafilatura raise all sorts on hostile input
        yield Rejection(source_uri, "", "parse", "invalid_html", error_line(error))
        return
    if tree is None:
        yield Rejection(source_uri, "", "parse", "invalid_html", f"not an HTML document ({len(html)} characters)")
        return
    if isinstance(document, dict):  # bare_extraction's return type covers its deprecated as_dict=True
        raise TypeError("trafilatura.bare_extraction returned a dict: TRAFILATURA_OPTIONS must not set as_dict")
    title = (_clean(document.title) or None) if document is not None else None
    # A Document's text is set (to a str) whenever it is returned in the default "python" format.
    paragraphs = _paragraphs((document.text or "") if document is not None else "", title)
    if document is None or not paragraphs:  # no document gives no paragraphs
        yield Rejection(source_uri, "", "parse", "no_article_text", f"no main text found; page title {title!r}")
        return
    share = label_word_share(tree, paragraphs)
    if share >= MAX_LABEL_WORD_SHARE:
        yield Rejection(
            source_uri,
            "",
            "parse",
            "no_article_text",
            f"{share:.0%} of the text is link and button labels (a menu, not an article); page title {title!r}",
        )
        return
    yield RawRecord(
        source_uri=source_uri,
        record_key="",
        source_format=SOURCE_FORMAT,
        text="\n".join(paragraphs),
        title=title,
        url=page_url(tree),
        authors=split_authors(document.author),
        published=document.date or None,
        published_source="html_meta",
        # trafilatura's sitename is og:site_name, else the JSON-LD publisher's name.
        publisher=clean_site_name(document.sitename),
        language=page_language(tree),
    )


def label_word_share(tree: HtmlElement, paragraphs: list[str]) -> float:
    """Share of the body's words (with repeats) found among the page's link, button and form labels."""
    labels: Counter[str] = Counter()
    for element in tree.iter("a", "button", "label", "option", "summary"):
        labels.update(WORD.findall(element.text_content().casefold()))
    for element in tree.iter("input"):
        labels.update(WORD.findall(f"{element.get('value', '')} {element.get('placeholder', '')}".casefold()))
    words = Counter(WORD.findall(" ".join(paragraphs).casefold()))
    total = sum(words.values())
    return sum((words & labels).values()) / total if total else 1.0


def split_authors(author: str | None) -> tuple[str, ...]:
    """trafilatura's "A; B" as ("A", "B"); a name repeated in other case ("JO BLOGGS") is dropped."""
    names: dict[str, str] = {}
    for name in (author or "").split(AUTHOR_SEPARATOR):
        name = _clean(name)
        if name:
            names.setdefault(name.casefold(), name)
    return tuple(names.values())


def page_url(tree: HtmlElement) -> str | None:
    """The canonical URL the page declares (``<link rel=canonical>``, else og:url), made absolute."""
    canonical = _first(
        link.get("href") for link in tree.iter("link") if "canonical" in (link.get("rel") or "").lower().split()
    )
    og_url = _first(
        meta.get("content") for meta in tree.iter("meta") if (meta.get("property") or meta.get("name")) == "og:url"
    )
    base = next(
        (url for url in (og_url, _first(base.get("href") for base in tree.iter("base"))) if url and _is_absolute(url)),
        None,
    )
    for candidate in (canonical, og_url):
        if candidate and _is_absolute(candidate):
            return candidate
        if candidate and base:
            try:
                return urljoin(base, candidate)
            except ValueError:  # "http://[::1" and friends
                continue
    return None


def page_language(tree: HtmlElement) -> str | None:
    """The page's declared language as ISO 639-1 ("en"): ``<html lang>``, else a language meta tag."""
    # lxml's HTML parser keeps XHTML's xml:lang as a plain attribute name.
    declared = [tree.get("lang"), tree.get("xml:lang")]
    for meta in tree.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language" or (
            meta.get("name") or ""
        ).lower() in LANGUAGE_META_NAMES:
            declared.append(meta.get("content"))
    for value in declared:
        # "Content-Language: en, fr" names several; the first is the page's main one.
        match = LANGUAGE_TAG.match((value or "").split(",")[0])
        if match:
            return match.group(1).lower()
    return None


def _paragraphs(text: str, title: str | None) -> list[str]:
    """One paragraph a line, trimmed; the headline is dropped when the body repeats it first."""
    paragraphs = [_clean(line) for line in text.splitlines()]
    paragraphs = [line for line in paragraphs if line]
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    return paragraphs


def _clean(value: str | None) -> str:
    return WHITESPACE_RUN.sub(" ", value or "").strip()


def _first(values: Iterable[str | None]) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


def _is_absolute(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed URL is no URL
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)
