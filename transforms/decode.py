"""Bytes → clean text: encoding detection, mojibake repair, NFC — or the reason the bytes are not text.

News archives mix encodings inside one file (a Latin-1 '£' in an otherwise
UTF-8 story), so valid UTF-8 sequences are kept as UTF-8 and only the bytes
that are not UTF-8 are read as CP1252; a file with no UTF-8 at all is handed
to charset-normalizer.  ftfy then repairs text that was mis-decoded upstream
("Ã©" → "é"); curly quotes are kept because quote extraction needs them.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

import charset_normalizer
import ftfy

# Signatures of binary formats people drop into article folders.
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0", b"\x7fELF")
# Above this share of control bytes a file is binary, whatever its name says.
MAX_CONTROL_BYTE_RATIO = 0.05
# Above this share of undecodable bytes the text is not repairable, only guessable.
MAX_FALLBACK_BYTE_RATIO = 0.02
# Bytes sniffed for binary content: enough to see a signature or a run of NULs.
SNIFF_BYTES = 4096
FALLBACK_ENCODING = "cp1252"
TEXT_CONTROL_BYTES = {0x09, 0x0A, 0x0C, 0x0D, 0x1B}


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
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _finish(data.decode(encoding), encoding, 0)
            except UnicodeDecodeError as error:
                raise NotText("undecodable", f"{encoding} byte order mark but invalid {encoding}: {error}") from error
    _reject_binary(data)
    try:
        return _finish(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    fallback_count = 0

    def count_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
        nonlocal fallback_count
        bad = error.object[error.start:error.end]
        fallback_count += len(bad)
        return bad.decode(FALLBACK_ENCODING, errors="replace"), error.end

    handler_name = "broadsheet-cp1252-fallback"
    codecs.register_error(handler_name, count_fallback)
    text = data.decode("utf-8", errors=handler_name)
    # Each fallback byte became one non-ASCII character; any beyond those came from real UTF-8 sequences.
    utf8_characters = sum(1 for ch in text if ord(ch) > 0x7F) - fallback_count
    if utf8_characters > 0 or fallback_count <= max(1, MAX_FALLBACK_BYTE_RATIO * len(data)):
        return _finish(text, "utf-8+cp1252", fallback_count)
    return _legacy_single_encoding(data)


def _legacy_single_encoding(data: bytes) -> Decoded:
    """A file with no UTF-8 in it.  charset-normalizer tells scripts apart well (Cyrillic cp1251 vs
    Western), but among Latin-script code pages it often picks an exotic one (mac_latin2 for French
    CP1252); news in a Latin script is CP1252 far more often than anything else."""
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and not _mostly_latin_script(str(best)):
        return _finish(str(best), best.encoding, 0)
    try:
        return _finish(data.decode(FALLBACK_ENCODING), FALLBACK_ENCODING, 0)
    except UnicodeDecodeError:
        if best is None:
            raise NotText("undecodable", "no encoding decodes these bytes into text") from None
        return _finish(str(best), best.encoding, 0)


def _mostly_latin_script(text: str) -> bool:
    letters = [ch for ch in text if ord(ch) > 0x7F and ch.isalpha()]
    if not letters:
        return True
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return latin / len(letters) >= 0.5


def _reject_binary(data: bytes) -> None:
    head = data[:SNIFF_BYTES]
    for signature in BINARY_SIGNATURES:
        if head.startswith(signature):
            raise NotText("binary_file", f"starts with the signature of a binary format ({signature[:4]!r})")
    controls = sum(1 for byte in head if byte < 0x20 and byte not in TEXT_CONTROL_BYTES)
    if head and controls / len(head) > MAX_CONTROL_BYTE_RATIO:
        raise NotText("binary_file", f"{controls} control bytes in the first {len(head)} bytes")


def _finish(text: str, encoding: str, repaired: int) -> Decoded:
    # Mojibake needs non-ASCII characters, and ftfy is slow on long text: repair only the lines that have some.
    lines = text.splitlines(keepends=True)
    fixed = "".join(line if line.isascii() else ftfy.fix_text(line, uncurl_quotes=False, fix_latin_ligatures=False,
                                                              normalization="NFC")
                    for line in lines)
    return Decoded(unicodedata.normalize("NFC", fixed), encoding, repaired)
