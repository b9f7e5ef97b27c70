"""Related articles (関連記事): the same story first, by content, names, tags and time; vectorised.

Each article becomes a sparse vector of features in three groups, each group
normalised to length 1 (`features.article_features`):

- content terms of its title (Japanese and original), TL;DR, key-point titles
  and the translation's leading text: Latin words and, for Japanese, character
  bigrams of kanji and katakana runs (no dictionary needed), weighted by
  rarity (tf-idf), the strongest ``CONTENT_TERMS`` kept;
- named entities from the headline parts: model, company and product names
  (``Opus 5``, ``gpt-oss-2``, ``Gemini``), weighted by rarity;
- tags, weighted by rarity (``log((N + 1) / df)``).

The score of a pair is the weighted sum of the three cosine similarities,
raised for articles close in time (``1 + TIME_BOOST * exp(-days / TIME_SCALE)``),
so a release, its system card, the reactions and the follow-ups find each
other. As the site contract requires, every article sharing a tag comes before
any article sharing none (``TAG_TIER``); words and names order the articles
within each. Ties go to the closest in time, then to the slug. Articles sharing
nothing only fill the slots left, nearest in time first. Pins come first and
exclusions never appear.

Speed (10,000 articles well under a second): features get integer ids in one
pass and everything after is NumPy over flat arrays, with no Python loop per
feature or per pair. An inverted index (the entries sorted by feature, then
time) gives every pair sharing a feature as offsets along its posting list. A
tag used by more than ``2 * window + 1`` articles pairs each only with the
``window`` nearest in time on either side; content terms and names that common
(or used by more than half of the articles) are the site's everyday words and
are left out. So the pairs stay linear in the number of articles, and each
article keeps only the few best candidates it can show.

The preview (index/update.py) keeps the `RelatedIndex` of the last build: an
edit of an article's headline or leading text finds that article's features
again and ranks again only the articles whose blocks it can change
(`update_related`), with the same code as a full build, so every block stays
exactly a full build's.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import chain
from typing import Iterator, Sequence

import numpy as np

from ..model.article import Article
from .features import FeatureTable, feature_table

DEFAULT_WINDOW = 20
# How much each kind of evidence counts (each is a cosine similarity from 0 to 1).
GROUP_WEIGHTS = {"content": 1.0, "entity": 0.8, "tag": 1.2}
_GROUPS = tuple(GROUP_WEIGHTS)
CONTENT_TERMS = 16
TIME_BOOST = 0.5            # a same-day article's score counts up to 1.5 times
TIME_SCALE = 14 * 86400.0   # seconds: the boost falls to a third after two weeks
# Added to the score of a pair sharing a tag: more than any score can be (at most 3.0 × 1.5), so
# every article sharing a tag ranks before every article sharing only words or names.
TAG_TIER = 5.0
# Scores are rounded to this many decimals, so that the same features summed in another order tie exactly.
_DECIMALS = 9


@dataclass(frozen=True)
class _Entries:
    """The weighted features of every article, sorted by feature, then article (time order)."""

    feature: np.ndarray     # feature id
    article: np.ndarray     # article position in time order
    weight: np.ndarray      # the article's weight for the feature, group weight included
    group: np.ndarray       # 0 content, 1 names, 2 tags

    def where(self, keep: np.ndarray) -> _Entries:
        return _Entries(self.feature[keep], self.article[keep], self.weight[keep], self.group[keep])


@dataclass(frozen=True)
class RelatedIndex:
    """Related articles with what they were computed from, so that an edit recomputes only
    what it can change (`update_related`).

    ``table.names`` and ``ids`` (feature key -> id) only ever grow and are shared by the
    indexes updated from this one: ids stay valid from one update to the next.
    """

    ordered: tuple[Article, ...]             # published articles, oldest first
    position: dict[str, int]                 # slug -> place in ``ordered``
    stamps: np.ndarray
    slug_rank: np.ndarray
    table: FeatureTable
    df: np.ndarray                           # per feature id: how many articles have it
    ids: dict[str, int] | None               # made by the first update
    entries: _Entries
    chosen: tuple[tuple[int, ...], ...]      # per place: the places of its related articles
    # ``chosen`` as a (places, count) array, -1 where a block is short; made by the first update.
    grid: np.ndarray | None
    count: int
    window: int
    related: dict[str, tuple[Article, ...]]  # the blocks, by slug


def build_related(articles: Sequence[Article], count: int = 3,
                  window: int = DEFAULT_WINDOW) -> dict[str, tuple[Article, ...]]:
    """Up to ``count`` related articles per article slug. ``articles`` excludes drafts."""
    return build_related_index(articles, count, window).related


def build_related_index(articles: Sequence[Article], count: int = 3, window: int = DEFAULT_WINDOW) -> RelatedIndex:
    """`build_related`, keeping what an update needs."""
    with _no_collection():
        return _build_related_index(articles, count, window)


@contextmanager
def _no_collection() -> Iterator[None]:
    """Python's cyclic garbage collector paused: the features and blocks made here are tens of
    thousands of small containers, which set off full collections that walk the whole corpus
    (a third of the CPU time at 10,000 articles); what is made here holds no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_related_index(articles: Sequence[Article], count: int, window: int) -> RelatedIndex:
    ordered = tuple(sorted(articles, key=lambda a: (a.published, a.slug)))
    total = len(ordered)
    stamps = np.array([a.published.timestamp() for a in ordered])
    slug_rank = np.empty(total, dtype=np.int64)
    slug_rank[np.argsort(np.array([a.slug for a in ordered]), kind="stable")] = np.arange(total)
    position = {a.slug: i for i, a in enumerate(ordered)}

    table = feature_table(ordered)
    df = np.bincount(table.feature, minlength=len(table.names))     # one row per article and feature
    entries = _weighted_entries(table, df, total, window, np.ones(len(table.feature), dtype=bool))
    rows, cols, weights, tagged = _shared_feature_pairs(entries, window)
    ranked = _rank_pairs(rows, cols, weights, tagged, stamps, slug_rank, total)
    chosen = _choose_all(ordered, position, stamps, ranked, count)
    return RelatedIndex(ordered, position, stamps, slug_rank, table, df, None, entries, chosen, None,
                        count, window, _blocks(ordered, chosen))


