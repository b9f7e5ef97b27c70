"""Run `mkdocs serve`'s builds without its web server, in a process of their own.

    python preview_driver.py PROJECT SITE_DIR           # one full preview build, then exit
    python preview_driver.py PROJECT SITE_DIR --live    # full build, then one rebuild per stdin line

The builds are those of `mkdocs serve` (drafts shown, site_url the local
address, the plugin's ``on_serve`` given the builder); ``--live`` calls the
builder the dev server would call after each save and prints ``done`` when it
has finished. A process of its own, because MkDocs keeps one plugin instance
per process.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

SERVE_URL = "http://127.0.0.1:8000/"


def serve_builder(project: Path, site_dir: Path) -> tuple[Callable[[], MkDocsConfig], Callable[..., None]]:
    """The configuration and the builder `mkdocs serve` makes for ``project`` (mkdocs/commands/serve.py)."""

    def get_config() -> MkDocsConfig:   # made afresh for every full rebuild
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
        config.site_url = SERVE_URL
        return config

    def builder(config: MkDocsConfig | None = None) -> None:
        build(config or get_config(), serve_url=SERVE_URL)

    return get_config, builder


def main(project: Path, site_dir: Path, live: bool) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stdout)
    get_config, builder = serve_builder(project, site_dir)
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    builder(config)
    if not live:
        return
    server = config.plugins.on_serve(SimpleNamespace(builder=builder), config=config, builder=builder)
    print("ready", flush=True)
    for _ in sys.stdin:
        server.builder()
        print("done", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), "--live" in sys.argv[3:])
