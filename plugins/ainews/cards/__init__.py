"""Share cards: a 1200x630 Open Graph image with the Japanese title for every page.

`fonts` finds Noto Sans CJK JP, `wrap` breaks Japanese lines (kinsoku, whole
words, ``…``), `draw` lays a card out (and draws it in RGB), `palette` draws
it as the published 8-bit PNG, `plan` decides the cards of a site from
the `SiteIndex`, `store` caches them by content and writes them, and `build`
ties these together for the news plugin. Nothing here imports MkDocs.
"""
