"""What the entity layer recognises, apart from how (``entities.py``). Each entry says why it is here."""

from __future__ import annotations

# spaCy entity labels that name a thing an analyst follows; dates, numbers and money are other layers.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT"})

# Words of a title or honorific that spaCy sometimes puts inside a PERSON span ("President Donald
# Trump"): the person is the name after them. The roles layer reads the same words as titles.
TITLE_WORDS = frozenset(
    """
    president vice prime minister secretary director deputy chief general admiral colonel captain
    commander sergeant lieutenant major senator sen. rep. representative congressman congresswoman
    governor mayor ambassador envoy judge justice attorney prosecutor chancellor premier king queen
    prince princess sheikh pope cardinal bishop rev. dr. mr. mrs. ms. miss sir dame lord lady
    spokesman spokeswoman spokesperson leader chairman chairwoman chair ceo founder former acting
    interim incoming outgoing foreign fisheries defence defense interior finance professor
    administrator executive commissioner
    """.split()
)

# Words that photo captions and page furniture leave behind and the model tags as names.
NOT_NAMES = frozenset({"Image", "Photo", "Photograph", "File", "Video", "Credit", "Caption", "Getty"})

# Determiners that open an organisation or place span but are not part of its name.
LEADING_DETERMINERS = frozenset({"the", "The"})

# Possessive endings spaCy leaves on a span ("Maduro's" tagged ORG): cut, and the bare name retyped.
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")

# Words that never start a name when they precede a PERSON span (sentence openers, pronouns).
NOT_FIRST_NAMES = frozenset({"Mr", "Mrs", "Ms", "Dr", "By", "When", "While", "As", "If", "But", "And"})

# Short forms of common places and bodies. The gazetteer adds countries, and articles add their own
# "Full Name (ACRONYM)" pairs.
ALIASES = {
    "u.s.": "United States",
    "us": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "un": "United Nations",
    "u.n.": "United Nations",
    "eu": "European Union",
    "e.u.": "European Union",
    "cia": "Central Intelligence Agency",
    "fbi": "Federal Bureau of Investigation",
    "dea": "Drug Enforcement Administration",
    "nato": "North Atlantic Treaty Organization",
    "opec": "Organization of the Petroleum Exporting Countries",
}

# Words skipped when checking that an acronym spells a name's initials ("Department of State").
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "de", "del", "la", "on", "in", "&"})

# Roles ---------------------------------------------------------------------------------------------
# Nouns that head a title: a role needs one ("foreign minister", "opposition leader", "CIA director").
TITLE_HEADS = frozenset(
    """
    president vice-president minister secretary director chief leader head ambassador envoy
    spokesman spokeswoman spokesperson governor mayor senator representative chancellor premier king
    queen prince general admiral commander captain colonel prosecutor attorney judge justice
    chairman chairwoman chair ceo founder deputy adviser advisor aide official regulator
    commissioner consul coordinator negotiator officer
    """.split()
)
# Words that say when a title held: they become the role's status, not part of its title.
TITLE_STATUS = {
    "former": "former",
    "ex": "former",
    "ex-president": "former",
    "previous": "previous",
    "then": "previous",
    "interim": "interim",
    "acting": "acting",
    "caretaker": "interim",
    "provisional": "interim",
}
# Words that may stand inside a title before its head ("foreign", "opposition", "fisheries").
TITLE_MODIFIERS = frozenset(
    """
    vice deputy foreign interior defence defense finance economy fisheries trade justice health
    education energy oil mining environment agriculture labour labor transport security intelligence
    national state federal regional opposition party union army navy naval military police press
    communications chief senior top general attorney prime supreme executive managing central
    """.split()
)
# Verb forms that give a person a role ("served as", "was named", "became"), by form because the
# pipeline runs without its lemmatizer; "served" says the role is behind them, "serves" that it holds.
ROLE_VERBS = {
    "served": "previous",
    "serves": "current",
    "serving": "current",
    "became": "current",
    "becomes": "current",
    "named": "current",
    "appointed": "current",
    "elected": "current",
    "sworn": "current",
    "installed": "current",
}

# Quotes and attributions -----------------------------------------------------------------------------
# Verb forms that introduce speech, direct or reported (by form: the pipeline has no lemmatizer).
SPEECH_VERBS = frozenset(
    """
    said says say saying told tells tell added adds stated states asked asks warned warns insisted
    insists explained explains noted notes wrote writes declared declares announced announces argued
    argues replied replies claimed claims denied denies indicated indicates suggested suggests
    acknowledged acknowledges confirmed confirms repeated repeats urged urges conceded concedes
    stressed stresses recalled recalls emphasised emphasized described termed called
    """.split()
)
# Nouns that head an anonymous source ("one administration official", "a senior diplomat").
SOURCE_NOUNS = frozenset(
    """
    official officials source sources diplomat diplomats aide aides spokesman spokeswoman spokesperson
    officer officers person people analyst analysts adviser advisers advisor advisors insider insiders
    negotiator negotiators member members minister lawmaker lawmakers
    """.split()
)
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
# A quoted phrase this short, not ending a sentence, is a partial quote ("face-to-face" dialogue).
PARTIAL_QUOTE_MAX_WORDS = 5
# Verbs whose object names the outlet a source spoke to ("officials told Axios").
TOLD_VERBS = frozenset({"told", "tells", "tell"})
REPORT_VERBS = frozenset({"reported", "reports", "report", "said", "says", "wrote", "writes"})
