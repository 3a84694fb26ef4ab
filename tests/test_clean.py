"""Cleaning: every input is written here by hand (a trawler seized off Arica, a harbour council, a ferry)."""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

import pytest

from newsgraph import clean_rules as rules
from newsgraph.clean import clean
from newsgraph.records import CleanText

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"

SEIZED = "The navy boarded the trawler at dawn on Tuesday, port officials said."
HELD = "The crew of eleven was taken to Arica for questioning."
APPEAL = "The owners said they would appeal the seizure in the regional court."
COURT = "A judge is expected to hear the case on Friday."


def paragraphs(cleaned: CleanText) -> list[str]:
    return [cleaned.text[p.start:p.end] for p in cleaned.paragraphs]


def kinds(cleaned: CleanText) -> list[tuple[str, str]]:
    return [(p.kind, cleaned.text[p.start:p.end]) for p in cleaned.paragraphs]


def sources(cleaned: CleanText) -> list[tuple[str, tuple[str, ...]]]:
    return [(cleaned.text[p.start:p.end], p.cited_sources) for p in cleaned.paragraphs]


def reasons(cleaned: CleanText) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in cleaned.removals]


def assert_offsets_hold(raw: str, cleaned: CleanText) -> None:
    """Copied segments equal their raw span; removals quote raw; segments tile the cleaned text."""
    end = 0
    for s in cleaned.offsets.segments:
        assert s.start == end
        end = s.end
        if s.copied:
            assert cleaned.text[s.start:s.end] == raw[s.raw_start:s.raw_end]
    assert end == len(cleaned.text)
    for r in cleaned.removals:
        assert raw[r.raw_start:r.raw_end] == r.text


def lines(*parts: str) -> str:
    return "\n".join(parts)


# Citation chips ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chip", "source"),
    [
        ("CBS News +1", "CBS News"),  # a known outlet with a count
        ("Harbour Courier +2", "Harbour Courier"),  # an unknown outlet, made strong by its count
        ("Pacific Ledger+3", "Pacific Ledger"),  # no space before the count
        ("Reuters", "Reuters"),  # a known outlet
        ("reuters", "reuters"),  # known outlets match whatever the case
        ("The New York Times", "The New York Times"),
        ("latimes.com", "latimes.com"),  # a bare domain
        ("www.arica-noticias.cl", "www.arica-noticias.cl"),
        ("mercopress.com +1", "mercopress.com"),
    ],
)
def test_chip_after_a_paragraph_becomes_its_source(chip: str, source: str) -> None:
    raw = lines(SEIZED, chip, HELD)
    cleaned = clean(raw)
    assert sources(cleaned) == [(SEIZED, (source,)), (HELD, ())]
    assert reasons(cleaned) == [(rules.CITATION_CHIP, chip)]
    assert_offsets_hold(raw, cleaned)


def test_chip_with_plus_count_becomes_paragraph_source() -> None:
    cleaned = clean(lines(SEIZED, "Reuters +1"))
    assert sources(cleaned) == [(SEIZED, ("Reuters",))]
    assert cleaned.text == SEIZED


def test_chip_removal_records_the_raw_chip_and_where_it_was() -> None:
    raw = lines(SEIZED, "AP News +1", HELD)
    (removal,) = clean(raw).removals
    assert removal.reason == "citation-chip"
    assert removal.text == "AP News +1"
    assert raw[removal.raw_start:removal.raw_end] == "AP News +1"


def test_chip_is_attached_to_the_paragraph_it_follows_not_the_next() -> None:
    cleaned = clean(lines(SEIZED, "Reuters", HELD, "AP News", APPEAL))
    assert sources(cleaned) == [(SEIZED, ("Reuters",)), (HELD, ("AP News",)), (APPEAL, ())]


def test_chip_after_a_blank_line_still_cites_the_paragraph_before() -> None:
    cleaned = clean(lines(SEIZED, "", "Reuters", HELD))
    assert sources(cleaned) == [(SEIZED, ("Reuters",)), (HELD, ())]


