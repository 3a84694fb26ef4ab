"""TIMEX3 values of time expressions: the pure side of ``newsgraph.nlp.times`` (no spaCy).

``normalize`` reads one expression against the publication date (the *anchor*) and the tense of the
clause it sits in, and returns its TIMEX3 type and value, or a ``None`` value when the expression cannot
be resolved with confidence. The rules below are tried in order on the cleaned core of the expression;
their lexicons and patterns live in ``time_rules``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from newsgraph.nlp import time_rules as R
from newsgraph.nlp.records import Tense, TimeType

Result = tuple[TimeType, str | None]


@dataclass(frozen=True)
class _Ctx:
    anchor: date | None
    tense: Tense | None
    # The publication's (year, month) when its day is unknown: enough for a year, not for a weekday.
    month: tuple[int, int] | None = None

    @property
    def year_anchor(self) -> date | None:
        """The date a date without a year is placed nearest: the anchor, else the publication month's
        middle day."""
        if self.anchor is not None or self.month is None:
            return self.anchor
        return date(self.month[0], self.month[1], 15)


Rule = Callable[[str, _Ctx], Result | None]

# --------------------------------------------------------------------------------------------------
# normalize


def normalize(text: str, anchor: date | None, tense: Tense | None,
              month: tuple[int, int] | None = None) -> Result:
    """TIMEX3 type and value of one time expression, resolved against ``anchor`` (the publication date).

    ``tense`` is the tense of the clause: a bare weekday points back in a past-tense clause, forward in a
    future one and to the nearest day otherwise (the anchor itself when it is that day); a month or date
    without a year takes the nearest year, going against the tense counting double. Without an anchor,
    ``month`` (the publication's year and month, when only they are known) still gives a month or date
    its year; what needs the day stays unresolved. Returns a ``None`` value rather than a guess.
    """
    found = recognise(text, anchor, tense, month)
    return found if found is not None else (_guess_type(clean(text)), None)


def recognise(text: str, anchor: date | None, tense: Tense | None,
              month: tuple[int, int] | None = None) -> Result | None:
    """The first rule's reading of ``text``, or ``None`` when no rule recognises it as a time."""
    ctx = _Ctx(anchor, tense, month)
    core = _core(clean(text))
    for rule in _RULES:
        found = rule(core, ctx)
        if found is not None:
            return found
    return None


def clean(text: str) -> str:
    """Lower case, plain quotes and dashes, no surrounding punctuation, possessive or leading preposition."""
    s = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    s = re.sub(r"\s+", " ", s).strip(" ,.;:!?\"()")
    s = re.sub(r"\b(the|a|an) \1\b", r"\1", s)  # a typo in the copy: "at the the end of November"
    s = re.sub(r"'s$", "", s).strip()
    s = R.WORD_YEAR_RE.sub(_word_year, s)
    s = re.sub(r"\b(?:fiscal|calendar)[- ](?=\w)", "", s)
    s = R.LOOSE_ARTICLE_RE.sub("", s)
    s = re.sub(r" or (?:so|more|longer)\b", "", s)
    head, _, rest = s.partition(" ")
    if not rest or head not in R.SPAN_TRIM or any(s.startswith(h + " ") for h in R.HEDGES):
        return s  # "at least 30 days", "as early as May": the hedge goes in ``_core``, not here
    return rest


def _word_year(m: re.Match[str]) -> str:
    if m["cent"]:
        century = 1900 if m["cent"] == "nineteen" else 1800
        return str(century + R.TENS_WORDS[m["tens"]] + (R.UNIT_WORDS[m["units"]] if m["units"] else 0))
    return str(2000 + (R.UNIT_WORDS[m["units2"]] if m["units2"] else 0))


def _core(s: str) -> str:
    """``s`` without the hedges and positions that leave a TIMEX3 value unchanged."""
    previous = None
    positioned = False
    while previous != s:
        previous = s
        s = _strip_prefixes(s, R.HEDGES)
        stripped = _strip_prefixes(s, R.POSITIONS)
        positioned, s = positioned or stripped != s, stripped
    if R.YEAR_END_RE.match(s):
        return "this year"  # "year-end", "around year end": a point in the current year
    if positioned and s in {"the year", "the month", "the week", "the quarter"}:
        return "this " + s.removeprefix("the ")  # "the end of the year" is a point in the current one
    return s or previous or ""


def _strip_prefixes(s: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if prefix.endswith("-") and s.startswith(prefix) and len(s) > len(prefix):
            return s[len(prefix):]
        for sep in (" ", "-"):
            if s.startswith(prefix + sep) and len(s) > len(prefix) + 1:
                return s[len(prefix) + 1:]
    return s


def _guess_type(s: str) -> TimeType:
    if R.CLOCK_RE.search(s) or any(part in s.split() for part in R.PARTS_OF_DAY):
        return "TIME"
    if re.search(r"\b(?:every|each|per)\b|ly$", s):
        return "SET"
    if re.search(rf"\b(?:{R.UNIT})\b", s) and not re.search(r"\b(?:ago|this|last|next|earlier|that)\b", s):
        return "DURATION"
    return "DATE"


# --------------------------------------------------------------------------------------------------
# Calendar helpers


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _pick_year(
    index: int, per_year: int, anchor: date, tense: Tense | None, anchor_index: int, begun: bool = False
) -> int:
    """Year for a period given without one (a month, a quarter): the occurrence nearest the anchor,
    where going against the tense costs double.

    A past-tense clause can name a coming date ("payable Dec. 7", "effective Feb. 1"), so tense only
    weighs the distance rather than fixing the direction. With ``begun`` a past-tense clause only takes a
    period that has already started: results are reported for a quarter under way or over, so "the
    first quarter" in a past-tense October report is this year's, not the coming one.
    """
    here = anchor.year * per_year + anchor_index
    years = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1)
             if not (begun and tense == "past" and y * per_year + index > here)]
    return min(years, key=lambda y: _tense_cost(y * per_year + index - here, tense))


