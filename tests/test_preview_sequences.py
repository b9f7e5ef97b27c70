"""Generated edit sequences: after each sequence the preview's pages equal a fresh build's.

Each example starts a preview (tests/preview_driver.py: the builds `mkdocs serve` runs),
applies a sequence of editor actions (body, title, importance, tags, date, draft flag,
a video line or a tool's name, new and deleted articles), lets the preview update after each,
then compares every file of the preview's site with a fresh preview build of the same
content. The site has a company tag, a tool and shared words between articles, so the
updates touch company, tool, video and related blocks too.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import make_article, make_site
from test_serve import LivePreview, fresh_preview, site_files

TAGS = ["Anthropic", "Robotics", "Alignment", "Policy", "LLM Safety"]
TITLES = ["Claude の新モデルが安全性評価を公開", "ロボット工場で新モデルを試験", "安全性評価の新基準を各社が議論",
          "政策当局が新モデルの規制案を公開"]
SENTENCES = ["Claude Code で検証した結果を示す。", "安全性評価の手順が詳しく書かれている。",
             "ロボット工場の映像も公開された。", "規制案の議論は来月も続く。"]
DATES = ["2026-06-02T09:00:00+09:00", "2026-06-02T18:00:00+09:00", "2026-06-05T10:00:00+09:00",
         "2026-05-25T08:00:00+09:00"]
VIDEO = "https://www.youtube.com/watch?v=Hn3xK8pQw1E"
TOOLS_YML = """Claude Code:
  url: https://www.anthropic.com/claude-code
  category: コーディング
  description: "ターミナルで動くコーディングエージェント。"
  pricing: paid
"""
TAGS_YML = """Anthropic:
  kind: company
  description: "Claude を開発する米国の AI 企業。"