def test_two_chips_in_a_row_both_cite_the_paragraph_before() -> None:
    cleaned = clean(lines(SEIZED, "Reuters", "AP News +1", HELD))
    assert sources(cleaned) == [(SEIZED, ("Reuters", "AP News")), (HELD, ())]
    assert [r.text for r in cleaned.removals] == ["Reuters", "AP News +1"]


def test_the_same_chip_twice_is_cited_once() -> None:
    cleaned = clean(lines(SEIZED, "Reuters", "Reuters +1", HELD))
    assert sources(cleaned) == [(SEIZED, ("Reuters",)), (HELD, ())]


def test_unknown_outlet_shaped_names_are_chips_where_the_text_has_two_strong_chips() -> None:
    raw = lines(SEIZED, "CBS News +1", HELD, "Harbour Courier", APPEAL, "Reuters", COURT)
    cleaned = clean(raw)
    assert sources(cleaned) == [
        (SEIZED, ("CBS News",)), (HELD, ("Harbour Courier",)), (APPEAL, ("Reuters",)), (COURT, ()),
    ]


def test_unknown_outlet_shaped_name_with_one_strong_chip_stays_text() -> None:
    cleaned = clean(lines(SEIZED, "CBS News +1", HELD, "Harbour Courier", APPEAL))
    assert paragraphs(cleaned) == [SEIZED, HELD, "Harbour Courier", APPEAL]
    assert sources(cleaned)[0] == (SEIZED, ("CBS News",))


def test_short_title_case_heading_after_a_body_paragraph_without_chips_stays_a_heading() -> None:
    cleaned = clean(lines(SEIZED, "Owners Plan Appeal", APPEAL))
    assert kinds(cleaned) == [("body", SEIZED), ("heading", "Owners Plan Appeal"), ("body", APPEAL)]
    assert cleaned.removals == ()


def test_chip_shaped_line_after_a_heading_is_not_a_chip() -> None:
    cleaned = clean(lines("Trawler Seized Off Arica", "Reuters", SEIZED, "AP News", HELD))
    assert kinds(cleaned)[:2] == [("heading", "Trawler Seized Off Arica"), ("heading", "Reuters")]
    assert sources(cleaned)[2:] == [(SEIZED, ("AP News",)), (HELD, ())]


def test_chip_shaped_first_line_is_not_a_chip() -> None:
    cleaned = clean(lines("Reuters", SEIZED))
    assert paragraphs(cleaned) == ["Reuters", SEIZED]
    assert cleaned.removals == ()


@pytest.mark.parametrize(
    "line",
    [
        "Source: Reuters",
        "Reuters: Arica",
        "Photo: AP News",
        "Reuters:",
    ],
)
def test_line_with_a_colon_is_never_a_chip(line: str) -> None:
    cleaned = clean(lines(SEIZED, line, HELD))
    assert line in paragraphs(cleaned)
    assert all(p.cited_sources == () for p in cleaned.paragraphs)


@pytest.mark.parametrize(
    "line",
    [
        "The crew was released.",  # a sentence
        "Fishermen Say Quotas Are Too Low For The Southern Fleet This Year Again",  # too many words
        "harbour courier",  # not outlet-shaped, not known
        "Harbour Courier reported",  # a lower-case word
    ],
)
def test_lines_not_shaped_like_chips_stay_text(line: str) -> None:
    raw = lines(SEIZED, "CBS News +1", HELD, "Reuters +1", APPEAL, line, COURT)
    cleaned = clean(raw)
    assert line in cleaned.text
    assert [r.text for r in cleaned.removals] == ["CBS News +1", "Reuters +1"]


def test_every_known_outlet_with_a_count_is_a_chip() -> None:
    text = resources.files("newsgraph").joinpath("data/outlets.txt").read_text("utf-8")
    names = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(names) > 100
    for name in names:
        cleaned = clean(lines(SEIZED, f"{name} +1"))
        assert cleaned.paragraphs[0].cited_sources == (name,), name