def _pick_date(month: int, day: int, anchor: date, tense: Tense | None) -> date | None:
    """The date with this month and day nearest the anchor, weighed by tense as in ``_pick_year``."""
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    candidates = [d for y in years if (d := _safe_date(y, month, day))]
    return min(candidates, key=lambda d: _tense_cost((d - anchor).days, tense), default=None)


def _tense_cost(offset: int, tense: Tense | None) -> tuple[float, int]:
    """Distance from the anchor, doubled when it goes against the tense (``R.AGAINST_TENSE``)."""
    against = (tense == "past" and offset > 0) or (tense == "future" and offset < 0)
    return abs(offset) * (R.AGAINST_TENSE if against else 1.0), offset


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_date(weekday: int, anchor: date, tense: Tense | None, rel: str | None) -> date:
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if rel in {"last", "the previous", "this past", "past"}:
        return anchor - timedelta(days=back or 7)
    if rel in {"next", "the following", "this coming", "coming"}:
        return anchor + timedelta(days=forward or 7)
    if tense == "future":
        return anchor + timedelta(days=forward)
    if tense == "past":
        return anchor - timedelta(days=back)
    # Present or no tense to go by: the nearest such day (the anchor itself when it is that day).
    return anchor - timedelta(days=back) if back <= forward else anchor + timedelta(days=forward)


