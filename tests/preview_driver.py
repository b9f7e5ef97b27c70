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

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def main(project: Path, site_dir: Path, live: bool) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stdout)

    def get_config():  # as mkdocs/commands/serve.py makes it for every full rebuild
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
        config.site_url = SERVE_URL
        return config

    def builder(config=None) -> None:
        build(config or get_config(), serve_url=SERVE_URL)

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