def _grid(chosen: Sequence[tuple[int, ...]], count: int) -> np.ndarray:
    """``chosen`` as a (places, count) array, -1 where a block is short."""
    grid = np.full((len(chosen), count), -1, dtype=np.int64)
    lengths = np.fromiter(map(len, chosen), dtype=np.int64, count=len(chosen))
    rows = np.repeat(np.arange(len(chosen)), lengths)
    grid[rows, np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)] = \
        np.fromiter(chain.from_iterable(chosen), dtype=np.int64, count=len(rows))
    return grid


def _blocks(ordered: Sequence[Article], chosen: Sequence[tuple[int, ...]]) -> dict[str, tuple[Article, ...]]:
    at = ordered.__getitem__
    return {article.slug: tuple(map(at, places)) for article, places in zip(ordered, chosen)}


def update_related(index: RelatedIndex, edited: Sequence[tuple[Article, Article]],
                   features_changed: bool = True) -> tuple[RelatedIndex, set[str], set[str]]:
    """``index`` after edits (``(old, new)`` pairs of published articles) that keep each
    article's slug, time and pins: exactly what `build_related_index` gives for the edited
    site. Also the slugs whose block changed, and those whose block shows an edited article.

    Without ``features_changed`` (the caller knows no edit changed what related articles are
    computed from), only the edited objects are swapped in. Otherwise only the edited
    articles' features are found again. Rarity changes only for the features whose
    document frequency changed, so only the articles with one of them usable (before or
    after) get new vectors (``moved``). A pair's score changes only if one side moved and
    they share a content term or name (tag vectors never move: tags are part of an
    article's place); so only the moved articles and those sharing a content term or name
    with one of them, before or after, are ranked and chosen again.
    """
    edited = [(old, new) for old, new in edited if old.slug in index.position]
    if any((old.slug, old.published, old.related_pins, old.related_exclude)
           != (new.slug, new.published, new.related_pins, new.related_exclude) for old, new in edited):
        return _rebuilt(index, edited)
    if not edited:
        return index, set(), set()
    ordered = list(index.ordered)
    for _old, new in edited:
        ordered[index.position[new.slug]] = new
    ordered_t = tuple(ordered)
    places = np.array(sorted(index.position[new.slug] for _old, new in edited))
    if features_changed:
        index, again, chosen = _chosen_again(index, ordered_t, places)
    else:
        again, chosen = np.zeros(len(ordered_t), dtype=bool), list(index.chosen)
    changed = {ordered_t[i].slug for i in np.flatnonzero(again).tolist() if chosen[i] != index.chosen[i]}
    # Only the blocks chosen again or showing an edited article are new tuples: building
    # every block again would cost a garbage collection over the whole preview's memory.
    grid = (_grid(index.chosen, index.count) if index.grid is None else index.grid).copy()
    for i in np.flatnonzero(again).tolist():
        grid[i] = -1
        grid[i, :len(chosen[i])] = chosen[i]
    shows = np.isin(grid, places).any(axis=1)
    related = dict(index.related)
    at = ordered_t.__getitem__
    for i in np.flatnonzero(shows | again).tolist():
        related[ordered_t[i].slug] = tuple(map(at, chosen[i]))
    showing = {ordered_t[i].slug for i in np.flatnonzero(shows).tolist()}
    return replace(index, ordered=ordered_t, chosen=tuple(chosen), grid=grid, related=related), changed, showing


