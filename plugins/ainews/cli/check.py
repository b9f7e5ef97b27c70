"""`ainews check`: the build's own validation, without building.

The whole corpus is always read (a duplicate slug or an unknown `related:`
slug only shows between files); when paths are given, only problems about
those files are printed and counted.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

from ..model.article import Problem
from ..model.corpus import CorpusError
from ..model.report import report_lines
from ..model.messages import msg
from .project import Project


def _selected(problem: Problem, wanted: set[str], folders: tuple[str, ...]) -> bool:
    if problem.path in wanted or problem.path.startswith(folders):
        return True
    # "slug 'x' is already used by <other file>": the problem is about both files.
    return any(path in problem.message for path in wanted)


def collect_problems(project: Project, paths: Sequence[str] = ()) -> tuple[list[Problem], int, int]:
    """Problems about ``paths`` (all of them when none), the number of articles read, and
    the number of problems left out because they concern other files."""
    try:
        corpus = project.read_corpus()
        problems: list[Problem] = []
        count = len(corpus.articles)
    except CorpusError as error:
        problems = error.problems
        count = -1
    if not paths:
        return problems, count, 0
    missing = [Problem(project.shown(Path(p)), "file", msg("does not exist")) for p in paths if not os.path.exists(p)]
    wanted = {project.shown(Path(p)) for p in paths if os.path.isfile(p)}
    folders = tuple(project.shown(Path(p)).rstrip("/") + "/" for p in paths if os.path.isdir(p))
    chosen = [p for p in problems if _selected(p, wanted, folders)]
    return missing + chosen, count, len(problems) - len(chosen)


def _plural(count: int) -> str:
    return "" if count == 1 else "s"   # English only: the Japanese templates have no {s}


def run_check(project: Project, paths: Sequence[str]) -> int:
    """Print one line per problem (``file: field: problem``); 1 when there is any, else 0."""
    problems, count, others = collect_problems(project, paths)
    for line in report_lines(problems):
        print(line)
    if others:
        print(msg("ainews check: {count} more problem{s} in other files (run `ainews check` without paths to see them)",
                  count=others, s=_plural(others)), file=sys.stderr)
    if problems:
        print(msg("ainews check: {count} problem{s}", count=len(problems), s=_plural(len(problems))), file=sys.stderr)
        return 1
    if count >= 0:
        print(msg("ainews check: {count} articles, no problems", count=count), file=sys.stderr)
    else:
        print(msg("ainews check: no problems in the given files"), file=sys.stderr)
    return 0