def test_chip_list_can_be_replaced() -> None:
    raw = lines(SEIZED, "Harbour Courier", HELD)
    assert clean(raw, outlets=frozenset({"harbour courier"})).paragraphs[0].cited_sources == (
        "Harbour Courier",
    )
    assert clean(raw, outlets=frozenset()).removals == ()


# Characters ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected", "dropped"),
    [
        ("The trawler \ufffd was seized.", "The trawler was seized.", ["\ufffd"]),
        ("The trawler was seized. \ufffd", "The trawler was seized.", ["\ufffd"]),
        ("\ufffdThe trawler was seized.", "The trawler was seized.", ["\ufffd"]),
        ("The traw\u200bler was seized.", "The trawler was seized.", ["\u200b"]),
        ("The trawler\u00ad was seized.", "The trawler was seized.", ["\u00ad"]),
        ("The trawler \u2060was seized.", "The trawler was seized.", ["\u2060"]),
        ("The trawler was\x07 seized.", "The trawler was seized.", ["\x07"]),
        ("\ufeffThe trawler was seized.", "The trawler was seized.", ["\ufeff"]),
        ("The trawler was seized in Arica\ufeff.", "The trawler was seized in Arica.", ["\ufeff"]),
        ("The trawler \ufffd\u200b was seized.", "The trawler was seized.", ["\ufffd", "\u200b"]),
    ],
)
def test_replacement_and_invisible_characters_are_removed_and_recorded(
    raw: str, expected: str, dropped: list[str]
) -> None:
    cleaned = clean(raw)
    assert cleaned.text == expected
    assert [r.text for r in cleaned.removals] == dropped
    assert {r.reason for r in cleaned.removals} <= {"replacement-character", "invisible-character"}
    assert_offsets_hold(raw, cleaned)


def test_replacement_character_is_recorded_with_its_own_reason() -> None:
    raw = "The café reopened. \ufffd"
    cleaned = clean(raw)
    (removal,) = cleaned.removals
    assert (removal.reason, removal.raw_start) == ("replacement-character", raw.index("\ufffd"))


def test_invisible_character_is_recorded_the_same_in_ascii_and_accented_lines() -> None:
    ascii_line = clean("The port\ufeff reopened.")
    accented_line = clean("The café\ufeff reopened.")
    assert reasons(ascii_line) == reasons(accented_line) == [("invisible-character", "\ufeff")]


@pytest.mark.parametrize(
    ("raw", "expected", "mojibake"),
    [
        ("The cafÃ© on the quay reopened.", "The café on the quay reopened.", "Ã©"),
        ("Officials in ValparaÃ\xadso said so.", "Officials in Valparaíso said so.", "Ã\xad"),
        ("He said â€œwe will appealâ€\x9d and left.", "He said “we will appeal” and left.", "â€œ"),
        ("The navy â€” not the coast guard â€” acted.", "The navy — not the coast guard — acted.", "â€”"),
        ("The cafeÌ\x81 reopened.", "The café reopened.", "eÌ\x81"),
    ],
)
def test_mojibake_is_repaired_and_mapped_to_its_raw_span(raw: str, expected: str, mojibake: str) -> None:
    cleaned = clean(raw)
    assert cleaned.text == expected
    assert cleaned.removals == ()
    assert_offsets_hold(raw, cleaned)
    fixed = next(s for s in cleaned.offsets.segments if not s.copied)
    assert raw[fixed.raw_start:fixed.raw_end] == mojibake


def test_repaired_word_maps_back_to_the_whole_raw_word() -> None:
    raw = "The cafÃ© on the quay reopened."
    cleaned = clean(raw)
    start = cleaned.text.index("café")
    raw_start, raw_end = cleaned.offsets.span_to_raw(start, start + len("café"))
    assert raw[raw_start:raw_end] == "cafÃ©"


def test_typographic_quotes_that_are_not_mojibake_are_kept() -> None:
    raw = "“We will appeal,” said Ana O’Brien, the owners’ lawyer."
    cleaned = clean(raw)
    assert cleaned.text == raw
    assert [s.copied for s in cleaned.offsets.segments] == [True]