def _year_of(text: str | None, anchor: date | None) -> int | None:
    if text is None:
        return None
    if text.startswith("'"):
        two = int(text[1:])
        century = (anchor.year // 100) * 100 if anchor else 1900
        year = century + two
        return year - 100 if anchor and year > anchor.year + 10 else year
    return int(text)


def _number(text: str | None) -> int | None:
    """The amount in "two", "twenty-four", "10", "a couple of"; ``None`` for vague or odd amounts."""
    if text is None:
        return 1
    text = text.replace(",", "")
    if text.isdigit():
        return int(text)
    if text in R.NUMBER_WORDS:
        return R.NUMBER_WORDS[text]
    parts = re.split(r"[- ]", text)
    if len(parts) == 2 and all(p in R.NUMBER_WORDS for p in parts) and R.NUMBER_WORDS[parts[0]] >= 20:
        return R.NUMBER_WORDS[parts[0]] + R.NUMBER_WORDS[parts[1]]
    return None


def _unit(match: re.Match[str]) -> tuple[str, int, bool]:
    name = match["unit"] or R.UNIT_PLURALS[match["uplural"]]
    return R.UNITS[name]


def _period(amount: int | None, unit: tuple[str, int, bool]) -> str:
    letter, size, is_time = unit
    count = "X" if amount is None else str(amount * size)
    return f"PT{count}{letter}" if is_time else f"P{count}{letter}"


# --------------------------------------------------------------------------------------------------
# Rules, tried in order on the cleaned core of the expression. Each returns None when it does not apply.


def _reference(s: str, ctx: _Ctx) -> Result | None:
    s = s.removeprefix("the ")
    if s in R.REFERENCES:
        return "DATE", R.REFERENCES[s]
    if m := R.VAGUE_SPAN_RE.match(s):
        return "DATE", "PAST_REF" if m["mod"] in R.VAGUE_PAST else "FUTURE_REF"
    return None


def _frequency(s: str, ctx: _Ctx) -> Result | None:
    if s in R.FREQUENCIES:
        return "SET", R.FREQUENCIES[s]
    if m := R.SET_RE.match(s):
        amount = 2 if m["num"] == "other" else _number(m["num"])
        return "SET", _period(amount, _unit(m))
    if m := R.SET_DAY_RE.match(s):
        return "SET", _set_day(m)
    if (m := R.PLURAL_WEEKDAY_RE.match(s)) and (m["plural"] or m["parts"]):
        return "SET", _set_day(m)
    return None


def _set_day(m: re.Match[str]) -> str:
    part = f"T{R.PARTS_OF_DAY[m['part']]}" if m["part"] else ""
    if m["weekday"]:
        return f"XXXX-WXX-{R.WEEKDAYS[m['weekday']] + 1}{part}"
    return f"XXXX-{R.MONTHS[m['month']]:02d}"


def _numeric_date(s: str, ctx: _Ctx) -> Result | None:
    if m := R.ISO_RE.match(s):
        d = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        return "DATE", d.isoformat() if d else None
    if m := R.SLASH_RE.match(s):
        month, day = int(m["month"]), int(m["day"])
        if m["year"]:
            year = int(m["year"]) if len(m["year"]) == 4 else _year_of("'" + m["year"], ctx.anchor)
            d = _safe_date(year or 0, month, day) if year else None
            return "DATE", d.isoformat() if d else None
        return "DATE", _month_day(month, day, None, ctx)
    return None


def _month_day(month: int, day: int, year: int | None, ctx: _Ctx) -> str | None:
    if year is not None:
        d = _safe_date(year, month, day)
        return d.isoformat() if d else None
    anchor = ctx.year_anchor
    if anchor is None:
        return f"XXXX-{month:02d}-{day:02d}" if _safe_date(2000, month, day) else None
    found = _pick_date(month, day, anchor, ctx.tense)
    return found.isoformat() if found else None


def _day_month(s: str, ctx: _Ctx) -> Result | None:
    for pattern in R.DAY_MONTH_RE:
        if m := pattern.match(s):
            day = int(m["day"]) if m["day"] else R.ORDINAL_WORDS[m["dayword"]]
            rel = m.groupdict().get("rel")
            tense: Tense | None = "past" if rel in {"last", "this past"} else "future" if rel else ctx.tense
            year = _year_of(m["year"], ctx.anchor)
            return "DATE", _month_day(R.MONTHS[m["month"]], day, year, _Ctx(ctx.anchor, tense, ctx.month))
    return None


def _month(s: str, ctx: _Ctx) -> Result | None:
    m = R.MONTH_RE.match(s)
    if not m:
        return None
    month = R.MONTHS[m["month"]]
    year = _year_of(m["year"], ctx.anchor)
    anchor = ctx.year_anchor  # "last March" needs only the month too
    if year is None and anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    if year is None and anchor is not None:
        year = _month_year(month, m["rel"], m["yrel"], anchor, ctx.tense)
    return "DATE", f"{year:04d}-{month:02d}"


def _month_year(month: int, rel: str | None, yrel: str | None, anchor: date, tense: Tense | None) -> int:
    if yrel:
        return anchor.year + {"this": 0, "last": -1, "next": 1}[yrel]
    if rel in {"last", "this past", "the previous"}:
        return anchor.year if month < anchor.month else anchor.year - 1
    if rel in {"next", "this coming", "the following"}:
        return anchor.year if month > anchor.month else anchor.year + 1
    if rel == "this":
        return anchor.year
    return _pick_year(month - 1, 12, anchor, tense, anchor.month - 1)


def _year(s: str, ctx: _Ctx) -> Result | None:
    s = s.removeprefix("the ")
    if m := R.YEAR_RE.match(s):
        year = int(m["year"])
        return ("DATE", str(year)) if 1000 <= year <= 2999 else None
    if m := R.DECADE_RE.match(s):
        century = m["cent"] or _century_for(int(m["dec"]), ctx.anchor)
        return "DATE", f"{century}{m['dec']}" if century else None
    if m := R.DECADE_WORD_RE.match(s):
        digit = R.TENS_WORDS[m["tens"][:-3] + "y"] // 10
        century = _century_for(digit, ctx.anchor)
        return "DATE", f"{century}{digit}" if century else None
    if m := R.CENTURY_RE.match(s):
        return "DATE", f"{int(m['n']) - 1:02d}"
    return None


def _century_for(decade_digit: int, anchor: date | None) -> str | None:
    """Century of "the '80s": the latest one that does not put the decade after the anchor."""
    if anchor is None:
        return None
    century = anchor.year // 100
    if century * 100 + decade_digit * 10 > anchor.year:
        century -= 1
    return f"{century:02d}"


def _quarter(s: str, ctx: _Ctx) -> Result | None:
    if m := R.QUARTER_RE.match(s):
        return "DATE", _quarter_value(m, s, ctx)
    if m := R.QUARTER_SHORT_RE.match(s):
        here = (ctx.anchor.month - 1) // 3 if ctx.anchor else 0
        year = m["year"] or m["pyear"] or (
            str(_pick_year(int(m["q"]) - 1, 4, ctx.anchor, ctx.tense, here, begun=True))
            if ctx.anchor else "XXXX")
        return "DATE", f"{year}-Q{m['q']}"
    if (m := R.QUARTER_REL_RE.match(s)) and ctx.anchor is not None:
        here = ctx.anchor.year * 4 + (ctx.anchor.month - 1) // 3
        index = here + {"this": 0, "current": 0, "last": -1, "latest": -1, "previous": -1, "past": -1,
                        "next": 1, "coming": 1}[m["rel"]]
        return "DATE", f"{index // 4:04d}-Q{index % 4 + 1}"
    return None


def _quarter_value(m: re.Match[str], s: str, ctx: _Ctx) -> str | None:
    order = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
    per_year, letter = (4 if m["qh"] == "quarter" else 2), m["qh"][0].upper()
    n = per_year if m["qord"] in {"last", "final"} else order[m["qord"]]
    if n > per_year:
        return None
    year = _year_of(m["year"] or m["pyear"], ctx.anchor)
    if year is None and ctx.anchor is not None:
        shift = {"this": 0, "last": -1, "next": 1}
        rel = m["yrel"] or next((w.split()[0] for w in ("this year's", "last year's", "next year's")
                                 if w in s), None)
        year = ctx.anchor.year + shift[rel] if rel else _pick_year(
            n - 1, per_year, ctx.anchor, ctx.tense, (ctx.anchor.month - 1) * per_year // 12, begun=True)
    return f"{year:04d}-{letter}{n}" if year else f"XXXX-{letter}{n}"


def _season(s: str, ctx: _Ctx) -> Result | None:
    m = R.SEASON_RE.match(s)
    if not m:
        return None
    code, start = R.SEASONS[m["season"]]
    year = _year_of(m["year"], ctx.anchor)
    if year is None and ctx.anchor is not None:
        year = _season_year(start, m["rel"], ctx.anchor, ctx.tense)
    return "DATE", f"{year:04d}-{code}" if year else f"XXXX-{code}"


def _season_year(start: int, rel: str | None, anchor: date, tense: Tense | None) -> int:
    begun = start <= anchor.month
    if rel in {"last", "this past"}:
        return anchor.year - 1 if start + 2 >= anchor.month else anchor.year
    if rel in {"next", "this coming"}:
        return anchor.year + 1 if begun else anchor.year
    if rel == "this" or tense is None or tense == "present":
        return anchor.year
    if tense == "past":
        return anchor.year if begun else anchor.year - 1
    return anchor.year if not begun else anchor.year + 1


def _relative_day(s: str, ctx: _Ctx) -> Result | None:
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
               "the day after tomorrow": 2, "this": 0, "last": -1}
    words = s.split(" ")
    part = R.PARTS_OF_DAY.get(words[-1]) if len(words) > 1 else None
    head = " ".join(words[:-1]) if part else s
    if s == "tonight":
        head, part = "today", "NI"
    if head not in offsets or (head in {"this", "last"} and part is None):
        return None
    if head == "last" and part != "NI":
        return None
    if ctx.anchor is None:
        return None
    day = (ctx.anchor + timedelta(days=offsets[head])).isoformat()
    return ("TIME", f"{day}T{part}") if part else ("DATE", day)


def _part_then_day(s: str, ctx: _Ctx) -> Result | None:
    """"Mid-afternoon yesterday", "morning Friday": the part of the day written before the day."""
    part, _, day = s.partition(" ")
    if part not in R.PARTS_OF_DAY or part == "tonight" or not day:
        return None
    kind, value = normalize(day, ctx.anchor, ctx.tense)
    if kind != "DATE" or value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}|XXXX-WXX-\d", value):
        return None
    return "TIME", f"{value}T{R.PARTS_OF_DAY[part]}"


