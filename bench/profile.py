"""Profile one build of our generator (or another Python target) with cProfile.

    python bench/profile.py --n 300 [--target ours] [--top 30] [--sort cumulative] [--save ours.prof]

Generates a corpus of N articles, prepares the target's site, runs its build
command under `python -m cProfile` in a child process and prints the top
functions by cumulative time. `--save` keeps the raw profile for snakeviz or
pstats.

This file shadows the standard library's `profile` module for scripts run
from bench/, so it never imports cProfile itself: the child process, started
outside bench/, does the profiling, and only pstats is used here.
"""

from __future__ import annotations

import argparse
import os
import pstats
import shutil
import subprocess
import sys
from pathlib import Path

from targets import TARGETS, Workspace, default_python


def profiled(cmd: list[str], python: str, output: Path) -> list[str]:
    """`cmd` (which must start with `python`) run under cProfile, writing to `output`."""
    if not cmd or cmd[0] != python:
        raise SystemExit(f"not a Python build, cannot profile: {' '.join(cmd)}")
    return [python, "-m", "cProfile", "-o", str(output), *cmd[1:]]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles in the corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", default="ours", choices=[n for n in TARGETS if n != "hugo"])
    parser.add_argument("--top", type=int, default=30, help="functions to print")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime, ...)")
    parser.add_argument("--save", type=Path, help="keep the raw profile here")
    parser.add_argument("--python", default=default_python())
    args = parser.parse_args(argv)

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    ws = Workspace.create(args.n, args.seed, args.python)
    try:
        output = ws.root / "build.prof"
        cmd = profiled(TARGETS[args.target].prepare(ws), args.python, output)
        done = subprocess.run(cmd, cwd=ws.root, stdin=subprocess.DEVNULL, check=False)
        if done.returncode != 0:
            sys.exit(f"{args.target} build failed (exit {done.returncode})")
        stats = pstats.Stats(str(output))
        stats.sort_stats(args.sort).print_stats(args.top)
        if args.save:
            shutil.copyfile(output, args.save)
    finally:
        shutil.rmtree(ws.root, ignore_errors=True)


if __name__ == "__main__":
    main()