def test_html_entities_are_unescaped_and_stand_for_the_whole_entity() -> None:
    raw = "Fish &amp; Chips Ltd owned the trawler."
    cleaned = clean(raw)
    assert cleaned.text == "Fish & Chips Ltd owned the trawler."
    assert_offsets_hold(raw, cleaned)
    start = cleaned.text.index("&")
    raw_start, raw_end = cleaned.offsets.span_to_raw(start, start + 1)
    assert raw[raw_start:raw_end] == "&amp;"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The\u00a0trawler was seized.", "The trawler was seized."),
        ("The trawler\twas seized.", "The trawler was seized."),
        ("The trawler   was seized.", "The trawler was seized."),
        ("The trawler \t\u00a0 was seized.", "The trawler was seized."),
        ("The trawler\u2009was\u202fseized.", "The trawler was seized."),
        ("   The trawler was seized.   ", "The trawler was seized."),
    ],
)
def test_odd_and_repeated_spaces_become_one_space(raw: str, expected: str) -> None:
    cleaned = clean(raw)
    assert cleaned.text == expected
    assert cleaned.removals == ()
    assert_offsets_hold(raw, cleaned)


@pytest.mark.parametrize(
    "raw",
    [
        "The trawler \ufffd was seized.",
        "The trawler \u200b was seized.",
        "The trawler \u200b \ufffd  was seized.",
        "The trawler\u00a0\ufffd\u00a0was seized.",
    ],
)
def test_no_double_space_is_left_where_a_character_was_removed(raw: str) -> None:
    assert clean(raw).text == "The trawler was seized."


@pytest.mark.parametrize(
    "raw",
    [
        f"{SEIZED}\r\n{HELD}\r\n{APPEAL}",
        f"{SEIZED}\r{HELD}\r{APPEAL}",
        f"{SEIZED}\n{HELD}\r{APPEAL}",
        f"{SEIZED}\u2029{HELD}\u2028{APPEAL}",
    ],
)
def test_crlf_and_lone_cr_are_line_breaks(raw: str) -> None:
    cleaned = clean(raw)
    assert paragraphs(cleaned) == [SEIZED, HELD, APPEAL]
    assert "\r" not in cleaned.text
    assert_offsets_hold(raw, cleaned)


def test_crlf_blank_line_separates_paragraphs() -> None:
    raw = f"{SEIZED}\r\n\r\n{HELD}\r\n"
    assert clean(raw).text == f"{SEIZED}\n\n{HELD}"


# Comment sections and boilerplate --------------------------------------------------------------------


@pytest.mark.parametrize(
    "marker",
    [
        "Comments",
        "3 Comments",
        "Comments (12)",
        "Leave a comment",
        "There are no comments for this story",
        "Be the first to comment",
        "Be the first to respond and start the conversation.",
        "Join the conversation",
        "Comments are closed.",
    ],
)
def test_comment_trailer_in_the_second_half_is_cut_to_the_end(marker: str) -> None:
    raw = lines(SEIZED, HELD, APPEAL, COURT, marker, "Great reporting, thanks!", "— a reader in Iquique")
    cleaned = clean(raw)
    assert paragraphs(cleaned) == [SEIZED, HELD, APPEAL, COURT]
    (removal,) = cleaned.removals
    assert removal.reason == "comment-trailer"
    assert removal.text == raw[raw.index(marker):]
    assert removal.raw_end == len(raw)


def test_comment_trailer_after_blank_lines_leaves_no_trailing_space() -> None:
    raw = f"{SEIZED}\n{HELD}\n\n\n\nComments\nThere are no comments for this story\n"
    cleaned = clean(raw)
    assert cleaned.text == f"{SEIZED}\n\n{HELD}"


@pytest.mark.parametrize("marker", ["## Comments", "### 3 Comments", "# Leave a comment"])
def test_comment_trailer_written_as_a_markdown_heading_is_cut(marker: str) -> None:
    raw = lines(SEIZED, HELD, APPEAL, marker, "Great reporting, thanks!")
    cleaned = clean(raw)
    assert paragraphs(cleaned) == [SEIZED, HELD, APPEAL]
    assert reasons(cleaned) == [("comment-trailer", f"{marker}\nGreat reporting, thanks!")]


