"""Pages rendered in the worker pool are the bytes MkDocs' own loop writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import make_site

TAGS = ["LLM Safety", "Robotics", "Alignment", "Policy", "Chips", "Open Models"]


def build_with(root: Path, workers: int) -> tuple[dict[str, bytes], str]:
    site = make_site(root, plugin_options={"workers": workers, "search": False}, site_url="https://example.org/news/")
    start = dt.datetime(2026, 5, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    for n in range(40):
        site.add_article(f"item-{n}", folder=f"articles/2026/{5 + n // 30:02d}",
                         published=(start + dt.timedelta(hours=17 * n)).isoformat(),
                         tags=[TAGS[n % 6], TAGS[(n * 5 + 1) % 6]], draft=n == 7,
                         title=f"記事 {n}: <モデル> & \"評価\"",
                         body=f"翻訳 {n} の本文。[前の記事](item-{max(0, n - 1)}.md)\n\n<!-- original -->\n\nOriginal {n}.\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    pages = {p.relative_to(site.site_dir).as_posix(): p.read_bytes() for p in sorted(site.site_dir.rglob("*.html"))}
    return pages, result.stderr


def test_pool_rendered_pages_equal_the_sequential_ones(tmp_path: Path) -> None:
    sequential, quiet = build_with(tmp_path / "one", workers=1)
    pooled, log = build_with(tmp_path / "two", workers=2)
    assert "pages rendered in 2 processes" in log and "rendered in" not in quiet
    assert len(pooled) > 64
    assert pooled.keys() == sequential.keys()
    assert [name for name in pooled if pooled[name] != sequential[name]] == []
