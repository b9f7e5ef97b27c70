"""The reader's page in Chromium (issue 15): fonts, line length, tables, 目次, header, print,
dark scheme without JavaScript, the search page on a phone, 320 px without sideways scroll."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import Server, open_context
from .test_browser import ARTICLE, PAGE_TYPES

JAPANESE_STACK = '"Hiragino Kaku Gothic ProN", "Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP"'
TABLE_ARTICLE = "articles/opus-5-system-card-sandbagging/"


def goto(browser: Any, server: Server, path: str, width: int, height: int = 900, **options: Any) -> tuple[Any, Any]:
    context, watch = open_context(browser, server.origin, "phone" if width < 600 else "desktop",
                                  viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.goto(server.url(path), wait_until="load")
    page.watch = watch
    return context, page


def close(context: Any, page: Any) -> None:
    context.close()
    page.watch.assert_clean()


# -- typography ------------------------------------------------------------------------------------------

def test_body_and_code_use_the_japanese_and_monospace_stacks(page: Any, server: Server) -> None:
    page.goto(server.url(ARTICLE))
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith(JAPANESE_STACK)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontFamily") \
        .startswith(JAPANESE_STACK)
    code = page.evaluate("(() => { const c = document.createElement('code'); document.querySelector('.md-typeset')"
                         ".appendChild(c); return getComputedStyle(c).fontFamily; })()")
    assert code.startswith("ui-monospace"), code


def test_every_page_type_reads_in_the_japanese_stack(browser: Any, server: Server) -> None:
    context, page = goto(browser, server, "", 390)
    fonts = {}
    for name, path in PAGE_TYPES.items():
        page.goto(server.url(path), wait_until="load")
        fonts[name] = page.evaluate("getComputedStyle(document.body).fontFamily")
    close(context, page)
    assert {name: font for name, font in fonts.items() if not font.startswith(JAPANESE_STACK)} == {}


@pytest.mark.parametrize("width", [1280, 1920])
def test_reading_column_holds_35_to_45_japanese_characters(browser: Any, server: Server, width: int) -> None:
    context, page = goto(browser, server, ARTICLE, width)
    chars = page.evaluate("""(() => {
        const p = document.querySelector('.news-translation > p');
        p.scrollIntoView();
        return p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize);
    })()""")
    close(context, page)
    assert 35 <= chars <= 45, f"{chars:.1f} characters per line at {width} px"


@pytest.mark.parametrize("width", [390, 1280])
def test_table_cells_never_split_an_english_word(browser: Any, server: Server, width: int) -> None:
    context, page = goto(browser, server, TABLE_ARTICLE, width)
    split = page.evaluate(r"""(() => {
        const split = [];
        for (const cell of document.querySelectorAll('.news-translation td, .news-translation th')) {
            cell.scrollIntoView();
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const m of node.data.matchAll(/[A-Za-z&]{2,}/g)) {
                    const range = document.createRange();
                    range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    if (tops.size > 1) split.push(m[0]);
                }
            }
        }
        return [document.querySelectorAll('.news-translation td').length, split];
    })()""")
    close(context, page)
    cells, words = split
    assert cells > 0 and words == []


# -- 目次, header ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("width", "is_open"), [(390, False), (1280, True)])
def test_toc_is_folded_on_phones_and_open_on_desktop(browser: Any, server: Server, width: int, is_open: bool) -> None:
    context, page = goto(browser, server, ARTICLE, width)
    assert page.evaluate("document.querySelector('details.news-toc').open") is is_open
    page.locator("details.news-toc > summary").click()
    assert page.evaluate("document.querySelector('details.news-toc').open") is not is_open
    if not is_open:      # now open: an entry jumps to its heading
        link = page.locator(".news-toc__list a").nth(1)
        target = link.get_attribute("href")
        link.click()
        assert page.evaluate("decodeURIComponent(location.hash)") == target
        assert page.evaluate(f"document.getElementById({target[1:]!r}).getBoundingClientRect().top") < 200
    close(context, page)


@pytest.mark.parametrize(("width", "tabs", "box"), [(390, False, False), (768, True, True), (1280, True, True)])
def test_header_search_at_every_width_and_tabs_from_tablet(browser: Any, server: Server, width: int,
                                                           tabs: bool, box: bool) -> None:
    context, page = goto(browser, server, "", width)
    assert page.locator(".news-header-search__button").is_visible()
    assert page.locator(".news-header-search__input").is_visible() is box
    assert page.locator(".md-tabs").is_visible() is tabs
    assert page.locator(".news-header__tagline").is_visible()
    close(context, page)


def test_header_search_box_opens_the_search_page_with_results(browser: Any, server: Server) -> None:
    context, page = goto(browser, server, ARTICLE, 1280)
    page.locator(".news-header-search__input").fill("サンドバギング")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10000)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.href)")
    close(context, page)
    assert server.url(ARTICLE) in links


# -- search page on a phone -----------------------------------------------------------------------------

def test_search_results_on_a_phone_start_high_flush_and_clean(browser: Any, server: Server) -> None:
    context, page = goto(browser, server, "search/?q=Anthropic", 390, 844)
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10000)
    page.wait_for_timeout(500)
    facts = page.evaluate("""(() => {
        const first = document.querySelector('.pagefind-ui__result');
        const h1 = document.querySelector('.news-listing h1');
        return {top: first.getBoundingClientRect().top, left: first.getBoundingClientRect().left,
                textLeft: h1.getBoundingClientRect().left,
                results: [...document.querySelectorAll('.pagefind-ui__result')].map(r => [
                    r.querySelector('.pagefind-ui__result-link').textContent.trim(),
                    r.querySelector('.pagefind-ui__result-excerpt').textContent.trim()])};
    })()""")
    close(context, page)
    assert facts["top"] < 844 * 0.5, f"first result at {facts['top']} px"
    assert abs(facts["left"] - facts["textLeft"]) <= 2, facts
    for title, excerpt in facts["results"]:
        assert excerpt and excerpt[0] not in "、。,.", excerpt
        assert not excerpt.startswith(title[:12]), (title, excerpt)


@pytest.mark.parametrize("width", [390, 1280])
def test_search_filters_list_only_what_the_results_have_behind_a_visible_chevron(browser: Any, server: Server,
                                                                                  width: int) -> None:
    context, page = goto(browser, server, "search/?q=半導体", width, 844)
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10000)
    page.wait_for_timeout(500)
    chevron = """s => { const after = getComputedStyle(s, '::after');
                       return {display: after.display, transform: after.transform, width: parseFloat(after.width),
                               border: after.borderRightWidth}; }"""
    tags = page.locator("summary.pagefind-ui__filter-name", has_text="タグ").first
    closed = tags.evaluate(chevron)
    tags.click()
    page.wait_for_timeout(300)
    opened = tags.evaluate(chevron)
    labels = page.locator(".pagefind-ui__filter-label").all_inner_texts()
    close(context, page)
    assert closed["display"] != "none" and closed["width"] > 0 and closed["border"] != "0px", closed
    assert opened["transform"] != closed["transform"]          # it turns when the group opens
    assert labels and all(not label.endswith("(0)") for label in labels), labels
    assert any(label.startswith("半導体") for label in labels), labels


# -- layout at 320 px ------------------------------------------------------------------------------------

def test_no_page_type_scrolls_sideways_at_320_px(browser: Any, server: Server) -> None:
    context, page = goto(browser, server, "", 320, 640)
    wide = []
    for name, path in PAGE_TYPES.items():
        page.goto(server.url(path), wait_until="load")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            wide.append(f"{name}: {width[0]} > {width[1]}")
    close(context, page)
    assert wide == []


# -- dark scheme without JavaScript -------------------------------------------------------------------------

def _luminance(rgb: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_system_scheme_applies_without_javascript(browser: Any, server: Server, scheme: str) -> None:
    context, page = goto(browser, server, ARTICLE, 390, color_scheme=scheme, java_script_enabled=False)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.querySelector('.news-tldr p')).color")
    close(context, page)
    if scheme == "dark":
        assert _luminance(background) < 0.2 and _luminance(text) > 0.6, (background, text)
    else:
        assert _luminance(background) > 0.9 and _luminance(text) < 0.4, (background, text)


# -- print ---------------------------------------------------------------------------------------------------

def test_print_shows_the_article_and_its_source_without_navigation(browser: Any, server: Server) -> None:
    context, page = goto(browser, server, ARTICLE, 1280)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    visible = lambda selector: page.locator(selector).first.is_visible()   # noqa: E731
    assert visible(".news-original p") and visible(".news-analysis p")      # collapsibles printed open
    assert not visible(".news-collapsible > summary")                        # without their …を表示 labels
    for hidden in (".news-share", ".news-related", ".news-prevnext", ".md-header", ".news-breadcrumbs",
                   ".news-header-search", ".md-footer", ".news-toc"):
        assert not visible(hidden), hidden
    assert visible(".news-source-line__url")
    assert "https://thezvi" in page.locator(".news-source-line").inner_text()
    close(context, page)


def test_print_of_the_sample_article_fits_five_a4_pages(browser: Any, server: Server) -> None:
    # Without JavaScript too: the collapsibles open through ::details-content, not a script.
    context, page = goto(browser, server, ARTICLE, 1280, java_script_enabled=False)
    pdf = page.pdf(format="A4", print_background=True)
    close(context, page)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 5, f"{pages} A4 pages"


# -- headlines break between phrases ------------------------------------------------------------------

LINES_OF = r"""el => {
    const lines = []; let top = null, current = "";
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let k = 0; k < node.data.length; k++) {
            const range = document.createRange(); range.setStart(node, k); range.setEnd(node, k + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            if (top !== null && Math.abs(rect.top - top) > 4) { lines.push(current); current = ""; }
            top = rect.top; current += node.data[k];
        }
    }
    lines.push(current);
    return lines;
}"""
KATAKANA = re.compile(r"[\u30a0-\u30ffー]")
# The middle dot separates the words of a transliterated name (セーフティ・インスティテュート):
# a line may end after it, as in print; it may not start a line.
WORD_SEPARATOR = "・"


@pytest.mark.parametrize("width", [390, 1280])
def test_headlines_never_break_inside_a_katakana_word(browser: Any, server: Server, width: int) -> None:
    context, page = goto(browser, server, "", width)
    broken = []
    for title in page.locator(".news-card__title, .news-headlines__title").all()[:30]:
        lines = [line.strip() for line in title.evaluate(LINES_OF)]
        for before, after in zip(lines, lines[1:]):
            if before and after and KATAKANA.match(before[-1]) and KATAKANA.match(after[0]) \
                    and before[-1] != WORD_SEPARATOR:
                broken.append(" / ".join(lines))
    close(context, page)
    assert broken == []


# -- article layout on desktop: the rail starts beside the TL;DR, no gaps ------------------------------

RECTS = """(() => {
    const r = s => { const e = document.querySelector(s); if (!e) return null;
                     const b = e.getBoundingClientRect(); return {top: b.top + scrollY, bottom: b.bottom + scrollY,
                                                              left: b.left, right: b.right}; };
    return {lead: r('.news-article__lead'), scores: r('.news-article__scores .news-scores'),
            keypoints: r('.news-keypoints'), rail: r('.news-article__rail > :first-child'),
            body: r('.news-article__body')};
})()"""


@pytest.mark.parametrize("width", [1280, 1920])
def test_desktop_article_puts_the_scores_beside_the_tldr_without_gaps(browser: Any, server: Server, width: int) -> None:
    context, page = goto(browser, server, ARTICLE, width)
    box = page.evaluate(RECTS)
    close(context, page)
    assert box["scores"]["left"] > box["lead"]["right"], box                  # a rail beside the column
    assert abs(box["scores"]["top"] - box["lead"]["top"]) <= 24, box          # level with the tags and TL;DR
    assert box["keypoints"]["top"] - box["lead"]["bottom"] <= 48, box         # the key points follow the TL;DR
    assert box["rail"]["top"] - box["scores"]["bottom"] <= 48, box            # related cards follow the scores


# -- cards: the whole source name; the video card's play mark off the card's stars -------------------------

@pytest.mark.parametrize(("width", "path"), [(390, ""), (390, "tags/multimodal/"), (1280, ARTICLE),
                                             (1280, "videos/")])
def test_card_source_names_are_never_cut(browser: Any, server: Server, width: int, path: str) -> None:
    context, page = goto(browser, server, path, width)
    cut = page.evaluate("""[...document.querySelectorAll('.news-card__source')].filter(s => {
        const card = s.closest('.news-card, .news-videocard').getBoundingClientRect();
        return s.scrollWidth > s.clientWidth + 1 || s.getBoundingClientRect().right > card.right + 1;
    }).map(s => s.textContent)""")
    names = page.eval_on_selector_all(".news-card__source", "s => s.map(e => e.textContent)")
    close(context, page)
    assert names and cut == []


@pytest.mark.parametrize("width", [390, 1280])
def test_video_card_play_mark_leaves_the_card_image_readable(browser: Any, server: Server, width: int) -> None:
    # The share card draws title, source and ★ importance below its top band (cards/): the mark stays on the band.
    context, page = goto(browser, server, "videos/", width)
    overlaps = page.evaluate("""[...document.querySelectorAll('.news-videocard__thumb')].map(t => {
        const thumb = t.getBoundingClientRect(), play = t.querySelector('.news-videocard__play').getBoundingClientRect();
        return (play.bottom - thumb.top) / thumb.height;
    })""")
    close(context, page)
    assert overlaps and max(overlaps) <= 0.2, overlaps
