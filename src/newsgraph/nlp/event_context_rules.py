"""Lexicons for event context, kept apart from the logic in ``event_context.py``. Each entry says why.

Words are base forms (the model has no lemmatizer; ``event_context._base`` maps inflected forms to them).
A table's value is the confidence its cue gives the status (or the status and that confidence).
"""

from __future__ import annotations

from collections.abc import Mapping

from newsgraph.nlp.records import EventStatus

# Verbs whose complement or object is an event yet to come ("intends to speak", "plans talks").
PLAN_VERBS: Mapping[str, float] = {
    "plan": 0.85, "intend": 0.85, "schedule": 0.9, "slate": 0.9, "arrange": 0.8, "agree": 0.8,
    "decide": 0.8, "prepare": 0.75, "set": 0.8,     # "is set to meet"
    "expect": 0.7,                                  # "is expected to sign": a forecast, not a decision
    "aim": 0.7, "promise": 0.7, "pledge": 0.7, "propose": 0.6, "offer": 0.6, "seek": 0.6, "want": 0.6,
    "hope": 0.5, "due": 0.85, "poised": 0.75,       # adjectives: "is due to arrive", "is poised to"
    "about": 0.85,                                  # "is about to restore ties": imminent, not yet done
    "ready": 0.75, "prepared": 0.75, "willing": 0.7,  # "said it was ready to hold talks"
    "eager": 0.6, "keen": 0.6, "determined": 0.7,
    "accept": 0.7,                                  # "would accept mediation": the mediation is to come
    "postpone": 0.8, "delay": 0.7, "defer": 0.75,   # "talks have been postponed": still to come, later
    "reschedule": 0.85,
}
# Verbs whose complement is threatened (PLOVER's THREATEN: a conditional or unconditional warning).
THREAT_VERBS: Mapping[str, float] = {"threaten": 0.85, "vow": 0.75, "swear": 0.75, "warn": 0.7}
# Verbs whose "if"/"unless" clause is the threat's condition, not a doubt that the threat was made:
# "threatened to strike unless …", "protesters face arrest if they defy the ban".
CONDITIONED_VERBS = frozenset({*THREAT_VERBS, "face"})
# Verbs that put an event up for consideration only ("is considering strikes", "weighing options").
HYPOTHETICAL_VERBS: Mapping[str, float] = {
    "consider": 0.6, "weigh": 0.6, "mull": 0.6, "contemplate": 0.6, "explore": 0.5, "debate": 0.5,
}   # not "discuss": "denied discussing the capture" says nothing of whether the capture happened
# Verbs that deny an event outright ("denied meeting him", "denied that talks were planned").
DENY_VERBS: Mapping[str, float] = {"deny": 0.85, "refute": 0.85, "rebut": 0.8, "dispute": 0.7}
# Verbs that deny only through a claim ("dismissed claims that …", "rejected reports of …").
DENY_CLAIM_VERBS: Mapping[str, float] = {"reject": 0.8, "dismiss": 0.8, "deny": 0.85, "refute": 0.85,
                                         "rebut": 0.8, "dispute": 0.7, "contradict": 0.7}
# Verbs whose object or complement does not (or no longer will) happen.
NEGATING_VERBS: Mapping[str, float] = {
    "refuse": 0.85, "decline": 0.85, "fail": 0.85, "cancel": 0.85, "scrap": 0.8, "abandon": 0.8,
    "avoid": 0.7, "reject": 0.6,     # "rejected talks": they are off, though the REJECT itself happened
    "rule": 0.8,                     # only as "rule out" (see PARTICLE)
    "call": 0.8,                     # only as "call off"
}
PARTICLE: Mapping[str, str] = {"rule": "out", "call": "off"}
# Nouns that count or measure an event named after "of": "a round of talks", "a wave of protests",
# "ten days of war games". The event takes the counting noun's place in the clause.
PARTITIVE_NOUNS = frozenset("round rounds series wave waves spate string flurry burst volley barrage "
                            "day days hour hours week weeks month months year years night nights".split())
