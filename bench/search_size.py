"""What a reader downloads to answer one search on a built site (Pagefind's chunked index).

    python bench/search_size.py SITE_DIR [--query 推論 --query model]

Serves SITE_DIR on a loopback port under the site's base path, opens
/search/?q=... in Debian's Chromium (CHROMIUM_PATH to use another) and adds up
the bytes of every response, split into the search bundle (pagefind/) and the
rest of the page (HTML, CSS, JavaScript).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def base_path(site: Path) -> str:
    """The path the site expects to live under, read from its home page's canonical link."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    return urlsplit(match.group(1)).path if match else "/"


def serve(site: Path, prefix: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            path = urlsplit(path).path
            return super().translate_path("/" + path[len(prefix):] if path.startswith(prefix) else path)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def measure(site: Path, query: str) -> dict[str, int]:
    prefix = base_path(site)
    server, root = serve(site, prefix)
    sizes = {"search bundle": 0, "page": 0, "results": 0}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=ARGS)
            page = browser.new_page()

            def count(response) -> None:  # type: ignore[no-untyped-def]
                try:
                    size = len(response.body())
                except Exception:   # redirects and aborted requests have no body
                    return
                key = "search bundle" if re.search(r"/pagefind(-\d+)?/", response.url) else "page"
                sizes[key] += size

            page.on("response", count)
            page.goto(f"{root}search/?q={query}")
            page.wait_for_selector(".pagefind-ui__result", timeout=60_000)
            page.wait_for_load_state("networkidle")
            sizes["results"] = page.locator(".pagefind-ui__result").count()
            browser.close()
    finally:
        server.shutdown()
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", action="append")
    args = parser.parse_args()
    for query in args.query or ["推論", "model"]:
        sizes = measure(args.site, query)
        print(f"{query}: search bundle {sizes['search bundle'] / 1024:.0f} KiB, "
              f"rest of the page {sizes['page'] / 1024:.0f} KiB, {sizes['results']} results shown")


if __name__ == "__main__":
    main()