def test_story_that_mentions_comments_early_keeps_them() -> None:
    raw = lines(
        "Comments",
        "The harbour council voted to close the comment section of its website.",
        "There are no comments for this story, the clerk joked, because nobody reads the minutes.",
        HELD,
        APPEAL,
        COURT,
    )
    cleaned = clean(raw)
    assert paragraphs(cleaned)[0] == "Comments"
    assert len(cleaned.paragraphs) == 6
    assert cleaned.removals == ()


def test_sentence_about_comments_late_in_the_story_is_kept() -> None:
    raw = lines(SEIZED, HELD, APPEAL, "Comments from the owners were not available on Friday.")
    assert len(clean(raw).paragraphs) == 4


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Share on Facebook",
        "Share",
        "Facebook | Twitter | Email",
        "Subscribe now",
        "Subscribe to our newsletter",
        "Sign up for our weekly briefing",
        "Get our daily newsletter",
        "Follow us on Instagram",
        "Advertisement",
        "Story continues below advertisement",
        "Click here to read the full report",
        "© 2026 Harbour Courier",
        "All rights reserved.",
    ],
)
def test_share_subscribe_and_advertisement_lines_are_removed(line: str) -> None:
    raw = lines(SEIZED, line, HELD)
    cleaned = clean(raw)
    assert paragraphs(cleaned) == [SEIZED, HELD]
    assert reasons(cleaned) == [("share-boilerplate", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Readers who subscribe before Friday will get a map of the new ferry routes, the Harbour Courier "
        "said on its front page.",
        "Subscribers to the ferry pass will pay less from March, the port authority said in a statement "
        "issued on Monday evening.",
        "Share prices of the fishing company fell sharply after the seizure.",
    ],
)
def test_long_sentence_that_mentions_subscribing_or_sharing_is_kept(line: str) -> None:
    cleaned = clean(lines(SEIZED, line, HELD))
    assert paragraphs(cleaned) == [SEIZED, line, HELD]
    assert cleaned.removals == ()


def test_related_stories_header_and_its_links_are_removed() -> None:
    related = ["Related stories", "Port Closes For Winter Storms", "Fishermen protest new quota rules"]
    raw = lines(SEIZED, HELD, *related, "", APPEAL)
    cleaned = clean(raw)
    assert paragraphs(cleaned) == [SEIZED, HELD, APPEAL]
    assert reasons(cleaned) == [("related-links", "\n".join(related))]


def test_related_stories_under_a_markdown_heading_are_removed() -> None:
    raw = lines(SEIZED, HELD, "## Related stories", "Port Closes For Winter Storms", "", APPEAL)
    cleaned = clean(raw)
    assert paragraphs(cleaned) == [SEIZED, HELD, APPEAL]
    assert [r.reason for r in cleaned.removals] == ["related-links"]


def test_related_links_stop_at_a_sentence() -> None:
    raw = lines(SEIZED, "Related:", "Port Closes For Winter Storms", HELD)
    cleaned = clean(raw)
    assert paragraphs(cleaned) == [SEIZED, HELD]
    assert reasons(cleaned) == [("related-links", "Related:\nPort Closes For Winter Storms")]


@pytest.mark.parametrize(
    "line",
    ["Read more: Trawler seized off Arica", "See also: Quotas cut again", "Read next: Ferry fares rise"],
)
def test_read_more_line_is_removed(line: str) -> None:
    cleaned = clean(lines(SEIZED, line, HELD))
    assert paragraphs(cleaned) == [SEIZED, HELD]
    assert reasons(cleaned) == [("related-links", line)]


# Headings and paragraphs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headline",
    [
        "Trawler Seized Off Arica",
        "Trawler seized off Arica after a night chase",
        "Navy Seizes Chilean Trawler Off Arica as Quota Dispute With Peru Deepens, Officials Say Today",
    ],
)
def test_first_short_line_without_sentence_end_is_the_headline(headline: str) -> None:
    cleaned = clean(lines(headline, SEIZED, HELD))
    assert cleaned.headline == headline
    assert kinds(cleaned)[0] == ("heading", headline)


