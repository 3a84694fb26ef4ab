"""Cleaning: raw article text in, paragraphs a reader would recognise out, with a map back to raw offsets.

Nothing is thrown away silently: every removal is recorded with its reason, and every character of the
cleaned text maps to the raw characters it came from (``OffsetMap``). The rules live in
``clean_rules.py``; this module only applies them, line by line:

1. split the raw text into lines and repair each (ftfy, U+FFFD, invisible characters, white space);
2. cut the comment section that follows the article;
3. drop share, subscribe and related-links boilerplate;
4. turn citation chips into sources of the paragraph they follow;
5. group lines into paragraphs (joining hard-wrapped lines) and mark headings;
6. assemble the cleaned text, its paragraphs and the offset map.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import ftfy

from newsgraph import clean_rules as rules
from newsgraph.records import CleanText, OffsetMap, Paragraph, ParagraphKind, Removal, Segment

# Repair mojibake and broken encodings; keep the source's typography (curly quotes, full-width forms,
# ligatures): quote extraction reads the quote marks, and offsets stay on unchanged characters.
_FTFY = ftfy.TextFixerConfig(
    unescape_html="auto", normalization="NFC", uncurl_quotes=False, fix_character_width=False,
    fix_latin_ligatures=False, explain=False,
)
# White space to rewrite: any run that is not exactly one plain space.
_ODD_SPACE = re.compile(r"(?! (?!" + rules.SPACES.pattern + "))" + rules.SPACES.pattern)
_WORD = re.compile(r"\S+")
# difflib aligns ftfy's repair with its input in time that grows faster than the square of the length,
# so long lines are repaired in pieces of at least this many characters, cut at a space after ASCII.
_REPAIR_PIECE_CHARS = 500
_PIECE_CUT = re.compile(r"(?<=[\x00-\x7f]) ")


@dataclass
class _Run:
    """Cleaned ``text`` standing for raw ``[raw_start, raw_end)``; ``copied`` when equal to it."""

    text: str
    raw_start: int
    raw_end: int
    copied: bool


@dataclass
class _Line:
    raw_start: int
    raw_end: int
    runs: list[_Run]
    kind: str = "text"  # text | blank | removed
    cited: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def clean(raw: str, outlets: frozenset[str] | None = None) -> CleanText:
    """Clean ``raw`` article text; ``outlets`` are the names that count as citation chips."""
    removals: list[Removal] = []
    # 1. lines, each repaired
    lines = [_repaired_line(raw, start, end, removals) for start, end in _line_spans(raw)]
    # 2. the comment section
    _drop_comment_trailer(raw, lines, removals)
    # 3. share and related-links boilerplate
    _drop_boilerplate(raw, lines, removals)
    # 4. citation chips become paragraph sources
    _attach_citation_chips(raw, lines, removals, rules.known_outlets() if outlets is None else outlets)
    # 5. paragraphs and headings
    paragraphs = list(_paragraphs(raw, lines, removals))
    # 6. text, offsets and paragraph spans
    removals.sort(key=lambda r: (r.raw_start, r.raw_end))
    return _assemble(paragraphs, tuple(removals))


# 1. Lines and their repair -------------------------------------------------------------------------

def _line_spans(raw: str) -> Iterator[tuple[int, int]]:
    start = 0
    for brk in rules.LINE_BREAK.finditer(raw):
        yield start, brk.start()
        start = brk.end()
    yield start, len(raw)


def _repaired_line(raw: str, start: int, end: int, removals: list[Removal]) -> _Line:
    runs: list[_Run] = []
    for run in _unicode_repaired(raw[start:end], start, removals):
        runs.extend(_characters_cleaned(raw, run, removals))
    runs = _spaces_trimmed(runs)
    return _Line(start, end, runs, kind="text" if runs else "blank")


def _unicode_repaired(line: str, offset: int, removals: list[Removal]) -> list[_Run]:
    """ftfy's repair of ``line`` as runs: unchanged stretches copied, repaired ones standing in."""
    if line.isascii() and "&" not in line:
        return [_Run(line, offset, offset + len(line), True)]
    runs: list[_Run] = []
    for start, end in _pieces(line):
        runs.extend(_piece_repaired(line[start:end], offset + start, removals))
    return runs


