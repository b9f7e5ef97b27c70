"""The preview never stalls: any failed rebuild keeps serving the last good site with the error over it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml

from ainews.news.keepserving import LastGood, guard_builder
from ainews.news.staging import SERVE_STATUS
from serving import MkDocsServer
from test_serve import PAGE, small_site


def test_a_failed_rebuild_restores_the_last_good_files(tmp_path: Path) -> None:
    site_dir = tmp_path / "mkdocs_preview"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("good", encoding="utf-8")
    last_good = LastGood(str(site_dir))
    reported: list[list[str]] = []

    def failing_build() -> None:
        last_good.set_aside()
        assert not any(site_dir.iterdir())            # emptied at once
        (site_dir / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("template 'tags.html': 'undefined_macro' is undefined")

    guard_builder(failing_build, last_good, reported.append)()
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "good"
    assert json.loads((site_dir / SERVE_STATUS).read_text(encoding="utf-8")) == {
        "errors": ["template 'tags.html': 'undefined_macro' is undefined"]}
    assert reported == [["template 'tags.html': 'undefined_macro' is undefined"]]
    # Only the half-written files are left beside it, and they are being deleted.
    assert all(p.name.startswith(".mkdocs_preview.failed-") for p in tmp_path.iterdir() if p != site_dir)


def test_a_failure_before_anything_was_set_aside_leaves_the_site(tmp_path: Path) -> None:
    site_dir = tmp_path / "mkdocs_preview"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("good", encoding="utf-8")
    last_good = LastGood(str(site_dir))

    def failing_config() -> None:
        raise ValueError("mkdocs.yml: bad")

    guard_builder(failing_config, last_good, lambda lines: None)()
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "good"


def test_keyboard_interrupt_still_stops_the_preview(tmp_path: Path) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        guard_builder(interrupted, LastGood(str(tmp_path)), lambda lines: None)()


def test_a_broken_template_during_serve_keeps_the_page_and_shows_the_error(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    config_file = site.root / "mkdocs.yml"
    with MkDocsServer(site.root) as server:
        server.wait_until_serving()
        status, html = server.get(PAGE)
        assert status == 200 and "最初の翻訳です。" in html
        overrides = site.root / "overrides"
        overrides.mkdir()
        (overrides / "article.html").write_text(
            "{% extends 'main.html' %}{% block content %}{{ undefined_macro() }}{% endblock %}", encoding="utf-8")
        original = config_file.read_text(encoding="utf-8")
        config = yaml.safe_load(original)
        config["theme"]["custom_dir"] = str(overrides)
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        server.wait_for(SERVE_STATUS, lambda text: "undefined_macro" in text, timeout=120)
        assert "undefined_macro" in json.loads(server.get(SERVE_STATUS)[1])["errors"][0]
        status, html = server.get(PAGE)
        assert status == 200 and "最初の翻訳です。" in html          # the last good page, still answered
        assert "Traceback" not in server.output
        config_file.write_text(original, encoding="utf-8")   # the fix (mkdocs.yml is watched)
        deadline = time.perf_counter() + 120
        while server.get(SERVE_STATUS)[0] != 404 and time.perf_counter() < deadline:
            time.sleep(0.5)
        assert server.get(SERVE_STATUS)[0] == 404                    # fixed: the error is gone
        assert "最初の翻訳です。" in server.get(PAGE)[1]
