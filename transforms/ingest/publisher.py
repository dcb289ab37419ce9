"""Which outlet published an article: the registered domain of its URL, the agency in its dateline,
and the site name its page metadata gives.

The domain comes from the Public Suffix List bundled inside the ``tld`` package; it is never downloaded.
"""

from __future__ import annotations

import re

from tld import Result, get_tld
from tld.exceptions import TldIOError
from tld.utils import BaseMozillaTLDSourceParser, MozillaTLDSourceParser

# One parenthesised phrase; the class excludes both parentheses, so each character is scanned once.
PARENTHESISED = re.compile(r"\(([^()]*)\)")
# "(Reuters Breakingviews)", "(Thomson Reuters Foundation)": agency names are short.
MAX_AGENCY_WORDS = 5
# Longer "site names" are page titles or descriptions put in the wrong field.
MAX_SITE_NAME_CHARS = 80
# A value starting with a scheme is a URL, not a name.
URL_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class BundledSuffixList(BaseMozillaTLDSourceParser):
    """tld's own copy of the list (same file and cache), but never fetched from the network."""

    # No uid keeps this class out of tld's registry, so tld's own update command never sees it.  The
    # Mozilla parser's file and URL, on its base class: MozillaTLDSourceParser declares its uid a str.
    uid = None
    source_url = MozillaTLDSourceParser.source_url
    local_path = MozillaTLDSourceParser.local_path

    @classmethod
    def update_tld_names(cls, fail_silently: bool = False) -> bool:
        # tld downloads the list when its bundled copy cannot be read; a transform must not do IO.
        raise TldIOError(f"the Public Suffix List bundled with tld is missing ({cls.local_path}); not downloading it")


def registered_domain(url_or_host: str | None) -> str | None:
    """The registered domain (eTLD+1) of a URL or bare host, lower-cased: "https://www.bbc.co.uk/x" → "bbc.co.uk"."""
    text = (url_or_host or "").strip()
    if not text or any(character.isspace() for character in text):
        return None
    # fix_protocol adds "https://" to a bare host; a malformed URL gives None, not an exception.
    found = get_tld(text, as_object=True, fail_silently=True, fix_protocol=True, parser_class=BundledSuffixList)
    # An IP address or "localhost" has no public suffix, so it gives None too; so does a bare suffix ("co.uk").
    if not isinstance(found, Result) or found.fld == found.tld:
        return None
    return found.fld


def dateline_agency(dateline: str | None) -> str | None:
    """The first parenthesised name in a dateline: "TOKYO, Oct 29 (Reuters)" → "Reuters"."""
    for match in PARENTHESISED.finditer(dateline or ""):
        name = " ".join(match[1].split())
        if (
            name
            and name[0].isupper()
            and len(name.split()) <= MAX_AGENCY_WORDS
            and not any(character.isdigit() for character in name)
        ):
            return name
    return None


def clean_site_name(value: str | None) -> str | None:
    """A metadata site name with whitespace collapsed; None when empty, too long, or only a URL or host."""
    name = " ".join((value or "").split())
    if not name or len(name) > MAX_SITE_NAME_CHARS:
        return None
    looks_like_host = " " not in name and (name.lower().startswith("www.") or registered_domain(name) is not None)
    if URL_SCHEME.match(name) or looks_like_host:
        return None
    return name