# Verbs whose subject event is still to come: "as first joint patrol nears", "the vote approaches".
IMMINENT_VERBS: Mapping[str, float] = {"near": 0.8, "approach": 0.8, "loom": 0.75}
# Verbs whose present tense makes their complement ongoing ("continues to strike").
ONGOING_VERBS: Mapping[str, float] = {"continue": 0.8, "keep": 0.75}
# Verbs that carry a nominal event without changing it: their tense and auxiliaries are the event's.
# With the event as subject: "the meeting took place", "talks will begin".
OCCURRENCE_VERBS = frozenset({"take", "occur", "happen", "begin", "start", "resume", "proceed", "unfold"})
# With the event as object: "held talks", "will hold talks", "launched strikes".
LIGHT_VERBS = frozenset({
    "hold", "have", "conduct", "carry", "stage", "host", "attend", "launch", "mount", "join", "pursue",
    "make", "pay", "give", "undertake", "begin", "start", "resume", "run", "establish", "organize",
    "organise", "impose", "declare",                # "would impose martial law", "declared a truce"
    "provide", "extend", "lend", "deliver",         # "would provide legal support"
})
# With the event behind a preposition: "led to the capture", "traveled to Caracas for a meeting".
PURPOSE_VERBS = frozenset({
    "lead", "result", "culminate", "travel", "fly", "go", "come", "arrive", "head", "return", "deploy",
    "send",
})
SUPPORT_VERBS = OCCURRENCE_VERBS | LIGHT_VERBS | PURPOSE_VERBS
# Verbs that set when an event is to be: "the meeting is scheduled for Friday" dates the meeting, and so
# does "Lima fixed the meeting for March 11".
SCHEDULE_VERBS = frozenset({"schedule", "set", "slate", "plan", "arrange", "postpone", "move", "fix"})
# Verbs that move an event to another date, and the prepositions that give the new one ("postponed
# until April", "moved to Friday"); any other date on them is when the move was made.
RESCHEDULE_VERBS = frozenset({"postpone", "delay", "defer", "reschedule", "move", "push"})
# Verbs that set an event, their object, for a date: only "for" (or to, until …) gives the event's date
# ("Lima fixed the meeting for March 11", "announced talks for next week"); "on Monday Lima fixed the
# meeting" is when it was fixed. Their places are not the event's ("announced in Lima").
SETTING_VERBS = frozenset({"schedule", "set", "slate", "arrange", "fix", "announce"})
NEW_DATE_PREPOSITIONS = frozenset({"to", "until", "till", "for", "back"})
# Words of motion: "to"/"into" after them names the venue ("traveled to Caracas", "a visit to Quito").
MOTION_WORDS = frozenset({
    "travel", "fly", "go", "come", "arrive", "head", "return", "deploy", "send", "move", "visit",
    "trip", "journey", "flight", "deployment",
})
# Verbs whose direct object is the venue, not a participant ("visited Caracas").
VENUE_OBJECT_VERBS = frozenset({"visit", "tour"})
# Auxiliaries: "will" plans; the others leave the event open. "would" under a past speech verb is
# "will" reported ("said talks would happen soon") and counts as planned there.
MODALS: Mapping[str, tuple[EventStatus, float]] = {
    "will": ("planned", 0.85), "'ll": ("planned", 0.85), "’ll": ("planned", 0.85), "wo": ("planned", 0.85),
    "shall": ("planned", 0.85), "would": ("hypothetical", 0.6), "'d": ("hypothetical", 0.6),
    "could": ("hypothetical", 0.5), "may": ("hypothetical", 0.5), "might": ("hypothetical", 0.4),
    "should": ("hypothetical", 0.5), "must": ("hypothetical", 0.5),
}
BACKSHIFTED: tuple[EventStatus, float] = ("planned", 0.6)
NEGATIONS = frozenset({"not", "n't", "n’t", "never", "no", "nor", "neither"})
# Verbs whose negation is a resolve: "will not hesitate to use force" plans the force.
HESITATE_VERBS = frozenset({"hesitate", "shrink", "flinch", "balk"})
# Subjects that name no one: the event they are the subject of did not happen ("nobody signed").
NO_ONE = frozenset({"nobody", "none", "neither", "noone"})
# Subordinators that make a clause a condition or an open question.
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# Subordinators whose clause shares the time of the clause it hangs from ("began when troops …").
SIMULTANEOUS_MARKS = frozenset({"when", "as", "while"})
# Modifiers of a nominal trigger ("the planned call", "possible strikes", "ongoing talks").
NOUN_MODIFIERS: Mapping[str, tuple[EventStatus, float]] = {
    "planned": ("planned", 0.85), "scheduled": ("planned", 0.9), "upcoming": ("planned", 0.9),
    "proposed": ("planned", 0.6), "expected": ("planned", 0.7), "forthcoming": ("planned", 0.75),
    "future": ("planned", 0.6), "prospective": ("planned", 0.6), "imminent": ("planned", 0.7),
    "threatened": ("threatened", 0.8),
    "possible": ("hypothetical", 0.5), "potential": ("hypothetical", 0.5), "likely": ("hypothetical", 0.6),
    "hypothetical": ("hypothetical", 0.7), "contemplated": ("hypothetical", 0.6),
    "ongoing": ("ongoing", 0.85), "continuing": ("ongoing", 0.8), "current": ("ongoing", 0.6),
    "cancelled": ("negated", 0.85), "canceled": ("negated", 0.85), "aborted": ("negated", 0.8),
    "failed": ("negated", 0.7),
    "postponed": ("planned", 0.75), "delayed": ("planned", 0.6), "deferred": ("planned", 0.7),
    "rescheduled": ("planned", 0.8),
}
# Predicates of a nominal trigger's copula ("talks are under consideration", "strikes are imminent").
PREDICATE_WORDS: Mapping[str, tuple[EventStatus, float]] = {
    **NOUN_MODIFIERS, "consideration": ("hypothetical", 0.5), "table": ("hypothetical", 0.5),
    "works": ("planned", 0.7), "planning": ("planned", 0.7), "unlikely": ("hypothetical", 0.5),
    "underway": ("ongoing", 0.85), "way": ("ongoing", 0.8),
}
# Nouns whose complement is the event ("plans for talks", "a threat to strike", "no intention to").
CUE_NOUNS: Mapping[str, tuple[EventStatus, float]] = {
    "plan": ("planned", 0.8), "proposal": ("planned", 0.6), "decision": ("planned", 0.8),
    "intention": ("planned", 0.8), "intent": ("planned", 0.8), "preparation": ("planned", 0.75),
    "willingness": ("planned", 0.7), "readiness": ("planned", 0.7), "commitment": ("planned", 0.75),
    "agreement": ("planned", 0.75), "offer": ("planned", 0.6), "invitation": ("planned", 0.6),
    "threat": ("threatened", 0.8), "warning": ("threatened", 0.7), "ultimatum": ("threatened", 0.75),
    "vow": ("threatened", 0.7),
    "possibility": ("hypothetical", 0.5), "prospect": ("hypothetical", 0.5), "option": ("hypothetical", 0.5),
    "consideration": ("hypothetical", 0.5), "speculation": ("hypothetical", 0.4),
    "chance": ("hypothetical", 0.5), "risk": ("hypothetical", 0.4), "fear": ("hypothetical", 0.4),
    "refusal": ("negated", 0.8), "failure": ("negated", 0.8), "denial": ("denied", 0.8),
}
# Nouns that carry a claim through to the verb that judges it ("denied reports of a plan to …").
CLAIM_NOUNS = frozenset({
    "claim", "report", "allegation", "suggestion", "rumor", "rumour", "account", "assertion", "story",
    "idea", "notion", "charge",
})
# Hedges that leave the status as is but lower the confidence.
HEDGES: Mapping[str, float] = {"reportedly": 0.8, "allegedly": 0.7, "apparently": 0.8,
                               "purportedly": 0.7, "supposedly": 0.7}
