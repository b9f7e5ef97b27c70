"""Hostile input: escaping in every context a value lands in, bad files, failed builds.

One site is built with a corpus of hostile values in every text field of the
front matter and of tags.yml / sources.yml. Each value carries a marker
(`ZZ<field><n>ZZ`) so every place it lands can be found again: HTML text,
attributes, <title>, Open Graph meta, JSON-LD, the RSS feeds and the Pagefind
search index. Wherever a marker lands, the value after it must come back
exactly as written (no injection, no double escaping).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import html.parser
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from conftest import REPO, SEED_BODY, SEED_FRONT_MATTER, Site, make_site

HOSTILE: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "attribute": "\"onmouseover=alert(1) 'onfocus=alert(2) x=\"",
    "json_ld": "</script><script>alert(1)</script><!--",
    "javascript_url": "javascript:alert(1)",
    "data_url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "double_escape": "AT&amp;T &lt;b&gt; & Co &#39; &quot;",
    "bidi": "abc\u202eevil\u202c def \u2067isolate\u2069 \u200fmark",
    "zero_width": "zero\u200bwidth\u200c\u200djoin\u2060\ufeffend",
}
# What a hostile value becomes on the site: bidi controls are dropped from every text field
# (plugins/ainews/model/text.py); inside a URL (source.url, sources.yml url) there is no whitespace either.
SHOWN = {name: re.sub("[\u202a-\u202e\u2066-\u2069]", "", value) for name, value in HOSTILE.items()}
URL_SAFE = {name: re.sub(r"\s", "", value) for name, value in SHOWN.items()}
NAMES = list(HOSTILE)
SITE_NAME = "AIニュースデスク"
SITE_URL = "https://example.github.io/ainews/"
MARKER = re.compile(r"ZZ([a-z_]+)(\d+)ZZ")
BAD_SCHEME = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


def mark(field_name: str, k: int) -> str:
    return f"ZZ{field_name}{k}ZZ"


def value(field_name: str, k: int) -> str:
    return mark(field_name, k) + HOSTILE[NAMES[k]]


def article_text(meta: dict[str, Any], body: str = SEED_BODY) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def hostile_meta(k: int) -> dict[str, Any]:
    return {
        **SEED_FRONT_MATTER,
        "title": value("title", k),
        "original_title": value("origtitle", k),
        "source": {"name": value("source", k),
                   "url": f"https://example.com/{k}?m={mark('srcurl', k)}{URL_SAFE[NAMES[k]]}"},
        "published": f"2026-06-0{1 + k % 3}T0{k}:00:00+09:00",
        "tags": [value("tag", k), value("regtag", k), "Common"],
        "tldr": value("tldr", k),
        "key_points": [{"title": value("kptitle", k), "detail": value("kpdetail", k)}],
        "impact": value("impact", k),
        "editorial": value("editorial", k),
    }


def hostile_body(k: int) -> str:
    return (f"翻訳 {mark('body', k)}{HOSTILE[NAMES[k]]}\n\n<!-- original -->\n\n"
            f"Original {mark('origbody', k)}{HOSTILE[NAMES[k]]}\n")


# -- reading the built HTML -------------------------------------------------------------------

@dataclass
class Landing:
    """One place a marked value landed, and the text that follows its marker there."""

    field: str
    k: int
    context: str        # e.g. "text:h1", "attr:meta[og:title].content", "jsonld:headline"
    rest: str           # the text after the marker
    whole: str = ""     # the whole text or attribute value


@dataclass
class PageFacts:
    landings: list[Landing] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    scripts: list[tuple[dict[str, str | None], str]] = field(default_factory=list)


def find_landings(text: str, context: str) -> Iterator[Landing]:
    for match in MARKER.finditer(text):
        yield Landing(match.group(1), int(match.group(2)), context, text[match.end():], text)


class _Collector(html.parser.HTMLParser):
    def __init__(self, facts: PageFacts) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = facts
        self.stack: list[str] = []
        self.script: tuple[dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        info = dict(attrs)
        label = tag
        if tag == "meta":
            label = f"meta[{info.get('property') or info.get('name')}]"
        for name, val in attrs:
            if name.startswith("on"):
                self.facts.problems.append(f"event handler attribute {name}={val!r} on <{tag}>")
            if name in ("href", "src", "action", "formaction", "srcset", "poster") and val and \
                    BAD_SCHEME.match(val.replace("\t", "").replace("\n", "")):
                self.facts.problems.append(f"unsafe URL {name}={val!r} on <{tag}>")
            if val:
                self.facts.landings.extend(find_landings(val, f"attr:{label}.{name}"))
        if tag == "script":
            self.script = (info, [])
        if tag not in ("meta", "link", "img", "br", "hr", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            self.facts.scripts.append((self.script[0], "".join(self.script[1])))
            self.script = None
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script[1].append(data)
            return
        where = "svg" if "svg" in self.stack else (self.stack[-1] if self.stack else "")
        self.facts.landings.extend(find_landings(data, f"text:{where}"))


def read_page(path: Path) -> PageFacts:
    facts = PageFacts()
    collector = _Collector(facts)
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    for attrs, text in facts.scripts:
        kind = attrs.get("type") or ""
        if kind == "application/ld+json":
            if re.search(r"</script|<!--", text, re.I):
                facts.problems.append(f"raw </script or <!-- inside JSON-LD: {text[:80]!r}")
            for key, string in _json_strings(json.loads(text)):
                facts.landings.extend(find_landings(string, f"jsonld:{key}"))
        elif "src" not in attrs:
            if MARKER.search(text) or "alert(" in text:
                facts.problems.append(f"front-matter text inside an inline script: {text[:80]!r}")
    return facts


def _json_strings(data: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, item in data.items():
            yield from _json_strings(item, f"{key}.{name}" if key else name)
    elif isinstance(data, list):
        for item in data:
            yield from _json_strings(item, key)


def check_round_trip(landing: Landing) -> str | None:
    """None when the text after the marker is the hostile value exactly as written."""
    if landing.field in ("body", "origbody"):
        return None  # Markdown, not text: raw HTML in it is sanitized (test_body_html_is_sanitized)
    expected = (URL_SAFE if landing.field in ("srcurl", "home") else SHOWN)[NAMES[landing.k]]
    rest = landing.rest
    if landing.context.endswith((".href", ".src")) and landing.field not in ("srcurl", "home"):
        # A share link: the value travels URL-encoded as a query parameter of a service's URL.
        wanted = mark(landing.field, landing.k) + expected
        if any(v.startswith(wanted) for _, v in parse_qsl(urlsplit(landing.whole).query)):
            return None
        return f"{landing.field}{landing.k} in {landing.context}: {landing.whole[:120]!r}"
    if rest.startswith(expected):
        return None
    if landing.context == "text:svg" and rest and expected.startswith(rest):
        return None  # the chart legend shortens long tag names
    return f"{landing.field}{landing.k} in {landing.context}: expected {expected!r}, got {rest[:len(expected) + 10]!r}"


# -- the hostile site ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("hostile"), site_url=SITE_URL)
    tags: dict[str, Any] = {"Common": {"description": "共通タグ"}}
    sources: dict[str, Any] = {}
    for k in range(len(NAMES)):
        site.write(f"articles/hostile-{k}.md", article_text(hostile_meta(k), hostile_body(k)))
        tags[value("regtag", k)] = {"description": value("tagdesc", k), "aliases": [f"alias {k}"]}
        sources[value("source", k)] = {"description": value("srcdesc", k),
                                       "url": f"https://example.org/?m={mark('home', k)}{URL_SAFE[NAMES[k]]}"}
    site.write("tags.yml", yaml.safe_dump(tags, allow_unicode=True))
    site.write("sources.yml", yaml.safe_dump(sources, allow_unicode=True))
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def hostile_pages(hostile_site: Site) -> dict[str, PageFacts]:
    return {path.relative_to(hostile_site.site_dir).as_posix(): read_page(path)
            for path in sorted(hostile_site.site_dir.rglob("*.html"))}


def test_no_injection_in_any_page(hostile_pages: dict[str, PageFacts]) -> None:
    problems = [f"{page}: {problem}" for page, facts in hostile_pages.items() for problem in facts.problems]
    assert problems == []


def test_every_landing_round_trips(hostile_pages: dict[str, PageFacts]) -> None:
    failures = [f"{page}: {error}" for page, facts in hostile_pages.items()
                for landing in facts.landings if (error := check_round_trip(landing))]
    assert failures == [], "\n".join(failures[:40])


# Where each front-matter and registry field must be found (page, context), for every value.
EXPECTED_LANDINGS = {
    "title": [("articles/hostile-{k}/index.html", "text:title"),
              ("articles/hostile-{k}/index.html", "attr:meta[og:title].content"),
              ("articles/hostile-{k}/index.html", "attr:meta[twitter:title].content"),
              ("articles/hostile-{k}/index.html", "text:h1"),
              ("articles/hostile-{k}/index.html", "jsonld:headline"),
              ("index.html", "text:a")],
    "origtitle": [("articles/hostile-{k}/index.html", "text:p"), ("articles/hostile-{k}/index.html", "text:h2")],
    "source": [("articles/hostile-{k}/index.html", "text:a"),
               ("articles/hostile-{k}/index.html", "jsonld:sourceOrganization.name"),
               ("sources/index.html", "text:a")],
    "srcurl": [("articles/hostile-{k}/index.html", "attr:a.href"),
               ("articles/hostile-{k}/index.html", "jsonld:isBasedOn.url")],
    "tag": [("articles/hostile-{k}/index.html", "text:a"),
            ("articles/hostile-{k}/index.html", "attr:meta[article:tag].content"),
            ("articles/hostile-{k}/index.html", "jsonld:keywords"), ("tags/index.html", "text:a")],
    "regtag": [("articles/hostile-{k}/index.html", "text:a"), ("tags/index.html", "text:a")],
    "tagdesc": [],
    "srcdesc": [("sources/index.html", "text:p")],
    "home": [],
    "tldr": [("articles/hostile-{k}/index.html", "attr:meta[description].content"),
             ("articles/hostile-{k}/index.html", "attr:meta[og:description].content"),
             ("articles/hostile-{k}/index.html", "jsonld:description"),
             # Not on the home page: past its top stories it lists headlines only (time, source, title).
             ("articles/hostile-{k}/index.html", "text:p")],
    "kptitle": [("articles/hostile-{k}/index.html", "text:h3")],
    "kpdetail": [("articles/hostile-{k}/index.html", "text:p")],
    "impact": [("articles/hostile-{k}/index.html", "text:p")],
    "editorial": [("articles/hostile-{k}/index.html", "text:p")],
}


def test_values_land_where_expected(hostile_site: Site, hostile_pages: dict[str, PageFacts]) -> None:
    found: dict[tuple[str, int], set[tuple[str, str]]] = defaultdict(set)
    anywhere: dict[tuple[str, int], int] = defaultdict(int)
    for page, facts in hostile_pages.items():
        for landing in facts.landings:
            found[landing.field, landing.k].add((page, landing.context))
            anywhere[landing.field, landing.k] += 1
    missing = []
    for name, places in EXPECTED_LANDINGS.items():
        for k in range(len(NAMES)):
            if not anywhere[name, k]:
                missing.append(f"{name}{k}: nowhere")
            for page, context in places:
                if (page.format(k=k), context) not in found[name, k]:
                    missing.append(f"{name}{k}: not in {page.format(k=k)} {context}")
    assert missing == [], "\n".join(missing[:40])


def test_share_links_carry_title_and_url(hostile_site: Site) -> None:
    for k in range(len(NAMES)):
        facts = read_page(hostile_site.site_dir / f"articles/hostile-{k}/index.html")
        shares = [l for l in facts.landings if l.context == "attr:a.href" and l.field == "title"]
        assert shares, f"no share link carries title {k}"
    page = hostile_site.html("articles/hostile-0/")
    hrefs = re.findall(r'class="news-share__link[^"]*" href="([^"]*)"', page)
    import html as html_module
    decoded = [html_module.unescape(h) for h in hrefs]
    x_link = next(h for h in decoded if h.startswith("https://twitter.com/"))
    params = dict(parse_qsl(urlsplit(x_link).query))
    assert params["text"] == value("title", 0)
    assert params["url"] == SITE_URL + "articles/hostile-0/"


def test_body_html_is_sanitized(hostile_site: Site) -> None:
    for k in range(len(NAMES)):
        page = hostile_site.html(f"articles/hostile-{k}/")
        translation = page[page.index('<section class="news-translation"'):]
        translation = translation[:translation.index("</section>")]
        original = page[page.index('<details class="news-collapsible news-original"'):]
        original = original[:original.index("</details>")]
        for body in (translation, original):
            assert mark("body", k) in body or mark("origbody", k) in body
            assert not re.search(r"<script|<iframe|\son\w+=|=\"?\s*(javascript|data):", body, re.I), body


def test_feeds_are_well_formed_and_round_trip(hostile_site: Site) -> None:
    # The site feed and one per tag: a missing feed fails here rather than passing unchecked.
    feeds = sorted(hostile_site.site_dir.rglob("feed.xml"))
    assert hostile_site.site_dir / "feed.xml" in feeds
    assert len(feeds) > len(NAMES), [feed.relative_to(hostile_site.site_dir).as_posix() for feed in feeds]
    seen: set[tuple[str, int]] = set()
    failures = []
    for feed in feeds:
        root = ET.parse(feed).getroot()          # well-formed XML or this raises
        channel = root.find("channel")
        assert channel is not None and channel.findtext("link", "").startswith(SITE_URL)
        assert not channel.findtext("link", "").endswith("feed.xml")   # the site, not the feed itself
        for element in root.iter():
            text = element.text or ""
            if element.tag == "description":
                # Readers render a description as HTML: it holds escaped text, never live markup.
                assert "<" not in text, f"{feed.name}: live markup in a description: {text[:80]!r}"
                element.text = html.unescape(text)
            for text in [element.text or "", *element.attrib.values()]:
                for landing in find_landings(text, f"feed:{element.tag}"):
                    seen.add((landing.field, landing.k))
                    expected = (URL_SAFE if landing.field == "srcurl" else SHOWN)[NAMES[landing.k]]
                    if not landing.rest.startswith(expected):
                        failures.append(f"{feed.name} {element.tag}: {landing.rest[:60]!r}")
    assert failures == []
    for k in range(len(NAMES)):
        for name in ("title", "tldr", "source", "tag"):
            assert (name, k) in seen, f"{name}{k} not in any feed"


def _pagefind_fragments(site_dir: Path) -> Iterator[dict[str, Any]]:
    for path in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        yield json.loads(data[len(b"pagefind_dcd"):])


def test_search_index_round_trips(hostile_site: Site) -> None:
    # Search is on by default: a missing index fails here rather than passing unchecked.
    fragments = list(_pagefind_fragments(hostile_site.site_dir))
    assert fragments, "no search index fragments in pagefind/fragment/"
    titles = {}
    for fragment in fragments:
        title = fragment.get("meta", {}).get("title", "")
        for landing in find_landings(title, "pagefind:title"):
            titles[landing.k] = landing.rest
    for k in range(len(NAMES)):
        assert titles.get(k, "").startswith(SHOWN[NAMES[k]]), (k, titles.get(k))


def test_slugs_and_paths_stay_plain(hostile_site: Site) -> None:
    for path in hostile_site.site_dir.rglob("*"):
        relative = path.relative_to(hostile_site.site_dir).as_posix()
        assert re.fullmatch(r"[\w./\-]+", relative, re.ASCII), relative
    sitemap = ET.parse(hostile_site.site_dir / "sitemap-pages.xml").getroot()
    for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        assert loc.text and loc.text.startswith(SITE_URL) and not re.search(r"[<>\"'\s\u202e\u200b]", loc.text)


# -- hostile values where only a plain value is allowed ----------------------------------------

NON_TEXT_FIELDS = {
    "slug": lambda v: {"slug": v},
    "original_lang": lambda v: {"original_lang": v},
    "published": lambda v: {"published": v},
    "analyzed": lambda v: {"analyzed": v},
    "source.url": lambda v: {"source": {"name": "Src", "url": v}},
    "scores.depth": lambda v: {"scores": {**SEED_FRONT_MATTER["scores"], "depth": v}},
    "importance": lambda v: {"importance": v},
    "draft": lambda v: {"draft": v},
    "related": lambda v: {"related": [v]},
}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("field_name", list(NON_TEXT_FIELDS))
def test_non_text_fields_reject_hostile_values(field_name: str, name: str) -> None:
    from ainews.model.validate import ModelSettings, parse_article
    from zoneinfo import ZoneInfo
    meta = {**SEED_FRONT_MATTER, **NON_TEXT_FIELDS[field_name](HOSTILE[name])}
    article, problems = parse_article(article_text(meta).encode(), "content/articles/x.md",
                                      "articles/x.md", ModelSettings(zone=ZoneInfo("Asia/Tokyo")))
    assert article is None
    assert [p.field for p in problems] == [field_name]
    for problem in problems:
        line = str(problem)
        assert "\n" not in line and "\r" not in line and "\u202e" not in line and "\u2028" not in line
        assert line.startswith(f"content/articles/x.md: {field_name}: ")


def test_ten_megabyte_front_matter_fields_are_refused_in_one_line(tmp_path: Path) -> None:
    """A runaway front-matter value (it would repeat on every listing) is a clear error, quickly."""
    import time
    site = make_site(tmp_path, plugin_options={"search": False})
    big = "長文" * (5 * 1024 * 1024 // 3)   # about 10 MB of UTF-8
    site.write("articles/2026/06/big.md", article_text({**SEED_FRONT_MATTER, "tldr": big, "editorial": big}))
    started = time.monotonic()
    result = site.build()
    assert time.monotonic() - started < 120
    assert_clean_failure(result, [f"content/articles/2026/06/big.md: tldr: must be at most 2000 characters, got {len(big)}",
                                  "content/articles/2026/06/big.md: editorial: must be at most 10000 characters"])


def test_a_ten_megabyte_body_builds_escaped(tmp_path: Path) -> None:
    import time
    site = make_site(tmp_path, plugin_options={"search": False})
    big = "長文" * (5 * 1024 * 1024 // 3) + "<script>alert(1)</script>"   # about 10 MB of UTF-8
    site.write("articles/2026/06/big.md", article_text(SEED_FRONT_MATTER, "本文 " + big + "\n\n<!-- original -->\n\n" + big))
    site.add_article("small", folder="articles/2026/05")
    started = time.monotonic()
    result = site.build()
    assert time.monotonic() - started < 120
    assert result.returncode == 0, result.stderr[-2000:]
    page = site.html("articles/big/")
    assert "<script>alert(1)</script>" not in page
    assert page.count("長文") >= 2 * (5 * 1024 * 1024 // 3)   # translation and original both there


# -- files ------------------------------------------------------------------------------------

def snapshot(root: Path, skip: str = "site") -> dict[str, str]:
    """Every file under ``root`` (but ``skip``) with a hash of its bytes or its link target."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if Path(dirpath) == root:
            dirnames[:] = [d for d in dirnames if d != skip]
        for name in [*filenames, *dirnames]:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "dir"
    return found


