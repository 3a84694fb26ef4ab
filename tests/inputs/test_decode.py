"""Bytes to text: byte-order marks, a declared charset, UTF-8, a guess; binary and blank input refused."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.errors import BinaryInputError, EmptyInputError
from newsgraph.inputs.decode import decode_bytes

TEXT = "La lluvia cerró el puerto de Concepción; los pescadores esperan."


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_a_byte_order_mark_decides_and_is_dropped(bom: bytes, encoding: str) -> None:
    assert decode_bytes("a.txt", bom + TEXT.encode(encoding)) == TEXT


def test_a_byte_order_mark_wins_over_a_declared_charset() -> None:
    assert decode_bytes("a.html", codecs.BOM_UTF8 + TEXT.encode(), declared="iso-8859-1") == TEXT


def test_utf8_without_a_mark() -> None:
    assert decode_bytes("a.txt", TEXT.encode("utf-8")) == TEXT


@pytest.mark.parametrize("declared", ["iso-8859-1", "latin-1", "cp1252"])
def test_a_declared_charset_is_used(declared: str) -> None:
    assert decode_bytes("a.html", TEXT.encode("latin-1"), declared=declared) == TEXT


@pytest.mark.parametrize("declared", ["no-such-charset", "utf-8"])
def test_an_unknown_or_wrong_declared_charset_falls_back(declared: str) -> None:
    assert decode_bytes("a.html", TEXT.encode("latin-1"), declared=declared) == TEXT


@pytest.mark.parametrize(
    "text",
    [
        "Concepción",
        "Ça a été très réussi, à bientôt.",
        "He said “enough” — and left…",
        "Grüße aus München",
        "Año nuevo en Valparaíso: el puerto cerró temprano.",
        "Niño de 12 años rescatado en Iquique.",
        "São Paulo: a população votou na eleição municipal.",
    ],
)
def test_western_legacy_text_is_guessed_as_cp1252(text: str) -> None:
    assert decode_bytes("old.txt", text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Вчера вечером в порту Одессы рыбаки вышли на забастовку против новых квот.", "cp1251"),
        ("Zażółć gęślą jaźń, powiedział rybak z Gdańska.", "cp1250"),
        ("Οι ψαράδες του Πειραιά απεργούν σήμερα για τις νέες ποσοστώσεις.", "cp1253"),
        ("Balıkçılar bugün İstanbul limanında greve başladı.", "cp1254"),
        ("Vakarų Lietuvos žvejai streikuoja prieš naujas kvotas.", "cp1257"),
        ("今日は港で漁師たちが新しい漁獲枠に反対してストライキを行った。", "shift_jis"),
    ],
)
def test_other_legacy_encodings_are_still_guessed(text: str, encoding: str) -> None:
    assert decode_bytes("old.txt", text.encode(encoding)) == text


PNG_HEADER = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x20\x00\x00\x00\x20\x08\x06\x00\x00\x00"
    b"szz\xf4\x00\x00\x00\x04gAMA\x00\x00\xb1\x8f\x0b\xfca\x05"
)


def _random_bytes(seed: int, size: int = 4096) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.mark.parametrize(
    "data",
    [
        PNG_HEADER,
        _random_bytes(1),
        _random_bytes(2),
        b"plain words\x00with\x00nul\x00bytes\x00between\x00them",
        b"\x01\x02\x03\x04\x05\x06 text with many control bytes \x07\x08\x0e\x0f\x10\x11\x12",
    ],
    ids=["png", "random-1", "random-2", "nuls", "controls"],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryInputError) as caught:
        decode_bytes("blob.dat", data)
    assert caught.value.source == "blob.dat"
    assert caught.value.reason == "binary"
    assert str(caught.value).startswith("blob.dat: ")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the input is empty"),
        (b" \n\t\r\n ", "the input is empty"),
        (codecs.BOM_UTF16_LE + "  \n ".encode("utf-16-le"), "only whitespace"),
        ("\u2028\u00a0\n".encode(), "only whitespace"),
    ],
)
def test_empty_and_whitespace_only_input_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(EmptyInputError) as caught:
        decode_bytes("blank.txt", data)
    assert message in str(caught.value)
    assert caught.value.source == "blank.txt"
    assert caught.value.hint == "nothing to ingest"


_TEXT_CHARACTERS = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"
) | st.sampled_from("\t\n\r")


@given(st.text(_TEXT_CHARACTERS, min_size=1).filter(lambda text: text.strip() != ""))
def test_any_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes("a.txt", text.encode("utf-8")) == text


@given(st.text(_TEXT_CHARACTERS, min_size=1).filter(lambda text: text.strip() != ""))
def test_any_utf16_text_with_a_mark_round_trips(text: str) -> None:
    assert decode_bytes("a.txt", text.encode("utf-16")) == text