"""

index = st.integers(min_value=0, max_value=20)
ACTIONS = st.one_of(
    st.tuples(st.just("body-end"), index, st.sampled_from(SENTENCES)),
    st.tuples(st.just("body-start"), index, st.sampled_from(SENTENCES)),
    st.tuples(st.just("title"), index, st.sampled_from(TITLES)),
    st.tuples(st.just("importance"), index, st.integers(min_value=1, max_value=5)),
    st.tuples(st.just("tags"), index, st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True)),
    st.tuples(st.just("date"), index, st.sampled_from(DATES)),
    st.tuples(st.just("draft"), index, st.booleans()),
    st.tuples(st.just("video"), index, st.booleans()),
    st.tuples(st.just("add"), index, st.sampled_from(TITLES)),
    st.tuples(st.just("delete"), index, st.just(None)),
)


class Content:
    """The articles as fields, written to the project after every change."""

    def __init__(self, root: Path) -> None:
        self.site = make_site(root, plugin_options={"search": False})
        self.site.write("tags.yml", TAGS_YML)
        self.site.write("tools.yml", TOOLS_YML)
        self.articles: dict[str, dict[str, Any]] = {}
        starts = [("alpha", TITLES[0], ["Anthropic", "Alignment"], DATES[0], SENTENCES[0]),
                  ("beta", TITLES[1], ["Robotics"], DATES[1], SENTENCES[2]),
                  ("gamma", TITLES[2], ["Alignment", "LLM Safety"], DATES[2], SENTENCES[1]),
                  ("delta", TITLES[3], ["Policy", "Anthropic"], DATES[3], SENTENCES[3])]
        for slug, title, tags, published, lead in starts:
            self.articles[slug] = {"title": title, "tags": tags, "published": published, "lead": lead,
                                   "tail": "", "depth": 5, "draft": False, "video": False}
            self.write(slug)

    def write(self, slug: str) -> None:
        a = self.articles[slug]
        body = (a["lead"] + "\n\n" + "本文の段落。" * 30 + "\n\n" + (f"{VIDEO}\n\n" if a["video"] else "")
                + a["tail"] + "\n\n<!-- original -->\n\nThe original.\n")
        scores = {"depth": a["depth"], "relevance": 4, "practicality": 3, "novelty": 4}
        self.site.add_article(slug, body=body, title=a["title"], tags=a["tags"], published=a["published"],
                              scores=scores, draft=a["draft"] or None)

    def apply(self, action: tuple[str, int, Any]) -> None:
        kind, position, value = action
        slugs = sorted(self.articles)
        slug = slugs[position % len(slugs)]
        article = self.articles[slug]
        if kind == "delete":
            if len(slugs) > 2:
                del self.articles[slug]
                (self.site.content / f"articles/2026/06/{slug}.md").unlink()
            return
        if kind == "add":
            slug = f"added-{len(slugs)}-{position}"
            if slug in self.articles:
                return
            self.articles[slug] = {**article, "title": value, "lead": SENTENCES[position % 4], "tail": ""}
        elif kind == "body-end":
            article["tail"] += value
        elif kind == "body-start":
            article["lead"] = value + article["lead"]
        elif kind == "title":
            article["title"] = value
        elif kind == "importance":
            article["depth"] = value
        elif kind == "tags":
            article["tags"] = value
        elif kind == "date":
            article["published"] = value
        elif kind == "draft":
            article["draft"] = value
        elif kind == "video":
            article["video"] = value
        self.write(slug)


@settings(max_examples=int(os.environ.get("AINEWS_PREVIEW_EXAMPLES", "4")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ACTIONS, min_size=1, max_size=4))
# A title and a body's leading text change related articles across the site; importance reorders days.
@example([("title", 0, TITLES[2]), ("body-start", 1, SENTENCES[1]), ("importance", 2, 1)])
# Moves between tags, days and weeks; a video and a tool's name come and go; add, delete, draft.
@example([("tags", 0, ["Robotics", "Policy"]), ("date", 1, DATES[3]), ("video", 2, True),
          ("body-end", 3, SENTENCES[0])])
@example([("add", 1, TITLES[0]), ("delete", 2, None), ("draft", 0, True), ("title", 3, TITLES[3])])
def test_preview_after_any_edit_sequence_equals_a_fresh_build(actions: list[tuple[str, int, Any]]) -> None:
    _check_sequence(actions)


def _check_sequence(actions: list[tuple[str, int, Any]]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The preview's files before the edits and after them (equal to a fresh build's)."""
    with tempfile.TemporaryDirectory(prefix="preview-seq-") as folder:
        root = Path(folder)
        content = Content(root / "project")
        live = LivePreview(content.site.root, root / "live")
        try:
            first = site_files(root / "live")
            for action in actions:
                time.sleep(0.01)   # a new modification time, as between an editor's saves
                content.apply(action)
                live.rebuild()
        finally:
            live.close()
        preview = site_files(root / "live")
        fresh = fresh_preview(content.site.root, root / "fresh")
        assert preview.keys() == fresh.keys(), (actions, preview.keys() ^ fresh.keys())
        differ = [name for name in fresh if preview[name] != fresh[name]]
        assert not differ, (actions, differ)
        return first, preview


def _related_block(page: bytes) -> str:
    return page.decode().split('class="news-related"', 1)[1].split("</section>", 1)[0]


# Edits of one article's title or leading text that reorder the related blocks of articles not
# edited (beta takes alpha's title; delta's lead takes beta's). A preview that ranked again only
# the edited article's block would keep the others as they were, unlike a fresh build.
@pytest.mark.parametrize("actions", [[("title", 1, TITLES[0])], [("body-start", 2, SENTENCES[2])],
                                     [("title", 2, TITLES[1]), ("body-start", 1, SENTENCES[2])]])
def test_a_headline_or_lead_edit_changes_other_articles_blocks_as_a_fresh_build(actions: list) -> None:
    first, preview = _check_sequence(actions)
    edited = {sorted(["alpha", "beta", "delta", "gamma"])[position] for _kind, position, _value in actions}
    others = [name for name in preview if name.endswith("/index.html") and "news-related" in preview[name].decode()
              and not any(f"/{slug}/" in name for slug in edited)]
    assert any(_related_block(first[name]) != _related_block(preview[name]) for name in others), actions