def _chosen_again(index: RelatedIndex, ordered: tuple[Article, ...],
                  places: np.ndarray) -> tuple[RelatedIndex, np.ndarray, list[tuple[int, ...]]]:
    """The index with the features of the articles at ``places`` found again in ``ordered``,
    which articles were chosen again (a mask) and every article's choice."""
    total, window, table = len(ordered), index.window, index.table
    fresh = feature_table([ordered[i] for i in places])
    names = table.names
    ids = index.ids if index.ids is not None else {key: n for n, key in enumerate(names)}
    for key in fresh.names:
        if key not in ids:
            ids[key] = len(names)
            names.append(key)
    local = np.fromiter(map(ids.__getitem__, fresh.names), dtype=np.int64, count=len(fresh.names))
    is_edited = np.zeros(total, dtype=bool)
    is_edited[places] = True
    kept = ~is_edited[table.article]
    table = FeatureTable(article=np.r_[table.article[kept], places[fresh.article]],
                         feature=np.r_[table.feature[kept], local[fresh.feature]],
                         count=np.r_[table.count[kept], fresh.count], group=np.r_[table.group[kept], fresh.group],
                         names=names)
    before = np.r_[index.df, np.zeros(len(names) - len(index.df), dtype=index.df.dtype)]
    df = np.bincount(table.feature, minlength=len(names))
    limit = _common_limit(total, window)
    rarity_changed = (df != before) & (((before >= 2) & (before <= limit)) | ((df >= 2) & (df <= limit)))
    moved = is_edited.copy()
    moved[table.article[rarity_changed[table.feature]]] = True

    part = _weighted_entries(table, df, total, window, moved[table.article])
    old_entries = index.entries
    entries = _merge(old_entries.where(~moved[old_entries.article]), part)
    again = moved | _sharing(old_entries, moved, total) | _sharing(entries, moved, total)
    # Their pairs come from the posting lists of their features, each taken whole (a long
    # list pairs by places along it).
    theirs = np.zeros(len(names), dtype=bool)
    theirs[entries.feature[again[entries.article]]] = True
    rows, cols, weights, tagged = _shared_feature_pairs(entries.where(theirs[entries.feature]), window)
    touching = again[rows] | again[cols]
    ranked = _rank_pairs(rows[touching], cols[touching], weights[touching], tagged[touching], index.stamps,
                         index.slug_rank, total)
    chosen = list(index.chosen)
    for i in np.flatnonzero(again).tolist():
        chosen[i] = _choose(ordered, index.position, index.stamps, ranked, i, index.count)
    return replace(index, table=table, df=df, ids=ids, entries=entries), again, chosen


