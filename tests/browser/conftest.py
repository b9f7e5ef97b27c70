"""Real-browser fixtures: the sample site served on loopback, Debian's Chromium through Playwright.

The sample site (tests/conftest.py `sample_site`) is built once and served by
http.server on a free 127.0.0.1 port, under the path of its site_url
(/ainews/), in a thread. Chromium is /usr/bin/chromium: nothing downloads a
browser. With CI=true these tests never skip; elsewhere they skip only when
Chromium is missing. axe-core comes from scripts/npm-deps.sh (run by
`make test`, and here when its file is missing).

Every page a test opens records its requests (anything that is not loopback
is blocked and fails the test), JavaScript errors and dialogs (an alert()
from injected content fails the test).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

from conftest import REPO, Site

# Debian's Chromium by default; CHROMIUM_PATH points elsewhere (GitHub's runners ship Google Chrome).
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = REPO / ".cache" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts" / "screenshots"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SITE_PATH = "/ainews/"          # the path of site_url in mkdocs.yml


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (browser tests must run in CI: run `make test`, which installs it)")
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@dataclass
class Server:
    origin: str                  # http://127.0.0.1:PORT
    root: str                    # origin + /ainews/
    site_dir: Path

    def url(self, path: str = "") -> str:
        return self.root + path.lstrip("/")

    def pages(self) -> list[str]:
        """The URL path of every built HTML page, relative to the site root."""
        found = []
        for html in sorted(self.site_dir.rglob("*.html")):
            rel = html.relative_to(self.site_dir).as_posix()
            if rel.startswith("pagefind/"):
                continue
            found.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return found


def serve(site_dir: Path, folder: Path) -> Iterator[Server]:
    """Serve ``site_dir`` under /ainews/ on a free loopback port until the generator closes."""
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / SITE_PATH.strip("/")
    if not link.exists():
        link.symlink_to(site_dir, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield Server(origin=origin, root=origin + SITE_PATH, site_dir=site_dir)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(sample_site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from serve(sample_site.site_dir, tmp_path_factory.mktemp("www"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require(CHROMIUM.exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists() and shutil.which("npm"):
        subprocess.run([str(REPO / "scripts" / "npm-deps.sh"), "axe-core"], check=False, timeout=300)
    _require(AXE.exists(), f"{AXE} is missing (scripts/npm-deps.sh axe-core fetches it)")
    return AXE.read_text(encoding="utf-8")


@dataclass
class Watch:
    """What one browser context saw: requests, blocked requests, JavaScript errors, dialogs."""

    origin: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.blocked == [], f"requests left the loopback origin: {self.blocked[:10]}"
        assert self.dialogs == [], f"pages opened dialogs (injected script?): {self.dialogs[:5]}"
        assert self.errors == [], f"JavaScript errors: {self.errors[:5]}"


def is_local(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return f"{parts.scheme}://{parts.netloc}" == origin


def open_context(browser: Any, origin: str, device: str, **options: Any) -> tuple[Any, Watch]:
    """A fresh browser context with the device's viewport (or ``viewport=``), watched; non-loopback requests
    are blocked."""
    watch = Watch(origin)
    context = browser.new_context(viewport=options.pop("viewport", VIEWPORTS[device]), device_scale_factor=1,
                                  locale="ja-JP",
                                  is_mobile=device == "phone", has_touch=device == "phone",
                                  color_scheme=options.pop("color_scheme", "light"), **options)

    def route(route: Any) -> None:
        url = route.request.url
        watch.requests.append(url)
        if is_local(url, origin):
            route.continue_()
        else:
            watch.blocked.append(url)
            route.abort()

    context.route("**/*", route)

    def on_page(page: Any) -> None:
        page.on("pageerror", lambda error: watch.errors.append(f"{page.url}: {error}"))
        page.on("dialog", lambda dialog: (watch.dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))

    context.on("page", on_page)
    return context, watch


@pytest.fixture(params=list(VIEWPORTS))
def device(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def page(browser: Any, server: Server, device: str) -> Iterator[Any]:
    """A page in a fresh context on ``device``; after the test, nothing left loopback, no errors."""
    context, watch = open_context(browser, server.origin, device,
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.watch = watch
    yield page
    context.close()
    watch.assert_clean()


def screenshot(page: Any, name: str, device: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}-{device}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
