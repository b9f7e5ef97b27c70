"""Clean-up and checks applied to every text value editors write (front matter and registries).

Three rules, one place: bidi controls are dropped (they can reverse the rest of a
line); a control character (NUL, ESC, ... anything of C0 or C1 but tab and newline)
is refused, named as U+XXXX, since it would go raw into HTML, feeds and terminals;
and text with nothing visible in it (zero-width spaces, joiners, BOMs, variation
selectors, fillers) is refused rather than published as an empty-looking title.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable

from .messages import Msg, msg

# Bidi embedding/override/isolate controls can visually reverse the rest of a line (a title
# in a browser tab, a share card); news text never needs them, so they are dropped.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0 and C1 controls and DEL; tab and newline are ordinary in multi-line text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that draw nothing but are not format characters (category Cf, all invisible):
# variation selectors, the combining grapheme joiner, Hangul fillers, the Braille blank.
_INVISIBLE_EXTRA = frozenset(
    [chr(c) for c in range(0xFE00, 0xFE10)] + [chr(c) for c in range(0xE0100, 0xE01F0)]
    + [chr(c) for c in range(0x180B, 0x1810)] + ["\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"])


def strip_bidi(text: str) -> str:
    return _BIDI_CONTROLS.sub("", text)


def is_invisible(ch: str) -> bool:
    """True for a character that draws nothing: white space, a format or control character, a selector."""
    return ch.isspace() or ch in _INVISIBLE_EXTRA or unicodedata.category(ch) in ("Cf", "Cc")


def first_control(text: str) -> str | None:
    """The first control character in ``text`` (not tab or newline) as ``U+001B``, or None."""
    found = _CONTROL.search(text)
    return None if found is None else f"U+{ord(found.group(0)):04X}"


def text_problem(text: str) -> Msg | None:
    """Why ``text`` as written (before bidi controls are dropped) cannot be used, or None.

    Blank text is no problem here: whether it may be absent is the field's business.
    """
    control = first_control(text)
    if control is not None:
        return msg("must not contain the control character {char}", char=control)
    text = text.strip()
    if text and all(map(is_invisible, text)):
        return msg("has no visible characters (only {char} and the like); write text or leave the field out",
                   char=f"U+{ord(text[0]):04X}")
    return None


def _regex_class(test: Callable[[str], bool]) -> str:
    """The Basic Multilingual Plane characters passing ``test`` as a regex class body of escaped ranges.

    ``\\uXXXX`` escapes read the same in Python and in ECMAScript with or without the u
    flag; characters beyond U+FFFF are left out, since a JavaScript regex without that flag
    sees them as two surrogates and a range of them is a syntax error there.
    """
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF or not test(chr(code)):
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


@functools.cache
def schema_patterns() -> tuple[str, str, str]:
    """The text rules as JSON Schema patterns (ECMAScript regexes, for editors' tools):
    no control character; blank or something visible; something visible (required text).

    Exact for the Basic Multilingual Plane; text made only of invisible characters beyond
    it (U+E0100 variation selectors, tag characters) passes the schema, and the build,
    the authority, refuses it.
    """
    invisible = _regex_class(is_invisible)
    blank = _regex_class(str.isspace)
    return (r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$", f"^[{blank}]*$|[^{invisible}]", f"[^{invisible}]")
