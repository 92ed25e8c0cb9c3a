"""One exception tree for warmonitor, with stable codes.

::

    WarmonitorError (WM000)
    ├── InputError (WM100)            an input cannot be read: the article is rejected, the run goes on
    │   ├── EmptyInput (WM101)
    │   ├── BinaryInput (WM102)
    │   ├── EncodingError (WM103)     not valid UTF-8 (or the declared encoding)
    │   ├── UnreadableInput (WM104)   missing, a directory without an article, permission denied
    │   ├── TooLarge (WM105)
    │   ├── UnsupportedFormat (WM106)
    │   └── NoText (WM107)            parsed, but no article text found (e.g. hostile or empty HTML)
    ├── ResourceError (WM200)         a model, gazetteer or registry is missing or broken
    │   ├── ModelMissing (WM201)      the message gives the exact install line
    │   ├── DataFileError (WM202)     a data file fails its schema
    │   └── DependencyMissing (WM203) an optional dependency is not installed; the message gives the
    │                                 install line
    ├── StoreError (WM300)            the store cannot be opened or written (``transient`` tells whether
    │                                 retrying can help, e.g. a locked database)
    └── UsageError (WM400)            bad arguments to a library call or command

Each error has ``code`` (stable, for logs and the rejection table), ``transient`` (retrying may help)
and ``str()`` is one line naming the input and the reason.
"""
from __future__ import annotations


class WarmonitorError(Exception):
    code = "WM000"
    transient = False

    def __init__(self, message: str, *, input: str | None = None) -> None:
        self.input = input
        self.reason = message
        super().__init__(f"{input}: {message}" if input else message)


class InputError(WarmonitorError):
    code = "WM100"


class EmptyInput(InputError):
    code = "WM101"


class BinaryInput(InputError):
    code = "WM102"


class EncodingError(InputError):
    code = "WM103"


class UnreadableInput(InputError):
    code = "WM104"


class TooLarge(InputError):
    code = "WM105"


class UnsupportedFormat(InputError):
    code = "WM106"


class NoText(InputError):
    code = "WM107"


class ResourceError(WarmonitorError):
    code = "WM200"


class ModelMissing(ResourceError):
    code = "WM201"


class DataFileError(ResourceError):
    code = "WM202"


class DependencyMissing(ResourceError):
    code = "WM203"


class StoreError(WarmonitorError):
    code = "WM300"


class UsageError(WarmonitorError):
    code = "WM400"


__all__ = [
    "WarmonitorError",
    "InputError",
    "EmptyInput",
    "BinaryInput",
    "EncodingError",
    "UnreadableInput",
    "TooLarge",
    "UnsupportedFormat",
    "NoText",
    "ResourceError",
    "ModelMissing",
    "DataFileError",
    "DependencyMissing",
    "StoreError",
    "UsageError",
]