def _rebuilt(index: RelatedIndex, edited: Sequence[tuple[Article, Article]]) -> tuple[RelatedIndex, set[str], set[str]]:
    """The index computed again for every article (an edit that moved an article in time or changed its pins)."""
    new = {b.slug: b for _a, b in edited}
    fresh = build_related_index([new.get(a.slug, a) for a in index.ordered], index.count, index.window)
    changed = {slug for slug, block in fresh.related.items()
               if [a.slug for a in block] != [a.slug for a in index.related.get(slug, ())]}
    return fresh, changed, {slug for slug, block in fresh.related.items() if any(a.slug in new for a in block)}


def _merge(kept: _Entries, part: _Entries) -> _Entries:
    both = _Entries(*(np.r_[getattr(kept, f), getattr(part, f)] for f in ("feature", "article", "weight", "group")))
    return both.where(np.lexsort((both.article, both.feature)))


def _sharing(entries: _Entries, articles: np.ndarray, total: int) -> np.ndarray:
    """Per article: whether it shares a content term or name with one of ``articles`` (a mask)."""
    words = entries.group != 2
    features = np.unique(entries.feature[words & articles[entries.article]])
    found = np.zeros(total, dtype=bool)
    found[entries.article[words & np.isin(entries.feature, features)]] = True
    return found


def _choose(ordered: Sequence[Article], position: dict[str, int], stamps: np.ndarray,
            ranked: tuple[np.ndarray, np.ndarray, np.ndarray], i: int, count: int) -> tuple[int, ...]:
    """The places of article ``i``'s related articles: pins, then its best candidates, then the nearest in time."""
    ranked_cols, starts, ends = ranked
    article = ordered[i]
    excluded = {position[s] for s in article.related_exclude if s in position} | {i}
    # dict.fromkeys: a pin named twice is shown once, in the order first given.
    pins = [position[s] for s in dict.fromkeys(article.related_pins) if s in position]
    chosen = [j for j in pins if j not in excluded][:count]
    taken = set(chosen) | excluded
    # The best candidates that can fill the slots left: those after pins and exclusions.
    needed = count + len(pins) + len(excluded)
    start, end = int(starts[i]), int(ends[i])
    candidates = ranked_cols[start:min(end, start + needed)].tolist()
    chosen += [j for j in candidates if j not in taken][:count - len(chosen)]
    if len(chosen) < count:
        # Fewer candidates than slots means every candidate was looked at above.
        skip = set(chosen) | excluded | set(candidates)
        chosen += _closest_in_time(ordered, stamps, i, count - len(chosen), skip)
    return tuple(chosen)


def _choose_all(ordered: Sequence[Article], position: dict[str, int], stamps: np.ndarray,
                ranked: tuple[np.ndarray, np.ndarray, np.ndarray], count: int) -> tuple[tuple[int, ...], ...]:
    """`_choose` for every article. Most have no pins or exclusions and at least ``count``
    candidates (never themselves): their first ``count`` candidates, taken at once."""
    ranked_cols, starts, ends = ranked
    plain = (ends - starts >= count) & np.fromiter(
        (not (a.related_pins or a.related_exclude) for a in ordered), dtype=bool, count=len(ordered))
    firsts = ranked_cols[starts[plain, None] + np.arange(count)].tolist() if count else []
    chosen: list[tuple[int, ...]] = [()] * len(ordered)
    for i, block in zip(np.flatnonzero(plain).tolist(), firsts):
        chosen[i] = tuple(block)
    for i in np.flatnonzero(~plain).tolist():
        chosen[i] = _choose(ordered, position, stamps, ranked, i, count)
    return tuple(chosen)


def _common_limit(total: int, window: int) -> float:
    """Content terms and names in more articles than this are the site's everyday words."""
    return min(2 * window + 1, total / 2) if total >= 4 else total


