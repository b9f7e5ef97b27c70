"""ProperDocs, the continuation of MkDocs 1.x, builds and serves the site as MkDocs does (docs/stack.md)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import copy_sample_project
from serving import MkDocsServer


def test_properdocs_builds_the_sample_site_strictly(tmp_path: Path) -> None:
    site = copy_sample_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                             "-d", str(site.site_dir)], cwd=site.root, capture_output=True, text=True,
                            timeout=600, env={**os.environ, "AINEWS_LANG": "en"})
    assert result.returncode == 0, result.stderr
    assert re.search(r"ainews: \d+ articles, \d+ drafts", result.stderr)
    page = site.html("articles/ai-tutors-japanese-schools/")
    assert 'class="md-content' in page and "<article" in page
    assert (site.site_dir / "feed.xml").is_file() and (site.site_dir / "pagefind").is_dir()


def test_properdocs_serves_the_article_pages(tmp_path: Path) -> None:
    site = copy_sample_project(tmp_path)
    with MkDocsServer(site.root, tool="properdocs") as server:
        server.wait_until_serving(timeout=300)
        status, page = server.get("articles/ai-tutors-japanese-schools/")
        assert status == 200 and "<article" in page
