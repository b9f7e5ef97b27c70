/* Search terms as the index has them (plugins/ainews/site/search.py, segment_for_search):
 * every run of Japanese script becomes bigrams, so 半導体 finds 半導体工場
 * however a tokenizer would split either. Results show the article's TL;DR (the `excerpt`
 * metadata), since Pagefind's own excerpt would be of the indexed bigrams. */
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

  window.ainewsSearch = {
    processTerm: function (term) {
      return term.replace(JAPANESE_RUN, function (run) { return " " + bigrams(run) + " "; })
        .replace(/\s+/g, " ").trim();
    },
    processResult: function (result) {
      if (result.meta && result.meta.excerpt) {
        result.excerpt = escapeHtml(result.meta.excerpt);
      }
      return result;
    }
  };
})();
