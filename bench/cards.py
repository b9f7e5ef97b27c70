"""Time the share cards alone: cold (empty cache) and warm, for a generated corpus.

    .venv/bin/python bench/cards.py --n 1000 [--workers 1,2] [--keep]

Generates N articles with generate.py, reads them with the real model and
index, plans every card of the site and writes them into a temporary site
folder: once per worker count with an empty cache (cold), then once more with
the cache filled (warm). Prints cards, cards drawn, wall seconds, ms per card
and CPU seconds (this process and its pool workers): on a busy machine the
wall time of the pool swings with the other load, the CPU time much less.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "plugins"))

from ainews.cards.build import ShareCards  # noqa: E402
from ainews.index.site import build_site_index  # noqa: E402
from ainews.model.corpus import read_corpus  # noqa: E402
from ainews.model.dates import load_zone  # noqa: E402
from ainews.model.validate import ModelSettings  # noqa: E402


def cpu_seconds() -> float:
    """User and system time of this process and of its finished children (the pool workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--workers", default=f"1,{os.cpu_count() or 1}")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="cards-bench-"))
    try:
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--n", str(args.n), "--out", str(root)],
                       check=True, capture_output=True)
        started = time.perf_counter()
        corpus = read_corpus(root / "content", "articles", ModelSettings(zone=load_zone("Asia/Tokyo")), base=root)
        index = build_site_index(corpus)
        print(f"corpus: {len(index.articles)} articles, read and indexed in {time.perf_counter() - started:.2f} s")
        rows = []
        for workers in sorted({int(w) for w in args.workers.split(",")}):
            shutil.rmtree(root / "cache", ignore_errors=True)
            cards = ShareCards.configure(None, "cache", root, workers=workers)
            started, cpu = time.perf_counter(), cpu_seconds()
            cards.make_plan(index, "AIニュースデスク", "海外の重要なAIニュースを日本語訳と深層分析でお届けします。",
                            "https://example.github.io/ainews/", per_page=20, drafts=False)
            planned = time.perf_counter() - started
            stats = cards.write(root / f"site-cold-{workers}")
            rows.append((f"cold, {workers} worker(s)", stats.cards, stats.drawn, planned + stats.seconds,
                         cpu_seconds() - cpu))
        stats = cards.write(root / "site-warm")
        started, cpu = time.perf_counter(), cpu_seconds()
        cards.make_plan(index, "AIニュースデスク", "海外の重要なAIニュースを日本語訳と深層分析でお届けします。",
                        "https://example.github.io/ainews/", per_page=20, drafts=False)
        planned = time.perf_counter() - started
        stats = cards.write(root / "site-warm2")
        rows.append(("warm", stats.cards, stats.drawn, planned + stats.seconds, cpu_seconds() - cpu))
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(f"{'run':<22} {'cards':>6} {'drawn':>6} {'seconds':>8} {'ms/card':>8} {'CPU s':>7}")
        for name, count, drawn, seconds, cpu in rows:
            print(f"{name:<22} {count:>6} {drawn:>6} {seconds:>8.2f} {1000 * seconds / count:>8.2f} {cpu:>7.2f}")
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
