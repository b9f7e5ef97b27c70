"""The floor: the least work any Markdown site generator must do for the corpus.

    python bench/floor.py CONTENT_DIR OUT_DIR

Parse each article's front matter with python-frontmatter, render its body
with Python-Markdown (tables, fenced_code, toc) and write one HTML file per
article. No templates, no index pages: every other generator does at least
this, so its time over the floor is what it spends on everything else.
"""

from __future__ import annotations

import argparse
import html
from pathlib import Path

import frontmatter
import markdown

EXTENSIONS = ["tables", "fenced_code", "toc"]


def render_article(md: markdown.Markdown, source: Path, out_dir: Path) -> None:
    """Render one article file to OUT_DIR/<slug>.html."""
    post = frontmatter.load(str(source))
    body = md.reset().convert(post.content)
    slug = post.get("slug") or source.stem
    title = html.escape(str(post["title"]))
    page = f"<!doctype html>\n<title>{title}</title>\n<h1>{title}</h1>\n{body}\n"
    (out_dir / f"{slug}.html").write_text(page, encoding="utf-8")


def build(content_dir: Path, out_dir: Path) -> int:
    """Render every article under CONTENT_DIR/articles; return how many."""
    out_dir.mkdir(parents=True, exist_ok=True)
    md = markdown.Markdown(extensions=EXTENSIONS)
    paths = sorted((content_dir / "articles").rglob("*.md"))
    for path in paths:
        render_article(md, path, out_dir)
    return len(paths)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    build(args.content_dir, args.out_dir)


if __name__ == "__main__":
    main()
