/* Click-to-play videos (partials/video.html, render/video.py): nothing is requested from the
 * video site until the reader clicks; then the privacy-enhanced player replaces the button.
 * The player URL is built here from data-video ("youtube:<11 chars>" or "vimeo:<digits>"),
 * checked again, never taken from the page as a URL. Without JavaScript the link opens the video. */
(function () {
  "use strict";
  var PLAYERS = {
    youtube: { id: /^[A-Za-z0-9_-]{11}$/, url: "https://www.youtube-nocookie.com/embed/{id}?autoplay=1" },
    vimeo: { id: /^[0-9]{1,12}$/, url: "https://player.vimeo.com/video/{id}?dnt=1&autoplay=1" }
  };

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-video]");
    if (!link) {
      return;
    }
    var parts = link.getAttribute("data-video").split(":");
    var player = PLAYERS[parts[0]];
    if (!player || parts.length !== 2 || !player.id.test(parts[1])) {
      return;
    }
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = player.url.replace("{id}", parts[1]);
    frame.title = link.querySelector(".news-video__label").textContent;
    frame.className = "news-video__player";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    link.replaceWith(frame);
    frame.focus();
  });
})();
