"""Every page type loads without a failed request or a console error (Lighthouse's
best-practices audit `errors-in-console` counts both)."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Server, open_context
from .test_browser import PAGE_TYPES

# The per-feed pages: Material looks for a sitemap beside each `<link rel="alternate">` target.
PAGES = {**PAGE_TYPES, "source": "sources/anthropic-news/", "tag-japanese": "tags/規制/"}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_failed_requests_or_console_errors(browser: Any, server: Server, name: str) -> None:
    context, watch = open_context(browser, server.origin, "phone")
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.on("console", lambda message: failed.append(f"console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.goto(server.url(PAGES[name]))
    page.wait_for_load_state("networkidle")
    context.close()
    watch.assert_clean()
    assert failed == []
