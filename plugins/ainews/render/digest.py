"""A digest of template data that is the same in every process and on every machine.

Python's ``hash`` of a string changes with each process (hash randomisation),
so a cache kept between `mkdocs build` runs needs its own: `stable_digest`
walks the data (strings, numbers, dates, enums, paths, tuples, lists, dicts,
sets and dataclasses such as `Article`) and hashes a canonical encoding of it.
Anything else raises `Unstable`: an object whose content cannot be read has
no trustworthy digest, and its page is then simply rendered, never reused.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from pathlib import PurePath
from typing import Any


class Unstable(TypeError):
    """The value holds an object this module cannot digest."""


class Digester:
    """`digest` of many values; a dataclass instance met again (an article on many listing
    pages) is digested once. Keep one per build: the memo holds the instances it saw."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, bytes]] = {}

    def digest(self, value: Any) -> bytes:
        """32 bytes that change whenever ``value``'s content does."""
        parts: list[bytes] = []
        self._encode(value, parts)
        return hashlib.sha256(b"".join(parts)).digest()

    def lenient(self, value: Any, depth: int = 0) -> Any:
        """``value`` made digestible where it holds configuration objects: a mapping becomes a
        dict, a function its dotted name, another object its class and attributes. What has
        neither (its repr shows a memory address) still raises `Unstable`."""
        if depth > 12:
            raise Unstable("too deeply nested")
        if value is None or isinstance(value, (str, int, float, bytes, enum.Enum, dt.date, dt.time, dt.timedelta,
                                               PurePath)):
            return value
        if isinstance(value, (list, tuple)):
            return [self.lenient(item, depth + 1) for item in value]
        if isinstance(value, (set, frozenset)):
            return sorted((self.lenient(item, depth + 1) for item in value), key=self.digest)
        if isinstance(value, Mapping):   # pairs in their order (keys may not be hashable once made lenient)
            return [("mapping",)] + [(self.lenient(key, depth + 1), self.lenient(item, depth + 1))
                                     for key, item in value.items()]
        if is_dataclass(value) and not isinstance(value, type):
            return value
        if isinstance(value, functools.partial):
            return ("partial", self.lenient(value.func, depth + 1), self.lenient(value.args, depth + 1),
                    self.lenient(value.keywords, depth + 1))
        if callable(value) and hasattr(value, "__qualname__"):
            return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
        if hasattr(value, "__dict__"):
            return (type(value).__qualname__, self.lenient(vars(value), depth + 1))
        text = repr(value)
        if " at 0x" in text:
            raise Unstable(f"no stable digest for {text}")
        return (type(value).__qualname__, text)

    def _encode(self, value: Any, out: list[bytes]) -> None:
        kind = type(value)
        if value is None or kind is bool:
            out.append(b"b%r;" % value)
        elif isinstance(value, str):   # Markup is kept apart from str: templates escape them differently
            data = value.encode("utf-8", "surrogatepass")
            out.append(b"s%s:%d:" % (kind.__name__.encode(), len(data)))
            out.append(data)
        elif isinstance(value, enum.Enum):
            out.append(f"e{kind.__qualname__}.{value.name};".encode())
        elif kind in (int, float):
            out.append(b"n%r;" % value)
        elif isinstance(value, (dt.datetime, dt.time)):
            out.append(f"t{kind.__name__}{value.isoformat()}|{value.tzinfo!s};".encode())
        elif isinstance(value, (dt.date, dt.timedelta)):
            out.append(f"t{value!r};".encode())
        elif isinstance(value, PurePath):
            self._encode(value.as_posix(), out)
        elif isinstance(value, bytes):
            out.append(b"y%d:" % len(value))
            out.append(value)
        elif isinstance(value, (tuple, list)):
            out.append(b"l%d[" % len(value))
            for item in value:
                self._encode(item, out)
            out.append(b"]")
        elif isinstance(value, dict):
            items = sorted(((self.digest(key), item) for key, item in value.items()), key=lambda pair: pair[0])
            out.append(b"d%d{" % len(items))
            for key_digest, item in items:
                out.append(key_digest)
                self._encode(item, out)
            out.append(b"}")
        elif isinstance(value, (set, frozenset)):
            out.append(b"S%d{" % len(value))
            out.extend(sorted(self.digest(item) for item in value))
            out.append(b"}")
        elif is_dataclass(value) and not isinstance(value, type):
            out.append(self._dataclass(value))
        else:
            raise Unstable(f"no stable digest for a {kind.__module__}.{kind.__qualname__}")

    def _dataclass(self, value: Any) -> bytes:
        known = self._memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        parts = [f"c{type(value).__module__}.{type(value).__qualname__}(".encode()]
        for field in fields(value):
            parts.append(field.name.encode() + b"=")
            self._encode(getattr(value, field.name), parts)
        digest = hashlib.sha256(b"".join(parts)).digest()
        self._memo[id(value)] = (value, digest)   # the value is kept, so its id is not reused
        return digest


def stable_digest(value: Any) -> str:
    """The hex digest of ``value`` (see `Digester`); raises `Unstable` for unknown objects."""
    return Digester().digest(value).hex()


__all__ = ["Digester", "Unstable", "stable_digest"]