def assert_clean_failure(result, expected: list[str]) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    for line in lines:
        assert re.fullmatch(r"content/\S+: [^:]+: .+", line), line
    for fragment in expected:
        assert any(fragment in line for line in lines), f"{fragment!r} not in:\n" + "\n".join(lines)


@pytest.mark.linux_only   # symlinks need admin rights on Windows
def test_bad_files_give_one_line_errors_and_write_nothing(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    outside = tmp_path / "outside.md"
    outside.write_text(article_text(SEED_FRONT_MATTER), encoding="utf-8")
    site = make_site(root, plugin_options={"search": False})
    site.write("articles/latin1.md", article_text(SEED_FRONT_MATTER).replace("パート", "Part").encode("utf-8")
               + "caf\u00e9".encode("latin-1"))
    site.write("articles/empty.md", b"")
    site.write("articles/only-front-matter.md", "---\n" + yaml.safe_dump(SEED_FRONT_MATTER, allow_unicode=True) + "---\n")
    site.write("articles/traversal.md", article_text({**SEED_FRONT_MATTER, "slug": "../../escape"}))
    site.write("articles/dotdot-tag.md", article_text({**SEED_FRONT_MATTER, "tags": ["../.."]}))
    site.write("articles/Upper-Case.md", article_text(SEED_FRONT_MATTER))
    site.write("articles/case-a.md", article_text({**SEED_FRONT_MATTER, "slug": "same-slug"}))
    site.write("articles/case-b.md", article_text({**SEED_FRONT_MATTER, "slug": "Same-Slug"}))
    (site.content / "articles" / "link.md").symlink_to(outside)
    before_parent = snapshot(tmp_path)
    result = site.build()
    assert_clean_failure(result, [
        "content/articles/latin1.md: file: must be UTF-8 text",
        "content/articles/empty.md: front matter: must start the file",
        "content/articles/only-front-matter.md: body: must contain the Japanese translation",
        "content/articles/traversal.md: slug: must be lower-case letters",
        "content/articles/dotdot-tag.md: tags[0]: must be a tag name with a letter or digit",
        "content/articles/Upper-Case.md: slug: must be lower-case letters, digits and '-' (taken from the file name)",
        "content/articles/case-b.md: slug: must be lower-case letters",
        "content/articles/link.md: file: is a link to a file outside the content folder",
    ])
    assert not site.site_dir.exists()
    assert snapshot(tmp_path) == before_parent


def test_bom_crlf_and_traversal_tags_build_the_same(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    site = make_site(root, plugin_options={"search": False})
    text = article_text({**SEED_FRONT_MATTER, "tags": ["../../etc/passwd", "..\\..\\windows", "Common"]})
    site.write("articles/lf.md", text)
    site.write("articles/bom.md", b"\xef\xbb\xbf" + text.encode("utf-8"))
    site.write("articles/crlf.md", text.replace("\n", "\r\n").encode("utf-8"))
    site.write("articles/bom-crlf.md", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    before = snapshot(tmp_path)
    result = site.build()
    assert result.returncode == 0, result.stderr

    def article_part(slug: str) -> str:
        page = site.html(f"articles/{slug}/")
        part = page[page.index('<article class="news-article"'):page.index('<section class="news-share"')]
        return part

    assert article_part("lf") == article_part("bom") == article_part("crlf") == article_part("bom-crlf")
    assert "\r" not in site.html("articles/crlf/")
    assert (site.site_dir / "tags" / "etc-passwd" / "index.html").is_file()
    assert (site.site_dir / "tags" / "windows" / "index.html").is_file()
    after = snapshot(tmp_path)
    # Besides the site, a build may only fill its own cache folder (.cache/ainews/, gitignored).
    assert {k: v for k, v in after.items() if not k.startswith(("project/site", "project/.cache"))} == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site")]


def test_failed_build_leaves_previous_site_byte_for_byte(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"search": False})
    site.add_article("good")
    site.add_article("other", folder="articles/2026/05")
    assert site.build().returncode == 0
    good = snapshot(site.site_dir, skip="")
    mtimes = {p: p.stat().st_mtime_ns for p in site.site_dir.rglob("*")}
    site.write("articles/2026/06/broken.md",
               article_text({**SEED_FRONT_MATTER, "scores": {"depth": 9, "relevance": 1, "practicality": 1, "novelty": 1}}))
    site.write("articles/2026/06/good.md", article_text({**SEED_FRONT_MATTER, "title": "変更後の見出し"}))
    result = site.build()
    assert_clean_failure(result, ["content/articles/2026/06/broken.md: scores.depth: must be an integer from 1 to 5, got 9"])
    assert snapshot(site.site_dir, skip="") == good
    assert {p: p.stat().st_mtime_ns for p in site.site_dir.rglob("*")} == mtimes
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]


def test_failed_build_in_a_template_also_keeps_the_site(tmp_path: Path) -> None:
    """A failure after pages started being written (here: a broken theme override) loses nothing."""
    site = make_site(tmp_path, plugin_options={"search": False})
    site.add_article("good")
    assert site.build().returncode == 0
    good = snapshot(site.site_dir, skip="")
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    overrides = tmp_path / "overrides"   # a site's own custom_dir overrides one of our templates
    overrides.mkdir()
    (overrides / "tags.html").write_text("{% extends 'main.html' %}{% block content %}{{ undefined_macro() }}{% endblock %}",
                                         encoding="utf-8")
    config["theme"]["custom_dir"] = str(overrides)
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = site.build()
    assert result.returncode != 0
    assert snapshot(site.site_dir, skip="") == good
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]
