"""The templates, partials, CSS and JS shipped inside the package, made visible to the theme.

A site needs only `pip install` and one `plugins:` line: our folder goes into the theme's
search path after the site's own `custom_dir` (which still overrides any of our files) and
before Material's, and our stylesheet and script are linked once.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
STYLESHEETS = ("assets/stylesheets/news.css", "assets/stylesheets/sections.css", "assets/stylesheets/news-parts.css")
JAVASCRIPTS = ("assets/javascripts/share.js", "assets/javascripts/toc.js", "assets/javascripts/video.js")


def install_theme_files(config: MkDocsConfig) -> None:
    """Put our templates folder on the theme's search path and link our assets (idempotent)."""
    dirs = config.theme.dirs
    ours = str(TEMPLATES_DIR)
    if ours not in dirs:
        custom = config.theme.custom_dir
        dirs.insert(1 if custom and dirs and Path(dirs[0]) == Path(custom) else 0, ours)
    for path in STYLESHEETS:
        if path not in [str(entry) for entry in config.extra_css]:
            config.extra_css.append(path)
    for path in JAVASCRIPTS:
        if path not in [str(entry) for entry in config.extra_javascript]:
            config.extra_javascript.append(path)