@pytest.mark.parametrize(
    "text",
    [
        lines(SEIZED, HELD),  # starts with a sentence
        "Trawler Seized Off Arica",  # a single line is body
        lines("Navy seizes trawler.", HELD),  # ends like a sentence
    ],
)
def test_no_headline_when_the_first_line_is_not_a_heading(text: str) -> None:
    assert clean(text).headline is None


def test_markdown_heading_marker_is_removed_and_recorded() -> None:
    raw = lines("# Trawler Seized Off Arica", SEIZED, "## What Happens Next", HELD)
    cleaned = clean(raw)
    assert kinds(cleaned) == [
        ("heading", "Trawler Seized Off Arica"),
        ("body", SEIZED),
        ("heading", "What Happens Next"),
        ("body", HELD),
    ]
    assert reasons(cleaned) == [("markdown-markup", "# "), ("markdown-markup", "## ")]
    assert cleaned.headline == "Trawler Seized Off Arica"
    assert_offsets_hold(raw, cleaned)


def test_markdown_heading_may_end_like_a_sentence() -> None:
    cleaned = clean(lines("### The owners appeal.", HELD))
    assert kinds(cleaned) == [("heading", "The owners appeal."), ("body", HELD)]


def test_heading_is_not_merged_with_the_sentence_that_follows() -> None:
    cleaned = clean(lines("Owners Plan Appeal", APPEAL, "The Court Date", COURT))
    assert kinds(cleaned) == [
        ("heading", "Owners Plan Appeal"),
        ("body", APPEAL),
        ("heading", "The Court Date"),
        ("body", COURT),
    ]


WRAPPED_ONE = (
    "The navy boarded the trawler at dawn on Tuesday after a chase that",
    "lasted most of the night, according to a statement from the port",
    "authority in Arica, which said the crew of eleven had been detained.",
)
WRAPPED_TWO = (
    "The owners of the vessel, a company registered in Valparaiso, said",
    "they had not been told why the boat was stopped and would appeal",
    "the seizure in the regional court as soon as they were able to.",
)


def test_hard_wrapped_paragraphs_are_joined_with_single_spaces() -> None:
    raw = lines(*WRAPPED_ONE, "", *WRAPPED_TWO)
    cleaned = clean(raw)
    assert paragraphs(cleaned) == [" ".join(WRAPPED_ONE), " ".join(WRAPPED_TWO)]
    assert [p.kind for p in cleaned.paragraphs] == ["body", "body"]
    assert_offsets_hold(raw, cleaned)


def test_hard_wrapped_lines_with_trailing_spaces_join_with_one_space() -> None:
    raw = lines(*(line + "  " for line in WRAPPED_ONE))
    assert clean(raw).text == " ".join(WRAPPED_ONE)


def test_hard_wrapped_paragraph_under_a_headline_without_a_blank_line() -> None:
    raw = lines("Trawler Seized Off Arica", *WRAPPED_ONE, "", *WRAPPED_TWO)
    cleaned = clean(raw)
    assert kinds(cleaned) == [
        ("heading", "Trawler Seized Off Arica"),
        ("body", " ".join(WRAPPED_ONE)),
        ("body", " ".join(WRAPPED_TWO)),
    ]
    assert cleaned.headline == "Trawler Seized Off Arica"


def test_hard_wrapped_paragraph_under_a_headline_after_a_blank_line() -> None:
    raw = lines("Trawler Seized Off Arica", "", *WRAPPED_ONE)
    assert kinds(clean(raw)) == [
        ("heading", "Trawler Seized Off Arica"), ("body", " ".join(WRAPPED_ONE)),
    ]


@pytest.mark.parametrize("heading", ["Owners plan an appeal", "What the owners say", "## Next steps"])
def test_sentence_case_heading_between_one_line_paragraphs_is_not_merged(heading: str) -> None:
    cleaned = clean(lines(SEIZED, heading, APPEAL))
    assert kinds(cleaned) == [("body", SEIZED), ("heading", heading.removeprefix("## ")), ("body", APPEAL)]