def _weekday(s: str, ctx: _Ctx) -> Result | None:
    m = R.WEEKDAY_RE.match(s)
    if not m:
        return None
    part = f"T{R.PARTS_OF_DAY[m['part']]}" if m["part"] else ""
    kind: TimeType = "TIME" if part else "DATE"
    if ctx.anchor is None:
        return kind, f"XXXX-WXX-{R.WEEKDAYS[m['weekday']] + 1}{part}"
    day = _weekday_date(R.WEEKDAYS[m["weekday"]], ctx.anchor, ctx.tense, m["rel"])
    return kind, day.isoformat() + part


def _relative_unit(s: str, ctx: _Ctx) -> Result | None:
    if R.WEEKEND_RE.match(s) and ctx.anchor is not None:
        saturday = _weekday_date(5, ctx.anchor, ctx.tense, None)
        return "DATE", _week(saturday) + "-WE"
    m = R.REL_UNIT_RE.match(s)
    if not m or ctx.anchor is None:
        return None
    rel = m["rel"].removeprefix("the ")
    shift = {"this": 0, "current": 0, "last": -1, "this past": -1, "next": 1, "coming": 1,
             "this coming": 1}[rel]
    return "DATE", _unit_value(m["unit"], shift, ctx.anchor)


def _unit_value(unit: str, shift: int, anchor: date) -> str:
    if unit in {"week", "weekend"}:
        week = _week(anchor + timedelta(weeks=shift))
        return week + "-WE" if unit == "weekend" else week
    if unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, shift)
        return f"{year:04d}-{month:02d}"
    if unit == "decade":
        return f"{anchor.year // 10 + shift:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + shift:02d}"
    return f"{anchor.year + shift:04d}"


