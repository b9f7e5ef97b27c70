"""Control and invisible-only text is refused wherever editors write text; registries report every
duplicate and unknown key.

The rules live in model/text.py and are applied by the one validator (model/validate.py) and the
registry readers, so `ainews check` and the build refuse the same values.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_BODY, SEED_FRONT_MATTER, make_site
from ainews.model.registry import parse_source_registry, parse_tag_registry
from ainews.model.tools import parse_tools
from ainews.model.validate import ModelSettings, parse_article

SETTINGS = ModelSettings(zone=ZoneInfo("Asia/Tokyo"))
# Characters that draw nothing: zero-width space/joiners, word joiner, BOM, bidi marks and
# controls, soft hyphen, variation selectors, combining grapheme joiner, Hangul fillers.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u061c", "\u00ad",
             "\u202a", "\u202e", "\u2066", "\u2069", "\ufe0f", "\ufe00", "\U000e0100", "\u034f", "\u3164",
             "\u115f", "\u2800", "\u180e", "\U000e0041"]
CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]
# Every free-text field and where it sits in the front matter (key point fields in the first item).
TEXT_FIELDS = ["title", "original_title", "tldr", "impact", "editorial", "translator", "editor",
               "source.name", "key_points[0].title", "key_points[0].detail", "tags[0]"]


def with_value(field: str, value: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {key: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v)
                            for key, v in SEED_FRONT_MATTER.items()}
    meta["key_points"] = [dict(point) for point in meta["key_points"]]
    if field.startswith("source."):
        meta["source"][field.split(".")[1]] = value
    elif field.startswith("key_points[0]."):
        meta["key_points"][0][field.rsplit(".", 1)[1]] = value
    elif field == "tags[0]":
        meta["tags"][0] = value
    else:
        meta[field] = value
    return meta


class _Quoted(yaml.SafeDumper):
    """Every string double-quoted, so control characters are written as escapes (\\e, \\N)
    and read back as themselves (a raw NEL in a plain scalar would be read as a line break)."""


_Quoted.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def problems_of(meta: dict[str, Any]) -> list[str]:
    text = "---\n" + yaml.dump(meta, Dumper=_Quoted, allow_unicode=True, sort_keys=False) + "---\n\n" + SEED_BODY
    article, found = parse_article(text.encode("utf-8", "surrogatepass"), "a.md", "articles/a.md", SETTINGS)
    assert (article is None) == bool(found)
    return [str(p) for p in found]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(TEXT_FIELDS), st.lists(st.sampled_from(INVISIBLE + [" ", "\u3000", "\t"]), min_size=1,
                                              max_size=200).filter(lambda chars: any(c.strip() for c in chars)))
def test_text_with_nothing_visible_is_refused_in_every_field(field: str, chars: list[str]) -> None:
    lines = problems_of(with_value(field, "".join(chars)))
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"a.md: {field}: "), lines
    assert "no visible characters" in lines[0] or "a letter or digit" in lines[0], lines


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(TEXT_FIELDS + ["slug", "original_lang", "source.url", "published"]),
       st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20), st.sampled_from(CONTROLS),
       st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20))
def test_a_control_character_in_any_string_is_named_as_u_plus(field: str, before: str, control: str,
                                                             after: str) -> None:
    lines = problems_of(with_value(field, f"Claude{before}{control}{after}x"))
    code = f"U+{ord(control):04X}"
    assert f"a.md: {field}: must not contain the control character {code}" in lines, lines


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(TEXT_FIELDS), st.text(min_size=1, max_size=30).filter(
    lambda text: any(ch.isalnum() for ch in text) and not any(ch in text for ch in CONTROLS)))
def test_visible_text_with_invisible_characters_around_it_is_still_accepted(field: str, text: str) -> None:
    lines = problems_of(with_value(field, "\u200b" + text + "\ufe0f"))
    assert not [line for line in lines if "control character" in line or "no visible" in line], lines


def test_tab_and_newline_are_ordinary_in_text() -> None:
    assert problems_of(with_value("impact", "一行目\n\t二行目")) == []


# --- the build and `ainews check` refuse the same, in one line each -------------------------------------

def test_build_and_check_refuse_an_invisible_title_and_an_escape_in_one_line(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"search": False, "cards": {"enabled": False}})
    site.add_article("seed")
    assert site.build().returncode == 0
    before = (site.site_dir / "articles/seed/index.html").read_bytes()
    site.add_article("blank", title="\u200b" * 200)
    site.add_article("escape", tldr="赤い\x1b[31m文字\x00")
    built = site.build()
    env = {**os.environ, "AINEWS_LANG": "en"}
    checked = subprocess.run([sys.executable, "-m", "ainews.cli.main", "check"], cwd=site.root, env=env,
                             capture_output=True, text=True, timeout=120)
    expected = ["content/articles/2026/06/blank.md: title: has no visible characters (only U+200B and the like); "
                "write text or leave the field out",
                "content/articles/2026/06/escape.md: tldr: must not contain the control character U+001B"]
    assert built.returncode == 1 and checked.returncode == 1
    assert "Traceback" not in built.stderr + checked.stderr
    for line in expected:
        assert line in built.stderr and line in checked.stdout, (built.stderr, checked.stdout)
    assert (site.site_dir / "articles/seed/index.html").read_bytes() == before


# --- registries ---------------------------------------------------------------------------------------------

def test_source_registry_duplicates_and_every_unknown_key_are_reported() -> None:
    problems: list = []
    registry = parse_source_registry(
        "OpenAI Blog:\n  url: https://openai.com/news/\n  colour: red\n  size: big\n"
        "openai blog:\n  description: twice\n", "content/sources.yml", problems)
    assert [str(p) for p in problems] == [
        "content/sources.yml: OpenAI Blog.colour: unknown field; expected url, description or group",
        "content/sources.yml: OpenAI Blog.size: unknown field; expected url, description or group",
        "content/sources.yml: openai blog: has the same slug 'openai-blog' as OpenAI Blog",
    ]
    assert list(registry.sources) == ["openai-blog"]


@pytest.mark.parametrize("parse, text, field", [
    (parse_tag_registry, '"LLM\\e[2J":\n  description: x\n', "'LLM\\x1b[2J'"),
    (parse_tag_registry, 'LLM:\n  description: "\\u200b\\u200b"\n', "LLM.description"),
    (parse_tag_registry, 'LLM:\n  aliases: ["AI\\0"]\n', "LLM.aliases[0]"),
    (parse_source_registry, '"The Zvi\\x07":\n  url: https://thezvi.substack.com/\n', "'The Zvi\\x07'"),
    (parse_source_registry, 'The Zvi:\n  description: "\\x1b[31m"\n', "The Zvi.description"),
])
def test_registry_names_and_texts_refuse_control_and_invisible_characters(parse: Any, text: str, field: str) -> None:
    problems: list = []
    parse(text, "content/x.yml", problems)
    assert len(problems) == 1 and str(problems[0]).startswith(f"content/x.yml: {field}: "), problems
    assert "control character" in problems[0].message or "no visible characters" in problems[0].message


def test_one_alias_under_two_tools_is_reported() -> None:
    problems: list = []
    entry = {"url": "https://example.com/", "category": "Coding", "description": "x", "pricing": "free"}
    tools = parse_tools({"Cursor": {**entry, "aliases": ["Cursor AI"]}, "Windsurf": {**entry, "aliases": ["cursor ai"]},
                         "Zed\x1b": entry}, "content/tools.yml", problems, {})
    assert [str(p) for p in problems] == [
        "content/tools.yml: Windsurf.aliases: is already an alias of Cursor",
        "content/tools.yml: 'Zed\\x1b': must not contain the control character U+001B",
    ]
    assert list(tools) == ["cursor"]
