"""A minimal Hugo site over the corpus: the speed a compiled generator reaches.

`make_site` copies bench/hugo_site/ (config with tags and sources taxonomies,
related content on tags and date, RSS; a tiny layouts/ theme) and writes one
page per article to SITE/content/articles/<slug>.md with Hugo front matter.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable

from corpus import Article, article_markdown, render_front_matter

THEME_DIR = Path(__file__).resolve().parent / "hugo_site"


def page_text(article: Article) -> str:
    """The article as a Hugo content page."""
    meta = article.meta
    page = {
        "title": meta["title"],
        "date": meta["published"],
        "slug": article.slug,
        "tags": meta["tags"],
        "sources": [meta["source"]["name"]],
        "source": meta["source"],
        "tldr": meta["tldr"],
    }
    return render_front_matter(page) + "\n" + article_markdown(article, "<!--more-->", "原文")


def make_site(articles: Iterable[Article], site_dir: Path) -> Path:
    """Write the Hugo site for `articles` into `site_dir`; return `site_dir`."""
    shutil.copytree(THEME_DIR, site_dir, dirs_exist_ok=True)
    pages = site_dir / "content" / "articles"
    pages.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (pages / f"{article.slug}.md").write_text(page_text(article), encoding="utf-8")
    return site_dir
