"""Keep /sitemap.xml small: a sitemap index pointing at the full list of pages.

Material's JavaScript fetches `sitemap.xml` on every page load (for instant
navigation and previews, which this site does not use). At 10,000 articles
MkDocs' sitemap is over 2 MB, downloaded by every reader. The sitemap protocol
lets `/sitemap.xml` be an index instead: crawlers follow it to the full list,
and Material finds no pages in it and stops there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from . import routes


def split_sitemap(site_dir: str, site_url: str, now: dt.datetime) -> None:
    """Move MkDocs' sitemap to SITEMAP_PAGES and write the index in its place."""
    site = Path(site_dir)
    full = site / routes.SITEMAP
    if not full.is_file():
        return
    full.replace(site / routes.SITEMAP_PAGES)
    (site / (routes.SITEMAP + ".gz")).unlink(missing_ok=True)   # MkDocs' copy of the full list
    location = escape(routes.absolute(site_url, routes.SITEMAP_PAGES))
    full.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"  <sitemap><loc>{location}</loc><lastmod>{now.date().isoformat()}</lastmod></sitemap>\n"
        "</sitemapindex>\n", encoding="utf-8")