# Words of a present-progressive clause that still point ahead ("are meeting next week").
FUTURE_WORDS = frozenset({"next", "tomorrow", "later", "coming", "upcoming", "soon"})
# Prepositions that name where an event is ("on" is left out: "strikes on Venezuela" is the target).
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "inside", "near", "outside", "within", "across",
                                   "throughout", "aboard", "around"})
DIRECTIONAL_PREPOSITIONS = frozenset({"to", "into"})
# Prepositions naming who an event is with; a place on their last partner is the venue ("talks with
# rebel leaders in Quito"), though it could also say where the partner is from.
PARTNER_PREPOSITIONS = frozenset({"with", "between"})
# Prepositions that attach a time ("met on Thursday", "captured in January", "by Friday").
TEMPORAL_PREPOSITIONS = frozenset({"on", "in", "at", "during", "by", "before", "until", "over"})
# Verbs reporting speech or writing, besides the quote layer's (base forms and their inflections).
REPORT_VERBS = frozenset({
    "say", "tell", "add", "state", "warn", "insist", "explain", "note", "write", "declare", "announce",
    "argue", "reply", "claim", "deny", "indicate", "suggest", "acknowledge", "confirm", "repeat", "urge",
    "concede", "stress", "recall", "emphasize", "emphasise", "report", "signal", "threaten", "vow",
    "reveal", "admit", "disclose", "predict", "assert", "allege", "characterize", "characterise",
})
# Verbs besides speech verbs whose clause states what someone must do: "the forum concluded that donors
# must pay" (a deontic report, coded as a demand in events.py).
DEONTIC_GOVERNORS = frozenset({
    "conclude", "concluded", "concludes", "decide", "decided", "decides", "rule", "ruled", "rules",
    "insist", "insisted", "insists", "demand", "demanded", "demands", "believe", "believes", "believed",
    "feel", "feels", "felt", "think", "thinks", "thought",
})
# A dateline ("CARACAS, Venezuela (AP) —") ends at a dash or "(" within this many tokens of the start.
DATELINE_TOKENS = 12
DASHES = frozenset({"—", "–", "--", "-"})

# Irregular forms the suffix rules of _inflections do not give.
IRREGULAR: Mapping[str, str] = {
    "held": "hold", "had": "have", "has": "have", "took": "take", "taken": "take", "began": "begin",
    "begun": "begin", "led": "lead", "made": "make", "paid": "pay", "gave": "give", "given": "give",
    "came": "come", "went": "go", "gone": "go", "flew": "fly", "flown": "fly", "flies": "fly",
    "sent": "send", "kept": "keep", "sought": "seek", "said": "say", "told": "tell", "wrote": "write",
    "written": "write", "met": "meet", "set": "set", "sets": "set", "setting": "set",
    "swore": "swear", "sworn": "swear", "ran": "run", "running": "run",
    "goes": "go", "travelled": "travel", "travelling": "travel", "traveling": "travel",
    "beginning": "begin", "admitted": "admit", "admitting": "admit", "rebutted": "rebut",
    "rebutting": "rebut", "culminated": "culminate", "cancelled": "cancel", "cancelling": "cancel",
}

# Participles that describe a nominal event: "the encounter, held on Thursday", "a call planned for May".
DESCRIBING = SUPPORT_VERBS | SCHEDULE_VERBS
