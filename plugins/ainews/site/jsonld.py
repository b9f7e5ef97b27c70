"""Structured data (schema.org JSON-LD) for every page: what search engines read.

An article is a `NewsArticle` with everything Google lists as required or
recommended: headline, image (the share card, with its size), author (the
source), publisher with a logo, datePublished and dateModified. It is a
translation, so `translationOfWork` and `isBasedOn` name the original with its
language. The home page is a `WebSite` with its search; every other generated
page a `CollectionPage` of the site. A page with breadcrumbs also carries them as a
`BreadcrumbList`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from ..model.article import Article
from ..model.registry import SourceInfo
from . import routes

CONTEXT = "https://schema.org"


def modified(article: Article) -> dt.datetime:
    """When the article last changed: the latest of publication, analysis and `updated` (if the model has it).

    An analysis dated before the publication (a copied value) never makes the article older.
    """
    times = [article.published, article.analyzed, getattr(article, "updated", None)]
    return max(t for t in times if t is not None)


def publisher(site_name: str, site_url: str, logo_path: str) -> dict[str, Any]:
    """The site as an Organization with its logo (an absolute URL)."""
    return {"@type": "Organization", "name": site_name, "url": site_url,
            "logo": {"@type": "ImageObject", "url": routes.absolute(site_url, logo_path)}}


def website(site_name: str, site_url: str) -> dict[str, Any]:
    return {"@type": "WebSite", "name": site_name, "url": site_url}


def article_json_ld(article: Article, *, url: str, site_name: str, site_url: str, logo_path: str,
                    source: SourceInfo | None, image: Any | None) -> dict[str, Any]:
    """The NewsArticle of one article page; ``image`` is its share card (url, width, height) or None."""
    origin = {"@type": "Organization", "name": article.source.name,
              "url": (source.home if source is not None and source.home else article.source.url)}
    original: dict[str, Any] = {"@type": "CreativeWork", "@id": article.source.url, "url": article.source.url,
                                "inLanguage": article.original_lang, "author": origin}
    if article.original_title:
        original["name"] = article.original_title
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.tldr,
        "inLanguage": "ja",
        "datePublished": article.published.isoformat(),
        "dateModified": modified(article).isoformat(),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "keywords": [tag.name for tag in article.tags],
        "author": origin,
        "publisher": publisher(site_name, site_url, logo_path),
        "sourceOrganization": origin,
        "isBasedOn": original,
        "translationOfWork": {"@id": article.source.url},
        "isPartOf": website(site_name, site_url),
    }
    if image is not None:
        data["image"] = [{"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}]
    return data


def page_json_ld(*, title: str, url: str, is_home: bool, site_name: str, site_url: str,
                 logo_path: str, description: str | None) -> dict[str, Any]:
    """The home page's WebSite (with its search) or another page's CollectionPage."""
    if is_home:
        data = {"@context": CONTEXT, **website(site_name, site_url),
                "publisher": publisher(site_name, site_url, logo_path),
                "potentialAction": {"@type": "SearchAction",
                                    "target": routes.absolute(site_url, routes.search_url()) + "?q={search_term_string}",
                                    "query-input": "required name=search_term_string"}}
    else:
        data = {"@context": CONTEXT, "@type": "CollectionPage", "name": title, "url": url,
                "inLanguage": "ja", "isPartOf": website(site_name, site_url)}
    if description:
        data["description"] = description
    return data


def breadcrumb_list(crumbs: Iterable[tuple[str, str]], site_url: str) -> dict[str, Any]:
    """The ``BreadcrumbList`` of a trail of (label, site-relative URL), home first, the page itself last."""
    return {"@context": CONTEXT, "@type": "BreadcrumbList",
            "itemListElement": [{"@type": "ListItem", "position": n, "name": label,
                                 "item": routes.absolute(site_url, url)}
                                for n, (label, url) in enumerate(crumbs, 1)]}
