"""Our generator over the synthetic corpus, configured exactly as the repo is.

`make_config` copies the repo's mkdocs.yml into the temp site with docs_dir
pointing at the corpus (absolute; the plugin brings its templates); relative hooks and INHERIT are made absolute too. It round-trips
the file with ruamel.yaml so `!!python/name:` and `!ENV` tags survive.
"""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML


class NotReady(Exception):
    """Our site cannot be built yet (no mkdocs.yml, ...)."""


def _absolute(value: str, base: Path) -> str:
    path = Path(value)
    return str(path if path.is_absolute() else base / path)


def make_config(repo: Path, content_dir: Path, site_dir: Path, plugin_options: dict | None = None) -> Path:
    """Write SITE/mkdocs.yml building `content_dir` with the repo's setup; return it.

    `plugin_options` are merged into the `ainews/news` plugin's options (e.g. to turn
    search and share cards off and measure the core build alone).
    """
    source = repo / "mkdocs.yml"
    if not source.is_file():
        raise NotReady(f"{source} does not exist")
    yaml = YAML()
    config = yaml.load(source.read_text(encoding="utf-8"))
    config["docs_dir"] = str(content_dir)
    theme = config.get("theme") or {}
    if isinstance(theme, str):
        theme = {"name": theme}
    config["theme"] = theme
    if "hooks" in config:
        config["hooks"] = [_absolute(h, repo) for h in config["hooks"]]
    if "INHERIT" in config:
        config["INHERIT"] = _absolute(config["INHERIT"], repo)
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "ainews/news" in entry:
            entry["ainews/news"] = {**(entry["ainews/news"] or {}), **(plugin_options or {})}
    target = site_dir / "mkdocs.yml"
    site_dir.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        yaml.dump(config, out)
    return target
