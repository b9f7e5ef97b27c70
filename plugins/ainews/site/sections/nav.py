"""Header tabs of the sections: a `nav:` entry for a section page the build did not make is dropped.

mkdocs.yml lists every tab in the site's order (最新ニュース, AI日報, Hacker日報, ...).
A section that is switched off or has nothing to show makes no page, and MkDocs
would fail `--strict` on the entry pointing at it; dropping the entry instead is
what leaves an empty section out of the header.
"""

from __future__ import annotations

from typing import Any, Collection


def _target(item: Any) -> Any:
    return next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item


def prune_nav(nav: list[Any] | None, owned: Collection[str], made: Collection[str]) -> list[Any] | None:
    """``nav`` without the entries that point at a page in ``owned`` but not in ``made``.

    A section of the menu left empty by that goes too; every other entry stays as written,
    so a mistyped page still gets MkDocs' own warning.
    """
    if nav is None:
        return None
    kept: list[Any] = []
    for item in nav:
        target = _target(item)
        if isinstance(target, str):
            if target in owned and target not in made:
                continue
            kept.append(item)
        elif isinstance(target, list):
            children = prune_nav(target, owned, made)
            if children:
                kept.append({next(iter(item)): children} if isinstance(item, dict) else children)
        else:
            kept.append(item)
    return kept
