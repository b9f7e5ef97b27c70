"""Measure `mkdocs serve`: seconds from saving an article to the new text being served.

    .venv/bin/python scripts/serve_latency.py              # the sample site (content/)
    .venv/bin/python scripts/serve_latency.py --n 1000     # 1,000 synthetic articles (bench/generate.py)
    .venv/bin/python scripts/serve_latency.py --n 3000 --cache /tmp/c3k --build-first
                                   # caches kept in /tmp/c3k; two timed `mkdocs build`s first (cold, warm)
    .venv/bin/python scripts/serve_latency.py --in-process --sizes 30,3000 --reps 7 --cache /tmp/ainews-preview
                                   # the update alone, in this process: wall and CPU time, 30 vs 3,000 articles

`--in-process` runs the preview's first build in this process, hands the
plugin MkDocs' builder as `mkdocs serve` does, then for each edit tells the
plugin's file watcher which file changed (as MkDocs' watcher would) and times
only the builder call: wall time, CPU time of this process and its children
(``time.process_time`` + ``os.times``), and of the builder's own thread. The
site's search is off (Pagefind re-indexes after an update, in the background
at the lowest priority: not part of the update). Two
kinds of body edit: a sentence added at the end of the translation, and one
at its start (the leading text feeds related articles, so every related
block is computed again). Prints the medians per size and their ratio to the
smallest size; the first size's run is the reference, as in the issue's
target (3,000 ≤ 1.5 × 30).

Starts a real `mkdocs serve` on a free loopback port in a temp copy, then
``--reps`` times: edit one article's body, poll its page every 50 ms until the
new text is served. Then breaks the article (a score of 9), times until the
error shows in the terminal, checks the last good page is still served, fixes
it and times the recovery. Prints one line per measurement and a summary.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("AINEWS_LANG", "en")   # the error line below is matched in English
sys.path[:0] = [str(REPO / "tests"), str(REPO / "plugins")]

from serving import MkDocsServer, edit  # noqa: E402

from ainews.news.staging import SERVE_STATUS  # noqa: E402


def make_project(root: Path, n: int | None, cache: Path | None = None, search: bool = True) -> Path:
    """A site in ``root``: the sample content or ``n`` generated articles; returns one article file.

    With ``cache``, the project's `.cache/` (bodies, cards) is that folder, kept between runs.
    """
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (root / ".cache").symlink_to(cache.resolve(), target_is_directory=True)
    if n:
        subprocess.run([sys.executable, str(REPO / "bench/generate.py"), "--n", str(n), "--out", str(root)],
                       check=True, capture_output=True)
    else:
        shutil.copytree(REPO / "content", root / "content")
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    if not search:
        for entry in settings["plugins"]:
            if isinstance(entry, dict) and "ainews/news" in entry:
                entry["ainews/news"]["search"] = False
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    articles = sorted((root / "content/articles").rglob("*.md"))
    return articles[len(articles) // 2]


def slug_of(path: Path) -> str:
    head = path.read_text(encoding="utf-8").split("\n---", 1)[0]
    for line in head.splitlines():
        if line.startswith("slug:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    return path.stem


def timed_build(root: Path) -> float:
    """Seconds of one `mkdocs build` of the project (into a folder removed afterwards)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                    "-d", str(root / "built")], check=True, cwd=root, capture_output=True)
    seconds = time.perf_counter() - started
    shutil.rmtree(root / "built", ignore_errors=True)
    return seconds


