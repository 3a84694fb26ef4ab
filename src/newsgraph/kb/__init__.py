"""The offline knowledge base: a gazetteer of countries, capitals, subdivisions, cities and regions."""

from newsgraph.kb.gazetteer import Gazetteer, GazetteerEntry, default_gazetteer, fold

__all__ = ["Gazetteer", "GazetteerEntry", "default_gazetteer", "fold"]
