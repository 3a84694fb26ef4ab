"""What cleaning recognises, kept apart from how it cleans (``clean.py``).

Each pattern says why it is here. Removal reasons are stable strings: they are stored and exported.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# Removal reasons, as stored with every removal.
CITATION_CHIP = "citation-chip"
REPLACEMENT_CHARACTER = "replacement-character"
INVISIBLE_CHARACTER = "invisible-character"
COMMENT_TRAILER = "comment-trailer"
SHARE_BOILERPLATE = "share-boilerplate"
RELATED_LINKS = "related-links"
MARKDOWN_MARKUP = "markdown-markup"

# U+FFFD marks bytes a copy-paste or a decoder lost; it carries no meaning, so it goes.
REPLACEMENT = "\ufffd"
# Zero-width and formatting characters and C0 controls other than tab: invisible, and they split words.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Runs of horizontal white space, including no-break and typographic spaces, become one space.
SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Line ends: \r\n, \r, \n and the Unicode line and paragraph separators.
LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029\x85]")

# A citation chip: a line that is only an outlet name, optionally followed by "+N" (the count of further
# sources a chat assistant or aggregator folded into the chip): "CBS News +1", "MercoPress", "latimes.com".
CHIP = re.compile(r"^(?P<name>[^\s+].{0,59}?)(?:\s*\+\s*(?P<more>\d{1,2}))?$")
# A bare domain is always a chip when it stands where a chip stands.
DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12}$", re.IGNORECASE)
# An unknown outlet name: up to four capitalised words (or one CamelCase word), nothing else.
OUTLET_SHAPED = re.compile(r"^(?:[A-Z][\w&'’.-]*)(?: (?:[A-Z][\w&'’.-]*|&|of|de|del|la|el|the)){0,3}$")
# Chips with no "+N" and no known name count only where the text is clearly chip-annotated.
MIN_STRONG_CHIPS_FOR_WEAK = 2

# Lines that open a comment section; everything after them is the comment section.
COMMENT_MARKERS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reader comments|discussion)\s*(?:\(\d+\))?:?$"
    r"|^there (?:are|is) no comments\b"
    r"|^be the first to (?:comment|respond|reply|share)\b"
    r"|^(?:leave|post|add|write) a (?:comment|reply|response)\b"
    r"|^join the (?:conversation|discussion)\b"
    r"|^(?:show|view|load|read) (?:all )?(?:\d+ )?comments\b"
    r"|^comments? (?:are|is) closed\b",
    re.IGNORECASE,
)
# A comment marker counts only in the second half of the lines, so a story about comments survives.
COMMENT_TRAILER_MIN_POSITION = 0.5

# Share, follow, subscribe and advertising lines, as web pages leave them in copied text.
BOILERPLATE = re.compile(
    r"^(?:share(?: this(?: article| story| post)?)?(?: on| via| to)?\b.{0,40}"
    r"|(?:follow|like) us on\b.{0,60}"
    r"|subscribe(?: now| today)?\b.{0,80}"
    r"|sign up (?:for|to)\b.{0,80}"
    r"|(?:get|receive) (?:our|the) (?:daily |weekly |free )?newsletter\b.{0,60}"
    r"|advertisement|sponsored(?: content)?|(?:story )?continues? below(?: advertisement)?"
    r"|click here\b.{0,80}"
    r"|(?:copyright|©)\s*.{0,80}|all rights reserved\.?"
    r"|(?:facebook|twitter|x|linkedin|whatsapp|email|print|reddit|copy link)"
    r"(?:\s*[|·•/]\s*(?:facebook|twitter|x|linkedin|whatsapp|email|print|reddit|copy link))*)$",
    re.IGNORECASE,
)
# Boilerplate lines are short; a longer line that mentions "subscribe" is an article sentence.
BOILERPLATE_MAX_CHARS = 120

# A header that opens a list of links to other stories.
RELATED_HEADER = re.compile(
    r"^(?:related(?: stories| articles| coverage| links| content| news| reading)?"
    r"|more (?:on this|from|stories|news)\b.{0,40}|see also|read (?:more|next|also)"
    r"|(?:you may|you might) also (?:like|be interested in)|recommended(?: for you)?"
    r"|most (?:read|popular|viewed)|trending(?: now)?)\s*:?$",
    re.IGNORECASE,
)
# "Read more: <headline>" on one line is a link too.
READ_MORE_LINE = re.compile(r"^(?:read (?:more|next|also)|see also|related)\s*:\s*\S", re.IGNORECASE)
# Link lines under a related header are short and end without sentence punctuation.
RELATED_LINK_MAX_CHARS = 140

# Headings: short lines that do not end like a sentence, followed by more text.
HEADING_MAX_WORDS = 15
HEADLINE_MAX_WORDS = 25  # the first line may be a long headline
SENTENCE_END = re.compile(r"[.!;,…\"”’'»)\]]$")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")

# Hard-wrapped text: lines no longer than this, mostly not ending a sentence, are one paragraph.
WRAP_MAX_LINE_CHARS = 100
WRAP_MAX_SENTENCE_END_SHARE = 0.5
# ... unless a line is in title case, which headlines are and wrapped prose is not.
TITLE_CASE_SHARE = 0.7
MINOR_WORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "but", "by", "de", "for", "from", "in", "into", "of", "on",
        "or", "over", "the", "to", "up", "via", "vs", "with",
    }
)
# A wrapped line breaks only where the next word would not fit: a break where it would have fitted
# within this share of the block's longest line ends a heading or a paragraph of its own.
WRAP_FIT_SHARE = 0.9


@lru_cache(maxsize=1)
def known_outlets() -> frozenset[str]:
    """Outlet names from ``data/outlets.txt``, case-folded."""
    text = resources.files("newsgraph").joinpath("data/outlets.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )
