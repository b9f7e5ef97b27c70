"""What an article is about, as features for related articles: content terms, named entities, tags.

Japanese has no spaces, and a dictionary tokenizer would split a new product
name unpredictably, so content terms are character bigrams of kanji and
katakana runs (``半導体工場`` → 半導, 導体, 体工, 工場) plus whole katakana
words, and lower-cased Latin words. Hiragana is left out: it is mostly
grammar. Entities are the names in the headline parts (title, TL;DR, key-point
titles): in Japanese text a Latin word is almost always a name, so every Latin
word with a capital or a digit counts, and so does a name followed by its
version (``Opus 5``, ``Gemini 3.5``). An English original title capitalises
ordinary words (``Introducing``, ``Open Weights``), so only its unmistakable
names count: a digit, a capital after the first letter (``OpenAI``) or all
capitals (``MCP``). Katakana words are loanwords far more often than names
(データ, モデル, エージェント): they are content terms, weighted by rarity, not
names. The article's own source (``Hacker News``, ``HN``, ``Simon Willison``)
says who published it, not what it is about, and is left out of its names.
"""

from __future__ import annotations

import functools
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
# A name and its version apart (``Opus 5``); ``gpt-oss-2`` is already one Latin word.
_VERSIONED = re.compile(r"\b([A-Za-z][A-Za-z-]*[A-Za-z]) (\d+(?:\.\d+)?)\b")
_MARKUP = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]+>|[#*_`>|]")
# For many texts joined by _SEP (feature_table): the same patterns, none crossing a separator.
# The single markup characters are left in: no term contains one, so they part terms as a
# space does.
_SEP = "\x00"
_SEP_POINT = 0
_MARKUP_JOINED = re.compile(r"\]\([^)\x00]*\)|https?://[^\s\x00]+|<[^>\x00]+>")
# The only characters that lower-case to ASCII letters (K is the Kelvin sign): without them,
# the Latin words of a lower-cased text are the lower-cased Latin words of the text.
_LOWER_TO_ASCII = ("\u0130", "\u212a")
_LATIN_OR_SEP = re.compile(r"\x00|" + _LATIN.pattern)
# Function words and newsroom words that say nothing about the story.
_STOP = frozenset("""
a an and are as at be by for from has have in into is it its of on or our that the their this to was were
will with we you not but can new how what why when which who more than about after over its they been
ai llm llms model models one two three says said part via vs
""".split())
# Everyday technical words written in capitals: shared by many stories, naming none of them.
_GENERIC_NAMES = _STOP | frozenset("""
api apis gpu gpus cpu npu tpu gb tb mb pc ram db url urls cli sdk ui ux os app apps faq pdf json http https
ceo cto ask show tell version apache mit gpl bsd
""".split())
# A bare version (``v3``) says which release, not of what.
_BARE_VERSION = re.compile(r"v\d+(?:\.\d+)*")
# A run of capitalised words (``Zvi Mowshowitz``, ``Hacker News``): a source's name with its person.
_CAPITALISED_RUN = re.compile(r"[A-Z][A-Za-z0-9'’.-]*(?:\s+[A-Z][A-Za-z0-9'’.-]*)*")


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


def entities(text: str, original: str = "", source: str = "") -> frozenset[str]:
    """Names in ``text`` (the Japanese headline parts) and ``original`` (an English title).

    ``text``: Latin words with a capital or digit and versioned names; ``original``:
    words with a digit or a capital after a letter, and versioned names. Licence names,
    bare versions (``v3``) and everyday capitalised words (``API``, ``GPU``) are not names. The
    words of ``source`` (the article's source name), its initials and any run of
    capitalised words containing one of them are left out.
    """
    both = text + "\n" + original
    digit, inner_capital = _DIGIT.search, _INNER_CAPITAL.search
    found = {w.lower() for w in _LATIN.findall(text) if w[0].isupper() or digit(w)}
    found.update(w.lower() for w in _LATIN.findall(original) if digit(w) or inner_capital(w))
    found -= _GENERIC_NAMES
    found.update(f"{name.lower()} {version}" for name, version in _VERSIONED.findall(both)
                 if name.lower() not in _GENERIC_NAMES)
    own = _source_words(source)
    if found & own:
        # The source's words are in the text: so is its person (``Zvi Mowshowitz``) beside them.
        own = own.union(*(run for run in map(_lower_words, _CAPITALISED_RUN.findall(both)) if run & own))
        found -= own
    return frozenset(f"name:{e}" for e in found if len(e) > 1 and not _BARE_VERSION.fullmatch(e))


# Latin words (`_LATIN`) hold ASCII letters, digits and . - + only, so these ASCII patterns
# decide what str.isdigit / isupper / isalpha would, in one C call per word.
_DIGIT = re.compile(r"[0-9]")
# ``OpenAI``, ``MCP``, ``LoRA``: a capital right after a letter (not ``Large-Scale``).
_INNER_CAPITAL = re.compile(r"[A-Za-z][A-Z]")


def _lower_words(text: str) -> set[str]:
    return {w.lower() for w in _LATIN.findall(text)}


@functools.lru_cache(maxsize=1024)
def _source_words(source: str) -> frozenset[str]:
    """The words of a source's name and its initials (``Hacker News``: hacker, news, hn)."""
    capitals = "".join(w[0] for w in _LATIN.findall(source) if w[0].isupper())
    return frozenset((_lower_words(source) - _GENERIC_NAMES) | ({capitals.lower()} if len(capitals) >= 2 else set()))


def _headline(article: Article) -> str:
    return " ".join([article.title, article.original_title or "", article.tldr,
                     *(point.title for point in article.key_points)])


def article_entities(article: Article) -> frozenset[str]:
    """The names of an article's headline parts (`entities`), its own source's name left out."""
    japanese = " ".join([article.title, article.tldr, *(point.title for point in article.key_points)])
    return entities(japanese, article.original_title or "", article.source.name)


def article_features(article: Article) -> ArticleFeatures:
    """An article's features."""
    return ArticleFeatures(
        content=content_terms(_feature_text(article)),
        entities=article_entities(article),
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

    Content terms are found in one pass of each regex over all the texts joined (a
    separator no pattern crosses marks where each text ends), then counted with NumPy:
    no Python work per article or per word, only per distinct word. Names
    (`article_entities`) and tags are found per article.
    """
    texts = [_feature_text(article) for article in articles]
    if any(_SEP in text for text in texts):     # the separator would be read as a text's end: one by one
        return _table_of([article_features(article) for article in articles])
    plain = _MARKUP_JOINED.sub(" ", _SEP.join(texts))
    points = np.frombuffer(plain.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    ends = np.flatnonzero(points == _SEP_POINT)
    bigram_article, bigram_id, bigram_count, names = _bigrams(points, ends)
    # Latin words, katakana words (3 characters or more) and bigrams (2) never coincide.
    words = [_latin_words(plain, len(texts)), _katakana_words(plain, points, ends, len(texts))]
    keys: list[str] = []          # names and tags, article by article
    sizes: list[int] = []         # per article: how many names, then tags
    for article in articles:
        found = article_entities(article)
        tags = dict.fromkeys(f"tag:{t.slug}" for t in article.tags)
        keys += [*found, *tags]
        sizes += [len(found), len(tags)]
    word_ids = []
    for _text, word, _count, vocabulary in words:
        word_ids.append(word + len(names))
        names += vocabulary
    ids = {key: n for n, key in enumerate(dict.fromkeys(keys), start=len(names))}
    names += ids
    slots = np.repeat(np.arange(len(sizes)), sizes)     # article * 2 + (group - 1)
    content = len(bigram_article) + sum(len(w[0]) for w in words)
    return FeatureTable(
        article=np.concatenate([bigram_article, *(w[0] for w in words), slots // 2]),
        feature=np.concatenate([bigram_id, *word_ids,
                                np.fromiter(map(ids.__getitem__, keys), dtype=np.int64, count=len(keys))]),
        count=np.concatenate([bigram_count, *(w[2] for w in words), np.ones(len(keys), dtype=np.int64)]),
        group=np.concatenate([np.zeros(content, dtype=np.int64), 1 + slots % 2]),
        names=names,
    )


def _feature_text(article: Article) -> str:
    """What an article's content terms are taken from: its headline parts and leading text."""
    return _headline(article) + "\n" + article.translation[:LEAD_CHARS]


def _table_of(found: Sequence[ArticleFeatures]) -> FeatureTable:
    """The table of features already found, article by article (the plain way)."""
    article: list[int] = []
    keys: list[str] = []
    counts: list[int] = []
    groups: list[int] = []
    for n, features in enumerate(found):
        for group, items in enumerate((features.content, dict.fromkeys(features.entities, 1),
                                       dict.fromkeys(features.tags, 1))):
            keys += items
            counts += items.values()
            article += [n] * len(items)
            groups += [group] * len(items)
    ids = {key: n for n, key in enumerate(dict.fromkeys(keys))}
    return FeatureTable(article=np.array(article, dtype=np.int64),
                        feature=np.fromiter(map(ids.__getitem__, keys), dtype=np.int64, count=len(keys)),
                        count=np.array(counts, dtype=np.int64), group=np.array(groups, dtype=np.int64),
                        names=list(ids))


def _latin_words(joined: str, texts: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The Latin words of the joined texts (`_latin_terms`): (text number, word id, count) arrays and the words.

    The regex has the separator as an alternative, so its matches come in text order with
    the texts' ends among them; which words count is decided once per distinct word.
    """
    lowered = any(c in joined for c in _LOWER_TO_ASCII)
    found = _LATIN_OR_SEP.findall(joined.lower() if lowered else joined)
    distinct = dict.fromkeys(found)
    distinct.pop(_SEP, None)
    lower = {w: w.lower() for w in distinct}
    vocabulary = list(dict.fromkeys(w for w in lower.values() if w not in _STOP and (len(w) > 2 or not w.isalpha())))
    word_ids = {w: n for n, w in enumerate(vocabulary)}
    ids = {w: word_ids.get(low, -1) for w, low in lower.items()}
    ids[_SEP] = -2
    word = np.fromiter(map(ids.__getitem__, found), dtype=np.int64, count=len(found))
    text = np.cumsum(word == -2)
    keep = word >= 0
    return (*_count(text[keep], word[keep], texts), vocabulary)


def _katakana_words(joined: str, points: np.ndarray, ends: np.ndarray,
                    texts: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The katakana words (`_KATAKANA`: runs of 3 or more) of the joined texts, found with NumPy.

    ``points`` are the code points of ``joined`` and ``ends`` the separators' places.
    """
    katakana = np.r_[False, (points >= 0x30A0) & (points <= 0x30FF), False].view(np.int8)
    edges = np.diff(katakana)
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    long = stops - starts >= 3
    starts, stops = starts[long], stops[long]
    found = [joined[a:b] for a, b in zip(starts.tolist(), stops.tolist())]
    ids = {w: n for n, w in enumerate(dict.fromkeys(found))}
    word = np.fromiter(map(ids.__getitem__, found), dtype=np.int64, count=len(found))
    return (*_count(np.searchsorted(ends, starts), word, texts), list(ids))


def _count(text: np.ndarray, word: np.ndarray, texts: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(text, word, count) for each distinct (text, word) pair among the matches."""
    keys, counts = np.unique(word * texts + text, return_counts=True)
    return keys % texts, keys // texts, counts


def _bigrams(points: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Every bigram of each text (``points`` the joined texts' code points, ``ends`` the
    separators' places): (text number, bigram id, count) arrays and the bigrams by id.

    Ids follow code-point order. One sort of (bigram, text) integers gives both the counts
    and the ids.
    """
    japanese = np.zeros(len(points), dtype=bool)
    for low, high in _BIGRAM_RANGES:
        japanese |= (points >= low) & (points <= high)
    starts = np.flatnonzero(japanese[:-1] & japanese[1:])
    if len(starts) == 0:
        nothing = np.empty(0, dtype=np.int64)
        return nothing, nothing, nothing, []
    text = np.searchsorted(ends, starts)      # the separator is not Japanese: no bigram spans two texts
    text_bits = max(int(text[-1]).bit_length(), 1)
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
