"""Search finds every word: words a Japanese tokenizer finds in each translation, searched in Chromium.

The tokenizer is the browser's own (ICU's dictionary word segmenter, `Intl.Segmenter`):
it splits text unlike Pagefind's indexer, which is the point. Each word is searched the
way the search page searches (its `processTerm`, then Pagefind), and the article it came
from must be among the results.
"""

from __future__ import annotations

import random
from typing import Any

from .conftest import Server, open_context

PER_ARTICLE = 8
WORDS_OF = """() => {
  // The translation only: the table of contents (目次) inside its section is the page's, not the article's.
  document.querySelectorAll('.news-translation nav, .news-translation .news-toc').forEach(n => n.style.display = 'none');
  const text = document.querySelector('.news-translation').innerText;
  const words = new Intl.Segmenter('ja', {granularity: 'word'}).segment(text);
  return [...new Set([...words].filter(w => w.isWordLike && [...w.segment].length >= 2).map(w => w.segment))];
}"""
# Each query searched as the search page does; the slugs of the articles found, per query.
FOUND_BY = """async (queries) => {
  const pagefind = await import(new URL('../pagefind/pagefind.js', location.href).href);
  await pagefind.options({baseUrl: new URL('..', location.href).pathname});
  const found = [];
  for (const query of queries) {
    const search = await pagefind.search(window.ainewsSearch.processTerm(query));
    const urls = await Promise.all(search.results.map(r => r.data().then(d => d.url)));
    found.push(urls.map(url => url.split('/articles/')[1]?.replace(/\\/$/, '')));
  }
  return found;
}"""


def test_every_word_of_a_translation_finds_its_article(browser: Any, server: Server) -> None:
    context, watch = open_context(browser, server.origin, "desktop")
    page = context.new_page()
    slugs = sorted(p.name for p in (server.site_dir / "articles").iterdir() if (p / "index.html").is_file())
    rng = random.Random(14)
    sample: list[tuple[str, str]] = []
    for slug in slugs:
        page.goto(server.url(f"articles/{slug}/"))
        words = page.evaluate(WORDS_OF)
        sample += [(slug, word) for word in rng.sample(words, min(PER_ARTICLE, len(words)))]
    assert len(sample) >= 300
    page.goto(server.url("search/"))
    found = [slug in slugs_found for (slug, _word), slugs_found
             in zip(sample, page.evaluate(FOUND_BY, [word for _slug, word in sample]))]
    recall = sum(found) / len(found)
    missed = [pair for pair, hit in zip(sample, found) if not hit]
    print(f"\nsearch recall: {sum(found)}/{len(found)} = {recall:.3f} (words by Intl.Segmenter, {len(slugs)} articles)")
    print(f"  missed: {missed}")
    context.close()
    watch.assert_clean()
    assert recall >= 0.99


def test_a_word_inside_a_compound_finds_the_article_in_the_search_box(page: Any, server: Server) -> None:
    # data-center-power-japan says 半導体工場; Pagefind's own segmentation missed it for 半導体.
    page.goto(server.url("search/?q=半導体"))
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    page.wait_for_load_state("networkidle")
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.pathname)")
    assert "/ainews/articles/data-center-power-japan/" in links, links
    excerpt = page.locator(".pagefind-ui__result-excerpt").first.inner_text()
    assert "半導 導体" not in excerpt          # readers see the TL;DR, not the indexed bigrams


NAMES_OF = """() => ({
  tags: [...(document.querySelector('ul.news-tags')?.querySelectorAll('a.news-tag') ?? [])]
          .map(a => a.textContent.trim().replace(/^#/, '')),
  source: document.querySelector('.news-meta__source')?.textContent.trim() ?? null,
})"""


def test_a_tag_or_source_name_finds_every_article_shown_with_it(browser: Any, server: Server) -> None:
    # A reader searching 半導体 expects what the #半導体 tag page lists, also where the
    # text itself says チップ; the same for a source's name.
    context, watch = open_context(browser, server.origin, "desktop")
    page = context.new_page()
    slugs = sorted(p.name for p in (server.site_dir / "articles").iterdir() if (p / "index.html").is_file())
    expected: dict[str, set[str]] = {}
    for slug in slugs:
        page.goto(server.url(f"articles/{slug}/"))
        names = page.evaluate(NAMES_OF)
        assert names["tags"] and names["source"], slug
        for name in [*names["tags"], names["source"]]:
            expected.setdefault(name, set()).add(slug)
    page.goto(server.url("search/"))
    names = sorted(expected)
    found = dict(zip(names, page.evaluate(FOUND_BY, names)))
    missed = {name: sorted(slugs_ - set(found[name])) for name, slugs_ in expected.items() if slugs_ - set(found[name])}
    context.close()
    watch.assert_clean()
    assert len(expected) >= 20
    assert missed == {}
