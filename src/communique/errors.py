"""Errors reported to users as messages, not tracebacks."""


class CommuniqueError(Exception):
    """Base class for user-facing errors."""


class DictionaryError(CommuniqueError):
    """A dictionary or ontology file is malformed (message names file and line)."""


class InputError(CommuniqueError):
    """An input record could not be read."""


def read_yaml(path):
    """A YAML file's data; a syntax or read error is a DictionaryError with file and line."""
    import yaml

    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise DictionaryError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except OSError as exc:
        raise DictionaryError(f"{path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise DictionaryError(f"{path}: not UTF-8: {exc.reason}") from None
