"""企業: each company tag's articles, top stories and the companies mentioned with it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..model.article import Article
from ..model.companies import Company
from .rank import by_importance

TOP_STORIES = 5
LATEST = 10
CO_MENTIONED = 6


@dataclass(frozen=True)
class CompanyEntry:
    """One company with articles, as /companies/ and /companies/<slug>/ show it."""

    company: Company
    articles: tuple[Article, ...]                      # newest first
    top: tuple[Article, ...]                           # most important first
    co_mentioned: tuple[tuple[Company, int], ...]      # other companies in the same articles, most first

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def latest(self) -> tuple[Article, ...]:
        return self.articles[:LATEST]


def build_companies(companies: Mapping[str, Company],
                    by_tag: Mapping[str, Sequence[Article]]) -> tuple[CompanyEntry, ...]:
    """Every company with at least one published article, most articles first (then name)."""
    entries = [build_company(company, by_tag[slug], companies) for slug, company in companies.items()
               if by_tag.get(slug)]
    return tuple(sorted(entries, key=lambda e: (-e.count, e.company.name)))


def build_company(company: Company, tagged: Sequence[Article], companies: Mapping[str, Company]) -> CompanyEntry:
    """One company's entry from its tag's published articles (newest first)."""
    slug = company.slug
    articles = tuple(tagged)
    others: Counter[str] = Counter(tag.slug for a in articles for tag in a.tags
                                   if tag.slug != slug and tag.slug in companies)
    ranked = sorted(others, key=lambda s: (-others[s], companies[s].name))[:CO_MENTIONED]
    return CompanyEntry(company, articles, tuple(by_importance(articles)[:TOP_STORIES]),
                        tuple((companies[s], others[s]) for s in ranked))
