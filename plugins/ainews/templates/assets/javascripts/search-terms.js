/* Search terms as the index has them (plugins/ainews/site/search.py, segment_for_search):
 * every run of Japanese script becomes bigrams, so 半導体 finds 半導体工場
 * however a tokenizer would split either. Each result shows, once: the title, a line with the
 * date, the source and the tags that hold one of the reader's words, and the article's TL;DR
 * (the `excerpt` metadata) with the reader's words marked, since Pagefind's own excerpt would
 * be of the indexed bigrams. The metadata is taken out of `meta` afterwards: Pagefind's UI
 * lists every meta key as a "key: value" tag. */
(function () {
  "use strict";
  var JAPANESE_RUN = /[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff々〆ヶー]+/g;

  // The index has every overlapping bigram; the query needs only bigrams that cover the run
  // (アライメント研究 → アラ イメ ント 研究): the same articles match, and each term costs
  // one index chunk per partition to download, so half the terms is half the download.
  function bigrams(run) {
    var chars = Array.from(run);
    if (chars.length < 2) {
      return run;
    }
    var out = [];
    for (var k = 0; k + 1 < chars.length; k += 2) {
      out.push(chars[k] + chars[k + 1]);
    }
    if (chars.length % 2 === 1) {
      out.push(chars[chars.length - 2] + chars[chars.length - 1]);
    }
    return out.join(" ");
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function queryWords(query) {
    return query.split(/\s+/).filter(function (word) { return word.length > 0; });
  }

  // `text` as HTML with every occurrence of the query's words in <mark>, escaped piece by piece.
  function highlight(text, query) {
    var words = queryWords(query);
    if (!words.length) {
      return escapeHtml(text);
    }
    words.sort(function (a, b) { return b.length - a.length; });   // the longest word wins an overlap
    var pattern = new RegExp(words.map(escapeRegExp).join("|"), "gi");
    var html = "";
    var last = 0;
    text.replace(pattern, function (hit, at) {
      html += escapeHtml(text.slice(last, at)) + "<mark>" + escapeHtml(hit) + "</mark>";
      last = at + hit.length;
      return hit;
    });
    return html + escapeHtml(text.slice(last));
  }

  // The query as the reader typed it: processTerm sees it before it becomes bigrams.
  var query = "";

  window.ainewsSearch = {
    processTerm: function (term) {
      query = term;
      return term.replace(JAPANESE_RUN, function (run) { return " " + bigrams(run) + " "; })
        .replace(/\s+/g, " ").trim();
    },
    processResult: function (result) {
      var meta = result.meta || {};
      var filters = result.filters || {};
      var source = (filters["ソース"] || [])[0];
      // Tags are indexed words too: the tags holding one of the reader's words say why an
      // article whose TL;DR lacks the word was found (#半導体 for a story about chips).
      var words = queryWords(query.toLowerCase());
      var tags = (filters["タグ"] || []).filter(function (tag) {
        return words.some(function (word) { return tag.toLowerCase().indexOf(word) >= 0; });
      });
      var line = [meta["日付"] ? escapeHtml(meta["日付"]) : "", source ? highlight(source, query) : ""]
        .concat(tags.map(function (tag) { return "#" + highlight(tag, query); })).filter(Boolean);
      result.excerpt = (line.length ? '<span class="news-search-meta">' +
                        line.join('<span aria-hidden="true"> ・ </span>') + "</span>" : "") +
                       '<span class="news-search-summary">' + highlight(meta.excerpt || "", query) + "</span>";
      result.meta = { title: meta.title };
      return result;
    },
    highlight: highlight
  };
})();
