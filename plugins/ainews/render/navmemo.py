"""Material's navigation drawer and tabs rendered once for the many pages that show them alike.

Every page carries Material's whole site navigation (``block site_nav`` in
base.html: the drawer and the table-of-contents sidebar) and the header tabs
(``block tabs``), over a quarter of a page's template time. For a page that is not itself in the navigation (every
article, tag, source and day page) that HTML depends only on the navigation, on
the page's ``hide`` setting, on an empty table of contents, and, through the
``url`` filter, on where the page sits relative to the other pages: the memo's
key holds all of these, including each navigation page's URL as seen from this
page, so two pages share the HTML only when Material would write the same bytes.
"""

from __future__ import annotations

from typing import Any, Callable, Hashable

from mkdocs.utils import get_relative_url


def nav_key(page: Any, nav: Any, base_url: str) -> Hashable | None:
    """What the drawer's HTML depends on for ``page``; None when it must be rendered for it alone."""
    if page is None or nav is None or page.toc or page in nav.pages:
        return None
    url = page.url
    return (id(nav), repr(page.meta.get("hide")), base_url, url.split("/", 1)[0], url.count("/"),
            tuple(get_relative_url(other.url, url) for other in nav.pages))


class NavMemo:
    """A Jinja global: ``{% call site_nav_memo(page, nav, base_url, "tabs") %}{{ super() }}{% endcall %}``.

    One per Jinja environment (MkDocs makes one per build), so a new navigation starts empty.
    """

    def __init__(self) -> None:
        self.blocks: dict[Hashable, Any] = {}

    def __call__(self, page: Any, nav: Any, base_url: str, block: str, caller: Callable[[], Any]) -> Any:
        found = nav_key(page, nav, base_url)
        if found is None:
            return caller()
        key = (block, found)
        if key not in self.blocks:
            self.blocks[key] = caller()
        return self.blocks[key]
