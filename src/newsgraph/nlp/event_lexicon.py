"""The event lexicon: cue words for PLOVER event types and context words, read from versioned data files.

``data/plover_lexicon.tsv`` holds one row per cue (its columns are described in the file's header);
``data/plover_contexts.tsv`` maps words to PLOVER contexts. Both carry a ``# version:`` line. Reading them
is pure and cached; a bad row raises ``ConfigError`` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal, cast

from newsgraph.errors import ConfigError
from newsgraph.nlp.records import EVENT_TYPES, EventType

CuePos = Literal["V", "N", "A"]
_POS = ("V", "N", "A")
# designation: "designated X a terrorist organization"; deontic: a modal of obligation in a reported clause
# ("the minister said Peru must release them" is the minister's demand of Peru).
_FRAMES = frozenset({"designation", "deontic", "order"})
_ARG_KEYS = frozenset({"rec", "poss", "subj", "of", "needs", "bars", "frame"})
# Words that follow a noun's head in a cue rather than modify it ("call for", "call with").
PREPOSITIONS = frozenset("for with to on of into against from between in at about near by as".split())

# Irregular English verb forms, to their lemma: the pipeline runs without spaCy's lemmatizer.
IRREGULAR = {
    "met": "meet", "held": "hold", "took": "take", "taken": "take", "gave": "give", "given": "give",
    "sought": "seek", "struck": "strike", "stricken": "strike", "sent": "send", "brought": "bring",
    "fought": "fight", "shot": "shoot", "beaten": "beat", "withdrew": "withdraw", "withdrawn": "withdraw",
    "broke": "break", "broken": "break", "froze": "freeze", "frozen": "freeze", "overran": "overrun",
    "spoke": "speak", "spoken": "speak", "flew": "fly", "flown": "fly", "went": "go", "gone": "go",
    "laid": "lay", "began": "begin", "begun": "begin", "rose": "rise", "drove": "drive", "led": "lead",
    "made": "make", "stood": "stand", "swore": "swear", "sworn": "swear", "forgave": "forgive",
    "forgiven": "forgive", "blew": "blow", "blown": "blow", "sank": "sink", "sunk": "sink", "put": "put",
    "cut": "cut", "hit": "hit", "set": "set", "told": "tell", "won": "win", "paid": "pay", "kept": "keep",
    "retook": "retake", "retaken": "retake", "undertook": "undertake", "undertaken": "undertake",
    "bore": "bear", "borne": "bear", "chose": "choose", "chosen": "choose", "wrote": "write",
    "meant": "mean",
    # the irregular pasts of the lexicon's other verbs
    "threw": "throw", "thrown": "throw", "withheld": "withhold", "slew": "slay", "slain": "slay",
    "shut": "shut", "fled": "flee", "dealt": "deal", "sold": "sell", "lent": "lend", "bound": "bind",
    "caught": "catch", "fell": "fall", "fallen": "fall", "overthrew": "overthrow",
    "overthrown": "overthrow", "forbade": "forbid", "forbidden": "forbid", "stole": "steal",
    "stolen": "steal", "hid": "hide", "hidden": "hide", "let": "let", "spent": "spend", "built": "build",
    "swept": "sweep", "beat": "beat", "upheld": "uphold", "overtook": "overtake", "overtaken": "overtake",
    "arose": "arise", "arisen": "arise", "shook": "shake", "shaken": "shake",
    "sped": "speed", "fed": "feed", "bled": "bleed", "rode": "ride", "ridden": "ride", "ran": "run",
    "saw": "see", "seen": "see", "came": "come", "became": "become", "left": "leave", "lost": "lose",
    "found": "find", "got": "get", "gotten": "get", "heard": "hear", "thought": "think", "sat": "sit",
}


@lru_cache(maxsize=8192)
def lemmas(word: str, tag: str) -> tuple[str, ...]:
    """Candidate lemmas of a lower-cased word, most likely first (the pipeline has no lemmatizer)."""
    found = [word]
    if word in IRREGULAR:
        found.append(IRREGULAR[word])
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")),
                                 ("es", ("", "e")), ("s", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            found.extend(stem + r for r in replacements)
            if suffix in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2]:
                found.append(stem[:-1])  # "shipped", "planning"
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Constraint:
    """A child the cue's head must (or must not) have: a dependency label, and optionally its words
    (for ``prep`` the preposition, otherwise the child's lemma)."""

    dep: str
    words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Cue:
    """One lexicon row: ``words[head]`` is the trigger word, the others must hang from it."""

    words: tuple[str, ...]
    head: int
    pos: CuePos
    type: EventType
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str
    recipients: tuple[str, ...]
    possessor_is_recipient: bool
    subject_is_recipient: bool  # "won the election": the winner is who the election chose
    of_is_actor: bool  # "the resignation of the minister": a party after "of" is who resigned
    needs: tuple[Constraint, ...]
    bars: tuple[Constraint, ...]
    frame: str | None
    line: int

    @property
    def lemma(self) -> str:
        return self.words[self.head]

    @cached_property  # read for every candidate token: split once per cue
    def extras(self) -> tuple[frozenset[str], ...]:
        """The other words, each as the lemmas that may stand in its place ("weapon|missile")."""
        return tuple(frozenset(w.split("|")) for w in self.words[: self.head] + self.words[self.head + 1:])


@dataclass(frozen=True)
class Lexicon:
    """Cues by ``(head lemma, pos)``, most specific first; context words by their last word."""

    version: str
    cues: Mapping[tuple[str, CuePos], tuple[Cue, ...]]
    contexts: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]


