"""Static, chunked site search: Pagefind indexes the built HTML after every build.

Pagefind's extended build segments Japanese, and readers download only the
index chunks a query needs instead of one JSON of the whole site. Article pages
mark what is indexed with data-pagefind-* attributes in the templates.
"""

from __future__ import annotations

import subprocess
import sys

from mkdocs.exceptions import PluginError


def build_search_index(site_dir: str) -> None:
    """Write the search bundle to ``<site_dir>/pagefind/``; a failure fails the build."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", site_dir, "--silent", "--force-language", "ja"],
        capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise PluginError(f"search: Pagefind failed: {detail[-1] if detail else result.returncode}")
