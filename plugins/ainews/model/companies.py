"""Companies: tags that `tags.yml` marks `kind: company`, with names, website, description and logo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .article import Problem, show_value
from .messages import msg
from .text import strip_bidi, text_problem
from .urls import is_web_url

KINDS = ("company",)
COMPANY_FIELDS = frozenset({"kind", "name_ja", "name_en", "website", "logo"})
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
MAX_NAME = 100
MAX_DESCRIPTION = 2000


@dataclass(frozen=True)
class Company:
    """A company tag as the 企業 pages show it."""

    slug: str
    name: str                   # the tag's name, e.g. "Anthropic"
    name_ja: str
    name_en: str
    website: str | None = None
    description: str | None = None
    logo: str | None = None     # path under the content folder, e.g. assets/logos/anthropic.svg


def _text(entry: dict[str, Any], key: str, where: str, path: str, problems: list[Problem],
          limit: int = MAX_NAME) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(path, f"{where}.{key}", msg("must be non-empty text, got {got}", got=show_value(value))))
        return None
    text = strip_bidi(value).strip()
    unusable = text_problem(value)
    if unusable is not None:
        problems.append(Problem(path, f"{where}.{key}", unusable))
        return None
    if len(text) > limit:
        problems.append(Problem(path, f"{where}.{key}", msg("must be at most {limit} characters, got {count}", limit=limit, count=len(text))))
        return None
    return text


def parse_company(name: str, slug: str, entry: dict[str, Any], description: str | None, path: str,
                  problems: list[Problem]) -> Company | None:
    """The company of one `tags.yml` entry with `kind:` (None when it is no company or is invalid)."""
    kind = entry.get("kind")
    if kind is None:
        for key in sorted(COMPANY_FIELDS & set(entry) - {"kind"}):
            problems.append(Problem(path, f"{name}.{key}", msg("is only for companies: add `kind: company`")))
        return None
    if kind not in KINDS:
        problems.append(Problem(path, f"{name}.kind", msg("must be company, got {got}", got=show_value(kind))))
        return None
    found = len(problems)
    name_ja = _text(entry, "name_ja", name, path, problems)
    name_en = _text(entry, "name_en", name, path, problems)
    website = _text(entry, "website", name, path, problems, limit=2000)
    if website is not None and not is_web_url(website):
        problems.append(Problem(path, f"{name}.website", msg("must be an http or https URL, got {got}", got=show_value(website))))
    logo = _text(entry, "logo", name, path, problems, limit=300)
    if logo is not None and (logo.startswith(("/", "\\")) or ".." in Path(logo).parts
                             or not logo.lower().endswith(LOGO_SUFFIXES)):
        problems.append(Problem(path, f"{name}.logo", msg(
            "must be an image file (.svg, .png, .jpg, .webp) under the content folder, e.g. assets/logos/x.svg, got {got}",
            got=show_value(logo))))
    if description is not None and len(description) > MAX_DESCRIPTION:
        problems.append(Problem(path, f"{name}.description",
                                msg("must be at most {limit} characters, got {count}",
                                    limit=MAX_DESCRIPTION, count=len(description))))
    if len(problems) > found:
        return None
    return Company(slug=slug, name=name, name_ja=name_ja or name, name_en=name_en or name, website=website,
                   description=description, logo=logo)


def check_logos(companies: dict[str, Company], content_dir: Path, path: str) -> list[Problem]:
    """A logo must be a file inside the content folder (MkDocs copies it into the site)."""
    problems = []
    root = content_dir.resolve()
    for company in companies.values():
        if company.logo is None:
            continue
        file = content_dir / company.logo
        if not file.resolve().is_relative_to(root):
            problems.append(Problem(path, f"{company.name}.logo", msg("is a link to a file outside the content folder")))
        elif not file.is_file():
            problems.append(Problem(path, f"{company.name}.logo",
                                    msg("names no file in the content folder: {path}", path=repr(company.logo))))
    return problems