def default_lexicon() -> Lexicon:
    """The packaged lexicon, read once per process."""
    return _packaged()


@lru_cache(maxsize=1)
def _packaged() -> Lexicon:
    data = resources.files("newsgraph.nlp") / "data"
    return read_lexicon(Path(str(data / "plover_lexicon.tsv")), Path(str(data / "plover_contexts.tsv")))


@lru_cache(maxsize=8)
def read_lexicon(cues_path: Path, contexts_path: Path) -> Lexicon:
    """Read a cue file and a context file; ``ConfigError`` names the file and line of a bad row."""
    version, rows = _rows(cues_path)
    cues: dict[tuple[str, CuePos], list[Cue]] = {}
    for line, fields in rows:
        cue = _cue(cues_path, line, fields)
        cues.setdefault((cue.lemma, cue.pos), []).append(cue)
    _, context_rows = _rows(contexts_path)
    contexts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for line, fields in context_rows:
        if len(fields) != 2 or not fields[0] or not fields[1]:
            raise _bad(contexts_path, line, "expected two tab-separated columns: word, context")
        words = tuple(fields[0].lower().split())
        contexts.setdefault(words[-1], []).append((words[:-1], fields[1]))
    return Lexicon(version, {k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in cues.items()},
                   {k: tuple(v) for k, v in contexts.items()})