def test_heading_between_hard_wrapped_paragraphs_without_blank_lines_stays_apart() -> None:
    raw = lines(*WRAPPED_ONE, "## The Owners", *WRAPPED_TWO)
    assert kinds(clean(raw)) == [
        ("body", " ".join(WRAPPED_ONE)), ("heading", "The Owners"), ("body", " ".join(WRAPPED_TWO)),
    ]


def test_one_line_paragraphs_then_hard_wrapped_lines_in_one_block() -> None:
    raw = lines(HELD, COURT, *WRAPPED_TWO)
    assert paragraphs(clean(raw)) == [HELD, COURT, " ".join(WRAPPED_TWO)]


def test_hard_wrapped_line_broken_early_before_a_long_word_still_joins() -> None:
    wrapped = (
        "The port authority published the full statement on its website at",
        "https://www.puertoarica.example/avisos/2026/incautacion-pesquero-0116",
        "late on Tuesday, along with photographs of the trawler and its crew.",
    )
    assert paragraphs(clean(lines(*wrapped))) == [" ".join(wrapped)]


def test_one_paragraph_per_line_stays_one_paragraph_per_line() -> None:
    cleaned = clean(lines(SEIZED, HELD, APPEAL, COURT))
    assert paragraphs(cleaned) == [SEIZED, HELD, APPEAL, COURT]
    assert cleaned.text == "\n\n".join([SEIZED, HELD, APPEAL, COURT])


def test_line_continuing_in_lower_case_joins_the_line_before() -> None:
    cleaned = clean(lines("The navy boarded the trawler", "at dawn on Tuesday."))
    assert paragraphs(cleaned) == ["The navy boarded the trawler at dawn on Tuesday."]


def test_last_short_line_is_body_not_heading() -> None:
    cleaned = clean(lines(SEIZED, HELD, "Reporting by Ana Lima in Arica"))
    assert kinds(cleaned)[-1] == ("body", "Reporting by Ana Lima in Arica")


def test_paragraph_offsets_index_the_cleaned_text() -> None:
    raw = lines("Trawler Seized", "", SEIZED, "Reuters", HELD)
    cleaned = clean(raw)
    assert [(p.start, p.end) for p in cleaned.paragraphs] == [
        (0, 14), (16, 16 + len(SEIZED)), (18 + len(SEIZED), 18 + len(SEIZED) + len(HELD)),
    ]


# Edge cases ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["", " ", "\n", "\n\n\n", " \t\u00a0\n\r\n  ", "\ufffd", "\u200b\ufeff"])
def test_empty_or_blank_input_cleans_to_nothing(raw: str) -> None:
    cleaned = clean(raw)
    assert cleaned.text == ""
    assert cleaned.paragraphs == ()
    assert cleaned.headline is None
    assert cleaned.offsets.segments == ()
    assert_offsets_hold(raw, cleaned)


def test_single_line_without_newline_is_one_body_paragraph() -> None:
    cleaned = clean(SEIZED)
    assert kinds(cleaned) == [("body", SEIZED)]
    assert cleaned.headline is None
    assert [(s.start, s.end, s.raw_start, s.raw_end, s.copied) for s in cleaned.offsets.segments] == [
        (0, len(SEIZED), 0, len(SEIZED), True)
    ]


@pytest.mark.parametrize(
    "raw",
    [
        lines("Share this article", "Advertisement", "Subscribe now"),
        lines("Related stories", "Port Closes For Winter", "Ferry Fares Rise"),
        lines("Advertisement", "\ufffd", "Read more: Port closes"),
    ],
)
def test_text_that_is_only_boilerplate_cleans_to_nothing(raw: str) -> None:
    cleaned = clean(raw)
    assert cleaned.text == ""
    assert cleaned.paragraphs == ()
    assert cleaned.removals
    assert_offsets_hold(raw, cleaned)


