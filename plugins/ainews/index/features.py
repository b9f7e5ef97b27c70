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
from typing import Sequence

import numpy as np

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


def _headline(article: Article) -> str:
    return " ".join([article.title, article.original_title or "", article.tldr,
                     *(point.title for point in article.key_points)])


def article_features(article: Article) -> ArticleFeatures:
    """An article's features."""
    headline = _headline(article)
    counts = content_terms(headline + "\n" + article.translation[:LEAD_CHARS])
    return ArticleFeatures(
        content=counts,
        entities=entities(headline),
        tags=frozenset(f"tag:{t.slug}" for t in article.tags),
    )


# The code points _BIGRAM takes, as ranges for NumPy: katakana (with ー and ヶ), CJK
# extension A, CJK unified ideographs, 々 and 〆.
_BIGRAM_RANGES = ((0x30A0, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x3005, 0x3006))
_CODE_BITS = 21   # a code point fits in 21 bits; a bigram is two of them


@dataclass(frozen=True)
class FeatureTable:
    """Every article's features as flat arrays, one row per (article, feature).

    ``group`` is 0 for content terms, 1 for names, 2 for tags; ``count`` is how often a
    content term occurs (1 for names and tags); ``names[feature]`` is the feature's key,
    exactly as `article_features` spells it.
    """

    article: np.ndarray
    feature: np.ndarray
    count: np.ndarray
    group: np.ndarray
    names: list[str]


def feature_table(articles: Sequence[Article]) -> FeatureTable:
    """The features of ``articles`` (the same as `article_features` of each), for many at once.

    Japanese bigrams, most of the terms, are found with NumPy over all the texts at once
    instead of one Python string per bigram; the rest (Latin words, katakana words, names,
    tags) is small and found per article.
    """
    plains: list[str] = []
    keys: list[str] = []          # everything but bigrams, article by article
    counts: list[int] = []
    sizes: list[int] = []         # per article: how many content words, names and tags
    for article in articles:
        headline = _headline(article)
        plain = _MARKUP.sub(" ", headline + "\n" + article.translation[:LEAD_CHARS])
        plains.append(plain)
        words = Counter(_latin_terms(plain) + _KATAKANA.findall(plain))
        found = entities(headline)
        tags = dict.fromkeys(f"tag:{t.slug}" for t in article.tags)
        keys += [*words, *found, *tags]
        counts += [*words.values(), *[1] * (len(found) + len(tags))]
        sizes += [len(words), len(found), len(tags)]
    bigram_article, bigram_id, bigram_count, names = _bigrams(plains)
    ids = {key: n for n, key in enumerate(names)}
    for key in dict.fromkeys(keys):
        if key not in ids:    # never a bigram: katakana words are 3 characters or more
            ids[key] = len(names)
            names.append(key)
    slots = np.repeat(np.arange(len(sizes)), sizes)     # article * 3 + group
    return FeatureTable(
        article=np.concatenate([bigram_article, slots // 3]),
        feature=np.concatenate([bigram_id,
                                np.fromiter(map(ids.__getitem__, keys), dtype=np.int64, count=len(keys))]),
        count=np.concatenate([bigram_count, np.array(counts, dtype=np.int64)]),
        group=np.concatenate([np.zeros(len(bigram_article), dtype=np.int64), slots % 3]),
        names=names,
    )


def _bigrams(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Every bigram of each text: (text number, bigram id, count) arrays and the bigrams by id.

    Ids follow code-point order. One sort of (bigram, text) integers gives both the counts
    and the ids.
    """
    joined = "\n".join(texts)           # a newline is not Japanese: no bigram spans two texts
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    japanese = np.zeros(len(points), dtype=bool)
    for low, high in _BIGRAM_RANGES:
        japanese |= (points >= low) & (points <= high)
    starts = np.flatnonzero(japanese[:-1] & japanese[1:])
    if len(starts) == 0:
        nothing = np.empty(0, dtype=np.int64)
        return nothing, nothing, nothing, []
    text = np.repeat(np.arange(len(texts), dtype=np.int64), [len(t) + 1 for t in texts])[starts]
    text_bits = max(len(texts).bit_length(), 1)
    keys = (points[starts].astype(np.int64) << (_CODE_BITS + text_bits)
            | points[starts + 1].astype(np.int64) << text_bits | text)
    keys.sort()
    first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    counts = np.diff(np.r_[first, len(keys)])
    keys = keys[first]
    code = keys >> text_bits
    new_code = np.r_[True, code[1:] != code[:-1]]
    mask = (1 << _CODE_BITS) - 1
    names = [chr(c >> _CODE_BITS) + chr(c & mask) for c in code[new_code].tolist()]
    return keys & ((1 << text_bits) - 1), np.cumsum(new_code) - 1, counts, names
