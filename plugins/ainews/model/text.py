"""Clean-up applied to every text value editors write (front matter and registries)."""

from __future__ import annotations

import re

# Bidi embedding/override/isolate controls can visually reverse the rest of a line (a title
# in a browser tab, a share card); news text never needs them, so they are dropped.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi(text: str) -> str:
    return _BIDI_CONTROLS.sub("", text)