def _ago(s: str, ctx: _Ctx) -> Result | None:
    if R.YEAR_AGO_RE.match(s) and ctx.anchor is not None:
        return "DATE", f"{ctx.anchor.year - 1:04d}"
    m = R.AGO_RE.match(s)
    if not m:
        return None
    letter, size, is_time = _unit(m)
    amount = _number(m["num"])
    if is_time or m["dir"] == "later":
        return None  # "three days later" counts from a time the story set: a duration (``_duration``)
    if m["num"] in R.VAGUE_AMOUNTS:
        past = m["dir"] in {"ago", "earlier", "before"}
        return "DATE", "PAST_REF" if past else "FUTURE_REF"
    if ctx.anchor is None or amount is None:
        return "DATE", None
    amount *= size * (1 if m["dir"] in {"from now", "hence"} else -1)
    return "DATE", _shifted(ctx.anchor, letter, amount)


def _shifted(anchor: date, letter: str, amount: int) -> str | None:
    if letter == "D":
        return (anchor + timedelta(days=amount)).isoformat()
    if letter == "W":
        return _week(anchor + timedelta(weeks=amount))
    if letter == "M":
        year, month = _shift_month(anchor.year, anchor.month, amount)
        return f"{year:04d}-{month:02d}"
    if letter == "Q":
        year, month = _shift_month(anchor.year, anchor.month, 3 * amount)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    return f"{anchor.year + amount:04d}"


