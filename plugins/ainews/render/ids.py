"""Element ids in a rendered body: only real ``id`` and ``href="#..."`` attributes are touched.

An article page holds two bodies and the page's own parts. The original's ids get
a prefix (each body numbers its footnotes from 1), and a body id equal to one the
page's templates use (``share-heading``, ``keypoints-heading``, ...) is renamed, so
``aria-labelledby`` and in-page links keep pointing at one element. Both walk the
HTML tag by tag: text, code spans and comments that merely look like
``id="x"`` are left exactly as written (they are what readers and the search
index see).
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import Callable, Iterable

# Comments and raw-text elements are skipped whole; any other start tag is read attribute by attribute.
_ATTRIBUTE = r"""\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_TOKEN = re.compile(r"<!--.*?-->|<(script|style|textarea|title|xmp)\b(?:%s)*\s*>.*?</\1\s*>"
                    r"|<[a-zA-Z][^\s/>]*(?:%s)*\s*/?>" % (_ATTRIBUTE, _ATTRIBUTE), re.S | re.I)
_ATTR = re.compile(r"""(\s+)([^\s"'>/=]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# The page templates that are not article pages: their ids never share a page with a body.
_OTHER_PAGES = frozenset({"404.html", "home.html", "search.html", "tag.html", "tags.html", "source.html",
                          "sources.html", "daily.html", "daily-index.html", "weekly.html", "weekly-index.html",
                          "trends.html", "companies.html", "company.html", "tools.html", "tool.html",
                          "videos.html"})
_TEMPLATE_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
# Material's own elements (__drawer, __search, __nav_2, ...): never a body's. Code line
# anchors (__codelineno-0-1, from the highlight extension) are a body's own.
THEME_ID = r"__(?!codelineno-).*"


def _value(quoted: str) -> str:
    return html.unescape(quoted[1:-1] if quoted[0] in "\"'" else quoted)


def _rewrite(markup: str, rename: Callable[[str], str | None]) -> str:
    """``markup`` with every id (and every ``href="#id"``) that ``rename`` maps to a new name changed."""
    def attribute(match: re.Match[str]) -> str:
        space, name, equals, quoted = match.groups()
        if quoted is None or name.lower() not in ("id", "href"):
            return match.group(0)
        value = _value(quoted)
        if name.lower() == "href":
            if not value.startswith("#"):
                return match.group(0)
            new = rename(value[1:])
            new = None if new is None else "#" + new
        else:
            new = rename(value)
        if new is None:
            return match.group(0)
        return f'{space}{name}{equals}"{html.escape(new, quote=True)}"'

    def token(match: re.Match[str]) -> str:
        tag = match.group(0)
        if tag.startswith("<!") or match.group(1):
            return tag
        head = re.match(r"<[^\s/>]*", tag)
        assert head is not None
        return head.group(0) + _ATTR.sub(attribute, tag[head.end():])

    return _TOKEN.sub(token, markup)


def element_ids(markup: str) -> list[str]:
    """Every id in ``markup``'s elements, unescaped, in document order."""
    found: list[str] = []
    for match in _TOKEN.finditer(markup):
        tag = match.group(0)
        if tag.startswith("<!") or match.group(1):
            continue
        for attr in _ATTR.finditer(tag):
            if attr.group(2).lower() == "id" and attr.group(4) is not None:
                found.append(_value(attr.group(4)))
    return found


def prefix_ids(markup: str, prefix: str = "original-") -> str:
    """Give every id (headings, footnotes) and every in-page link of ``markup`` a prefix."""
    return _rewrite(markup, lambda value: prefix + value)


@functools.lru_cache(maxsize=None)
def page_id_pattern(folder: Path = TEMPLATES) -> re.Pattern[str]:
    """Ids the article page's own templates give elements, read from the templates themselves.

    A template id with an expression (``tools-{{ loop.index }}``) reserves every value it can take.
    """
    patterns = {THEME_ID}
    for template in sorted(folder.rglob("*.html")):
        if template.parent == folder and template.name in _OTHER_PAGES:
            continue
        for value in _TEMPLATE_ID.findall(template.read_text(encoding="utf-8")):
            parts = _JINJA.split(value)
            if any(parts):   # an id that is all expression says nothing about which ids it takes
                patterns.add(".+".join(map(re.escape, parts)))
    return re.compile("|".join(sorted(patterns)))


def avoid_ids(markup: str, taken: Iterable[str] = (), reserved: re.Pattern[str] | None = None) -> str:
    """``markup`` whose ids clash with none of ``taken`` nor the page's own (``page_id_pattern``).

    A clashing id becomes ``id-2`` (or the next free number), and the body's own links to it follow.
    """
    reserved = reserved or page_id_pattern()
    taken = set(taken)
    own = element_ids(markup)
    clashes = {value for value in own if value in taken or reserved.fullmatch(value)}
    if not clashes:
        return markup
    used = taken | set(own)
    renamed: dict[str, str] = {}
    for value in sorted(clashes):
        base = value.lstrip("_") or "id"   # a theme id (__drawer) keeps no leading underscores
        number = 2
        while f"{base}-{number}" in used or reserved.fullmatch(f"{base}-{number}"):
            number += 1
            if number > 100:   # a template pattern takes every number: leave the pattern's space
                if base.startswith("body-"):
                    break
                base, number = f"body-{base}", 2
        renamed[value] = f"{base}-{number}"
        used.add(renamed[value])
    return _rewrite(markup, renamed.get)
