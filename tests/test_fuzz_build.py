"""Whole-build fuzzing: random small sites through the real `mkdocs build` and `ainews check`.

Each example is a project holding a good site built earlier, plus random articles
(lengths up to and past every limit, random Unicode: NFKC expanders, control and
bidi characters, RTL text; random nesting in bodies and front matter), random
registries, and random files: symlinks out of the project, to folders, loops,
pipes. For every example:

- the build exits 0, or fails with one-line problems naming a file and a field;
- no traceback, and the build ends within its timeout;
- a failed build leaves the previous site byte for byte; a good one publishes
  nothing from outside the project;
- `ainews check` passes exactly when the build passes.

Profiles (``HYPOTHESIS_PROFILE``): ``ci`` (the default, a few minutes on 2 cores) and
``fuzz-10k`` (10,000 examples; the command is in docs/testing.md).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_FRONT_MATTER, assert_unique_ids, make_article, make_site

settings.register_profile("ci", max_examples=int(os.environ.get("FUZZ_BUILD_EXAMPLES", "12")), deadline=None,
                          database=None, suppress_health_check=list(HealthCheck))
settings.register_profile("fuzz-10k", max_examples=10_000, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck))
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
SECRET = "FUZZ_SECRET_VALUE_0123456789"
BUILD_SECONDS = 240
# `path: field: message`; a field may be quoted (repr) when the input put odd characters in it, and
# holds no ": " otherwise (a registry key may hold a plain ":", as in `ab:cd.aliases`).
PROBLEM = re.compile(r"^(?:content/|mkdocs\.yml)\S*: (?:'.*?'|\".*?\"|(?:(?!: ).)+?): .+$")
SUMMARY = re.compile(r"^\.\.\. \d+ of \d+ problems shown; by field: .+$")

# -- strategies -------------------------------------------------------------------------------

ODD = ["\ufdfa", "\u3300", "\ufb03", "\u0301", "\u200b", "\u202e", "\u2067", "\x00", "\x1b", "\x7f", "\u0627",
       "\u05d0", "\ufeff", "\u2028", "\ud7ff", "生成", "AI", "-", " ", "/", "..", "<", "&", "\"", "'", "#", "%"]
odd_text = st.lists(st.one_of(st.sampled_from(ODD), st.text(min_size=1, max_size=3)), max_size=40).map("".join)


def sized(limit: int) -> st.SearchStrategy[str]:
    """Text near a length limit: short, just under, at and just over it."""
    return st.one_of(odd_text, st.integers(max(1, limit - 2), limit + 2).flatmap(
        lambda n: st.sampled_from(["あ", "a", "\ufdfa", "長"]).map(lambda ch: ch * n)))


years = st.sampled_from(["1899-12-31", "1900-01-01", "2026-06-02T09:30:00+09:00", "2999-12-31", "2999-12-31T23:00:00Z",
                         "3000-01-01", "0999-06-02", "9999-12-31", "2026-02-30", "2026-06-02T25:00:00"])


def nested(depth: int) -> str:
    return "".join("  " * i + "- x\n" for i in range(depth))


bodies = st.one_of(
    odd_text.map(lambda t: "本文 " + t),
    st.integers(1, 120).map(lambda n: "本文\n\n" + nested(n)),
    st.integers(1, 120).map(lambda n: "本文\n\n" + '<div markdown="1">\n' * n + "x\n" + "</div>\n" * n),
    st.integers(1, 120).map(lambda n: "本文\n\n" + "".join(">" * i + " x\n" for i in range(1, n))),
    st.integers(1, 600).map(lambda n: "本文\n\n" + "[" * n),
    st.integers(1, 5000).map(lambda n: "本文\n\n" + "&#x41;" * n),
    st.integers(1, 400).map(lambda n: "本文\n\n" + "- " * n + "x"),
    st.integers(1, 400).map(lambda n: "本文\n\n" + "*a " * n + "b" + " a*" * n),
    st.just("本文\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\n<!-- original -->\n\n"),
    # ids the page's own parts use, and text that only looks like an id
    st.sampled_from(["## Share heading\n\n<p id=\"keypoints-heading\">x</p>\n\n[^1]\n\n[^1]: n\n\n"
                     "<!-- original -->\n\n## tldr heading\n\n`<a id=\"x\">` id=\"y\"[^1]\n\n[^1]: n\n",
                     '本文 <h2 id="__drawer">x</h2> <a href="#related-heading">r</a>']),
)


@st.composite
def articles(draw: st.DrawFn) -> dict[str, Any]:
    meta: dict[str, Any] = dict(SEED_FRONT_MATTER)
    for key, limit in (("title", 200), ("tldr", 2000), ("original_title", 300)):
        if draw(st.booleans()):
            meta[key] = draw(sized(limit))
    if draw(st.booleans()):
        meta["tags"] = draw(st.lists(sized(100), min_size=0, max_size=11))
    if draw(st.booleans()):
        meta["source"] = {"name": draw(sized(100)), "url": draw(st.sampled_from(
            ["https://example.com/x", "https://admin:hunter2@example.com/x", "javascript:alert(1)",
             "https://example.com/" + "a" * 1990, "http://[::1]/", "https://例え.jp/パス"]))}
    if draw(st.booleans()):
        meta["published"] = draw(years)
    if draw(st.booleans()):
        meta["slug"] = draw(st.one_of(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True),
                                      st.integers(195, 205).map(lambda n: "a" * n), odd_text))
    if draw(st.booleans()):
        meta["extra"] = "[" * draw(st.sampled_from([10, 100, 20_000]))   # deep YAML (an unknown field too)
    return {"meta": meta, "body": draw(bodies)}


registries = st.one_of(
    st.none(),
    st.dictionaries(sized(100), st.fixed_dictionaries({"aliases": st.lists(st.one_of(odd_text, st.integers()), max_size=3)}),
                    max_size=3).map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.sampled_from(["[" * 30_000, "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [" + ", ".join(["*a"] * 9) + "]\n"
                     "c: &c [" + ", ".join(["*b"] * 9) + "]\nd: &d [" + ", ".join(["*c"] * 9) + "]\n"
                     "e: &e [" + ", ".join(["*d"] * 9) + "]\nf: &f [" + ", ".join(["*e"] * 9) + "]\n"]),
)
FILE_KINDS = ["link-secret", "link-passwd", "link-folder-out", "link-folder-in", "loop", "broken", "fifo",
              "bad-utf8-page", "plain-asset"]

# -- the good site built once ---------------------------------------------------------------------

_GOOD: dict[str, Path] = {}


def good_project() -> Path:
    """A project with one good article, built once per session; each example starts from a copy."""
    if "root" not in _GOOD:
        root = Path(tempfile.mkdtemp(prefix="ainews-fuzz-good-")) / "project"
        root.mkdir()
        site = make_site(root, plugin_options={"search": False, "cards": {"enabled": False}, "cache": False})
        site.add_article("good")
        result = site.build()
        assert result.returncode == 0, result.stderr
        _GOOD["root"] = root
    return _GOOD["root"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def add_file(content: Path, outside: Path, kind: str, number: int) -> None:
    where = content / ("assets" if number % 2 else "articles/2026/06")
    where.mkdir(parents=True, exist_ok=True)
    name = where / f"f{number}-{kind}"
    if kind == "link-secret":
        (name.with_suffix(".md")).symlink_to(outside / "secret.md")
    elif kind == "link-passwd":
        name.symlink_to("/etc/passwd")
    elif kind == "link-folder-out":
        name.symlink_to(outside)
    elif kind == "link-folder-in":
        name.symlink_to(content / "articles")
    elif kind == "loop":
        name.symlink_to(name)
    elif kind == "broken":
        name.symlink_to(content / "missing")
    elif kind == "fifo":
        os.mkfifo(name)
    elif kind == "bad-utf8-page":
        (content / "pages").mkdir(exist_ok=True)
        (content / "pages" / f"p{number}.md").write_bytes(b"# caf\xe9\n")
    else:
        name.with_suffix(".txt").write_text("asset", encoding="utf-8")


def one_line_problems(output: str) -> list[str]:
    lines = [line.removeprefix("ERROR   -  ").removeprefix("ainews: ") for line in output.splitlines()]
    return [line for line in lines if line.startswith(("content/", "mkdocs.yml", "... "))]


@settings(settings.get_profile(PROFILE))
@given(st.lists(articles(), min_size=1, max_size=3), registries, registries,
       st.lists(st.sampled_from(FILE_KINDS), max_size=2))
def test_random_sites_build_or_fail_in_one_line_problems(articles_drawn: list[dict[str, Any]], tags_yml: str | None,
                                                         sources_yml: str | None, file_kinds: list[str]) -> None:
    base = Path(tempfile.mkdtemp(prefix="ainews-fuzz-"))
    try:
        root = base / "project"
        shutil.copytree(good_project(), root, symlinks=True)
        outside = base / "outside"
        outside.mkdir()
        (outside / "secret.md").write_text(f"---\ntitle: {SECRET}\n---\n\n{SECRET}\n", encoding="utf-8")
        content = root / "content"
        for number, drawn in enumerate(articles_drawn):
            text = "---\n" + yaml.safe_dump(drawn["meta"], allow_unicode=True, sort_keys=False) + "---\n\n" + drawn["body"]
            (content / "articles/2026/06" / f"fuzz-{number}.md").write_text(text, encoding="utf-8",
                                                                            errors="surrogatepass")
        for name, text in (("tags.yml", tags_yml), ("sources.yml", sources_yml)):
            if text is not None:
                (content / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        for number, kind in enumerate(file_kinds):
            add_file(content, outside, kind, number)
        before = snapshot(root / "site")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", "AINEWS_LANG": "en"}
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"),
                                "-d", str(root / "site")], cwd=root, capture_output=True, text=True, env=env,
                               timeout=BUILD_SECONDS)
        checked = subprocess.run([sys.executable, "-m", "ainews.cli.main", "check"], cwd=root,
                                 capture_output=True, text=True, env=env, timeout=BUILD_SECONDS)
        output = built.stdout + built.stderr
        if os.environ.get("FUZZ_BUILD_LOG"):   # long runs: one line per example, readable while it runs
            with open(os.environ["FUZZ_BUILD_LOG"], "a", encoding="utf-8") as log:
                log.write(json.dumps({"build": built.returncode, "check": checked.returncode,
                                      "build_tail": output[-1500:], "check_tail": (checked.stdout + checked.stderr)[-800:],
                                      "articles": articles_drawn, "files": file_kinds},
                                     default=repr) + "\n")
        assert "Traceback" not in output and "Traceback" not in checked.stderr + checked.stdout, output[-3000:]
        assert built.returncode in (0, 1), output[-3000:]        # not killed by a signal
        problems = one_line_problems(built.stderr)
        if built.returncode == 0:
            site_bytes = b"".join(snapshot(root / "site").values())
            assert SECRET.encode() not in site_bytes and b"root:x:0:0" not in site_bytes
            for page in (root / "site" / "articles").glob("*/index.html"):
                assert_unique_ids(page.read_text(encoding="utf-8"))
        else:
            assert problems, output[-3000:]
            for line in problems:
                assert PROBLEM.match(line) or SUMMARY.match(line), line
            assert snapshot(root / "site") == before          # the previous site, byte for byte
        assert (checked.returncode == 0) == (built.returncode == 0), (output[-2000:], checked.stdout[-2000:])
        assert not [p for p in root.iterdir() if p.name.startswith(".site.")]
    finally:
        shutil.rmtree(base, ignore_errors=True)
