"""Scoring newsgraph against public gold-annotated corpora (``../shared/eval``)."""
