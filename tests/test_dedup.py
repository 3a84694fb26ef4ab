"""Duplicates: exact content hashes, MinHash similarity of near copies, and the LSH banding behind look-up."""

from __future__ import annotations

import hashlib

import pytest

from newsgraph.dedup import fingerprint, input_digest, lsh_bands, shingles, similarity
from newsgraph.settings import Settings

SETTINGS = Settings()
THRESHOLD = SETTINGS.near_duplicate_threshold

# An invented wire story and an invented rewrite of the same event by another outlet.
HEADLINE = "Glacier Rail Line Reopens After Three-Week Closure"
BODY = """\
The Vessner Valley rail line reopened on Thursday morning, three weeks after a rockslide buried a \
section of track near the village of Oskar Falls and cut the only rail link between the valley and \
the coast.

The first train left Vessner station at 6:40 a.m. carrying about two hundred passengers, many of them \
students returning to classes in Portmarrow, according to the regional transport office.

Engineers removed roughly four thousand tonnes of rock and rebuilt a retaining wall along a two hundred \
metre stretch of the line, said Ilse Dunmore, who led the repair crews for the operator Northvale Rail.

"We worked through two snowstorms and one more small slide," Dunmore said. "The wall is now anchored \
into bedrock, and we have added sensors that will stop trains automatically if the slope moves again."

During the closure, replacement buses carried commuters along the winding valley road, adding up to \
ninety minutes to each journey. Local shop owners said the disruption cost them a large share of their \
winter trade, and the valley council has asked the provincial government for compensation.

Northvale Rail said timetables would return to normal by Monday, with freight services resuming first \
at night so that passenger trains are not delayed."""
ORIGINAL = f"{HEADLINE}\n\n{BODY}"

REWRITE = """\
Trains Run Again Through Vessner Valley

Passenger trains were back on the Vessner Valley route on Thursday after crews spent three weeks \
clearing debris from a rockslide at Oskar Falls.

Northvale Rail's repair chief Ilse Dunmore told reporters that the company had anchored a new wall in \
the bedrock and installed slope sensors. Commuters who had spent weeks on slow replacement buses \
welcomed the return of the service, though some shopkeepers in the valley said the lost winter \
business would be hard to recover. The council wants the province to help.

Freight trains will move at night at first, the operator said, and the usual timetable should be back \
next week."""

NEAR_COPIES = {
    "changed headline": f"Vessner Valley Trains Rolling Again After Rockslide\n\n{BODY}",
    "distributed-by line": f"{ORIGINAL}\n\nDistributed by Meridian Wire Services.",
    "dateline added": f"{HEADLINE}\n\nVESSNER, March 12 — {BODY}",
    "case and punctuation": ORIGINAL.upper().replace(",", ""),
}


@pytest.mark.parametrize("text", [ORIGINAL, "Short item.", "Café é ünïcode"])
def test_identical_text_has_the_same_fingerprint(text: str) -> None:
    assert fingerprint(text, SETTINGS) == fingerprint(str(text), SETTINGS)


def test_content_hash_is_sha256_of_utf8_text() -> None:
    text = "Café owners in Ribarra reopened."

    assert fingerprint(text, SETTINGS).content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_one_changed_character_changes_the_content_hash() -> None:
    assert fingerprint(ORIGINAL, SETTINGS).content_hash != fingerprint(ORIGINAL + ".", SETTINGS).content_hash


@pytest.mark.parametrize("variant", NEAR_COPIES.values(), ids=NEAR_COPIES.keys())
def test_a_near_copy_is_similar_and_shares_a_band(variant: str) -> None:
    original, copy = fingerprint(ORIGINAL, SETTINGS), fingerprint(variant, SETTINGS)

    assert original.content_hash != copy.content_hash
    assert similarity(original.signature, copy.signature) >= THRESHOLD
    assert set(original.band_keys) & set(copy.band_keys)


def test_a_rewrite_of_the_same_event_is_not_a_near_duplicate() -> None:
    original, rewrite = fingerprint(ORIGINAL, SETTINGS), fingerprint(REWRITE, SETTINGS)

    assert similarity(original.signature, rewrite.signature) < THRESHOLD


def test_identical_signatures_are_fully_similar() -> None:
    signature = fingerprint(ORIGINAL, SETTINGS).signature

    assert similarity(signature, signature) == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Settings(minhash_permutations=128), Settings(minhash_permutations=64)),
        (Settings(minhash_permutations=16), Settings(minhash_permutations=128)),
    ],
)
def test_signatures_from_different_settings_have_zero_similarity(a: Settings, b: Settings) -> None:
    assert similarity(fingerprint(ORIGINAL, a).signature, fingerprint(ORIGINAL, b).signature) == 0.0


def test_empty_signatures_have_zero_similarity() -> None:
    assert similarity(b"", b"") == 0.0


@pytest.mark.parametrize("permutations", [16, 64, 128, 256])
def test_signature_and_band_sizes_follow_the_settings(permutations: int) -> None:
    settings = Settings(minhash_permutations=permutations)
    bands, _ = lsh_bands(settings.near_duplicate_threshold, permutations)

    prints = fingerprint(ORIGINAL, settings)

    assert len(prints.signature) == permutations * 8
    assert len(prints.band_keys) == bands
    assert all(-(2**63) <= key < 2**63 for key in prints.band_keys)  # fits an SQL INTEGER


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.8, 0.9, 1.0])
@pytest.mark.parametrize("permutations", [16, 128])
def test_lsh_bands_fit_in_the_permutations(threshold: float, permutations: int) -> None:
    bands, rows = lsh_bands(threshold, permutations)

    assert bands >= 1 and rows >= 1
    assert bands * rows <= permutations


def test_lsh_bands_get_stricter_as_the_threshold_rises() -> None:
    loose, strict = lsh_bands(0.5, 128), lsh_bands(0.9, 128)

    assert loose != strict
    assert loose[1] < strict[1]  # more rows per band: a pair must agree on more values to collide


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("Ferry strike ends", 5, {"ferry strike ends"}),
        ("Ferry strike ends", 3, {"ferry strike ends"}),
        ("Ferry strike ends today", 3, {"ferry strike ends", "strike ends today"}),
        ("FERRY, strike... ENDS!", 2, {"ferry strike", "strike ends"}),
        ("Émile Ñúñez", 5, {"émile ñúñez"}),
        ("", 5, {""}),
        ("— !", 5, {""}),
    ],
)
def test_shingles(text: str, size: int, expected: set[str]) -> None:
    assert shingles(text, size) == expected


def test_input_digest_is_sha256_of_the_bytes() -> None:
    data = b"\xef\xbb\xbfHarbour notice\r\n"

    assert input_digest(data) == hashlib.sha256(data).hexdigest()
    assert input_digest(data) != input_digest(data.rstrip())


def test_signatures_are_stable_across_releases() -> None:
    """Stored signatures must stay comparable: seed, scheme, shingling and band hashing are frozen."""
    import numpy as np

    prints = fingerprint(
        "Chile and Peru will hold talks on the seized trawler in Lima next week, officials said.",
        Settings(),
    )
    assert np.frombuffer(prints.signature, dtype=np.uint64)[:4].tolist() == [
        150243502, 58626128, 614370906, 520719035,
    ]
    assert prints.band_keys[:2] == (-3701031444998184799, 7435107799134087804)
