"""Bytes → clean text: encoding detection, mojibake repair, NFC — or the reason the bytes are not text.

News archives mix encodings inside one file (a Latin-1 '£' in an otherwise
UTF-8 story), so valid UTF-8 sequences are kept as UTF-8 and only the bytes
that are not UTF-8 are read as CP1252.  When that reading needs more than a
few repairs the file is probably in a legacy encoding (EUC-KR, Shift-JIS,
GBK, CP1251 …), so charset-normalizer is asked on a bounded sample and its
codec wins if its reading is less of a mess.  UTF-16 without a byte order
mark is recognised by its NUL bytes and printable reading.  ftfy then repairs text that was
mis-decoded upstream ("Ã©" → "é"); curly quotes are kept because quote
extraction needs them.
"""

from __future__ import annotations

import codecs
import threading
import unicodedata
from dataclasses import dataclass

import charset_normalizer
import ftfy
from charset_normalizer.md import mess_ratio
from charset_normalizer.models import CharsetMatch

# Signatures of binary formats people drop into article folders.
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0", b"\x7fELF")
# Checked longest first: a UTF-32 LE mark begins with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Above this share of control bytes a file is binary, whatever its name says.
MAX_CONTROL_BYTE_RATIO = 0.05
# Bytes sniffed for binary content and UTF-16: enough to see a signature or a run of NULs.  Even, so the
# head splits into whole UTF-16 code units.
SNIFF_BYTES = 4096
FALLBACK_ENCODING = "cp1252"
CP1252_FALLBACK_HANDLER = "broadsheet-cp1252-fallback"
COUNTED_REPLACE_HANDLER = "broadsheet-counted-replace"
TEXT_CONTROL_BYTES = {0x09, 0x0A, 0x0C, 0x0D, 0x1B}
# bytes.translate deletes these, leaving only the binary-looking control bytes to count at C speed.
_NOT_BINARY_CONTROL_BYTES = bytes(byte for byte in range(256) if byte >= 0x20 or byte in TEXT_CONTROL_BYTES)
_ASCII_BYTES = bytes(range(0x80))
# A '£', an 'é' and a curly quote pasted into a UTF-8 story: up to this many stray bytes are repairs,
# not a sign of another encoding, and not worth a charset-normalizer run.
MAX_TRUSTED_REPAIRS = 3
# Below this share of the non-ASCII bytes the fallback bytes are strays in real UTF-8 text: legacy CJK text
# leaves 40% or more of its non-ASCII bytes unexplained by UTF-8 (EUC-JP, whose pairs most often look like
# UTF-8, about half), Cyrillic and Greek nearly all.
MIN_FALLBACK_SHARE = 0.3
# charset-normalizer's cost grows with its input (it decodes the whole input once per candidate
# codec); 64 KiB is dozens of paragraphs, plenty to tell the codec, and keeps a guess to milliseconds.
DETECTION_SAMPLE_BYTES = 64 * 1024
# The sample is this many windows (start, middle, end, first non-UTF-8 byte): strays in one place are
# outweighed by the rest of the file, and a legacy-encoded region deep in the file is still seen.
SAMPLE_WINDOWS = 4
# The window at the first non-UTF-8 byte starts this far before it, to see the text the byte belongs to.
SAMPLE_LOOKBACK_BYTES = 1024
# Space and newline never occur inside a multibyte character of EUC-*, Shift-JIS, Big5 or GB18030
# (their trail bytes are 0x30 or higher), so cutting the sample next to one never splits a character;
# charset-normalizer rejects a codec outright when the sample ends mid-character.
SAFE_CUT_BYTES = (b"\n", b" ")
# mess_ratio stops once the mess passes this; any reading that bad has lost already.
MESS_CEILING = 1.0
# Text in UTF-16 has a NUL byte in every code unit below U+0100; spaces, digits and punctuation alone are
# more than this share of the characters in any script that separates words.
UTF16_MIN_NUL_SHARE = 0.1
# Real text is almost all printable; binary data read as UTF-16 hits controls, surrogates and unassigned points.
UTF16_MIN_PRINTABLE_SHARE = 0.95
# Without NULs only a fully printable reading counts as UTF-16, and random bytes read about 87% printable per
# code unit: below this a short binary head could be printable by chance (0.87 ** 128 is about 1e-8).
UTF16_NUL_FREE_MIN_BYTES = 256
_TEXT_WHITESPACE = frozenset("\t\n\r\f")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    repaired_bytes: int


class NotText(ValueError):
    """The bytes are not text (binary) or cannot be decoded into meaningful text."""

    def __init__(self, reason_code: str, detail: str) -> None:
        super().__init__(detail)
        self.reason_code = reason_code