def measure(n: int | None, reps: int, cache: Path | None = None,
            build_first: bool = False) -> dict[str, float | bool | list[float] | None]:
    with tempfile.TemporaryDirectory(prefix="serve-latency-") as folder:
        root = Path(folder)
        article = make_project(root, n, cache)
        build = None
        if build_first:   # the first fills the caches (if empty); the second is the warm build to compare with
            print(f"mkdocs build: {timed_build(root):.2f}s", flush=True)
            build = timed_build(root)
            print(f"mkdocs build, again (warm): {build:.2f}s", flush=True)
        page = f"articles/{slug_of(article)}/"
        body = article.read_text(encoding="utf-8")
        anchor = "\n---\n"
        assert anchor in body
        started = time.perf_counter()
        with MkDocsServer(root) as server:
            server.wait_until_serving(timeout=900)
            startup = time.perf_counter() - started
            print(f"first build and serve: {startup:.2f}s ({server.base_url})", flush=True)
            times: list[float] = []
            for rep in range(reps):
                marker = f"LATENCY-MARKER-{rep}"
                previous = f"LATENCY-MARKER-{rep - 1}" if rep else None
                saved = edit(article, f"{previous}\n\n" if previous else anchor,
                             f"{marker}\n\n" if previous else f"{anchor}\n{marker}\n\n")
                server.wait_for(page, lambda text, m=marker: m in text, timeout=900)
                seconds = time.perf_counter() - saved
                times.append(seconds)
                print(f"save -> served #{rep + 1}: {seconds:.2f}s", flush=True)
            last = f"LATENCY-MARKER-{reps - 1}"
            text = article.read_text(encoding="utf-8")
            scores_at = text.index("depth:")
            line_end = text.index("\n", scores_at)
            broken = text[:scores_at] + "depth: 9" + text[line_end:]
            since = time.perf_counter()
            article.write_text(broken, encoding="utf-8")
            shown = server.wait_for_output("scores.depth: must be an integer from 1 to 5, got 9", since, timeout=900)
            error_seconds = time.perf_counter() - since
            print(f"save (broken) -> error shown: {error_seconds:.2f}s", flush=True)
            print("  " + next(line for line in shown.splitlines() if "scores.depth" in line), flush=True)
            # The preview rebuilds the last good content and lists the errors in SERVE_STATUS.
            try:
                server.wait_for(SERVE_STATUS, lambda t: "scores.depth" in t, timeout=900)
            except TimeoutError:
                pass
            status, still = server.get(page, timeout=60)
            kept = status == 200 and last in still
            print(f"save (broken) -> last good page served with the errors listed: "
                  f"{time.perf_counter() - since:.2f}s" if kept else
                  "last good page NOT served while invalid", flush=True)
            since = time.perf_counter()
            article.write_text(text.replace(last, "LATENCY-FIXED"), encoding="utf-8")
            recover = server.wait_for(page, lambda t: "LATENCY-FIXED" in t, timeout=900)
            print(f"save (fixed) -> served: {recover:.2f}s", flush=True)
            assert server.alive()
    return {"startup": startup, "edits": times, "error": error_seconds, "recover": recover, "kept": kept,
            "build": build}


def _cpu() -> float:
    """CPU seconds of this process (every thread) and of its finished children."""
    times = os.times()
    return time.process_time() + times.children_user + times.children_system


def _edit_body(path: Path, where: str, marker: str, previous: str | None) -> None:
    """Add (or replace) one sentence at the start or the end of the translation."""
    text = path.read_text(encoding="utf-8")
    if previous is not None:
        text = text.replace(previous, marker, 1)
    elif where == "start":
        head_end = text.index("\n---\n", 4) + len("\n---\n")
        text = text[:head_end] + f"\n{marker}\n" + text[head_end:]
    else:
        cut = text.index("<!-- original -->")
        text = text[:cut] + f"{marker}\n\n" + text[cut:]
    path.write_text(text, encoding="utf-8")


def measure_in_process(n: int, reps: int, cache: Path | None, edits: list[str],
                       profile: "cProfile.Profile | None" = None) -> dict[str, dict[str, list[float]]]:
    """Time the preview update after body edits of one article of an ``n``-article site, in this process.

    With ``profile``, the builder calls also run under it (after the timed runs: one more edit each).
    """
    from types import SimpleNamespace

    from preview_driver import serve_builder
    from watchdog.events import FileModifiedEvent
    from watchdog.observers.polling import PollingObserver

    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="serve-inproc-") as folder:
        root = Path(folder)
        # Search off: Pagefind re-indexes in the background at the lowest priority after an update,
        # which is not the update's time (and on a busy machine waits minutes for a CPU).
        article = make_project(root, n, cache / str(n) if cache is not None else None, search=False)
        get_config, builder = serve_builder(root, root / "live")
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=False)
        started, cpu = time.perf_counter(), _cpu()
        builder(config)
        print(f"{n} articles: first preview build {time.perf_counter() - started:.1f}s wall, "
              f"{_cpu() - cpu:.1f}s CPU", flush=True)
        plugin = config.plugins["ainews/news"]
        # The watcher is never started: each edit is reported to the plugin's ChangeLog by hand,
        # exactly as the polling watcher would report it, so its scans do not count here.
        server = config.plugins.on_serve(SimpleNamespace(builder=builder, observer=PollingObserver()),
                                         config=config, builder=builder)
        log_lines: list[str] = []
        handler = _Collect(log_lines)
        logging.getLogger("mkdocs.plugins.ainews").addHandler(handler)
        logging.getLogger("mkdocs.plugins.ainews").setLevel(logging.INFO)   # "N pages rendered again"
        try:
            for where in edits:
                walls, cpus, threads, pages = [], [], [], []
                previous = None
                for rep in range(reps):
                    marker = f"編集マーカー{where}{rep}。"
                    _edit_body(article, where, marker, previous)
                    previous = marker
                    plugin.preview.changes.dispatch(FileModifiedEvent(str(article)))
                    log_lines.clear()
                    wall, cpu, thread = time.perf_counter(), _cpu(), time.thread_time()
                    server.builder()
                    walls.append(time.perf_counter() - wall)
                    cpus.append(_cpu() - cpu)
                    threads.append(time.thread_time() - thread)
                    found = [line for line in log_lines if "pages rendered again" in line]
                    pages.append(float(found[-1].split("preview: ")[1].split()[0]) if found else -1.0)
                    print(f"  {n} articles, body edit at the {where}: {walls[-1]:.3f}s wall, {cpus[-1]:.3f}s CPU, "
                          f"{threads[-1]:.3f}s builder thread CPU, "
                          + (f"{int(pages[-1])} pages rendered" if found else "FULL BUILD"), flush=True)
                results[where] = {"wall": walls, "cpu": cpus, "thread": threads, "pages": pages}
                if profile is not None:   # one more edit, profiled (not timed: the profiler slows it down)
                    _edit_body(article, where, f"編集マーカー{where}p。", previous)
                    plugin.preview.changes.dispatch(FileModifiedEvent(str(article)))
                    profile.runcall(server.builder)
        finally:
            logging.getLogger("mkdocs.plugins.ainews").removeHandler(handler)
            config.plugins.on_shutdown()
    return results


