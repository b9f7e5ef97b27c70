"""Limits on an article body's shape that keep its rendering bounded, checked at validation.

Python-Markdown recurses once per nesting level (500 nested list items or 600
nested `<div markdown="1">` raise RecursionError) and some inline patterns are
quadratic: 2,000 `[` in one paragraph take 6 s, 4,000 take 29 s; 20,000 `&#x41;`
take 6 s; 500 nested `>` quotes 14 s. No news article comes near these shapes,
so validation refuses them with a `body: ...` line that names the line, and
`ainews check` and the build agree. (render/budget.py is the safety net for any
pattern not listed here: a time limit per body.)
"""

from __future__ import annotations

import re

from .messages import msg

MAX_NESTING = 40            # list levels, quote levels and nested HTML blocks
MAX_INDENT = 4 * MAX_NESTING  # columns of leading space: 40 nested lists at 4 columns each
MAX_BRACKETS = 400          # `[` in one paragraph outside code (0.2 s at 400)
MAX_ENTITIES = 4000         # `&` in one paragraph outside code

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_QUOTES = re.compile(r"^(?:[ \t]*>)+")
_HTML_BLOCK = re.compile(r"<(/?)(div|section|article|aside|details|blockquote|figure|ul|ol|li|table|"
                         r"tbody|thead|tr|td|th|dl|dd|main|header|footer|nav)\b[^>]*?(/?)>", re.I)


def _indent(line: str) -> int:
    stripped = line.lstrip(" \t")
    head = line[:len(line) - len(stripped)]
    return sum(4 if ch == "\t" else 1 for ch in head)


def body_problems(text: str, part: str = "body", first_line: int = 1) -> list[tuple[str, str]]:
    """``(field, message)`` for each limit ``text`` breaks, at most one per kind, with its line
    in the file (``text`` starts at line ``first_line``)."""
    found: dict[str, tuple[str, str]] = {}
    depth = 0
    fence: str | None = None
    brackets = entities = 0
    start = first_line
    for number, line in enumerate(text.split("\n"), start=first_line):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        if not line.strip():
            brackets = entities = 0
            start = number + 1
            continue
        if _indent(line) > MAX_INDENT and "indent" not in found:
            found["indent"] = (part, msg("line {line} is indented more than {limit} columns (nesting too deep)",
                                         line=number, limit=MAX_INDENT))
        quotes = _QUOTES.match(line)
        if quotes and quotes.group(0).count(">") > MAX_NESTING and "quote" not in found:
            found["quote"] = (part, msg("line {line} nests more than {limit} quote levels",
                                        line=number, limit=MAX_NESTING))
        for tag in _HTML_BLOCK.finditer(line):
            if tag.group(3):
                continue
            depth = max(0, depth - 1) if tag.group(1) else depth + 1
            if depth > MAX_NESTING and "html" not in found:
                found["html"] = (part, msg("line {line} nests more than {limit} HTML blocks",
                                           line=number, limit=MAX_NESTING))
        brackets += line.count("[")
        entities += line.count("&")
        if brackets > MAX_BRACKETS and "brackets" not in found:
            found["brackets"] = (part, msg("the paragraph from line {line} has more than {limit} '['",
                                           line=start, limit=MAX_BRACKETS))
        if entities > MAX_ENTITIES and "entities" not in found:
            found["entities"] = (part, msg("the paragraph from line {line} has more than {limit} '&'",
                                           line=start, limit=MAX_ENTITIES))
    return list(found.values())
