/* 目次 (table of contents): folded on phones so the article text starts on the first screen.
 * It is rendered open, so without JavaScript, and on wider screens, every entry shows. */
(function () {
  "use strict";
  var toc = document.querySelector("details.news-toc");
  if (toc && window.matchMedia("(max-width: 44.9375em)").matches) {
    toc.open = false;
  }
  // Print every collapsible open (their labels are hidden by the print stylesheet).
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.news-collapsible, details.news-toc").forEach(function (d) {
      d.setAttribute("data-news-was-open", d.open ? "1" : "0");
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-news-was-open]").forEach(function (d) {
      d.open = d.getAttribute("data-news-was-open") === "1";
      d.removeAttribute("data-news-was-open");
    });
  });
})();
