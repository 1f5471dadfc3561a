"""Domain errors. The CLI turns each into a one-line message naming the file and the reason."""

from __future__ import annotations


class ChidaoError(Exception):
    """Base class: everything chidao raises on purpose."""


class ReadError(ChidaoError):
    """A file could not be read as a directive (missing, binary, wrong format, no text layer …)."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ExtractionError(ChidaoError):
    """The parser hit something it cannot represent (never raised for merely unusual text)."""


class StoreError(ChidaoError):
    """The graph store could not be opened, read or written."""


class QueryError(ChidaoError):
    """A stored or ad-hoc query is unknown, lacks a parameter, or failed to run."""