def _anaphor(s: str, ctx: _Ctx) -> Result | None:
    """"The quarter", "the following year": relative to a time the text set, not to the anchor."""
    if R.SAME_PERIOD_RE.match(s) or R.FOLLOWING_RE.match(s):
        return "DATE", None
    return None


def _duration(s: str, ctx: _Ctx) -> Result | None:
    s = R.DURATION_TAIL_RE.sub("", s)
    if (fraction := _fraction(s)) is not None:
        return fraction
    if (m := R.AHEAD_RE.match(s)) and (m["uplural"] or _plural(s, m)):
        return "DURATION", _period(None, _unit(m))
    m = R.DURATION_RE.match(s)
    if not m or (m["rel"] == "the latest" and m["num"] is None):
        return None  # "the latest nine months" is a duration, "the latest year" a date
    if m["num"] and R.YEAR_RE.match(m["num"]) and not _plural(s, m):
        return "DATE", None  # "the 1988 quarter": a year naming a period, not 1988 quarters
    vague = m["num"] in R.VAGUE_AMOUNTS or (m["num"] is None and bool(m["uplural"] or _plural(s, m)))
    amount = None if vague else _number(m["num"])
    if not vague and amount is None:
        return "DURATION", None
    return "DURATION", _period(amount, _unit(m))


def _fraction(s: str) -> Result | None:
    """"2 1/2 years" (P2Y6M), "an hour and a half" (PT1H30M), "half a day" (PT12H); ``None`` when ``s`` has
    no fraction in it. A fraction the next smaller unit cannot count whole has no value."""
    for pattern in R.FRACTION_RES:
        if m := pattern.match(s):
            whole = m.groupdict().get("whole")
            if whole is None:
                amount = Fraction(0)
            else:
                amount = Fraction(whole) if whole[0].isdigit() else Fraction(_number(whole) or 0)
            frac = m.groupdict().get("frac") or R.FRACTION_WORDS.get(m.groupdict().get("fracword") or "")
            return "DURATION", _mixed_period(amount + Fraction(frac or 0), _unit(m))
    return None