def _weighted_entries(table: FeatureTable, df: np.ndarray, total: int, window: int, rows: np.ndarray) -> _Entries:
    """The unit vectors per group of the articles of ``rows`` (a mask of the table's rows),
    scaled by the group's weight, as flat arrays sorted by feature, then article.

    Tags are the editors' own choice and always count (a common one through the time
    window). Content terms and names shared by more than ``2 * window + 1`` articles, or
    by more than half of them (``df``: per feature, in how many articles), are common words
    of the site: they are left out, which keeps the pairs few.
    """
    feature, article, group, count = table.feature[rows], table.article[rows], table.group[rows], table.count[rows]
    idf = np.log((total + 1) / np.maximum(df, 1))
    found = df[feature]
    keep = (found >= 2) & ((found <= _common_limit(total, window)) | (group == 2))
    weight = (1 + np.log(count[keep])) * idf[feature[keep]]          # tf-idf; names and tags count once
    feature, article, group = feature[keep], article[keep], group[keep]

    # The strongest CONTENT_TERMS content terms per article (ties: the later term in code-point order;
    # only terms of one article are compared, so ranking the features present is enough).
    present = np.unique(feature)
    name_rank = np.empty(len(table.names), dtype=np.int64)
    name_rank[present[sorted(range(len(present)), key=[table.names[f] for f in present.tolist()].__getitem__)]] \
        = np.arange(len(present))
    order = np.lexsort((-name_rank[feature], -weight, group, article))
    feature, article, group, weight = feature[order], article[order], group[order], weight[order]
    slot = article * 3 + group
    first = np.flatnonzero(np.r_[True, slot[1:] != slot[:-1]])
    rank_in_slot = np.arange(len(slot)) - np.repeat(first, np.diff(np.r_[first, len(slot)]))
    keep = (group != 0) | (rank_in_slot < CONTENT_TERMS)
    feature, article, group, weight, slot = feature[keep], article[keep], group[keep], weight[keep], slot[keep]

    # Smoothed length: as if each vector also held one more feature as rare as a shared one
    # can be (in 2 articles), standing for the features only this article has, which are left
    # out above. A single common tag or name shared then counts little, not a full cosine.
    norm = np.sqrt(np.bincount(slot, weights=weight * weight, minlength=3 * total) + np.log((total + 1) / 2) ** 2)
    scale = np.sqrt(np.array([GROUP_WEIGHTS[g] for g in _GROUPS]))[group] / norm[slot]
    weight = weight * scale
    order = np.lexsort((article, feature))
    return _Entries(feature[order], article[order], weight[order], group[order])


