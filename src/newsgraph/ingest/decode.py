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
# Windows-1252 wins a tie between guesses: a short Spanish or French text ("Concepción", "très") reads the
# same in a dozen code pages, and charset-normalizer's first pick among them (cp1250, cp1006) mangles it.
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
    matches = from_bytes(data[:65536])
    best = matches.best()
    if best is None or best.encoding is None:
        raise BinaryInputError(
            source, "the bytes are not text in any known encoding",
            hint="give text, HTML, JSON Lines, RSS/Atom or WARC",
        )
    tied = any(
        _PREFERRED_GUESS in m.could_be_from_charset and m.chaos <= best.chaos
        and m.coherence >= best.coherence
        for m in matches
    )
    return data.decode(_PREFERRED_GUESS if tied else best.encoding, errors="replace")


def _refuse_binary(source: str, text: str) -> None:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if "\x00" in sample or controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInputError(
            source, "the input looks like binary data, not text",
            hint="give text, HTML, JSON Lines, RSS/Atom or WARC",
        )
