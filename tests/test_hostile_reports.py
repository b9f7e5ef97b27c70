"""Problem reports stay readable: one line per problem whatever the file name, a summary past 200."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ainews.model.article import Problem
from ainews.model.report import MAX_SHOWN, report_lines
from conftest import SEED_FRONT_MATTER, make_article, make_site


def test_control_characters_in_paths_are_escaped() -> None:
    line = str(Problem("content/articles/evil\n\x1b[31mred\u202e.md", "title", "is required"))
    assert line == "content/articles/evil\\n\\x1b[31mred\\u202e.md: title: is required"
    assert str(Problem("content/articles/日本語.md", "title", "必須です")) == "content/articles/日本語.md: title: 必須です"


def test_past_200_problems_a_summary_line_counts_them_by_field() -> None:
    problems = [Problem(f"a{n}.md", "title" if n % 3 else f"tags[{n % 5}]", "bad") for n in range(2000)]
    lines = report_lines(problems)
    assert len(lines) == MAX_SHOWN + 1
    assert lines[:MAX_SHOWN] == [str(p) for p in problems[:MAX_SHOWN]]
    assert lines[-1] == "... 200 of 2000 problems shown; by field: title 1333, tags 667"


def test_build_and_check_print_the_same_capped_report(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"search": False})
    for number in range(230):
        site.write(f"articles/2026/06/bad-{number:03d}.md", make_article(title=None))
    site.write("articles/2026/06/a\nline.md", make_article(tldr=None).replace("---\n", "---\nslug: a-line\n", 1))
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.stderr
    built = [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines()]
    built = [line for line in built if line.startswith(("content/", "... "))]
    assert len(built) == MAX_SHOWN + 1
    assert built[-1] == "... 200 of 231 problems shown; by field: title 230, tldr 1"
    assert "content/articles/2026/06/a\\nline.md: tldr: is required: expected non-empty text" in built
    checked = subprocess.run([sys.executable, "-m", "ainews.cli.main", "check"], cwd=site.root,
                             capture_output=True, text=True, timeout=300)
    assert [line for line in checked.stdout.splitlines()] == built
