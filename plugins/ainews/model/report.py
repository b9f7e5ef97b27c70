"""Problem lists as editors read them: one safe line each, and a summary past 200.

A file name may hold a newline or an ESC (terminal escapes); printed raw it would
split a problem over two lines or recolour the terminal, so every character that
is not printable is shown escaped (``\\n``, ``\\x1b``, ``\\u202e``). Two thousand
invalid files would print twelve thousand lines: past ``MAX_SHOWN`` the list stops
and one last line gives the total and the count per field.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from .messages import msg

MAX_SHOWN = 200


def plain(text: str) -> str:
    """``text`` with every non-printable character escaped; printable text (Japanese too) as is."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _field_kind(field: str) -> str:
    # tags[3] and tags[7] are one kind of problem: count them together.
    return field.split("[", 1)[0] if "[" in field else field


def report_lines(problems: Iterable[object], limit: int = MAX_SHOWN) -> list[str]:
    """The first ``limit`` problems as lines, then (when there are more) one summary line."""
    items = list(problems)
    lines = [str(problem) for problem in items[:limit]]
    if len(items) > limit:
        kinds = Counter(_field_kind(str(getattr(p, "field", "?"))) for p in items)
        counts = ", ".join(f"{plain(kind)} {count}" for kind, count in kinds.most_common())
        lines.append(msg("... {shown} of {total} problems shown; by field: {counts}",
                         shown=limit, total=len(items), counts=counts))
    return lines