def _rows(path: Path) -> tuple[str, list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the event lexicon ({e})") from e
    version = ""
    rows: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("#"):
            if raw[1:].strip().lower().startswith("version:") and not version:
                version = raw.split(":", 1)[1].strip()
            continue
        if raw.strip():
            rows.append((number, [f.strip() for f in raw.split("\t")]))
    if not version:
        raise ConfigError(f"{path}: no '# version: …' line; every lexicon file states its version")
    return version, rows


def _bad(path: Path, line: int, message: str) -> ConfigError:
    return ConfigError(f"{path}:{line}: {message}; fix or remove the row")


def _cue(path: Path, line: int, fields: list[str]) -> Cue:
    if len(fields) != 7:
        raise _bad(path, line, f"expected 7 tab-separated columns, found {len(fields)}")
    cue, pos, type_, mode, contexts, cameo, args = fields
    words = tuple(cue.lower().split())
    if not words:
        raise _bad(path, line, "empty cue")
    if pos not in _POS:
        raise _bad(path, line, f"part of speech {pos!r} is not one of V, N, A")
    head = _head(words, cast(CuePos, pos))
    if "|" in words[head]:
        raise _bad(path, line, f"the head word {words[head]!r} has alternatives; only the words after "
                               "it may (\"supply weapon|missile\"): write one row per head word")
    if any("" in w.split("|") for w in words):
        raise _bad(path, line, f"cue {cue!r} has an empty alternative (a \"|\" with nothing beside it)")
    if type_ not in EVENT_TYPES:
        raise _bad(path, line, f"{type_!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
    if not (cameo.isdigit() and 2 <= len(cameo) <= 4):
        raise _bad(path, line, f"CAMEO code {cameo!r} is not 2 to 4 digits")
    options = _args(path, line, args)
    if "of" in options and pos != "N":
        raise _bad(path, line, "of=actor is for nouns (\"the resignation of the minister\"); this cue is "
                               f"a {pos}")
    if "cue" in options.get("rec", "").split(",") and len(words) < 2:
        raise _bad(path, line, "rec=cue needs the cue's own other words to name the recipients "
                               "(\"take in refugee\"); this cue has none")
    return Cue(
        words=words, head=head, pos=cast(CuePos, pos),
        type=type_, mode=None if mode == "-" else mode,
        contexts=() if contexts == "-" else tuple(c.strip() for c in contexts.split(",") if c.strip()),
        cameo=cameo, recipients=_recipient_slots(options, pos),
        possessor_is_recipient=options.get("poss") == "rec",
        subject_is_recipient=options.get("subj") == "rec",
        of_is_actor=options.get("of") == "actor",
        needs=_constraints(options.get("needs")), bars=_constraints(options.get("bars")),
        frame=options.get("frame"), line=line)


def _recipient_slots(options: dict[str, str], pos: str) -> tuple[str, ...]:
    """The ``rec`` slots; by default a verb's object, and a noun's "of" unless that names the actor."""
    default = "obj" if pos != "N" else ("" if options.get("of") == "actor" else "of")
    return tuple(slot for slot in options.get("rec", default).split(",") if slot)


def _head(words: tuple[str, ...], pos: CuePos) -> int:
    """A verb's head is its first word ("take into custody"); a noun's is its last word that is not a
    preposition ("hunger strike", "call for")."""
    if pos != "N":
        return 0
    return max(i for i, w in enumerate(words) if w not in PREPOSITIONS or i == 0)


def _args(path: Path, line: int, args: str) -> dict[str, str]:
    if args == "-":
        return {}
    options: dict[str, str] = {}
    for part in args.split(";"):
        key, _, value = part.partition("=")
        if key not in _ARG_KEYS or not value:
            raise _bad(path, line, f"argument {part!r} is not key=value with key one of {sorted(_ARG_KEYS)}")
        if key == "frame" and value not in _FRAMES:
            raise _bad(path, line, f"frame {value!r} is not one of {sorted(_FRAMES)}")
        if key in ("poss", "subj") and value != "rec":
            raise _bad(path, line, f"{key} takes only the value rec")
        if key == "of" and value != "actor":
            raise _bad(path, line, "of takes only the value actor")
        options[key] = value
    return options


def _constraints(value: str | None) -> tuple[Constraint, ...]:
    """``dobj,prep:for|on,xcomp:comment|say``: a dependency label, with the words it must be."""
    if not value:
        return ()
    found = []
    for part in value.split(","):
        dep, _, words = part.partition(":")
        found.append(Constraint(dep, frozenset(words.split("|")) if words else frozenset()))
    return tuple(found)


# Types whose plan is PLOVER's AGREE ("express intent to cooperate", CAMEO 03) or THREATEN (CAMEO 13).
COOPERATION_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"})
_INTENTIONS = frozenset({"planned", "threatened", "hypothetical"})


def plover_type(type_: str, status: str) -> str:
    """The type PLOVER's own records give an event: a cooperative act that is only planned is an AGREE,
    a harmful one a THREATEN, and a cooperative act said not to happen a REJECT ("would not release the
    crew", "will not bow to pressure": CAMEO 12 "decline to …"). newsgraph's ``type`` keeps what is
    done and puts the plan in ``status`` (so a plan can later be matched with its outcome); PLOVER
    exports and the PLOVER evaluation use this view. Pure, so storage and exports can call it without
    spaCy."""
    if status == "negated" and (type_ in COOPERATION_TYPES or type_ == "AGREE"):  # "failed to agree"
        return "REJECT"
    if status in _INTENTIONS:
        if type_ in COOPERATION_TYPES:
            return "AGREE"
        if type_ in CONFLICT_TYPES:
            return "THREATEN"
    return type_