def _shared_feature_pairs(entries: _Entries, window: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(earlier article, later article, product of their weights, whether the feature is a tag)
    for every feature both have.

    Entry ``k`` at place ``p`` of a posting list of length ``L`` pairs with the next
    ``min(reach, L - 1 - p)`` entries, where ``reach`` is ``L - 1`` for a short list and
    ``window`` for a long one: all pairs at once with ``np.repeat``, no loop per feature.
    """
    feature = entries.feature
    if len(feature) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0), np.empty(0, dtype=bool)
    first = np.flatnonzero(np.r_[True, feature[1:] != feature[:-1]])
    length = np.diff(np.r_[first, len(feature)])
    start = np.repeat(first, length)
    place = np.arange(len(feature)) - start
    list_length = np.repeat(length, length)
    reach = np.where(list_length <= 2 * window + 1, list_length - 1, window)
    ahead = np.minimum(reach, list_length - 1 - place)
    left = np.repeat(np.arange(len(feature)), ahead)
    # Offsets 1..ahead for each entry: a running count restarted at each entry's block.
    block_start = np.repeat(np.cumsum(ahead) - ahead, ahead)
    right = left + 1 + np.arange(len(left)) - block_start
    return (entries.article[left], entries.article[right], entries.weight[left] * entries.weight[right],
            entries.group[left] == 2)


def _rank_pairs(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, tagged: np.ndarray, stamps: np.ndarray,
                slug_rank: np.ndarray, total: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every article's candidates, best first: (candidates, start and end per article).

    The contract's order: every article sharing a tag comes before any that shares none
    (``tagged``: per pair, whether the feature is a tag); within each, the score decides.
    """
    if len(rows) == 0:
        nothing = np.zeros(total, dtype=np.int64)
        return np.empty(0, dtype=np.int64), nothing, nothing
    keys = rows * total + cols             # rows < cols: each pair once, so the sort is half as long
    order = _sort_order(keys)
    keys, weights = keys[order], weights[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    scores = np.add.reduceat(weights, starts)
    shares_tag = np.maximum.reduceat(tagged[order].view(np.uint8), starts).astype(bool)
    keys = keys[starts]
    pair_rows, pair_cols = keys // total, keys % total
    distance = np.abs(stamps[pair_cols] - stamps[pair_rows])
    scores = np.round(scores * (1 + TIME_BOOST * np.exp(-distance / TIME_SCALE)) + TAG_TIER * shares_tag, _DECIMALS)
    # Both directions; best first per row: score, then closeness in time, then the slug.
    pair_rows, pair_cols = _best_first(np.r_[pair_rows, pair_cols], np.r_[pair_cols, pair_rows],
                                       np.r_[scores, scores], stamps, slug_rank)
    bounds = np.searchsorted(pair_rows, np.arange(total + 1))
    return pair_cols, bounds[:-1], bounds[1:]


def _bits(values: np.ndarray) -> int:
    return max(int(values.max(initial=0)).bit_length(), 1)


def _sort_order(keys: np.ndarray) -> np.ndarray:
    """The order that sorts ``keys`` (non-negative), ties in place: the places ride in the
    low bits of one plain sort, which is about twice as fast as an argsort."""
    place_bits = _bits(np.array([len(keys)]))
    if _bits(keys) + place_bits > 62:
        return np.argsort(keys, kind="stable")
    return np.sort(keys << place_bits | np.arange(len(keys))) & ((1 << place_bits) - 1)


def _best_first(rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, stamps: np.ndarray,
                slug_rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (row, candidate) pairs by row, then score (highest first), then distance in time,
    then the candidate's slug rank.

    Row, score and candidate make one integer key (scores are rounded to ``_DECIMALS``), so
    one plain sort does what a four-key lexsort did at several times the cost; only the
    rare runs of equal row and score are ordered by distance and slug afterwards.
    """
    points = np.rint(scores * 10 ** _DECIMALS).astype(np.int64)
    shift, col_bits = _bits(points), _bits(cols)
    if _bits(rows) + shift + col_bits > 62:      # beyond any real site: the plain way
        order = np.lexsort((slug_rank[cols], np.abs(stamps[cols] - stamps[rows]), -scores, rows))
        return rows[order], cols[order]
    keys = np.sort(((rows << shift | ((1 << shift) - 1 - points)) << col_bits) | cols)
    rows, cols, heads = keys >> (shift + col_bits), keys & ((1 << col_bits) - 1), keys >> col_bits
    same = np.flatnonzero(heads[1:] == heads[:-1])
    if len(same):
        places = np.union1d(same, same + 1)
        tied_rows, tied = rows[places], cols[places]
        cols[places] = tied[np.lexsort((slug_rank[tied], np.abs(stamps[tied] - stamps[tied_rows]), heads[places]))]
    return rows, cols


def _closest_in_time(ordered: Sequence[Article], stamps: np.ndarray, i: int, needed: int,
                     skip: set[int]) -> list[int]:
    """Articles sharing nothing fill the last slots, nearest in time first."""
    found: list[int] = []
    left, right = i - 1, i + 1
    while len(found) < needed and (left >= 0 or right < len(ordered)):
        take_left = right >= len(ordered) or (
            left >= 0 and (stamps[i] - stamps[left], ordered[left].slug) <= (stamps[right] - stamps[i], ordered[right].slug))
        j = left if take_left else right
        if take_left:
            left -= 1
        else:
            right += 1
        if j not in skip:
            found.append(j)
    return found
