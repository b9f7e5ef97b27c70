"""Benchmark our generator against the floor, a Material blog and Hugo.

    python bench/run.py --n 1000 --reps 3 [--only floor,ours] [--markdown] [--json out.json]

Generates the corpus once into a temp folder, prepares every target's site
(untimed), then builds each target `--reps` times as a child process and
reports median wall time, CPU time and peak RSS, with ratios to the floor and
of ours to material-blog and hugo. A target that cannot run is reported as
skipped or failed, with the reason, and the others still run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import environment
from measure import METHOD, run_measured
from report import Result, render, to_json
from targets import TARGETS, Target, Unavailable, Workspace, add_article, default_python


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bench_target(target: Target, ws: Workspace, reps: int) -> Result:
    """Prepare one target and build it `reps` times; stop at the first failed build."""
    try:
        cmd = target.prepare(ws)
    except Unavailable as exc:
        return Result(target.name, "skipped", str(exc))
    except Exception as exc:  # any setup problem is reported, not fatal to the run
        return Result(target.name, "failed", f"{type(exc).__name__}: {exc}")
    result, out = Result(target.name), ws.out(target.name)
    cache = ws.site(target.name) / ".cache"
    if target.warm:   # fills the caches; not counted (its time is a cold build's, logged)
        shutil.rmtree(cache, ignore_errors=True)
        first = run_measured(cmd, cwd=ws.root)
        log(f"  {target.name} warm-up (cold): {first.wall_s:.2f} s, {first.peak_rss_mib:.0f} MiB, exit {first.returncode}")
    added: list[Path] = []
    try:
        for rep in range(reps):
            shutil.rmtree(out, ignore_errors=True)
            if not target.warm:
                shutil.rmtree(cache, ignore_errors=True)
            if target.add_one:   # the caches hold everything but this article
                added.append(add_article(ws, rep + 1))
            run = run_measured(cmd, cwd=ws.root)
            log(f"  {target.name} #{rep + 1}: {run.wall_s:.2f} s, {run.peak_rss_mib:.0f} MiB, exit {run.returncode}")
            if not run.ok:
                return Result(target.name, "failed", run.output_tail or f"exit {run.returncode}")
            result.runs.append(run)
    finally:
        for path in added:   # the next targets build the corpus as generated
            path.unlink(missing_ok=True)
    result.html_files = sum(1 for _ in out.rglob("*.html"))
    return result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the corpus")
    parser.add_argument("--reps", type=int, default=3, help="builds per target; medians are reported")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed")
    parser.add_argument("--only", help=f"comma-separated targets ({','.join(TARGETS)})")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    parser.add_argument("--python", default=default_python(), help="interpreter for the MkDocs builds")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder and print it")
    args = parser.parse_args(argv)
    args.targets = [t.strip() for t in args.only.split(",")] if args.only else list(TARGETS)
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # keep Material's banner out of failure reasons
    start = time.perf_counter()
    ws = Workspace.create(args.n, args.seed, args.python)
    generated_s = time.perf_counter() - start
    log(f"generated {args.n} articles in {generated_s:.1f} s under {ws.root}")
    try:
        results = {}
        for name in args.targets:
            log(f"{name}: preparing")
            results[name] = bench_target(TARGETS[name], ws, args.reps)
        meta = {"n": args.n, "reps": args.reps, "seed": args.seed,
                "generated_s": generated_s, "date": datetime.now(timezone.utc).isoformat(),
                "rss_method": METHOD,
                "environment": environment.describe(args.python)}
        print(render(results, meta, args.markdown), end="")
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(to_json(results, meta), indent=2, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
    finally:
        if args.keep:
            log(f"kept {ws.root}")
        else:
            shutil.rmtree(ws.root, ignore_errors=True)


if __name__ == "__main__":
    main()
