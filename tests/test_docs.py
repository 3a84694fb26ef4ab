"""The documentation keeps up with the code: commands, options, settings and reasons are all described."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import click
import pytest

from newsgraph import clean_rules, errors
from newsgraph.cli import cli
from newsgraph.settings import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"
README = (DOCS.parent / "README.md").read_text("utf-8")
CLI_DOC = (DOCS / "cli.md").read_text("utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented(name: str) -> None:
    assert f"## `newsgraph {name}" in CLI_DOC
    assert f"newsgraph {name}" in README


@pytest.mark.parametrize(
    ("command", "option"),
    [(name, opt) for name, command in sorted(cli.commands.items()) for param in command.params
     if isinstance(param, click.Option) for opt in param.opts if opt.startswith("--")],
)
def test_every_option_is_documented(command: str, option: str) -> None:
    assert f"`{option}" in CLI_DOC, f"{command} {option}"


@pytest.mark.parametrize("field", [f.name for f in fields(Settings)])
def test_every_setting_is_documented(field: str) -> None:
    text = (DOCS / "configuration.md").read_text("utf-8")
    assert f"`{field}`" in text and f"`NEWSGRAPH_{field.upper()}`" in text


@pytest.mark.parametrize("reason", [value for name, value in vars(clean_rules).items()
                                    if name.isupper() and isinstance(value, str) and "-" in value])
def test_every_removal_reason_is_documented(reason: str) -> None:
    assert f"`{reason}`" in (DOCS / "cleaning.md").read_text("utf-8")


@pytest.mark.parametrize("reason", sorted({cls.reason for cls in vars(errors).values()
                                           if isinstance(cls, type) and issubclass(cls, errors.InputError)
                                           and cls is not errors.InputError}))
def test_every_failure_reason_is_documented(reason: str) -> None:
    assert f"`{reason}`" in (DOCS / "inputs.md").read_text("utf-8")


def test_documents_linked_from_the_readme_exist() -> None:
    for doc in DOCS.glob("*.md"):
        assert f"docs/{doc.name}" in README, doc.name
