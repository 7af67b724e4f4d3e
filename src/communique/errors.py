"""Errors reported to users as messages, not tracebacks."""


class CommuniqueError(Exception):
    """Base class for user-facing errors."""


class DictionaryError(CommuniqueError):
    """A dictionary or ontology file is malformed (message names file and line)."""


class InputError(CommuniqueError):
    """An input record could not be read."""
