/* Copy-link share button: copies the article's address and says so (「コピーしました」).
 * Without JavaScript, or without the Clipboard API, the link is just the article's own address. */
(function () {
  "use strict";
  var DONE = "コピーしました";
  var FAILED = "コピーできませんでした";

  function announce(link, text) {
    var status = link.parentNode.querySelector(".news-share__status");
    if (!status) {
      status = document.createElement("span");
      status.className = "news-share__status";
      status.setAttribute("role", "status");
      link.parentNode.appendChild(status);
    }
    status.textContent = text;
    clearTimeout(status._timer);
    status._timer = setTimeout(function () { status.textContent = ""; }, 3000);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-copy-url]");
    if (!link || !navigator.clipboard || !navigator.clipboard.writeText) {
      return;
    }
    event.preventDefault();
    navigator.clipboard.writeText(link.getAttribute("data-copy-url")).then(
      function () { announce(link, DONE); },
      function () { announce(link, FAILED); }
    );
  });
})();