def _pieces(line: str) -> Iterator[tuple[int, int]]:
    """Spans of ``line`` of about ``_REPAIR_PIECE_CHARS``, cut at a space after ASCII where there is one."""
    start = 0
    while len(line) - start > 2 * _REPAIR_PIECE_CHARS:
        cut = _PIECE_CUT.search(line, start + _REPAIR_PIECE_CHARS, start + 2 * _REPAIR_PIECE_CHARS)
        end = cut.end() if cut else start + 2 * _REPAIR_PIECE_CHARS
        yield start, end
        start = end
    yield start, len(line)


def _piece_repaired(piece: str, offset: int, removals: list[Removal]) -> list[_Run]:
    fixed = ftfy.fix_text(piece, _FTFY)
    if fixed == piece:
        return [_Run(piece, offset, offset + len(piece), True)]
    runs: list[_Run] = []
    matcher = SequenceMatcher(None, piece, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if j2 > j1:
            runs.append(_Run(fixed[j1:j2], offset + i1, offset + i2, tag == "equal"))
        elif runs and runs[-1].text.endswith("&"):
            runs[-1:] = _widened(runs[-1], offset + i2)  # "&amp;" became "&": let "&" stand for it
        else:  # ftfy dropped it (a control character, a lossy sequence): record it
            removals.append(Removal(offset + i1, offset + i2, _reason(piece[i1:i2]), piece[i1:i2]))
    return runs


def _widened(run: _Run, raw_end: int) -> list[_Run]:
    """``run`` with its last character standing for the raw text up to ``raw_end``."""
    if not run.copied:
        return [_Run(run.text, run.raw_start, raw_end, False)]
    tail = _Run(run.text[-1], run.raw_end - 1, raw_end, False)
    if len(run.text) == 1:
        return [tail]
    return [_Run(run.text[:-1], run.raw_start, run.raw_end - 1, True), tail]


def _reason(dropped: str) -> str:
    """Why ``dropped`` went: invisible (controls, formatting) or standing for a lost character."""
    if rules.REPLACEMENT not in dropped and any(
        unicodedata.category(char) in ("Cc", "Cf") for char in dropped
    ):
        return rules.INVISIBLE_CHARACTER
    return rules.REPLACEMENT_CHARACTER


def _characters_cleaned(raw: str, run: _Run, removals: list[Removal]) -> Iterator[_Run]:
    """Drop U+FFFD and invisible characters (recorded), and rewrite odd white space as one space."""
    if not run.copied:
        text = rules.INVISIBLE.sub("", run.text.replace(rules.REPLACEMENT, ""))
        text = rules.SPACES.sub(" ", text)
        if text:
            yield _Run(text, run.raw_start, run.raw_end, False)
        elif run.raw_end > run.raw_start:
            removals.append(Removal(run.raw_start, run.raw_end, _reason(run.text),
                                    raw[run.raw_start:run.raw_end]))
        return
    pos = 0
    for m in _SPECIAL.finditer(run.text):
        if m.start() > pos:
            yield _Run(m.string[pos:m.start()], run.raw_start + pos, run.raw_start + m.start(), True)
        raw_start, raw_end = run.raw_start + m.start(), run.raw_start + m.end()
        if m.lastgroup == "space":
            yield _Run(" ", raw_start, raw_end, False)
        else:
            removals.append(Removal(raw_start, raw_end, _reason(m.group()), raw[raw_start:raw_end]))
        pos = m.end()
    if pos < len(run.text):
        yield _Run(run.text[pos:], run.raw_start + pos, run.raw_end, True)


_SPECIAL = re.compile(
    "(?P<drop>" + rules.REPLACEMENT + "|" + rules.INVISIBLE.pattern + ")|(?P<space>"
    + _ODD_SPACE.pattern + ")"
)


def _spaces_trimmed(runs: list[_Run]) -> list[_Run]:
    """No space at either end, and never two in a row where a removal brought two together."""
    out: list[_Run] = []
    for run in runs:
        if (out and out[-1].text.endswith(" ")) or not out:
            run = _lstripped(run)
        if run.text:
            out.append(run)
    while out:
        last = _rstripped(out[-1])
        if last.text:
            out[-1] = last
            break
        out.pop()
    return out


def _lstripped(run: _Run) -> _Run:
    text = run.text.lstrip(" ")
    cut = len(run.text) - len(text)
    if not cut:
        return run
    return _Run(text, run.raw_start + cut if run.copied else run.raw_start, run.raw_end, run.copied)


def _rstripped(run: _Run) -> _Run:
    text = run.text.rstrip(" ")
    cut = len(run.text) - len(text)
    if not cut:
        return run
    return _Run(text, run.raw_start, run.raw_end - cut if run.copied else run.raw_end, run.copied)


# 2-3. Comment sections and boilerplate -------------------------------------------------------------

def _drop_comment_trailer(raw: str, lines: list[_Line], removals: list[Removal]) -> None:
    texts = [i for i, line in enumerate(lines) if line.kind == "text"]
    first_allowed = int(len(texts) * rules.COMMENT_TRAILER_MIN_POSITION)
    for position, index in enumerate(texts):
        if position >= first_allowed and position > 0 and rules.COMMENT_MARKERS.match(
            _unmarked(lines[index].text)
        ):
            start = lines[index].raw_start
            removals.append(Removal(start, len(raw), rules.COMMENT_TRAILER, raw[start:]))
            for line in lines[index:]:
                line.kind = "removed"
            return


def _drop_boilerplate(raw: str, lines: list[_Line], removals: list[Removal]) -> None:
    index = 0
    while index < len(lines):
        line = lines[index]
        text = _unmarked(line.text)
        if line.kind != "text" or len(text) > rules.BOILERPLATE_MAX_CHARS:
            index += 1
            continue
        if rules.RELATED_HEADER.fullmatch(text):
            end = _related_links_end(lines, index + 1)
            _remove(raw, lines[index:end], rules.RELATED_LINKS, removals)
            index = end
            continue
        if rules.READ_MORE_LINE.match(text):
            _remove(raw, [line], rules.RELATED_LINKS, removals)
        elif rules.BOILERPLATE.fullmatch(text):
            _remove(raw, [line], rules.SHARE_BOILERPLATE, removals)
        index += 1


def _unmarked(text: str) -> str:
    """``text`` without a markdown heading marker: "## Comments" opens a comment section too."""
    return rules.MARKDOWN_HEADING.sub("", text, count=1)


def _related_links_end(lines: list[_Line], index: int) -> int:
    """The first line after the links that follow a related-stories header."""
    while index < len(lines) and lines[index].kind == "blank":
        index += 1
    while index < len(lines) and lines[index].kind == "text":
        text = lines[index].text
        if len(text) > rules.RELATED_LINK_MAX_CHARS or rules.SENTENCE_END.search(text):
            break
        index += 1
    return index


def _remove(raw: str, lines: list[_Line], reason: str, removals: list[Removal]) -> None:
    kept = [line for line in lines if line.kind == "text"]
    if not kept:
        return
    start, end = kept[0].raw_start, kept[-1].raw_end
    removals.append(Removal(start, end, reason, raw[start:end]))
    for line in lines:
        line.kind = "removed"


# 4. Citation chips -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Chip:
    index: int
    name: str
    strong: bool
    cites: int  # the line whose paragraph it supports


def _attach_citation_chips(
    raw: str, lines: list[_Line], removals: list[Removal], outlets: frozenset[str]
) -> None:
    chips = list(_chip_candidates(lines, outlets))
    strong = sum(chip.strong for chip in chips)
    for chip in chips:
        if chip.strong or strong >= rules.MIN_STRONG_CHIPS_FOR_WEAK:
            line = lines[chip.index]
            removals.append(Removal(line.raw_start, line.raw_end, rules.CITATION_CHIP,
                                    raw[line.raw_start:line.raw_end]))
            line.kind = "removed"
            if chip.name not in lines[chip.cites].cited:
                lines[chip.cites].cited.append(chip.name)


def _chip_candidates(lines: list[_Line], outlets: frozenset[str]) -> Iterator[_Chip]:
    """Lines shaped like a chip that stand right after a paragraph (or after another chip)."""
    cited: int | None = None  # the body line the next chip would support
    after_chip = False
    for index, line in enumerate(lines):
        if line.kind != "text":
            continue
        match = _chip_name(line.text, outlets)
        if match and cited is not None:
            name, strong = match
            if strong or not after_chip:
                yield _Chip(index, name, strong, cited)
                after_chip = True
                continue
        after_chip = False
        cited = index if _ends_like_body(line.text) else None


def _chip_name(text: str, outlets: frozenset[str]) -> tuple[str, bool] | None:
    """``(outlet name, strong)`` when ``text`` is only an outlet name with an optional ``+N``."""
    match = rules.CHIP.fullmatch(text)
    if not match or ":" in text:
        return None
    name = match["name"].strip()
    is_domain = rules.DOMAIN.fullmatch(name) is not None
    known = name.casefold() in outlets
    if name.endswith(".") and not is_domain:
        return None
    if known or is_domain:
        return name, True
    if rules.OUTLET_SHAPED.fullmatch(name):
        return name, match["more"] is not None
    return None


def _ends_like_body(text: str) -> bool:
    """Could a chip cite this line? A sentence (a question too: headings may ask, chips may cite)."""
    return (rules.SENTENCE_END.search(text) is not None or text.endswith("?")
            or len(_WORD.findall(text)) > rules.HEADING_MAX_WORDS)


# 5. Paragraphs -------------------------------------------------------------------------------------

@dataclass
class _Paragraph:
    lines: list[_Line]
    kind: ParagraphKind


def _paragraphs(raw: str, lines: list[_Line], removals: list[Removal]) -> Iterator[_Paragraph]:
    first = True
    texts = [line for line in lines if line.kind == "text"]
    last = texts[-1] if texts else None
    for block in _parts(lines):
        if len(block) > 1 and _is_hard_wrapped(block):
            yield _Paragraph(block, "body")
            first = False
            continue
        for line in block:
            kind = _line_kind(raw, line, first, line is not last, removals)
            yield _Paragraph([line], kind)
            first = False


def _blocks(lines: list[_Line]) -> Iterator[list[_Line]]:
    """Runs of text lines between blank or removed lines."""
    block: list[_Line] = []
    for line in lines:
        if line.kind == "text":
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _parts(lines: list[_Line]) -> Iterator[list[_Line]]:
    """Blocks, cut after each line that ends before the block's wrap width and before markdown headings."""
    for block in _blocks(lines):
        texts = [line.text for line in block]
        if all(text[0].islower() for text in texts[1:]):
            yield block  # every line continues the sentence before it
            continue
        width = max(map(len, texts))
        start = 0
        for index in range(1, len(block)):
            if (_fits_after(texts[index - 1], texts[index], width)
                    or rules.MARKDOWN_HEADING.match(texts[index])):
                yield block[start:index]
                start = index
        yield block[start:]


def _is_hard_wrapped(block: list[_Line]) -> bool:
    texts = [line.text for line in block]
    if all(text[0].islower() for text in texts[1:]):
        return True  # every line continues the sentence before it
    if max(map(len, texts)) > rules.WRAP_MAX_LINE_CHARS:
        return False
    inner = texts[:-1]
    if sum(map(len, inner)) / len(inner) < rules.WRAP_MAX_LINE_CHARS * 0.4:
        return False
    if any(_is_title_case(text) for text in inner):
        return False
    ended = sum(1 for text in inner if rules.SENTENCE_END.search(text))
    return ended / len(inner) <= rules.WRAP_MAX_SENTENCE_END_SHARE


def _fits_after(text: str, after: str, width: int) -> bool:
    """The first word of ``after`` would have fitted on ``text``'s line: the break is not a wrap."""
    return len(text) + 1 + len(after.split(" ", 1)[0]) <= width * rules.WRAP_FIT_SHARE


def _is_title_case(text: str) -> bool:
    """Most words capitalised, as in a headline, not as in wrapped prose."""
    words = [w for w in _WORD.findall(text) if w[0].isalpha() and w.lower() not in rules.MINOR_WORDS]
    capitalised = sum(1 for w in words if w[0].isupper())
    return len(words) >= 2 and capitalised >= rules.TITLE_CASE_SHARE * len(words)


def _line_kind(
    raw: str, line: _Line, first: bool, has_next: bool, removals: list[Removal]
) -> ParagraphKind:
    marker = rules.MARKDOWN_HEADING.match(line.text)
    if marker and line.runs[0].copied and len(line.runs[0].text) > marker.end():
        run = line.runs[0]
        start = run.raw_start
        removals.append(Removal(start, start + marker.end(), rules.MARKDOWN_MARKUP,
                                raw[start:start + marker.end()]))
        line.runs[0] = _Run(run.text[marker.end():], start + marker.end(), run.raw_end, True)
        return "heading"
    words = len(_WORD.findall(line.text))
    limit = rules.HEADLINE_MAX_WORDS if first else rules.HEADING_MAX_WORDS
    if has_next and words <= limit and not rules.SENTENCE_END.search(line.text):
        return "heading"
    return "body"


# 6. Assembly ---------------------------------------------------------------------------------------

class _Builder:
    """Accumulates cleaned text and the segments that map it to raw text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def add(self, run: _Run) -> None:
        end = self.length + len(run.text)
        last = self.segments[-1] if self.segments else None
        if (run.copied and last is not None and last.copied and last.end == self.length
                and last.raw_end == run.raw_start):
            self.segments[-1] = Segment(last.start, end, last.raw_start, run.raw_end, True)
        else:
            self.segments.append(Segment(self.length, end, run.raw_start, run.raw_end, run.copied))
        self.parts.append(run.text)
        self.length = end


def _assemble(paragraphs: list[_Paragraph], removals: tuple[Removal, ...]) -> CleanText:
    builder = _Builder()
    spans: list[Paragraph] = []
    previous_raw_end: int | None = None
    for paragraph in paragraphs:
        if previous_raw_end is not None:
            builder.add(_Run("\n\n", previous_raw_end, paragraph.lines[0].runs[0].raw_start, False))
        start = builder.length
        for index, line in enumerate(paragraph.lines):
            if index:
                gap = _Run(" ", paragraph.lines[index - 1].runs[-1].raw_end, line.runs[0].raw_start,
                           False)
                builder.add(gap)
            for run in line.runs:
                builder.add(run)
        cited = tuple(dict.fromkeys(name for line in paragraph.lines for name in line.cited))
        spans.append(Paragraph(start, builder.length, paragraph.kind, cited))
        previous_raw_end = paragraph.lines[-1].runs[-1].raw_end
    text = "".join(builder.parts)
    headline = None
    if spans and spans[0].kind == "heading":
        headline = text[spans[0].start:spans[0].end]
    return CleanText(text, tuple(spans), removals, OffsetMap(builder.segments), headline)