def test_text_that_is_only_chips_does_not_crash() -> None:
    raw = lines("Reuters", "AP News +1", "latimes.com")
    cleaned = clean(raw)
    assert_offsets_hold(raw, cleaned)
    assert all(p.cited_sources == () for p in cleaned.paragraphs)


def test_very_long_single_line_cleans_quickly() -> None:
    raw = "The trawler was seized off Arica at dawn, and the crew was held. " * 1600
    started = time.perf_counter()
    cleaned = clean(raw)
    assert time.perf_counter() - started < 5
    assert cleaned.text == raw.strip()


def test_very_long_line_with_mojibake_cleans_quickly() -> None:
    raw = "The cafÃ© on the quay â€” reopened after the storm, its owner said. " * 1500
    started = time.perf_counter()
    cleaned = clean(raw)
    assert time.perf_counter() - started < 10
    assert len(raw) > 100_000
    assert "Ã" not in cleaned.text
    assert cleaned.text.count("café") == 1500
    assert_offsets_hold(raw, cleaned)


# The shared sample articles ------------------------------------------------------------------------


def read_shared(name: str) -> str:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path.read_text(encoding="utf-8")


@pytest.mark.shared
def test_shared_chip_annotated_article_cleans_to_sourced_paragraphs() -> None:
    raw = read_shared("000_19cdef130871e71b.txt")
    cleaned = clean(raw)
    chip_lines = {r.text for r in cleaned.removals if r.reason == "citation-chip"}
    expected_sources = {
        "CBS News", "Daily Sabah", "Reuters", "MercoPress", "latimes.com", "AP News", "Financial Times",
    }
    cited = {name for p in cleaned.paragraphs for name in p.cited_sources}
    assert cited == expected_sources
    for p in cleaned.paragraphs:
        assert all(any(line.startswith(name) for line in chip_lines) for name in p.cited_sources)
        if p.cited_sources:
            assert p.kind == "body"
    kept_lines = cleaned.text.split("\n")
    assert not chip_lines & set(kept_lines)
    assert "\ufffd" not in cleaned.text
    assert "Comments" not in cleaned.text
    assert "There are no comments" not in cleaned.text
    assert any(r.reason == "comment-trailer" for r in cleaned.removals)
    first = cleaned.paragraphs[0]
    assert first.kind == "heading"
    assert cleaned.headline == cleaned.text[first.start:first.end]
    # section headings: the article's lines that are neither chips nor sentences, before the comments
    trailer = next(r for r in cleaned.removals if r.reason == "comment-trailer")
    bare_lines = [
        line.strip() for line in raw[:trailer.raw_start].splitlines()
        if line.strip() and line.strip() not in chip_lines and not line.strip().endswith(("\ufffd", "."))
    ]
    headings = [cleaned.text[p.start:p.end] for p in cleaned.paragraphs if p.kind == "heading"]
    assert len(headings) >= 10
    assert headings == bare_lines
    assert_offsets_hold(raw, cleaned)
    for p in cleaned.paragraphs:
        raw_start, raw_end = cleaned.offsets.span_to_raw(p.start, p.end)
        assert raw_start < raw_end


@pytest.mark.shared
def test_shared_plain_article_is_left_as_its_nine_paragraphs() -> None:
    raw = read_shared("004_3dc869a13cd3b395.txt")
    cleaned = clean(raw)
    assert cleaned.removals == ()
    assert len(cleaned.paragraphs) == 9
    assert all(p.kind == "body" and p.cited_sources == () for p in cleaned.paragraphs)
    assert cleaned.headline is None
    assert_offsets_hold(raw, cleaned)


def test_chip_after_a_question_cites_it() -> None:
    raw = ("Harbour talks stall\n"
           "Will the crew be home before the fishing season opens?\n"
           "Andes Wire +1\n"
           "Officials in Lima said the decision rests with the prosecutors.\n")
    cleaned = clean(raw)
    question = next(p for p in cleaned.paragraphs if cleaned.text[p.start:p.end].startswith("Will"))
    assert question.cited_sources == ("Andes Wire",)
    assert "Andes Wire" not in cleaned.text
