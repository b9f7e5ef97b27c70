"""Body HTML sanitizing: what the safelist keeps, what it removes, and the raw_html switch."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ainews.render.sanitize import _inventory, _plain_inventory, describe_removed, sanitize_html

from conftest import make_site

EXTENSIONS = ["tables", "footnotes", "admonition", "attr_list", "md_in_html", "toc",
              "pymdownx.superfences", "pymdownx.details"]

RICH_BODY = """\
## 見出し {#custom-id}

| 左 | 中 | 右 |
|:---|:--:|---:|
| 1 | 2 | 3 |

脚注つきの文[^1]。[外部リンク](https://example.com/a) と [相対リンク](../other/) と [メール](mailto:a@example.com)。

![図](https://example.com/figure.png)

!!! note "注記"
    アドモニションの本文。

??? info "詳細"
    折りたたみの本文。

```python
def hello(name: str) -> str:
    return f"<b>{name}</b>"
```

[^1]: 脚注の本文。
"""


def render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_markdown_output_survives() -> None:
    html = sanitize_html(render(RICH_BODY))
    assert '<h2 id="custom-id">' in html
    assert "<table>" in html and '<th style="text-align:center">' in html
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">' in html
    assert '<li id="fn:1">' in html and 'class="footnote-backref" href="#fnref:1"' in html
    assert '<img alt="図" src="https://example.com/figure.png">' in html
    assert '<div class="admonition note">' in html and '<p class="admonition-title">注記</p>' in html
    assert '<details class="info">' in html and "<summary>詳細</summary>" in html
    assert '<div class="highlight"><pre><span></span><code><span class="k">def</span>' in html
    assert "&lt;b&gt;" in html


def test_links_keep_safe_schemes_and_external_ones_get_noopener() -> None:
    html = sanitize_html(render(RICH_BODY))
    assert '<a href="https://example.com/a" rel="noopener">外部リンク</a>' in html
    assert '<a href="../other/">相対リンク</a>' in html
    assert '<a href="mailto:a@example.com">メール</a>' in html
    assert sanitize_html('<a href="//evil.example/" rel="author opener">x</a>') == \
        '<a href="//evil.example/" rel="noopener">x</a>'
    assert sanitize_html('<a href="http://x.example/" rel="nofollow noopener">x</a>') == \
        '<a href="http://x.example/" rel="nofollow noopener">x</a>'


@pytest.mark.parametrize("hostile, expected", [
    ("<script>alert(1)</script>ok", "ok"),
    ("<p>a<script src=//evil.example/x.js></script>b</p>", "<p>ab</p>"),
    ('<img src="x" onerror="alert(1)">', '<img src="x">'),
    ('<p onmouseover="alert(1)" onclick=alert(1)>t</p>', "<p>t</p>"),
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "<a>x</a>"),
    ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "<img>"),
    ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"),
    ('<iframe src="https://evil.example/">fallback</iframe>after', "after"),
    ('<form action="https://evil.example/"><input name="q"><button>go</button></form>after', "after"),
    ("<svg><script>alert(1)</script><a href=x>y</a></svg>after", "after"),
    ("<math><mtext>x</mtext></math>after", "after"),
    ('<object data="x.swf"></object><embed src="x.swf">after', "after"),
    ("<style>body{display:none}</style>after", "after"),
    ('<link rel="stylesheet" href="https://evil.example/x.css"><meta http-equiv="refresh" content="0;url=x">after', "after"),
    ('<base href="https://evil.example/">after', "after"),
    ('<p style="background:url(https://evil.example/track.png)">t</p>', "<p>t</p>"),
    ('<p style="color: red; background-image: url(x)">t</p>', "<p>t</p>"),
    ('<p style="width: expression(alert(1))">t</p>', "<p>t</p>"),
    ('<p style="position: fixed; top: 0; color: red">t</p>', '<p style="color:red">t</p>'),
    ('<div id="__config">x</div>', "<div>x</div>"),
    ('<div class="md-header md-typeset note" data-md-component="header">x</div>', '<div class="note">x</div>'),
    ('<div data-pagefind-body>x</div>', "<div>x</div>"),
    ("<!-- comment -->t", "t"),
    ('<details open ontoggle="alert(1)"><summary>s</summary>b</details>', '<details open=""><summary>s</summary>b</details>'),
])
def test_hostile_html_is_removed(hostile: str, expected: str) -> None:
    assert sanitize_html(hostile) == expected


def test_text_is_not_double_escaped() -> None:
    assert sanitize_html("<p>AT&amp;T &lt;tag&gt; &amp;amp;</p>") == "<p>AT&amp;T &lt;tag&gt; &amp;amp;</p>"


HOSTILE_BODY = """\
本文の前半。

<script>alert("translation")</script>
<a href="javascript:alert(1)" onclick="alert(2)">罠のリンク</a>
<iframe src="https://evil.example/"></iframe>
<img src="https://example.com/ok.png" alt="画像" onerror="alert(3)">

| 表 | 値 |
|---|---|
| a | 1 |

<!-- original -->

Original text.

<script>alert("original")</script>
<form action="https://evil.example/"><input name="q"></form>
<a href="https://example.com/src" onmouseover="alert(4)">source</a>
"""


def _article_region(html: str) -> str:
    return html[html.index('<article class="news-article"'):html.index("</article>\n")]


def test_build_sanitizes_translation_and_original(tmp_path) -> None:
    site = make_site(tmp_path, plugin_options={"search": False})
    site.add_article("hostile-body", body=HOSTILE_BODY)
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = site.html("articles/hostile-body/")
    body = _article_region(page)
    for bad in ("alert(", "<iframe", "<form", "javascript:", "onerror", "onclick", "onmouseover"):
        assert bad not in body, bad
    assert '<img loading="lazy" src="https://example.com/ok.png" alt="画像">' in body
    assert "<table>" in body
    assert '<a href="https://example.com/src" rel="noopener">source</a>' in body
    original = body[body.index('class="news-collapsible news-original"'):]
    assert "Original text." in original


def test_raw_html_option_keeps_body_html_as_written(tmp_path) -> None:
    site = make_site(tmp_path, plugin_options={"raw_html": True, "search": False})
    site.add_article("trusted-body", body=HOSTILE_BODY)
    result = site.build()
    assert result.returncode == 0, result.stderr
    body = _article_region(site.html("articles/trusted-body/"))
    assert '<script>alert("translation")</script>' in body
    assert '<script>alert("original")</script>' in body
    assert re.search(r'<iframe src="https://evil.example/">', body)


# Pieces of HTML, well-formed and not: the sanitizer's report must read them as HTMLParser does.
_TAGS = st.sampled_from(["p", "a", "A", "div", "img", "br", "script", "style", "iframe", "h2", "span", "td"])
_ATTR_NAMES = st.sampled_from(["id", "class", "href", "style", "rel", "onclick", "data-x", "TITLE", "x:y", "a.b"])
_VALUES = st.one_of(st.text(alphabet="ab &;x:#amp", max_size=12),
                    st.text(alphabet="ab &;<>\"'=/`\u3000\t x:#amp", max_size=12))
_SPACE = st.one_of(st.just(" "), st.sampled_from([" ", "  ", "\t", "\n", "\u3000", "\x0b", ""]))


@st.composite
def _html_pieces(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            pieces.append(draw(st.text(alphabet="ab >&;-!/\u3000", max_size=8)))
        elif kind == 1:
            pieces.append(f"</{draw(_TAGS)}{draw(_SPACE)}>")
        elif kind == 2 and draw(st.booleans()):
            pieces.append(draw(st.sampled_from(["<!-- c -->", "<!doctype html>", "<?x?>", "<![CDATA[x]]>", "<", "&lt;"])))
        else:
            attrs = []
            for _ in range(draw(st.integers(0, 3))):
                quote = draw(st.sampled_from(['"', "'", "", None]))
                value = draw(_VALUES)
                attrs.append(draw(_SPACE) + draw(_ATTR_NAMES) + ("" if quote is None else
                                                                   f"={quote}{value}{quote}"))
            pieces.append(f"<{draw(_TAGS)}{''.join(attrs)}{draw(_SPACE)}{draw(st.sampled_from(['', '/']))}>")
    return "".join(pieces)


@given(_html_pieces())
@settings(max_examples=600, deadline=None)
def test_plain_inventory_reads_tags_as_html_parser_does(markup: str) -> None:
    plain = _plain_inventory(markup)
    if plain is not None:
        slow = _inventory(markup)
        assert plain == slow and list(plain) == list(slow)


def test_plain_inventory_reads_rendered_bodies() -> None:
    # A body as Markdown renders it takes the fast path, before and after cleaning.
    html = markdown.markdown(RICH_BODY, extensions=EXTENSIONS)
    for markup in (html, sanitize_html(html)):
        plain = _plain_inventory(markup)
        assert plain is not None and plain == _inventory(markup)


@given(_html_pieces())
@settings(max_examples=300, deadline=None)
def test_report_names_what_the_cleaner_removed(markup: str) -> None:
    # The report is HTMLParser's comparison, whichever way the inventories were read.
    clean = sanitize_html(markup)
    missing = _inventory(markup) - _inventory(clean)
    gone = {tag for tag, name, _ in missing if not name}
    expected = list(dict.fromkeys(f"<{tag}>" if not name else f"{name} on <{tag}>"
                                  for tag, name, _ in missing if not (name and tag in gone)))
    assert describe_removed(markup, clean) == expected
