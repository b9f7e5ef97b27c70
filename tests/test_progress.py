"""Build progress at INFO, in MkDocs' log style: every phase with its count and seconds, and a
line at least every few seconds while a phase runs."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import pytest

from conftest import make_site
from ainews.news.progress import Progress, articles


def test_a_build_logs_each_phase_with_count_and_seconds(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    for slug in ("one", "two", "three"):
        site.add_article(slug)
    site.add_article("draft", draft=True)
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if re.search(r"ainews: .* in \d+\.\d s$", line)]
    phases = [re.sub(r"^INFO\s+-\s+ainews: ", "", re.sub(r"\d+\.\d s$", "S s", line)) for line in lines]
    assert phases[:2] == ["read and validate: 4 articles in S s", "article bodies: 3 articles in S s"]
    patterns = [r"feeds: \d+ files in S s", r"pages: \d+ pages in S s", r"share cards: \d+ written, \d+ drawn in S s",
                r"search index: done in S s", r"swap in the new site: done in S s"]
    assert len(phases) == 7 and all(re.fullmatch(p, line) for p, line in zip(patterns, phases[2:])), phases
    assert int(phases[3].split()[1]) > 10
    assert all(line.startswith("INFO") for line in lines)


def test_a_long_phase_reports_while_it_runs(caplog: pytest.LogCaptureFixture,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AINEWS_LANG", "both")
    log = logging.getLogger("test.progress")
    with caplog.at_level(logging.INFO, logger="test.progress"):
        phase = Progress(log, interval=0.05).start("bodies", total=1000)
        for _ in range(4):
            phase.advance(100)
            time.sleep(0.06)
        phase.finish(unit=articles)
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) >= 3
    assert all(re.fullmatch(r"記事本文: 1000 件中 \d+ 件まで（\d+ 秒経過） / article bodies: \d+ of 1000 so far "
                            r"\(\d+ s\)", line) for line in messages[:-1]), messages
    assert re.fullmatch(r"記事本文: 400 件（0\.\d 秒） / article bodies: 400 articles in 0\.\d s", messages[-1])


def test_a_short_preview_phase_stays_out_of_the_preview_log(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("test.progress")
    with caplog.at_level(logging.DEBUG, logger="test.progress"):
        Progress(log, preview=True).start("feeds").finish(3)
    assert [record.levelno for record in caplog.records] == [logging.DEBUG]
