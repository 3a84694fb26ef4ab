"""Every exception newsgraph raises, so callers can catch at the level they care about.

    NewsgraphError
    ├── ConfigError              a setting or environment variable has a bad value
    ├── InputError               one input cannot become an article (names the input and line)
    │   ├── UnreadableInputError     the path cannot be opened or read
    │   ├── EmptyInputError          no text at all
    │   ├── BinaryInputError         bytes that are not text in any encoding we accept
    │   ├── InputTooLargeError       over the configured size limit
    │   ├── UnsupportedInputError    a file or content type we do not read
    │   ├── MalformedInputError      broken JSON, XML, HTML or metadata
    │   ├── HostileInputError        XML with entity declarations or external references
    │   └── FetchError               a URL could not be fetched
    │       ├── BlockedAddressError      private, loopback or link-local address
    │       ├── FetchTimeoutError        no answer in time
    │       └── HTTPStatusError          the server answered with an error status
    ├── ModelError               the spaCy pipeline cannot be loaded
    ├── StoreError               the database refused or is not a newsgraph database
    │   └── ArticleNotFoundError     no article with that id
    └── ExportError              an export format or destination problem

Messages say what went wrong and, where there is one, what to do about it.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of every newsgraph error."""


class ConfigError(NewsgraphError):
    """A setting has a value newsgraph cannot use."""


class InputError(NewsgraphError):
    """One input could not become an article.

    ``source`` names the input (a path, URL, ``path:LINE`` or ``-``); ``line`` is the 1-based line
    of a JSON Lines batch when the problem is on one line; ``hint`` says what to do.
    """

    reason = "input error"

    def __init__(
        self, source: str, message: str, *, line: int | None = None, hint: str | None = None
    ) -> None:
        self.source = source
        self.message = message
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class UnreadableInputError(InputError):
    reason = "unreadable"


class EmptyInputError(InputError):
    reason = "empty"


class BinaryInputError(InputError):
    reason = "binary"


class InputTooLargeError(InputError):
    reason = "too large"


class UnsupportedInputError(InputError):
    reason = "unsupported"


class MalformedInputError(InputError):
    reason = "malformed"


class HostileInputError(InputError):
    reason = "hostile"


class FetchError(InputError):
    reason = "fetch failed"


class BlockedAddressError(FetchError):
    reason = "blocked address"


class FetchTimeoutError(FetchError):
    reason = "timeout"


class HTTPStatusError(FetchError):
    reason = "http error"

    def __init__(self, source: str, status: int, message: str, *, hint: str | None = None) -> None:
        self.status = status
        super().__init__(source, message, hint=hint)


class ExtractionError(InputError):
    """One text made an extraction component fail; the other texts of the batch went on, and the
    article's earlier extraction, if any, was kept."""

    reason = "extraction failed"


class ModelError(NewsgraphError):
    """The configured spaCy pipeline is not installed or cannot be loaded."""


class StoreError(NewsgraphError):
    """The database could not be opened, migrated or written."""


class ArticleNotFoundError(StoreError):
    def __init__(self, article_id: int) -> None:
        self.article_id = article_id
        super().__init__(f"no article with id {article_id} (list them with `newsgraph articles`)")


class ExportError(NewsgraphError):
    """An export could not be written."""
