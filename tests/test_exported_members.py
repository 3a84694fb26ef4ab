"""The public API is exactly what ``__all__`` lists, sorted, and every name in it exists."""

import newsgraph


def test_all_is_sorted_and_complete() -> None:
    assert newsgraph.__all__ == sorted(newsgraph.__all__)
    for name in newsgraph.__all__:
        assert hasattr(newsgraph, name), name


def test_public_names_are_not_private_modules() -> None:
    public = {name for name in dir(newsgraph) if not name.startswith("_")}
    modules = {"clean", "clean_rules", "dates", "dedup", "errors", "export", "ingest", "pipeline",
               "records", "settings", "store", "logging", "cli", "inputs", "nlp", "extraction", "names",
               "processing", "export_events", "stories", "cli_stories", "cli_timeline", "event_groups",
               "timeline", "ledger", "changes", "kb", "evaluation", "export_stories", "story_views", "api",
               "cli_serve", "web", "dyads", "day_intervals"}
    assert public - modules <= set(newsgraph.__all__)


def test_library_has_a_null_logging_handler() -> None:
    import logging

    handlers = logging.getLogger("newsgraph").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)
