"""Lexicons for time expressions, kept apart from the logic in ``times.py``.

Every table says why it exists. Values follow TIMEX3 (TimeML 1.2) as the TempEval-3 gold uses them:
``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` for vague references, ``P<n><unit>`` durations with ``T`` before
hour/minute/second units, ``X`` for an unknown digit, seasons ``SP SU FA WI``, parts of day ``MO AF EV NI``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

# Cardinal number words: "two-hour", "three days", "the past twenty years" spell amounts out in news copy.
NUMBER_WORDS: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "a couple of": 2, "couple of": 2, "a dozen": 12,
    "dozen": 12, "half a dozen": 6,
}

# Vague amounts: "several years", "a few days" are durations of unknown length (TIMEX3 ``PXY``, ``PXD``).
VAGUE_AMOUNTS: Final[frozenset[str]] = frozenset({
    "several", "a few", "few", "many", "some", "the next few", "a number of", "numerous", "multiple",
})

# Ordinals, for "the third quarter", "March eighth", "the 20th century".
ORDINAL_WORDS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23,
    "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27,
    "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31,
}

# Month names with the abbreviations wire copy uses ("Sept. 30", "Jan. 14"); "may" alone is too
# ambiguous as a modal verb, so ``find_times`` only takes "May" when spaCy tagged it a DATE.
MONTHS: Final[dict[str, int]] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

# Weekdays as ``date.weekday()`` numbers (Monday 0), with the wire abbreviations.
WEEKDAYS: Final[dict[str, int]] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}

# Seasons: TIMEX3 codes and the month each starts in (northern hemisphere, as the gold assumes).
SEASONS: Final[dict[str, tuple[str, int]]] = {
    "spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12),
}

# Parts of the day: TIMEX3 ``TMO`` etc., attached to a date ("Friday morning" -> ``…-05TMO``).
PARTS_OF_DAY: Final[dict[str, str]] = {
    "morning": "MO", "afternoon": "AF", "mid-afternoon": "AF", "mid afternoon": "AF", "evening": "EV",
    "night": "NI", "overnight": "NI", "tonight": "NI",
}

# Clock words with a fixed hour.
CLOCK_WORDS: Final[dict[str, str]] = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}

# Duration units: TIMEX3 letter and whether it is a time unit (written after ``T``: ``PT2H``).
# A decade and a century are written in years (``P10Y``) as the brief and most of the gold do.
UNITS: Final[dict[str, tuple[str, int, bool]]] = {
    "second": ("S", 1, True), "sec": ("S", 1, True), "minute": ("M", 1, True), "min": ("M", 1, True),
    "hour": ("H", 1, True), "hr": ("H", 1, True), "day": ("D", 1, False), "night": ("D", 1, False),
    "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False), "millennium": ("Y", 1000, False),
}

# A fraction of a unit is written in the next smaller one: "2 1/2 years" is P2Y6M, "an hour and a half"
# PT1H30M, "half a day" PT12H. Letter and time flag of a unit -> (smaller letter, how many, time flag).
# A month has no whole number of days, so a fraction of a month has no value.
SUBUNITS: Final[dict[tuple[str, bool], tuple[str, int, bool]]] = {
    ("Y", False): ("M", 12, False), ("W", False): ("D", 7, False), ("D", False): ("H", 24, True),
    ("H", True): ("M", 60, True), ("M", True): ("S", 60, True),
}

# Spelled-out fractions of a unit: "two and a half years", "a year and a quarter".
FRACTION_WORDS: Final[dict[str, str]] = {
    "half": "1/2", "quarter": "1/4", "a quarter": "1/4", "three quarters": "3/4",
}

# Plural spellings of the units above that are not just unit + "s".
UNIT_PLURALS: Final[dict[str, str]] = {"centuries": "century", "millennia": "millennium"}

# Vague references TIMEX3 writes as PRESENT_REF / PAST_REF / FUTURE_REF. The keys are matched on the
# whole expression after "the" and hedges are removed, so "the future" and "the near future" both count.
REFERENCES: Final[dict[str, str]] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "currently": "PRESENT_REF", "current": "PRESENT_REF", "presently": "PRESENT_REF",
    "at present": "PRESENT_REF", "present": "PRESENT_REF", "these days": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "the moment": "PRESENT_REF", "this moment": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "more recently": "PAST_REF", "lately": "PAST_REF",
    "past": "PAST_REF", "in the past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "future": "FUTURE_REF", "near future": "FUTURE_REF", "soon": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF", "near term": "FUTURE_REF", "short term": "FUTURE_REF",
    "long term": "FUTURE_REF", "later date": "FUTURE_REF", "a later date": "FUTURE_REF",
    "a future date": "FUTURE_REF", "future date": "FUTURE_REF", "someday": "FUTURE_REF",
}

# "recent years", "in recent months", "the coming weeks": a vague stretch before or after now. The brief
# wants these null-safe; TIMEX3 writes them as PAST_REF / FUTURE_REF rather than inventing an amount.
# Only bare plurals count ("recent years"); with an amount ("the past few weeks") it is a duration, PXW.
VAGUE_PAST: Final[frozenset[str]] = frozenset({"recent", "past", "previous"})
VAGUE_FUTURE: Final[frozenset[str]] = frozenset({"coming", "upcoming", "future"})

# Frequency adverbs: TIMEX3 SET values.
FREQUENCIES: Final[dict[str, str]] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "fortnightly": "P2W", "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y",
}

# Fixed-date holidays news mentions by name: (month, day).
HOLIDAYS: Final[dict[str, tuple[int, int]]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1),
    "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
}

# US Thanksgiving moves (fourth Thursday of November), so it is computed rather than listed above.
THANKSGIVING: Final[frozenset[str]] = frozenset({"thanksgiving", "thanksgiving day"})

# Holiday names the extra matcher looks for (spaCy tags some as EVENT rather than DATE).
HOLIDAY_NAMES: Final[frozenset[str]] = frozenset({
    "Christmas Day", "Christmas Eve", "Christmas", "New Year's Day", "New Year's Eve", "Thanksgiving Day",
    "Thanksgiving", "Independence Day", "Halloween",
})

# Hedges and approximations that TimeML keeps inside the span but that do not change the value:
# "nearly two years" is P2Y, "about a decade" P10Y, "more than four hours" PT4H.
HEDGES: Final[tuple[str, ...]] = (
    "no more than", "no less than", "more than", "less than", "fewer than", "at least", "at most",
    "up to", "upwards of", "as many as", "as much as", "as long as", "as early as", "as late as",
    "nearly", "almost", "about", "around", "approximately", "roughly", "some", "over", "just",
    "only", "within", "barely", "well over", "close to", "another", "an additional", "more", "a full",
    "full", "fully", "a good part of", "all", "the whole", "whole", "entire", "the entire", "sometime",
)

# Position inside a period: TIMEX3 (as the TempEval-3 gold) keeps the period's value for "late November",
# "early next year", "the end of 1994", "mid-1996", "earlier this month".
POSITIONS: Final[tuple[str, ...]] = (
    "the beginning of", "the start of", "the middle of", "the end of", "the close of", "the turn of",
    "beginning of", "start of", "middle of", "end of", "earlier in", "later in", "early in", "late in",
    "earlier", "later", "early", "late", "mid-", "mid", "the early", "the late", "the mid-", "the mid",
)

# Leading words spaCy includes in DATE/TIME entities that TimeML leaves outside the TIMEX3 span
# (prepositions and conjunctions are signals, not part of the expression).
SPAN_TRIM: Final[frozenset[str]] = frozenset({
    "in", "on", "at", "by", "since", "until", "till", "from", "to", "for", "during", "of", "and", "or",
    "through", "throughout", "between", "before", "after", "than", "per", "as", "into", "with",
    "but", "-", "—", "–", ",", ".", "'s", "’s", "(", ")", '"', "'",
})

# Words that name a time; a leading word outside them (and outside the determiners that point, "that",
# "the", "next") is no part of a time expression spaCy ran on into ("both 1990", "seven a year ago").
TIME_WORDS: Final[frozenset[str]] = frozenset(
    [*MONTHS, *WEEKDAYS, *UNITS, *UNIT_PLURALS, *SEASONS, *PARTS_OF_DAY, *CLOCK_WORDS, *ORDINAL_WORDS,
     "today", "tomorrow", "yesterday", "tonight", "weekend", "now", "christmas", "thanksgiving", "fiscal"]
)
FOREIGN_DETERMINERS: Final[frozenset[str]] = frozenset({"a", "an", "both", "either"})

# Words that make an expression no rule reads still plausibly a time ("that time", "the moment", "a
# while"). A spaCy DATE/TIME entity with none of these, no time word and no date-like number ("Olympic",
# a surname, "1.1.1", "as little as 99 cents") is a tagging slip and is dropped.
VAGUE_TIME_WORDS: Final[frozenset[str]] = frozenset({
    *(key for key in REFERENCES if " " not in key), *FREQUENCIES, "ago", "later", "earlier", "period",
    "time", "moment", "while", "then", "once", "date", "era", "term", "end", "age", "ages", "decades",
    "centuries", "nineties", "eighties", "seventies", "sixties", "fifties", "forties", "thirties", "twenties",
})
# Numbers that look like a date or time: a year or decade, a clock time, an ordinal, a numeric date.
DATELIKE_NUMBER_RE = re.compile(
    r"\d{4}s?|'?\d0'?s|\d{1,2}[:.]\d\d|\d+(?:st|nd|rd|th)|\d{1,2}/\d{1,2}(?:/\d+)?|\d{4}-\d\d(?:-\d\d)?"
)

# Clause heads that point forward: "will meet Friday", "shall", "'ll", "wo" (from "won't").
FUTURE_AUX: Final[frozenset[str]] = frozenset({"will", "shall", "'ll", "’ll", "wo"})

# Verbs that put something off, in every form (the model has no lemmatizer), and the prepositions that
# give the date it is put off to: that date lies ahead, whatever the verb's tense ("postponed the talks
# to Friday", "delayed until Monday", "pushed back to March 3").
PUT_OFF_VERBS: Final[frozenset[str]] = frozenset("""
    postpone postpones postponed postponing delay delays delayed delaying defer defers deferred deferring
    reschedule reschedules rescheduled rescheduling push pushes pushed pushing move moves moved moving
    """.split())
NEW_DATE_PREPOSITIONS: Final[frozenset[str]] = frozenset({"to", "until", "till"})
# Verbs that set something for a date, and the date they set it for lies ahead of the setting too: "Peru
# set the talks for Friday", "announced talks for next week", "fixed the meeting for March 11".
SET_FOR_VERBS: Final[frozenset[str]] = frozenset("""
    set sets setting fix fixes fixed fixing schedule schedules scheduled scheduling slate slates slated
    arrange arranges arranged arranging announce announces announced announcing call calls called
    """.split())

# Modals that leave direction open ("would meet Friday" in reported speech): the nearest day is taken.
OPEN_MODALS: Final[frozenset[str]] = frozenset({
    "would", "could", "might", "may", "should", "must", "can", "'d", "’d",
})

# Words spaCy often leaves untagged that TimeML tags as time expressions on their own.
EXTRA_WORDS: Final[frozenset[str]] = frozenset({
    "now", "currently", "recently", "soon", "daily", "weekly", "monthly", "annually", "yearly",
    "hourly", "nightly", "tonight", "today", "yesterday", "tomorrow", "nowadays", "lately",
})

# Adjectives TimeML tags on their own ("current levels" is PRESENT_REF). "future" and "recent" as bare
# adjectives were tagged in fewer than half their TimeBank uses, so only their phrases are matched.
EXTRA_ADJECTIVES: Final[frozenset[str]] = frozenset({"current"})

# Bare plural units ("for years", "took months") that mean a duration of unknown length.
BARE_PLURAL_UNITS: Final[frozenset[str]] = frozenset({
    "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries",
})

# Words spaCy tags DATE that TimeML leaves untagged: adjectives of frequency used as classifiers
# ("annual meeting", "quarterly dividend", "seasonally adjusted") rather than as time expressions.
NOT_TIMES: Final[frozenset[str]] = frozenset({
    "annual", "quarterly", "seasonal", "seasonally", "periodic", "biannual",
})

# Ages ("a 6-year-old boy", "52 years old", "the age of 56") are tagged DATE by spaCy but are not time
# expressions.
AGE_PATTERN: Final[str] = r"\b(?:years?|months?|weeks?|days?)[- ]old\b|\baged? \d|\bage of \d"

# Contexts in which a matched word is a conjunction or discourse marker, not a time: "as soon as they
# arrive", "soon after", "now that". "As soon as possible" is a time (FUTURE_REF) and is kept.
NOT_TIME_CONTEXTS: Final[str] = r"\bas soon as (?!possible)|\bsoon after\b|\bnow that\b"

# Anaphoric references to the period under discussion ("the quarter", "the latest period"): earnings
# reports name a quarter and then refer back to it; resolved to the last quarter mentioned nearby.
SAME_PERIOD: Final[str] = r"^(?:the |that |this |its )?(?:latest |same |current |fiscal )?(?:quarter|period)$"

# References to the same period a year before ("a year ago", "the year-earlier quarter"); with a quarter
# mentioned nearby they mean that quarter one year back, otherwise the year before the anchor.
YEAR_BEFORE_PERIOD: Final[str] = (
    r"^(?:a year (?:ago|earlier)|(?:the )?(?:comparable |corresponding |same )?year[- ](?:ago|earlier)"
    r"(?: (?:quarter|period|third quarter|second quarter|first quarter|fourth quarter))?"
    r"|last year's quarter|the (?:same|corresponding|comparable) (?:quarter|period),? "
    r"(?:a year (?:ago|earlier)"
    r"|last year)|the quarter a year (?:ago|earlier))$"
)

# "The 1988 quarter" in earnings copy: the quarter under discussion, in the year named.
YEAR_QUARTER: Final[str] = r"^(?:the |its )?(?P<year>\d{4}) (?:fiscal )?quarter$"

# How far back (in characters) a quarter mention can be the antecedent of "the quarter" or "a year ago".
ANAPHORA_WINDOW: Final[int] = 800

# Spelled-out years in broadcast transcripts: "nineteen ninety-six", "the year two thousand".
TENS_WORDS: Final[dict[str, int]] = {
    "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
UNIT_WORDS: Final[dict[str, int]] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}

# A month or date named without a year is taken in the year that puts it nearest the publication date,
# with a distance against the clause's tense counted this many times: "payable Dec. 7" in a past-tense
# sentence of late October is the coming December (41 days ahead), "in March" is the last one.
AGAINST_TENSE: Final[float] = 2.0


# --------------------------------------------------------------------------------------------------
# Patterns, compiled once from the lexicons above. ``times.py`` matches the anchored (``^…$``) ones
# against a lower-cased expression with hedges removed; the ``*_TEXT_RE`` ones search raw article text.


def alternation(words: Iterable[str]) -> str:
    """A non-capturing alternation of ``words``, longest first so "sept" wins over "sep"."""
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


# Building blocks shared by the patterns below (named groups the rules read).
MONTH = rf"(?P<month>{alternation(MONTHS)})\.?"
WEEKDAY = rf"(?P<weekday>{alternation(WEEKDAYS)})\.?"
DAYNUM = rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<dayword>{alternation(ORDINAL_WORDS)})"
YEAR = r"(?P<year>\d{4}|'\d{2})"
NUMBER = (
    rf"(?P<num>\d[\d,]*(?:\.\d+)?|{alternation(TENS_WORDS)}[- ]{alternation(UNIT_WORDS)}"
    rf"|{alternation(NUMBER_WORDS)}|{alternation(VAGUE_AMOUNTS)})"
)
UNIT = rf"(?P<unit>{alternation(UNITS)})(?:s|es)?|(?P<uplural>{alternation(UNIT_PLURALS)})"
PART = rf"(?P<part>{alternation(PARTS_OF_DAY)})"
ORD_Q = r"(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"

# "Jan. 14", "Friday, Oct. 23, 1998", "last Oct. 23" (US order) and "14 January 2026" (day first).
DAY_MONTH_RE: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(
        rf"^(?:the )?(?:(?P<rel>last|this|next|this past|this coming) )?(?:{WEEKDAY},? )?{MONTH} "
        rf"(?:{DAYNUM})(?:,? {YEAR})?$"
    ),
    re.compile(rf"^(?:{WEEKDAY},? )?(?:the )?(?:{DAYNUM}) (?:of )?{MONTH},? ?{YEAR}?$"),
)
# Numeric dates: ISO "2025-10-03" and US "10/3/2025", "10/3".
ISO_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
SLASH_RE = re.compile(r"^(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?$")
# "January", "last May", "July 1997", "June last year".
MONTH_RE = re.compile(
    rf"^(?:(?P<rel>this|last|next|this past|this coming|the previous|the following) )?{MONTH}"
    rf"(?:,? (?:of )?{YEAR}| (?P<yrel>this|last|next) year)?$"
)
# "1990", "fiscal 1989", "the 1988 period" (financial copy names the year's period this way).
YEAR_RE = re.compile(r"^(?:(?:fiscal|calendar|the|year|fy|model year) )*(?P<year>\d{4})(?: period)?$")
# Decades "1990s", "the '80s", "the nineties" (TIMEX3 value: the first three digits, "199").
DECADE_RE = re.compile(r"^(?P<cent>\d{2})?'?(?P<dec>\d)0'?s$")
DECADE_WORD_RE = re.compile(
    r"^(?:nineteen )?(?P<tens>" + "|".join(w[:-1] + "ies" for w in TENS_WORDS if w.endswith("y")) + ")$"
)
# "the 20th century" (TIMEX3 value: the first two digits, "19").
CENTURY_RE = re.compile(r"^(?P<n>\d{1,2})(?:st|nd|rd|th) century$")
# Quarters and halves: "the third quarter", "fiscal second-quarter", "the 1988 second quarter",
# "the first half of 2024".
QUARTER_RE = re.compile(
    rf"^(?:(?:its|this year's|next year's|last year's|the|fiscal|calendar|(?P<pyear>\d{{4}})) )*{ORD_Q}[- ]"
    rf"(?:fiscal )?(?P<qh>quarter|half)(?:,? (?:of )?(?:fiscal )?{YEAR}| of (?P<yrel>this|last|next) year)?$"
)
# "Q3", "Q3 2025", "2025 Q3", as business copy abbreviates quarters.
QUARTER_SHORT_RE = re.compile(r"^(?:(?P<pyear>\d{4}) )?q(?P<q>[1-4])(?:,? (?P<year>\d{4}))?$")
# "this quarter", "the latest quarter" (the last one completed), "next quarter".
QUARTER_REL_RE = re.compile(r"^(?:the )?(?P<rel>this|last|next|latest|current|previous|past|coming) quarter$")
# "last fall", "this summer", "the winter of 1994".
SEASON_RE = re.compile(
    rf"^(?:(?P<rel>this|last|next|this past|this coming|the) )?(?P<season>{alternation(SEASONS)})"
    rf"(?:,? (?:of )?{YEAR})?$"
)
# "Friday", "last Friday", "Friday's", "Friday morning".
WEEKDAY_RE = re.compile(
    rf"^(?:(?P<rel>last|next|this|this coming|this past|the previous|the following|coming|past) )?"
    rf"{WEEKDAY}(?:'s)?(?: {PART})?$"
)
# "this week", "last month", "next year", "the current year": periods relative to the anchor.
REL_UNIT_RE = re.compile(
    r"^(?P<rel>this|last|next|current|coming|the current|the coming|this past|this coming) "
    r"(?P<unit>week|weekend|month|year|decade|century)$"
)
# "the weekend" (TIMEX3 "2025-W47-WE"), placed by tense like a weekday.
WEEKEND_RE = re.compile(r"^(?:the )?weekend$")
# "two years ago", "a year earlier", "three days later": the anchor moved by the amount.
AGO_RE = re.compile(rf"^{NUMBER}[ -](?:{UNIT}) (?P<dir>ago|earlier|before|later|from now|hence)$")
# "year-ago", "year-earlier" as modifiers in financial copy.
YEAR_AGO_RE = re.compile(r"^year[- ](?:ago|earlier)$")
# Durations: "two-hour", "the past two months", "nearly 20 more years", "a five-year term".
DURATION_RE = re.compile(
    rf"^(?:(?P<rel>the next|the past|the last|the first|the previous|the coming|the following|the latest|the|"
    rf"next|past|last|first|previous|coming|following|another|more than|each of the past) )?"
    rf"(?:{NUMBER}[ -])?(?:more |additional |full |straight |consecutive |trading |business |working )?"
    rf"(?:{UNIT})(?:[ -](?:long|old|term|period|span|stretch))?$"
)
# "The weeks ahead", "the months ahead": a stretch of unknown length from now, like "the next few weeks".
AHEAD_RE = re.compile(rf"^(?:the )?(?:{UNIT}) ahead$")
# "recent years", "the coming weeks", "future quarters": a vague stretch, PAST_REF / FUTURE_REF. Quarters
# count here (earnings copy: "in coming quarters") though a bare "quarters" is too ambiguous to match alone.
VAGUE_SPAN_UNITS = alternation(BARE_PLURAL_UNITS | {"quarters"})
VAGUE_SPAN_RE = re.compile(
    rf"^(?P<mod>{alternation(VAGUE_PAST | VAGUE_FUTURE)}) (?:{VAGUE_SPAN_UNITS}(?: and {VAGUE_SPAN_UNITS})?)$"
)
# Durations with a fraction: "2 1/2 years", "1.5 hours", "two and a half years", "a year and a half",
# "half an hour". ``whole`` is the whole amount (absent for "half an hour"), ``frac`` the fraction.
_FRACTION_LEAD = r"(?:(?:the )?(?:past|last|next|first|previous|coming) )?"
_WHOLE_WORD = alternation(set(NUMBER_WORDS) - set(VAGUE_AMOUNTS))
_AND_A = r"[ -]and[ -]an?[ -](?P<fracword>half|quarter)"
FRACTION_RES: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(rf"^{_FRACTION_LEAD}(?P<whole>\d+)[ -](?P<frac>[13]/[24])[ -](?:{UNIT})$"),
    re.compile(rf"^{_FRACTION_LEAD}(?P<whole>\d+\.\d+)[ -](?:{UNIT})$"),
    re.compile(rf"^{_FRACTION_LEAD}(?P<whole>{_WHOLE_WORD}){_AND_A}[ -](?:{UNIT})$"),
    re.compile(rf"^{_FRACTION_LEAD}(?P<whole>{_WHOLE_WORD}) (?:{UNIT}) and an? (?P<fracword>half|quarter)$"),
    re.compile(rf"^(?P<fracword>half|three quarters|a quarter) (?:of )?an? (?:{UNIT})$"),
)
# Sets: "every week", "each year", "every other day"; "every Thursday", "each July"; "Tuesday nights".
SET_RE = re.compile(rf"^(?:every|each|per) (?:(?P<num>\d+|{alternation(NUMBER_WORDS)}|other) )?(?:{UNIT})$")
SET_DAY_RE = re.compile(rf"^(?:every|each|on) (?:{WEEKDAY}|{MONTH})(?: {PART})?$")
PLURAL_WEEKDAY_RE = re.compile(rf"^{WEEKDAY}(?P<plural>s)?(?: {PART}(?P<parts>s)?)?$")
# Clock times: "3 p.m.", "10:30", "7 o'clock", "noon"; searched inside a longer expression.
CLOCK_RE = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?: ?(?P<ampm>[ap])\.? ?m\b\.?|(?P<oclock> o'clock))"
    r"|(?P<hh>\d{1,2}):(?P<mm>\d{2})\b"
    rf"|\b(?P<word>{alternation(CLOCK_WORDS)})\b"
)
# Time zones are dropped: TIMEX3 values carry no zone ("9 a.m. EST Tuesday" is "…T09:00").
TIMEZONE_RE = re.compile(r"\b(?:[ecmp][sd]t|gmt|utc|bst|cet|local time)\b\.?")
# "4 in the afternoon" is 16:00.
IN_THE_PART_RE = re.compile(rf"\bin the {PART}\b")
# Spelled-out years ("nineteen ninety-six") are rewritten as digits before the rules run.
WORD_YEAR_RE = re.compile(
    rf"\b(?:(?P<cent>nineteen|eighteen) (?P<tens>{alternation(TENS_WORDS)})"
    rf"(?:[- ](?P<units>{alternation(UNIT_WORDS)}))?"
    rf"|(?:the year )?two thousand(?: and)?(?: (?P<units2>{alternation(UNIT_WORDS)}))?)\b"
)
AGE_RE = re.compile(AGE_PATTERN, re.IGNORECASE)
NOT_TIME_RE = re.compile(NOT_TIME_CONTEXTS, re.IGNORECASE)
SAME_PERIOD_RE = re.compile(SAME_PERIOD)
YEAR_BEFORE_RE = re.compile(YEAR_BEFORE_PERIOD)
YEAR_QUARTER_RE = re.compile(YEAR_QUARTER)
# "the first nine months of 1997", "an hour later": the period's length is the value.
DURATION_TAIL_RE = re.compile(r" (?:of (?:\d{4}|the year|this year|last year)|later|earlier)$")
# "the following year", "the same day": relative to a time the story set, so unresolved.
FOLLOWING_RE = re.compile(
    r"^(?:the )?(?:following|previous|preceding|same|next|prior) (?:day|week|month|quarter|year|decade)$"
)
# "a two-hour meeting", "a two day visit": the article belongs to the noun, not to the duration.
LOOSE_ARTICLE_RE = re.compile(
    rf"^an? (?=\S+-\S|(?:\d+|{alternation(set(NUMBER_WORDS) - {'a', 'an', 'one', 'single'})})"
    rf" (?:{alternation(UNITS)})s?\b)"
)
# "year-end", "year's end", "around year end": the end of the current year, like "the end of the year".
YEAR_END_RE = re.compile(r"^(?:the )?year(?:'s)?[- ]end$")
# A resolved quarter value, the antecedent of "the quarter" and "a year ago" in earnings copy.
QUARTER_VALUE_RE = re.compile(r"(?P<year>\d{4})-Q(?P<q>[1-4])")

# Months and weekdays after "every"/"each" ("each July", "every Thursday") are sets; "may" is left out
# because "each may" is usually a verb.
SET_NAMES: Final[frozenset[str]] = frozenset(
    [m for m in MONTHS if len(m) > 3 and m != "may"] + [d for d in WEEKDAYS if d.endswith("day")]
)

# Text patterns for what spaCy leaves untagged: hyphenated durations ("two-hour", not the fraction
# "three-quarters"), "this week", "the past" on its own, "each July",
# "the future", "the near term", "the latest period" (earnings copy), "recent years", "every day",
# holidays and the reference words in EXTRA_WORDS.
EXTRA_TEXT_RE = re.compile(
    rf"\b{NUMBER}-(?!quarter)(?:{UNIT})(?:-(?:long|old))?\b"
    r"|\b(?:this|last|next) (?:week|weekend|month|year|quarter)\b"
    r"|\b(?:the (?:near |distant )?)future\b"
    r"|\bthe past\b(?![- ](?:\d[\d,.]*[- ]|[a-z]+[- ])?"
    r"(?:years?|months?|weeks?|days?|decades?|quarters?|hours?))"
    r"|\bthe (?:near|short) term\b"
    r"|\bthe (?:latest|year-earlier|year-ago|comparable|corresponding) (?:period|quarter)\b"
    r"|\brecent (?:years|months|weeks|days|decades)\b"
    r"|\b(?:every|each) (?:other )?"
    r"(?:day|week|month|year|quarter|hour|morning|afternoon|evening|night|weekend)\b"
    rf"|\b(?:every|each) (?:{alternation(SET_NAMES)})\b"
    rf"|\b(?:{alternation(HOLIDAY_NAMES)})\b"
    rf"|\b(?:{alternation(EXTRA_WORDS)})\b",
    re.IGNORECASE,
)
# Capitalised month + day ("Jan. 6", "March 31, 1990"): case-sensitive so "may 5" (a verb) is left out.
MONTH_DAY_TEXT_RE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}\b(?:, \d{4}\b)?"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}\b(?:, \d{4}\b)?"
)
# Capitalised weekdays, with a part of the day ("Friday night"); plurals are sets ("Tuesdays").
WEEKDAY_TEXT_RE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?"
    r"(?: (?:morning|afternoon|evening|night)s?)?\b"
)
# "for years", "took months": durations of unknown length.
BARE_PLURAL_TEXT_RE = re.compile(rf"\b(?:{alternation(BARE_PLURAL_UNITS)})\b", re.IGNORECASE)
# Two times in one spaCy entity ("1991 to 1997", "the quarter ended Sept. 30") are two TIMEX3s.
RANGE_RE = re.compile(
    r"^(?P<left>.+?)(?:\s+(?:to|and|through|until|till|or|ended|ending|since|from|-|–)\s+"
    r"|(?<=\d{4}),\s+(?=\d{4}$)|(?<=\d)[-–](?=\d))(?P<right>.+)$"
)
# What may stand between a weekday and its date ("Friday, Oct. 13") or a part of the day and its day
# ("mid-afternoon yesterday") for the two to be one TIMEX3, and the value such a pair must have: one day,
# with or without a part of it.
DAY_GAP_RE = re.compile(r"^,? $")
ONE_DAY_VALUE_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T(?:MO|AF|EV|NI))?")
# What may stand between a clock time and its day for the two to be one TIMEX3: "9 a.m. EST, Tuesday".
CLOCK_GAP_RE = re.compile(r"^[\s,]*(?:(?:[ECMP][SD]T|GMT|UTC)\.?[\s,]*)?(?:on\s+)?$")
