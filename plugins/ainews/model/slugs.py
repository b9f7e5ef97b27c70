"""Slugs: the identity of tags, sources and articles in URLs."""

from __future__ import annotations

import re
import unicodedata

# Anything that is not a letter or a digit, in any script; `_` is excluded from \w here.
_NOT_ALNUM = re.compile(r"[\W_]+")
# What an article slug may be: it becomes a folder name, so no dots, slashes or spaces.
# `\Z`, not `$`: `$` also matches before a final newline, which would reach the folder name.
# A slug is a folder name and a URL path segment: file systems and hosts allow about 255
# bytes per name, and card file names add a suffix, so 200 (validation refuses longer ones).
MAX_SLUG_BYTES = 200
ARTICLE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,%d}\Z" % (MAX_SLUG_BYTES - 1))


def slugify(name: str) -> str:
    """Return the slug of a tag or source name as the content model defines it.

    NFKC-normalise, lower-case, replace each run of non letters/digits with one
    ``-`` and trim ``-`` at both ends: ``LLM Safety`` -> ``llm-safety``,
    ``生成AI`` -> ``生成ai``.
    """
    # Invisible format characters (zero-width space, joiners, bidi controls) are dropped first,
    # so `Anthro\u200bpic` is the tag `anthropic`, not a look-alike `anthro-pic`.
    visible = "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
    folded = unicodedata.normalize("NFKC", visible).lower()
    return _NOT_ALNUM.sub("-", folded).strip("-")
