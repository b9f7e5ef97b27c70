"""A plain Material for MkDocs blog over the corpus: the baseline ours must beat.

`make_site` writes SITE/mkdocs.yml (theme material, language ja; plugins
search, blog and tags; the floor's Markdown extensions) and one blog post per
article in SITE/docs/blog/posts/YYYY/MM/, with Material's post front matter:
`date.created`, `slug`, `categories` (the source) and `tags`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from corpus import Article, article_markdown, render_front_matter, render_yaml

CONFIG = {
    "site_name": "AIニュース (Material blog)",
    "site_url": "https://example.com/",
    "docs_dir": "docs",
    "theme": {"name": "material", "language": "ja"},
    "plugins": ["search", "blog", "tags"],
    "markdown_extensions": ["tables", "fenced_code", "toc"],
}
PAGES = {
    "index.md": "# AIニュース\n\n最新のAIニュースを日本語で。\n",
    "blog/index.md": "# ニュース一覧\n",
    "tags.md": "# タグ\n\n<!-- material/tags -->\n",
}


def post_text(article: Article) -> str:
    """The article as a Material blog post."""
    meta = article.meta
    post = {
        "title": meta["title"],
        "date": {"created": meta["published"]},
        "slug": article.slug,
        "categories": [meta["source"]["name"]],
        "tags": meta["tags"],
        "description": meta["tldr"],
    }
    return render_front_matter(post) + "\n" + article_markdown(article, "<!-- more -->", "原文")


def make_site(articles: Iterable[Article], site_dir: Path) -> Path:
    """Write the blog site for `articles` into `site_dir`; return its mkdocs.yml."""
    docs = site_dir / "docs"
    for rel, text in PAGES.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    for article in articles:
        published = article.meta["published"]
        path = docs / "blog" / "posts" / f"{published:%Y/%m}" / f"{article.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(post_text(article), encoding="utf-8")
    config = site_dir / "mkdocs.yml"
    config.write_text(render_yaml(CONFIG), encoding="utf-8")
    return config
