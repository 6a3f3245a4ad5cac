"""File-level errors: a file that cannot be read ends in one of these, never in a traceback."""

from __future__ import annotations

from typing import Literal

FileErrorCode = Literal[
    "unreadable", "encrypted", "no-text-layer", "unsupported-format", "too-large", "timeout", "not-found"
]

FILE_ERROR_CODES: tuple[FileErrorCode, ...] = (
    "unreadable",
    "encrypted",
    "no-text-layer",
    "unsupported-format",
    "too-large",
    "timeout",
    "not-found",
)


class FileError(Exception):
    """A file could not be read. ``code`` is one of the JSON contract's file-level error codes."""

    def __init__(self, code: FileErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: FileErrorCode = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class PackError(Exception):
    """A rule pack or configuration file is invalid; the message names the file and the key."""


class UsageError(Exception):
    """The command line asks for something impossible (exit 2)."""
