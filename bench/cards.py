"""Time the share cards alone: cold (empty cache) and warm, for a generated corpus.

    .venv/bin/python bench/cards.py --n 1000 [--workers 1,2] [--keep]
    .venv/bin/python bench/cards.py --n 1000 --before main [--sample 300] [--rounds 3]

Generates N articles with generate.py, reads them with the real model and
index, plans every card of the site and writes them into a temporary site
folder: once per worker count with an empty cache (cold), then once more with
the cache filled (warm). Prints cards, cards drawn, wall seconds, ms per card
and CPU seconds (this process and its pool workers): on a busy machine the
wall time of the pool swings with the other load, the CPU time much less.

With ``--before REV`` it compares drawing code instead: the cards package as
it is at git revision REV against the working tree, in this one process, the
same cards drawn and encoded by each in turn (``--rounds`` times, best kept;
each round starts with the caches a new worker process has, so ``--sample``
is best about a worker's share of the site's cards): CPU milliseconds per card
and the PNG files' mean size. Taken side by side in
the same minutes, the ratio holds even on a busy machine.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
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
from ainews.cards.draw import CardSpec  # noqa: E402
from ainews.index.site import build_site_index  # noqa: E402
from ainews.model.corpus import read_corpus  # noqa: E402
from ainews.model.dates import load_zone  # noqa: E402
from ainews.model.validate import ModelSettings  # noqa: E402


def cpu_seconds() -> float:
    """User and system time of this process and of its finished children (the pool workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def cards_package_at(revision: str, folder: Path) -> str:
    """Import plugins/ainews/cards as it is at ``revision``, as ``ainews.cards_<name>``; its name."""
    listing = subprocess.run(["git", "-C", str(HERE.parent), "ls-tree", "--name-only", revision,
                              "plugins/ainews/cards/"], check=True, capture_output=True, text=True).stdout.split()
    folder.mkdir(parents=True, exist_ok=True)
    for path in listing:
        source = subprocess.run(["git", "-C", str(HERE.parent), "show", f"{revision}:{path}"],
                                check=True, capture_output=True).stdout
        (folder / Path(path).name).write_bytes(source)
    name = f"ainews.cards_{folder.name}"
    spec = importlib.util.spec_from_file_location(name, folder / "__init__.py", submodule_search_locations=[str(folder)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return name


def png_maker(package: str):
    """``spec -> PNG bytes`` with ``package``'s own fonts and drawing (older trees encoded an RGB drawing)."""
    draw = importlib.import_module(f"{package}.draw")
    fonts = importlib.import_module(f"{package}.fonts").find_fonts()
    try:
        card_png = importlib.import_module(f"{package}.palette").card_png
    except ImportError:
        def card_png(spec, fonts):
            return draw.encode_png(draw.render_card(spec, fonts))
    return lambda spec: card_png(draw.CardSpec(**vars(spec)), fonts)


def forget(package: str) -> None:
    """Empty the per-process caches of ``package``'s drawing modules (pieces, glyphs, fonts' widths)."""
    for name in ("draw", "palette"):
        module = sys.modules.get(f"{package}.{name}")
        for cache in ("_PIECES", "_GLYPHS", "_TEXTS"):
            if isinstance(getattr(module, cache, None), dict):
                getattr(module, cache).clear()


def compare(specs: list[CardSpec], revision: str, root: Path, rounds: int) -> None:
    """CPU ms per card and mean PNG size: the cards code at ``revision`` against the working tree."""
    before = cards_package_at(revision, root / "before")
    makers = {revision: png_maker(before), "working tree": png_maker("ainews.cards")}
    best: dict[str, float] = {}
    sizes: dict[str, float] = {}
    packages = {revision: before, "working tree": "ainews.cards"}
    for _ in range(rounds):
        for name, make in makers.items():   # interleaved, so both see the same load
            forget(packages[name])   # each round starts as a new worker process would
            started = time.process_time()
            total = sum(len(make(spec)) for spec in specs)
            best[name] = min(best.get(name, float("inf")), time.process_time() - started)
            sizes[name] = total / len(specs)
    print(f"{len(specs)} cards, best of {rounds} rounds, load average {os.getloadavg()[0]:.1f}")
    print(f"{'code':<14} {'CPU ms/card':>12} {'mean PNG KiB':>13}")
    for name in makers:
        print(f"{name:<14} {1000 * best[name] / len(specs):>12.2f} {sizes[name] / 1024:>13.1f}")
    print(f"ratio: {best['working tree'] / best[revision]:.2f} of the time, "
          f"{sizes['working tree'] / sizes[revision]:.2f} of the size")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--workers", default=f"1,{os.cpu_count() or 1}")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--before", metavar="REV", help="compare the drawing code at this git revision")
    parser.add_argument("--sample", type=int, default=300, help="with --before: cards drawn per round")
    parser.add_argument("--rounds", type=int, default=3, help="with --before: rounds (best kept)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="cards-bench-"))
    try:
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--n", str(args.n), "--out", str(root)],
                       check=True, capture_output=True)
        started = time.perf_counter()
        corpus = read_corpus(root / "content", "articles", ModelSettings(zone=load_zone("Asia/Tokyo")), base=root)
        index = build_site_index(corpus)
        print(f"corpus: {len(index.articles)} articles, read and indexed in {time.perf_counter() - started:.2f} s")
        if args.before:
            cards = ShareCards.configure(None, None, root)
            cards.make_plan(index, "AIニュースデスク", "海外の重要なAIニュースを日本語訳と深層分析でお届けします。",
                            "https://example.github.io/ainews/", per_page=20, drafts=False)
            planned = sorted(cards.plan.cards.values(), key=lambda card: card.path)
            step = max(1, len(planned) // args.sample)   # every kind of card, spread over the site
            compare([card.spec for card in planned[::step][:args.sample]], args.before, root, args.rounds)
            return
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
