"""The 目次 (table of contents) of a rendered translation, read from its headings.

Bodies are rendered once and cached as HTML (render/bodies.py), so the entries
are taken from the finished HTML rather than from Markdown's toc extension: the
same ids the page links to, whether the body came from the cache, the worker
pool or MkDocs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, MutableMapping, Sequence

from pymdownx.slugs import slugify

# Heading ids keep the Japanese words ("#モデル福祉の現状", not "#_1"): lower-cased Unicode,
# the same text always giving the same id, so links to a section survive rebuilds.
UNICODE_SLUGIFY = slugify(case="lower")

# A translation needs this many headings before a 目次 helps more than it costs in space.
MIN_HEADINGS = 3
# An article that writes its own 目次 gets no second one.
OWN_TOC_TITLES = frozenset({"目次", "もくじ", "table of contents", "contents"})

_HEADING = re.compile(r'<h([23])\b[^>]*?\sid="([^"]+)"[^>]*>(.*?)</h\1\s*>', re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# Markdown's toc extension appends a permalink anchor (¶) when configured: not part of the title.
_PERMALINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.DOTALL)


@dataclass(frozen=True)
class TocEntry:
    level: int      # 2 or 3
    id: str         # unescaped; templates escape it again
    text: str       # plain text, unescaped


def read_headings(body_html: str) -> list[TocEntry]:
    """Every h2 and h3 that has an id, in document order."""
    entries = []
    for level, ident, inner in _HEADING.findall(body_html):
        text = html.unescape(_TAG.sub("", _PERMALINK.sub("", inner))).strip()
        if text:
            entries.append(TocEntry(int(level), html.unescape(ident), " ".join(text.split())))
    return entries


def build_toc(body_html: str) -> tuple[TocEntry, ...]:
    """The 目次 entries, or () when the body has fewer than MIN_HEADINGS or its own 目次."""
    entries = read_headings(body_html)
    if len(entries) < MIN_HEADINGS or any(e.text.casefold() in OWN_TOC_TITLES for e in entries):
        return ()
    return tuple(entries)


def use_unicode_heading_ids(extensions: Sequence[Any], configs: MutableMapping[str, Any]) -> bool:
    """Give Markdown's toc extension UNICODE_SLUGIFY unless the site chose its own slugify.

    Returns True when it was set. Without it, Python-Markdown drops every non-ASCII letter
    and Japanese headings all become ``_1``, ``_2``, ...
    """
    if "toc" not in extensions and "markdown.extensions.toc" not in extensions:
        return False
    toc = configs.setdefault("toc", {})
    if "slugify" in toc:
        return False
    toc["slugify"] = UNICODE_SLUGIFY
    return True