class _Collect(logging.Handler):
    def __init__(self, lines: list[str]) -> None:
        super().__init__(logging.INFO)
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def in_process_report(sizes: list[int], reps: int, cache: Path | None, edits: list[str], profile: bool) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile() if profile else None
    measured = {n: measure_in_process(n, reps, cache, edits, profiler if n == max(sizes) else None) for n in sizes}
    base = sizes[0]
    print("\nmedians (in process; CPU = this process and its children):")
    for where in edits:
        for n in sizes:
            row = measured[n][where]
            ratio = {key: statistics.median(row[key]) / statistics.median(measured[base][where][key])
                     for key in ("wall", "cpu", "thread")}
            print(f"{n:>6} articles, body edit at the {where:<5}: wall {statistics.median(row['wall']):.3f}s "
                  f"({ratio['wall']:.2f}x), CPU {statistics.median(row['cpu']):.3f}s ({ratio['cpu']:.2f}x), "
                  f"builder thread CPU {statistics.median(row['thread']):.3f}s ({ratio['thread']:.2f}x), "
                  f"pages {statistics.median(row['pages']):.0f}   [ratios against {base} articles]")
    if profiler is not None:
        print(f"\nprofile of one update per edit kind at {max(sizes)} articles (cumulative):")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--in-process", action="store_true",
                        help="time the preview update alone, in this process (see --sizes, --edits)")
    parser.add_argument("--sizes", default="30,3000", help="--in-process: article counts, the first is the reference")
    parser.add_argument("--edits", default="end,start", help="--in-process: where the body edit goes (end, start)")
    parser.add_argument("--profile", action="store_true",
                        help="--in-process: also profile one more update per edit kind at the largest size")
    parser.add_argument("--n", type=int, default=0, help="generated articles (default: the sample site)")
    parser.add_argument("--reps", type=int, default=3, help="edits to time")
    parser.add_argument("--cache", type=Path, help="keep the project's .cache/ here between runs (warm starts)")
    parser.add_argument("--build-first", action="store_true",
                        help="time two `mkdocs build`s before serving (the second with the caches warm)")
    args = parser.parse_args(argv)
    if args.in_process:
        in_process_report([int(n) for n in args.sizes.split(",")], args.reps, args.cache, args.edits.split(","),
                          args.profile)
        return 0
    result = measure(args.n or None, args.reps, args.cache, args.build_first)
    edits = result["edits"]
    assert isinstance(edits, list)
    label = f"{args.n} generated articles" if args.n else "sample site"
    print(f"{label}: save -> served median {statistics.median(edits):.2f}s "
          f"(min {min(edits):.2f}, max {max(edits):.2f}); error shown {result['error']:.2f}s; "
          f"recovered {result['recover']:.2f}s; first build {result['startup']:.2f}s; "
          + (f"warm mkdocs build {result['build']:.2f}s; " if result["build"] is not None else "") +
          f"last good page kept while invalid: {'yes' if result['kept'] else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
