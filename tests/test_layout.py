"""The package's layout: subpackages import each other in one direction only.

The pipeline reads model -> index -> render -> site -> cards -> news -> cli; a
lower room importing a higher one (or two rooms importing each other) would tie
them together again, so the import graph between subpackages must have no cycle.
Imports inside functions count too: they are cycles all the same.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "plugins" / "ainews"


def imported_modules(path: Path) -> list[tuple[str, ...]]:
    """Every module an ainews file imports, as absolute dotted parts."""
    relative = path.relative_to(PACKAGE.parent).with_suffix("").parts
    own_package = relative[:-1]          # for __init__.py too: relative imports start from the package
    found: list[tuple[str, ...]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = own_package[:len(own_package) - node.level + 1] if node.level else ()
            module = tuple(node.module.split(".")) if node.module else ()
            found.append(base + module)
        elif isinstance(node, ast.Import):
            found.extend(tuple(alias.name.split(".")) for alias in node.names)
    return found


def subpackage_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        room = parts[0] if len(parts) > 1 else ""
        for module in imported_modules(path):
            if module[:1] == ("ainews",) and module[1:2] != (room,):
                graph[room].add(module[1] if len(module) > 1 else "")   # "": the ainews package itself
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path (first node repeated at the end), or None."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        trail.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return trail[trail.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = "done"
        trail.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle_between_subpackages() -> None:
    graph = subpackage_graph()
    assert graph["news"] and graph["cli"], "the graph was not read"   # the adapter and CLI import the rooms below
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_lowest_rooms_import_nothing_above_them() -> None:
    graph = subpackage_graph()
    assert graph.get("model", set()) == set()
    assert graph["index"] <= {"model"} and graph["render"] <= {"model"}
    assert "" not in {room for targets in graph.values() for room in targets}   # nothing imports ainews/__init__
