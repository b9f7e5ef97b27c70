"""Clean-up and checks applied to every text value editors write (front matter and registries).

Three rules, one place: bidi controls are dropped (they can reverse the rest of a
line); a control character (NUL, ESC, ... anything of C0 or C1 but tab and newline)
is refused, named as U+XXXX, since it would go raw into HTML, feeds and terminals;
and text with nothing visible in it (zero-width spaces, joiners, BOMs, variation
selectors, fillers) is refused rather than published as an empty-looking title.
"""

from __future__ import annotations

import re
import unicodedata

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
