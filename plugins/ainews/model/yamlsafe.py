"""Bounds on a YAML document's shape, checked before it is built into Python objects.

libyaml's composer recurses once per nesting level in C: 50,000 `[` in 100 KB kill
the build with SIGSEGV, beyond the reach of Python's recursion limit. Its event
parser keeps an explicit stack, so walking the events is safe at any depth; this
module walks them once and refuses a document that nests too deeply or whose
aliases expand to too many values (a 400-byte "billion laughs" would otherwise
cost minutes wherever the value is walked: validation, messages, templates).
"""

from __future__ import annotations

from typing import Any

import yaml

from .messages import msg

# Front matter and registries are a few levels deep; 64 leaves room for any real use.
MAX_DEPTH = 64
# Values after expanding every alias: the largest real registry holds a few thousand.
MAX_NODES = 200_000
# libyaml reads the whole text; past this a front matter or registry is a pasted mistake
# (below it, oversized fields get their own length errors).
MAX_BYTES = 64_000_000
# Below this size libyaml's recursion cannot reach the C stack's end (it needs ~40,000 levels),
# so a text without anchors (no alias expansion) skips the extra pass: most front matter.
_ALWAYS_SAFE = 16_384

_Parser: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlShapeError(yaml.MarkedYAMLError):
    """The document is too big, too deep or expands too far (``problem`` says which)."""


def check_yaml_shape(text: str, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES,
                     max_bytes: int = MAX_BYTES) -> None:
    """Raise ``yaml.YAMLError`` (with a mark where one is known) when ``text`` is too big,
    too deep or expands too far; return quietly otherwise, syntax errors included
    (the loader reports those with its own message)."""
    if len(text) < _ALWAYS_SAFE and "&" not in text:
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise YamlShapeError(problem=msg("is {size} bytes; at most {limit} are read", size=f"{size:,}", limit=f"{max_bytes:,}"))
    stack: list[list[Any]] = []          # [anchor, expanded size] per open collection
    expanded: dict[str, int] = {}        # anchor -> expanded size of its node
    root = 0

    def add(count: int, mark: Any) -> None:
        nonlocal root
        if stack:
            stack[-1][1] += count
            grown = stack[-1][1]
        else:
            root += count
            grown = root
        if grown > max_nodes:
            raise YamlShapeError(problem=msg("has aliases that expand to more than {limit} values", limit=f"{max_nodes:,}"),
                                       problem_mark=mark)

    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.AliasEvent):
                add(expanded.get(event.anchor or "", 1), event.start_mark)
            elif isinstance(event, yaml.ScalarEvent):
                if event.anchor:
                    expanded[event.anchor] = 1
                add(1, event.start_mark)
            elif isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= max_depth:
                    raise YamlShapeError(problem=msg("is nested more than {limit} levels deep", limit=max_depth),
                                               problem_mark=event.start_mark)
                stack.append([event.anchor, 1])
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, count = stack.pop()
                if anchor:
                    expanded[anchor] = count
                add(count, event.start_mark)
    except YamlShapeError:
        raise
    except yaml.YAMLError:
        return   # a plain syntax error: the loader reports it with its own wording
