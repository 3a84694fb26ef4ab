"""Bytes to text: byte-order marks, UTF-8, then a guessed legacy encoding; binary data refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from newsgraph.errors import BinaryInputError, EmptyInputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than tab, newline, carriage return and form feed: text has almost none.
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
_MAX_CONTROL_SHARE = 0.05
# Legacy encodings that news text is found in: Windows and ISO 8859 code pages, KOI8 and the East Asian
# multibyte ones. charset-normalizer also offers DOS, Mac and EBCDIC code pages, which on a short text
# often read as plausibly as the right one (cp857 for Spanish) and are almost never what was meant.
_LIKELY_ENCODINGS = frozenset({
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp874",
    "latin_1", "iso8859_2", "iso8859_4", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_13", "iso8859_15",
    "koi8_r", "koi8_u", "tis_620", "cp932", "shift_jis", "euc_jp", "iso2022_jp", "cp949", "euc_kr", "cp950",
    "big5", "big5hkscs", "gb2312", "gbk", "gb18030", "utf_16_le", "utf_16_be",
})
# Windows-1252 wins a tie: a short Spanish or French text ("Concepción", "très") reads the same in a
# dozen code pages, and charset-normalizer's first pick among them (cp1250, cp1006) mangles it.
_PREFERRED_GUESS = "cp1252"


def decode_bytes(source: str, data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text, trying its BOM, ``declared`` (e.g. an HTTP charset), UTF-8, then a guess.

    Raises ``EmptyInputError`` for no bytes (or only whitespace) and ``BinaryInputError`` when the bytes
    are not text in any encoding.
    """
    if not data.strip():
        raise EmptyInputError(source, "the input is empty", hint="nothing to ingest")
    text = _decode(source, data, declared)
    if not text.strip():
        raise EmptyInputError(source, "the input holds only whitespace", hint="nothing to ingest")
    _refuse_binary(source, text)
    return text


def _decode(source: str, data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return _guess(source, data)


def _guess(source: str, data: bytes) -> str:
    """The least chaotic, then most coherent, likely reading of ``data``; Windows-1252 on a tie."""
    sample = data[:65536]
    # charset-normalizer stops early on some short texts without trying cp1252, so ask it on its own too
    matches = [*from_bytes(sample), *from_bytes(sample, cp_isolation=[_PREFERRED_GUESS])]
    readings = [m for m in matches if _LIKELY_ENCODINGS.intersection(m.could_be_from_charset)] or matches
    if not readings:
        raise BinaryInputError(
            source, "the bytes are not text in any known encoding",
            hint="give text, HTML, JSON Lines, RSS/Atom or WARC",
        )
    least_chaos = min(m.chaos for m in readings)
    calm = [m for m in readings if m.chaos <= least_chaos]
    most_coherent = max(m.coherence for m in calm)
    best = [m for m in calm if m.coherence >= most_coherent]
    preferred = any(_PREFERRED_GUESS in m.could_be_from_charset for m in best)
    return data.decode(_PREFERRED_GUESS if preferred else best[0].encoding, errors="replace")


def _refuse_binary(source: str, text: str) -> None:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if "\x00" in sample or controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInputError(
            source, "the input looks like binary data, not text",
            hint="give text, HTML, JSON Lines, RSS/Atom or WARC",
        )
