"""Hints for the mistakes a Japanese keyboard makes in front matter.

An IME left in full-width mode types `４`, `：` and `　` (full-width digit, colon
and space); dates get written the Japanese way (`2026年12月1日`); a tab or one
space too many breaks YAML's indentation, and libyaml then reports something
like `did not find expected '-' indicator`, often a line below the mistake.
These functions turn such input into a line that names the mistake and the fix.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .messages import Msg, msg

_KEY = r"(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)"
_FULL_WIDTH_COLON = re.compile(rf"^[ \t]*{_KEY}[ \t\u3000]*：")
_FULL_WIDTH_SPACE = re.compile(rf"^[ \t]*{_KEY}:\u3000")
_NO_SPACE = re.compile(rf"^[ \t]*{_KEY}:(?=[^\s\u3000])")
_TAB_INDENT = re.compile(r"^[ \u3000]*\t")
_FULL_WIDTH_INDENT = re.compile(r"^[ \t]*\u3000")
# libyaml's words for a line that does not line up with the ones above it.
_INDENTATION_PROBLEMS = ("did not find expected '-' indicator", "did not find expected key",
                         "mapping values are not allowed", "expected <block end>",
                         "found a tab character", "found character that cannot start any token")
_KEY_VALUE = re.compile(rf"^[ \t]*{_KEY}:[ \t]+(.*)$")
_JAPANESE_DATE = re.compile(r"^\s*(\d{4})\s*[年/.]\s*(\d{1,2})\s*[月/.]\s*(\d{1,2})\s*日?\s*$")


def line_hint(text: str) -> tuple[int, Msg] | None:
    """The first line of a YAML text (1-based) with a keyboard mistake, and what to do about it."""
    for number, line in enumerate(text.split("\n"), start=1):
        if _TAB_INDENT.match(line):
            return number, msg("indented with a tab; indent with spaces")
        if _FULL_WIDTH_INDENT.match(line):
            return number, msg("indented with a full-width space (U+3000); indent with half-width spaces")
        found = _FULL_WIDTH_COLON.match(line)
        if found:
            return number, msg("the colon after '{key}' is full-width (：); write '{key}: ' with a half-width "
                               "colon and a space", key=found.group(1))
        found = _FULL_WIDTH_SPACE.match(line)
        if found:
            return number, msg("the space after '{key}:' is full-width (U+3000); use a half-width space",
                               key=found.group(1))
        found = _NO_SPACE.match(line)
        if found:
            return number, msg("no space after '{key}:'; write '{key}: ' and then the value", key=found.group(1))
    return None


def structure_hint(problem: str, line: str) -> Msg | None:
    """A plain explanation in place of libyaml's words, for the ``line`` where it stopped.

    A second ``: `` in a value (`impact: 影響: 大きい`) needs quotes; otherwise those
    words mean a line that does not line up with the ones above it.
    """
    found = _KEY_VALUE.match(line)
    if "mapping values are not allowed" in problem and found and ": " in found.group(2):
        return msg("the value of '{key}' has ': ' in it; put the value in quotes: {key}: \"{value}\"",
                   key=found.group(1), value=_clip(found.group(2).strip()))
    if any(words in problem for words in _INDENTATION_PROBLEMS):
        return msg("the indentation does not line up with the lines above: start each '- ' of a list in "
                   "the same column, and the fields of one item (title, detail) in the same column")
    return None


def _clip(text: str, most: int = 30) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def _half_width(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def integer_hint(value: object) -> int | None:
    """The number a full-width `４` (or `　４`) was meant to be; None when that is not the mistake."""
    if isinstance(value, str) and value != _half_width(value):
        folded = _half_width(value).strip()
        if folded.isascii() and folded.isdigit():
            return int(folded)
    return None


def date_hint(value: object) -> str | None:
    """`2026-12-01` for `2026年12月1日`, `2026/12/1` or full-width digits; None if no date is meant."""
    if not isinstance(value, str):
        return None
    folded = _half_width(value)
    found = _JAPANESE_DATE.match(folded)
    if found:
        try:
            return dt.date(*map(int, found.groups())).isoformat()
        except ValueError:
            return None
    if folded != value:   # full-width digits in an otherwise good date or datetime
        try:
            dt.datetime.fromisoformat(folded.strip())
        except ValueError:
            return None
        return folded.strip()
    return None