def _mixed_period(amount: Fraction, unit: tuple[str, int, bool]) -> str | None:
    """TIMEX3 value of a duration that need not be whole: 1.5 years is P1Y6M, 2.5 hours PT2H30M."""
    letter, size, is_time = unit
    total = amount * size
    whole, rest = int(total), total - int(total)
    if not rest:
        return _period(whole, (letter, 1, is_time))
    sub_letter, factor, sub_is_time = R.SUBUNITS.get((letter, is_time), ("", 0, False))
    if not factor or (rest * factor).denominator != 1:
        return None
    date_part = (f"{whole}{letter}" if whole and not is_time else "") + (
        f"{rest * factor}{sub_letter}" if not sub_is_time else "")
    time_part = (f"{whole}{letter}" if whole and is_time else "") + (
        f"{rest * factor}{sub_letter}" if sub_is_time else "")
    return f"P{date_part}" + (f"T{time_part}" if time_part else "")


def _plural(s: str, m: re.Match[str]) -> bool:
    unit = m["unit"] or ""
    return bool(re.search(rf"\b{re.escape(unit)}e?s\b", s))


def _holiday(s: str, ctx: _Ctx) -> Result | None:
    words = s.split(" ")
    rel = words[0] if words[0] in {"last", "next", "this"} else None
    name = " ".join(words[1:]) if rel else s
    if name in R.THANKSGIVING and ctx.anchor is not None:
        return "DATE", _thanksgiving(ctx.anchor, rel, ctx.tense).isoformat()
    if name not in R.HOLIDAYS:
        return None
    month, day = R.HOLIDAYS[name]
    tense: Tense | None = {"last": "past", "next": "future"}.get(rel or "", ctx.tense)  # type: ignore[assignment]
    return "DATE", _month_day(month, day, None, _Ctx(ctx.anchor, tense))


def _thanksgiving(anchor: date, rel: str | None, tense: Tense | None) -> date:
    """US Thanksgiving (fourth Thursday of November) nearest the anchor, or the last/next one."""
    def of(year: int) -> date:
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)

    days = [of(anchor.year - 1), of(anchor.year), of(anchor.year + 1)]
    if rel == "last":
        return max(d for d in days if d < anchor)
    if rel == "next":
        return min(d for d in days if d > anchor)
    return min(days, key=lambda d: _tense_cost((d - anchor).days, tense))


def _clock(s: str, ctx: _Ctx) -> Result | None:
    m = R.CLOCK_RE.search(s)
    if not m:
        return None
    clock = _clock_value(m, s)
    if clock is None:
        return "TIME", None
    rest = R.TIMEZONE_RE.sub(" ", s[: m.start()] + " " + s[m.end():])
    rest = re.sub(r"\b(?:on|at|of|in|the|around|about|approximately)\b|,", " ", rest)
    rest = re.sub(r"\s+", " ", rest).strip()
    if not rest:
        return "TIME", f"XXXX-XX-XXT{clock}"
    kind, day = normalize(rest, ctx.anchor, ctx.tense)
    if kind != "DATE" or day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}|XXXX-WXX-\d", day):
        return "TIME", None
    return "TIME", f"{day}T{clock}"


def _clock_value(m: re.Match[str], s: str) -> str | None:
    if m["word"]:
        return R.CLOCK_WORDS[m["word"]]
    hour = int(m["h"] or m["hh"])
    minute = int(m["m"] or m["mm"] or 0)
    if m["ampm"] == "p" and hour < 12:
        hour += 12
    elif m["ampm"] == "a" and hour == 12:
        hour = 0
    elif not m["ampm"] and (part := R.IN_THE_PART_RE.search(s)) and part["part"] in {"afternoon", "evening",
                                                                                        "night"}:
        hour = hour + 12 if hour < 12 else hour
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


_RULES: tuple[Rule, ...] = (
    _reference, _frequency, _numeric_date, _day_month, _month, _year, _quarter, _season, _relative_day,
    _part_then_day, _weekday, _relative_unit, _ago, _holiday, _clock, _anaphor, _duration,
)
