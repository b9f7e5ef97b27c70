"""What an article is about, as features for related articles: content terms, named entities, tags.

Japanese has no spaces, and a dictionary tokenizer would split a new product
name unpredictably, so content terms are character bigrams of kanji and
katakana runs (``半導体工場`` → 半導, 導体, 体工, 工場) plus whole katakana
words, and lower-cased Latin words. Hiragana is left out: it is mostly
grammar. Entities are the names in the headline parts (title, original title,
TL;DR, key-point titles): Latin words with a capital or a digit, a name
followed by its version (``Opus 5``, ``Gemini 3.5``), and katakana words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ..model.article import Article

LEAD_CHARS = 150              # how much of the translation counts as its leading text (about two sentences)
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.\-+][A-Za-z0-9]+)*")
# Every overlapping pair of kanji/katakana in one regex pass (a lookahead that captures two).
_BIGRAM = re.compile(r"(?=([\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff々〆ヶー]{2}))")
_KATAKANA = re.compile(r"[\u30a0-\u30ffー]{3,}")
_VERSIONED = re.compile(r"\b([A-Za-z][A-Za-z-]*)[ -]?(\d+(?:\.\d+)?)\b")
_MARKUP = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]+>|[#*_`>|]")
# Function words and newsroom words that say nothing about the story.
_STOP = frozenset("""
a an and are as at be by for from has have in into is it its of on or our that the their this to was were
will with we you not but can new how what why when which who more than about after over its they been
ai llm llms model models one two three says said part via vs
""".split())


_TF = [0.0] + [1 + math.log(n) for n in range(1, 64)]


def tf_weight(count: int) -> float:
    """1 + log(count): a term said twice counts more than once, not twice as much."""
    return _TF[count] if count < len(_TF) else 1 + math.log(count)


@dataclass(frozen=True)
class ArticleFeatures:
    content: Counter[str]         # term -> count
    entities: frozenset[str]
    tags: frozenset[str]


def _latin_terms(text: str) -> list[str]:
    return [w for w in _LATIN.findall(text.lower()) if w not in _STOP and (len(w) > 2 or not w.isalpha())]


def _japanese_terms(text: str) -> list[str]:
    return _KATAKANA.findall(text) + _BIGRAM.findall(text)


def content_terms(text: str) -> Counter[str]:
    """Counts of the content terms of ``text`` (Markdown links and markup ignored).

    Latin words and Japanese bigrams cannot collide, so neither needs a prefix.
    """
    plain = _MARKUP.sub(" ", text)
    return Counter(_latin_terms(plain) + _japanese_terms(plain))


def entities(text: str) -> frozenset[str]:
    """Names in ``text``: capitalised or numbered Latin words, versioned names, katakana words."""
    found = {w.lower() for w in _LATIN.findall(text)
             if (w[0].isupper() or any(c.isdigit() for c in w)) and w.lower() not in _STOP}
    found |= {f"{name.lower()} {version}" for name, version in _VERSIONED.findall(text)
              if name.lower() not in _STOP}
    found |= set(_KATAKANA.findall(text))
    return frozenset(f"name:{e}" for e in found)


def article_features(article: Article) -> ArticleFeatures:
    """An article's features."""
    headline = " ".join([article.title, article.original_title or "", article.tldr,
                         *(point.title for point in article.key_points)])
    counts = content_terms(headline + "\n" + article.translation[:LEAD_CHARS])
    return ArticleFeatures(
        content=counts,
        entities=entities(headline),
        tags=frozenset(f"tag:{t.slug}" for t in article.tags),
    )
