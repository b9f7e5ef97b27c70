"""Lighthouse (mobile, offline, Debian's Chromium) on one page of each type of a built site.

    python bench/lighthouse.py SITE_DIR [--runs 3] [--json out.json]

Serves SITE_DIR on a loopback port under the site's base path, compressed and
cacheable as GitHub Pages serves it, and runs the npm `lighthouse` CLI pinned in
scripts/npm-deps.sh lighthouse (installed into .cache/lighthouse/) with its default
mobile settings: simulated slow 4G and a 4x slower CPU (`make lighthouse` builds the
sample site, installs the CLI with scripts/npm-deps.sh lighthouse and runs this). Each page is measured
`--runs` times and the median performance run is reported, because on a shared
machine one run's total blocking time varies by a factor of two.

Targets (issue 15): performance >= 90, accessibility, best practices and SEO 100,
total blocking time <= 150 ms on every page type. Exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from search_size import base_path

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_TBT_MS = 150
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


def page_types(site: Path) -> dict[str, str]:
    """One URL path per page type, found in the built site (the newest of each)."""
    def first(pattern: str) -> str:
        found = sorted(site.glob(pattern), reverse=True)
        return found[0].parent.relative_to(site).as_posix() + "/" if found else ""
    return {"home": "", "article": first("articles/*/index.html"), "tag": first("tags/*/index.html"),
            "daily": first("daily/*-*-*/index.html"), "weekly": first("weekly/*-W*/index.html"),
            "search": "search/"}


def serve(site: Path, prefix: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve like GitHub Pages: gzip for text, a cache lifetime for assets."""
    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            path = urlsplit(path).path
            return super().translate_path("/" + path[len(prefix):] if path.startswith(prefix) else path)

        def send_head(self):  # type: ignore[no-untyped-def]
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if not (path.is_file() and path.suffix in COMPRESSED
                    and "gzip" in self.headers.get("Accept-Encoding", "")):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            return io.BytesIO(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def run_lighthouse(url: str) -> dict[str, Any]:
    """One mobile Lighthouse run: the four category scores (0-100) and TBT in ms."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
        out = Path(work) / "report.json"
        subprocess.run([str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                       check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        report = json.loads(out.read_text(encoding="utf-8"))
    scores: dict[str, Any] = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    scores["tbt"] = report["audits"]["total-blocking-time"]["numericValue"]
    # The audits that cost points outside performance, so a miss says what to fix.
    scores["failing"] = sorted({ref["id"] for name in CATEGORIES[1:] for ref in report["categories"][name]["auditRefs"]
                                if ref.get("weight") and (report["audits"][ref["id"]].get("score") or 0) < 1
                                and report["audits"][ref["id"]].get("scoreDisplayMode") == "binary"})
    return scores


def median_run(url: str, runs: int) -> dict[str, Any]:
    results = sorted((run_lighthouse(url) for _ in range(runs)), key=lambda r: r["performance"])
    return results[len(results) // 2]


def misses(scores: dict[str, Any]) -> list[str]:
    found = [f"{name} {scores[name]:.0f} < {floor}" for name, floor in TARGETS.items() if scores[name] < floor]
    if scores["tbt"] > MAX_TBT_MS:
        found.append(f"TBT {scores['tbt']:.0f} ms > {MAX_TBT_MS} ms")
    return found + [f"failing audit {audit}" for audit in scores.get("failing", ())]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="append", help="only these page types")
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run scripts/npm-deps.sh lighthouse", file=sys.stderr)
        return 2
    server, root = serve(args.site, base_path(args.site))
    results, failed = {}, False
    try:
        print(f"{'page':<8} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'TBT ms':>7}")
        for name, path in page_types(args.site).items():
            if args.page and name not in args.page:
                continue
            scores = results[name] = median_run(root + path, args.runs)
            missed = misses(scores)
            failed = failed or bool(missed)
            print(f"{name:<8} {scores['performance']:>4.0f} {scores['accessibility']:>4.0f} "
                  f"{scores['best-practices']:>4.0f} {scores['seo']:>4.0f} {scores['tbt']:>7.0f}"
                  + (f"  MISSED: {', '.join(missed)}" if missed else ""))
    finally:
        server.shutdown()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