def decode_text(data: bytes) -> Decoded:
    """The file's text, repaired and NFC-normalised.  Raises NotText with a reason code."""
    for bom, encoding in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(encoding), encoding, 0)
            except UnicodeDecodeError as error:
                raise NotText("undecodable", f"{encoding} byte order mark but invalid {encoding}: {error}") from error
    head = data[:SNIFF_BYTES]
    _reject_binary_signature(head)
    controls = len(head.translate(None, _NOT_BINARY_CONTROL_BYTES))
    if controls > MAX_CONTROL_BYTE_RATIO * len(head):
        # UTF-16 is full of NULs and other control bytes, so it is recognised before they call it binary.
        utf16 = _utf16_without_bom(data, head)
        if utf16 is None:
            raise NotText("binary_file", f"{controls} control bytes in the first {len(head)} bytes")
        try:
            return _finish(data.decode(utf16), utf16, 0)
        except UnicodeDecodeError as error:
            raise NotText(
                "undecodable", f"reads as {utf16} without a byte order mark, but not to the end: {error}"
            ) from error
    try:
        return _finish(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError as error:
        first_bad = error.start
    # Decide on a bounded sample: the CP1252 fallback runs Python code per byte and charset-normalizer decodes
    # its input once per candidate codec, both far too slow for a megabyte of CJK.
    sample = _detection_sample(data, first_bad)
    sample_reading, fallback_count, undefined_count = _utf8_with_fallback(sample)
    non_ascii = _non_ascii_count(sample)
    # Every non-ASCII byte fell back: there is no UTF-8 here, only a single-byte or legacy encoding.
    no_utf8 = fallback_count == non_ascii
    if fallback_count > max(MAX_TRUSTED_REPAIRS, MIN_FALLBACK_SHARE * non_ascii):
        codec = _legacy_codec(sample, sample_reading, no_utf8=no_utf8, cp1252_falls_short=undefined_count > 0)
        if codec is not None:
            text, replaced = _decode_counting(data, codec)
            if replaced <= max(MAX_TRUSTED_REPAIRS, MIN_FALLBACK_SHARE * _non_ascii_count(data)):
                return _finish(text, codec, replaced)
            del text  # the codec fits the sample, not the file; a large file is not held twice
    if sample is data:
        return _finish(sample_reading, "utf-8+cp1252", fallback_count)
    text, fallback_count, _ = _utf8_with_fallback(data)
    return _finish(text, "utf-8+cp1252", fallback_count)


def _legacy_codec(sample: bytes, sample_reading: str, *, no_utf8: bool, cp1252_falls_short: bool) -> str | None:
    """The codec to read the whole file in, or None to keep UTF-8 with CP1252 fallback.

    charset-normalizer's guess wins when its reading of the sample is in a non-Latin script and less of a mess
    than the fallback reading.  Among Latin-script code pages it often picks an exotic one (mac_latin2 for French
    CP1252); news in a Latin script is CP1252 far more often than anything else, so a Latin guess only wins where
    CP1252 leaves bytes undefined."""
    guess = _charset_normalizer_guess(sample)
    if guess is None:
        if no_utf8 and cp1252_falls_short:
            raise NotText(
                "undecodable",
                f"no encoding decodes these bytes into text: charset-normalizer has no "
                f"guess and {FALLBACK_ENCODING} leaves bytes undefined",
            )
        return None
    reading = str(guess)
    if _mostly_latin_script(reading):
        if cp1252_falls_short:
            return guess.encoding
        return FALLBACK_ENCODING if no_utf8 else None
    if mess_ratio(reading, MESS_CEILING) < mess_ratio(sample_reading, MESS_CEILING):
        return guess.encoding
    return None


def _charset_normalizer_guess(sample: bytes) -> CharsetMatch | None:
    """charset-normalizer's best reading of the sample.  Sibling code pages often tie (CP1253 and ISO-8859-7
    differ only in 'Ά'); the right one reads letters where the other reads symbols ('¶ρειος')."""
    matches = charset_normalizer.from_bytes(sample)
    best = matches.best()
    if best is None:
        return None
    tied = [match for match in matches if (match.chaos, match.coherence) == (best.chaos, best.coherence)]
    return max(tied, key=lambda match: _letter_share(str(match)))


def _detection_sample(data: bytes, first_bad: int) -> bytes:
    """Up to DETECTION_SAMPLE_BYTES from across the file (its start, middle and end, and where UTF-8 first
    fails), so that a few strays in one place do not pass for the encoding of the whole."""
    if len(data) <= DETECTION_SAMPLE_BYTES:
        return data
    size = DETECTION_SAMPLE_BYTES // SAMPLE_WINDOWS
    last = len(data) - size
    starts = {last * i // (SAMPLE_WINDOWS - 2) for i in range(SAMPLE_WINDOWS - 1)}
    if not any(start <= first_bad < start + size for start in starts):
        starts.add(max(0, first_bad - SAMPLE_LOOKBACK_BYTES))
    return b"\n".join(_whole_characters(data, start, start + size) for start in sorted(starts))


def _whole_characters(data: bytes, start: int, end: int) -> bytes:
    """data[start:end] narrowed to begin and end next to a space or newline, so no character is cut in two."""
    if start > 0:
        found = [at for at in (data.find(cut, start, end) for cut in SAFE_CUT_BYTES) if at >= 0]
        start = min(found) + 1 if found else start
    if end < len(data):
        at = max(data.rfind(cut, start, end) for cut in SAFE_CUT_BYTES)
        end = at + 1 if at >= 0 else end
    return data[start:end]


def _utf8_with_fallback(data: bytes) -> tuple[str, int, int]:
    """UTF-8 where the bytes are UTF-8, CP1252 elsewhere; with the number of CP1252 bytes and of those
    CP1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)."""
    _counts.fallback = _counts.undefined = 0
    text = data.decode("utf-8", errors=CP1252_FALLBACK_HANDLER)
    return text, _counts.fallback, _counts.undefined


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """The whole input in one codec, with U+FFFD for bytes it cannot read, and how many it could not."""
    try:
        return data.decode(encoding), 0
    except UnicodeDecodeError:
        pass
    _counts.replaced = 0
    text = data.decode(encoding, errors=COUNTED_REPLACE_HANDLER)
    return text, _counts.replaced


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    replacement = bad.decode(FALLBACK_ENCODING, errors="replace")
    _counts.fallback += len(bad)
    _counts.undefined += replacement.count("\ufffd")
    return replacement, error.end


def _counted_replace(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    _counts.replaced += 1
    return "\ufffd", error.end


# Error handlers are registered process-wide, so they count into per-thread state: two threads decoding at
# once must not add to each other's repair counts.
_counts = threading.local()
codecs.register_error(CP1252_FALLBACK_HANDLER, _cp1252_fallback)
codecs.register_error(COUNTED_REPLACE_HANDLER, _counted_replace)


def _utf16_without_bom(data: bytes, head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes read as text in it, else None."""
    if len(data) % 2:
        return None
    even_nuls, odd_nuls = head[0::2].count(0), head[1::2].count(0)
    if max(even_nuls, odd_nuls) >= UTF16_MIN_NUL_SHARE * (len(head) // 2):
        # ASCII and Latin-1 characters have their zero byte second in little-endian, first in big-endian.
        candidates: tuple[str, ...] = ("utf-16-le",) if odd_nuls > even_nuls else ("utf-16-be",)
        min_printable = UTF16_MIN_PRINTABLE_SHARE
    elif len(head) >= UTF16_NUL_FREE_MIN_BYTES:
        # Chinese or Japanese in UTF-16 has few NULs, but its control bytes made it look binary.
        candidates, min_printable = ("utf-16-le", "utf-16-be"), 1.0
    else:
        return None
    for encoding in candidates:
        # surrogatepass: a lone surrogate stays visible (and unprintable) instead of becoming a printable U+FFFD.
        sample = head.decode(encoding, errors="surrogatepass")
        if sample and "\ud800" <= sample[-1] <= "\udbff":
            sample = sample[:-1]  # the head ended between the two halves of a pair
        printable = sum(1 for ch in sample if ch.isprintable() or ch in _TEXT_WHITESPACE)
        if sample and printable >= min_printable * len(sample):
            return encoding
    return None


def _mostly_latin_script(text: str) -> bool:
    letters = [ch for ch in text if ord(ch) > 0x7F and ch.isalpha()]
    if not letters:
        return True
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return latin / len(letters) >= 0.5


def _letter_share(text: str) -> float:
    non_ascii = [ch for ch in text if ord(ch) > 0x7F]
    return sum(1 for ch in non_ascii if ch.isalpha()) / len(non_ascii) if non_ascii else 0.0


def _reject_binary_signature(head: bytes) -> None:
    for signature in BINARY_SIGNATURES:
        if head.startswith(signature):
            raise NotText("binary_file", f"starts with the signature of a binary format ({signature[:4]!r})")


def _non_ascii_count(data: bytes) -> int:
    return len(data.translate(None, _ASCII_BYTES))


def _finish(text: str, encoding: str, repaired: int) -> Decoded:
    # ASCII is already NFC and has no mojibake: no copy, no ftfy.
    if text.isascii():
        return Decoded(text, encoding, repaired)
    # Mojibake needs non-ASCII characters, and ftfy is slow on long text: repair only the lines that have some.
    # Character widths are left alone: ftfy would turn the full-width '，' and '！' of Chinese and Japanese into ASCII.
    lines = text.splitlines(keepends=True)
    fixed = "".join(
        line
        if line.isascii()
        else ftfy.fix_text(
            line, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization="NFC"
        )
        for line in lines
    )
    return Decoded(unicodedata.normalize("NFC", fixed), encoding, repaired)
