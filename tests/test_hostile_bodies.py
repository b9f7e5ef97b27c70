"""Bodies whose rendering would recurse too deep or run for minutes: one `body:` line, never a hang.

Known shapes are refused at validation (model/bodylimits.py), so `ainews check` reports
them too; anything else gets a time and depth budget while rendering (render/budget.py).
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from ainews.model.validate import ModelSettings, parse_article
from ainews.render import budget
from ainews.render.bodies import BodyCache, BodyError, RenderSettings, render_bodies
from conftest import make_article, make_site

SETTINGS = ModelSettings(zone=dt.timezone(dt.timedelta(hours=9)))
EXTENSIONS = ("tables", "footnotes", "admonition", "attr_list", "md_in_html", "toc",
              "pymdownx.superfences", "pymdownx.details")


def body_lines(body: str) -> list[str]:
    _, problems = parse_article(make_article(body="本文です。\n\n" + body).encode(), "a.md", "2026/06/a.md", SETTINGS)
    return [str(p) for p in problems]


@pytest.mark.parametrize(("body", "expected"), [
    ('<div markdown="1">\n' * 600 + "x\n" + "</div>\n" * 600, "nests more than 40 HTML blocks"),
    ("".join("  " * i + "- x\n" for i in range(500)), "is indented more than 160 columns"),
    ("".join(">" * i + " x\n" for i in range(1, 500)), "nests more than 40 quote levels"),
    ("[" * 8000, "has more than 400 '['"),
    ("&#x41;" * 40000, "has more than 4000 '&'"),
])
def test_known_costly_shapes_are_refused_at_validation(body: str, expected: str) -> None:
    lines = body_lines(body)
    assert len(lines) == 1 and lines[0].startswith("a.md: body: ") and " line " in lines[0] and expected in lines[0], lines


def test_the_same_shapes_in_code_blocks_are_fine() -> None:
    assert body_lines("```json\n" + "[" * 2000 + "\n```\n") == []


def rendered(articles_text: list[str]) -> dict:
    articles = []
    for number, text in enumerate(articles_text):
        article, problems = parse_article(make_article(body=text).encode(), f"a{number}.md", f"2026/06/a{number}.md",
                                          SETTINGS)
        assert article is not None, problems
        articles.append(article)
    return render_bodies(articles, RenderSettings(EXTENSIONS, {}, True), BodyCache(None), workers=1)


def test_recursion_while_rendering_is_a_body_problem() -> None:
    with pytest.raises(BodyError) as raised:
        rendered(["本文\n\n" + "- " * 500 + "x\n", "普通の本文です。\n"])
    assert [str(p) for p in raised.value.problems] == [
        "a0.md: body: is nested too deeply to render; flatten its lists, quotes or HTML blocks"]
    assert "普通の本文" in raised.value.rendered["2026/06/a1.md"].translation


def test_a_slow_body_is_stopped_by_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "BODY_SECONDS", 0.3)
    monkeypatch.setattr(budget, "SECONDS_PER_CHARACTER", 0.0)
    slow = "本文\n\n" + "\\" * 50_000   # backslashes: seconds of quadratic inline work
    with pytest.raises(BodyError) as raised:
        rendered([slow])
    assert [str(p) for p in raised.value.problems] == [
        "a0.md: body: took more than 0.3 seconds to render; simplify its markup"]


def test_off_the_main_thread_bodies_still_get_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview rebuilds in a thread, where no timer signal arrives: bodies go to a worker process."""
    monkeypatch.setattr(budget, "BODY_SECONDS", 0.3)
    monkeypatch.setattr(budget, "SECONDS_PER_CHARACTER", 0.0)
    slow = "本文\n\n" + "\\" * 50_000   # backslashes: seconds of quadratic inline work
    outcome: list[object] = []

    def run() -> None:
        try:
            rendered([slow])
        except BodyError as error:
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    assert [str(p) for p in outcome[0].problems] == [  # type: ignore[attr-defined]
        "a0.md: body: took more than 0.3 seconds to render; simplify its markup"]


def test_a_build_reports_a_body_too_deep_to_render_in_one_line(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"search": False, "cards": {"enabled": False}})
    site.add_article("deep", body="本文\n\n" + "- " * 500 + "x\n")
    site.add_article("fine")
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = sorted(line for line in result.stderr.splitlines() if line.startswith("content/"))
    assert lines == ["content/articles/2026/06/deep.md: body: is nested too deeply to render; "
                     "flatten its lists, quotes or HTML blocks"], result.stderr
    assert not site.site_dir.exists()
