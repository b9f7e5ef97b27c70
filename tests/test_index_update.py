"""A preview's in-place index update (index/update.py, cards/plan.py `replan_cards`) equals a full one.

Generated sites and edits that keep an article's place (title, TL;DR, leading text,
importance, a video line or a tool's name in the body, a draft's text): the swapped
`SiteIndex` and `SectionIndex`, the re-planned share cards and the pages listed again
must equal what a full build computes from the edited content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from ainews.cards.plan import plan_cards, replan_cards
from ainews.index.digests import make_digest
from ainews.index.sections import SectionSwitches, build_section_index
from ainews.index.site import build_site_index
from ainews.index.update import swap_articles, swap_sections
from ainews.model.article import Article, Tag
from ainews.model.companies import Company
from ainews.model.corpus import Corpus
from ainews.model.registry import SourceInfo, TagInfo
from ainews.model.slugs import slugify
from ainews.model.tools import Tool
from ainews.model.validate import ModelSettings, parse_article
from conftest import make_article

TOKYO = ZoneInfo("Asia/Tokyo")
TAGS = ["Anthropic", "Robotics", "Alignment", "Policy", "生成AI"]
WORDS = ["Claude", "Gemini 3", "ロボット", "安全性評価", "規制案", "半導体工場", "Claude Code", "推論"]
SOURCES = ["The Zvi", "Import AI"]
COMPANIES = {"anthropic": Company("anthropic", "Anthropic", "アンソロピック", "Anthropic")}
TOOLS = {"claude-code": Tool("claude-code", "Claude Code", "https://example.com/", "コーディング", "説明", "paid",
                             tags=("anthropic",))}
DIGESTS = (make_digest("AI日報", "daily"), make_digest("Zvi日報", "zvi", sources=["The Zvi"]))
VIDEO = "\n\nhttps://www.youtube.com/watch?v=Hn3xK8pQw1E\n\n"

SEED, _ = parse_article(make_article().encode(), "content/articles/seed.md", "articles/seed.md",
                        ModelSettings(zone=TOKYO))
assert SEED is not None

text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map("、".join)
article_fields = st.fixed_dictionaries({
    "title": text, "tldr": text, "lead": text, "importance": st.integers(1, 5),
    "tags": st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True),
    "source": st.sampled_from(SOURCES), "hours": st.integers(0, 24 * 20), "draft": st.booleans(),
    "video": st.booleans()})
EDITS = st.one_of(
    st.tuples(st.just("title"), text), st.tuples(st.just("tldr"), text), st.tuples(st.just("lead"), text),
    st.tuples(st.just("importance"), st.integers(1, 5)), st.tuples(st.just("video"), st.booleans()),
    st.tuples(st.just("tail"), text))


def make(slug: str, fields: dict) -> Article:
    source = SEED.source
    return replace(SEED, slug=slug, src_uri=f"articles/{slug}.md", path=f"content/articles/{slug}.md",
                   title=fields["title"], tldr=fields["tldr"], importance=fields["importance"],
                   translation=fields["lead"] + "。" + ("本文。" * 60) + (VIDEO if fields["video"] else ""),
                   tags=tuple(Tag(slugify(n), n) for n in fields["tags"]),
                   source=replace(source, slug=slugify(fields["source"]), name=fields["source"]),
                   published=dt.datetime(2026, 6, 1, 9, tzinfo=TOKYO) + dt.timedelta(hours=fields["hours"]),
                   draft=fields["draft"])


def edit(article: Article, kind: str, value: object) -> Article:
    if kind == "lead":
        return replace(article, translation=f"{value}。{article.translation}")
    if kind == "tail":
        return replace(article, translation=f"{article.translation}\n\n{value}。")
    if kind == "video":
        base = article.translation.replace(VIDEO, "")
        return replace(article, translation=base + (VIDEO if value else ""))
    return replace(article, **{kind: value})


def corpus_of(articles: list[Article]) -> Corpus:
    tags = {slugify(n): TagInfo(slugify(n), n) for n in TAGS}
    sources = {slugify(n): SourceInfo(slugify(n), n) for n in SOURCES}
    return Corpus(articles=tuple(articles), tags=tags, sources=sources, companies=COMPANIES, tools=TOOLS)


def sections_of(index, corpus: Corpus):
    return build_section_index(index, DIGESTS, corpus.sources, shown=index.drafts + index.scheduled,
                               companies=corpus.companies, tools=corpus.tools, switches=SectionSwitches())


@settings(max_examples=150, deadline=None)
@given(st.lists(article_fields, min_size=2, max_size=12), st.data())
def test_swapped_indexes_and_cards_equal_a_full_build(sites: list[dict], data: st.DataObject) -> None:
    articles = [make(f"a{i}", fields) for i, fields in enumerate(sites)]
    corpus = corpus_of(articles)
    index = build_site_index(corpus)
    sections = sections_of(index, corpus)
    plan = plan_cards(index, "サイト", "説明", per_page=2, drafts=True, digests=sections.digests)

    chosen = data.draw(st.lists(st.integers(0, len(articles) - 1), min_size=1, max_size=2, unique=True))
    edited = []
    for position in chosen:
        kind, value = data.draw(EDITS)
        edited.append((articles[position], edit(articles[position], kind, value)))
    after = corpus_of([dict((a.slug, b) for a, b in edited).get(x.slug, x) for x in articles])
    full_index = build_site_index(after)
    full_sections = sections_of(full_index, after)

    swapped, reach = swap_articles(index, edited, 3)
    assert swapped == full_index
    new_sections, reach = swap_sections(sections, swapped, edited, reach, COMPANIES, TOOLS, SectionSwitches())
    assert new_sections == full_sections
    replanned, _shown_again = replan_cards(plan, swapped, "サイト", 2, [b for _a, b in edited], reach.tags,
                                           reach.sources, reach.days, new_sections.digests)
    assert replanned == plan_cards(full_index, "サイト", "説明", per_page=2, drafts=True,
                                   digests=full_sections.digests)
    # Every article whose related block changed is among the pages compared again.
    for slug, items in full_index.related.items():
        if tuple(a.slug for a in items) != tuple(a.slug for a in index.related.get(slug, ())):
            assert f"articles/{slug}.md" in reach.related
