"""The editors' docs stay true: every option and every field is documented, links resolve."""

from __future__ import annotations

import re
from typing import Any, Iterator

import pytest
from mkdocs.config import config_options as c

from conftest import REPO
from ainews.model.validate import KNOWN_FIELDS
from ainews.news.config import NewsConfig

CONFIGURATION = REPO / "docs/configuration.md"
GUIDE = REPO / "docs/editors-guide.md"


def options(config_class: type = NewsConfig, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted name, default) of every plugin option, sub-options included."""
    for name, option in config_class._schema:
        if isinstance(option, c.SubConfig):
            yield from options(option.config_class, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", option.default


def shown_default(value: Any) -> list[str]:
    """How a default is written in the table: YAML-ish, one piece per scalar."""
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, dict):
        return [f"{key}: {shown_default(item)[0]}" for key, item in value.items()]
    if isinstance(value, list):
        return [str(item) for item in value]
    if value is None:
        return ["none"]
    return [str(value)]


def table_row(text: str, name: str) -> str:
    found = [line for line in text.splitlines() if line.startswith(f"| `{name}` |")]
    assert len(found) == 1, f"docs/configuration.md: no single table row for `{name}`"
    return found[0]


@pytest.mark.parametrize(("name", "default"), list(options()))
def test_every_plugin_option_is_documented_with_its_default(name: str, default: Any) -> None:
    row = table_row(CONFIGURATION.read_text(encoding="utf-8"), name)
    default_cell = row.split(" | ")[1]
    for piece in shown_default(default):
        assert piece in default_cell, f"{name}: default {piece!r} not in {default_cell!r}"


def test_no_documented_option_is_gone() -> None:
    documented = re.findall(r"^\| `([a-z_.]+)` \| .* \|", CONFIGURATION.read_text(encoding="utf-8"), re.M)
    known = {name for name, _ in options()}
    site_settings = {"mkdocs.yml", "site_url", "docs_dir", "theme.language", "markdown_extensions",
                     "extra.footer_links"}
    assert set(documented) - known - site_settings == set()


@pytest.mark.parametrize("field", sorted(KNOWN_FIELDS))
def test_every_front_matter_field_is_explained(field: str) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    names = [f"`{field}`"] if field not in ("source", "scores") else [f"`{field}.", f"`{field}`"]
    assert any(name in guide for name in names), f"docs/editors-guide.md does not explain `{field}`"


@pytest.mark.parametrize("page", [GUIDE, CONFIGURATION, REPO / "README.md"])
def test_relative_links_in_docs_resolve(page: Any) -> None:
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if "://" in target or target.startswith("mailto:"):
            continue
        assert (page.parent / target).exists(), f"{page.name}: broken link {target}"
