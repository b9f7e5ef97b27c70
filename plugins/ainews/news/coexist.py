"""Living beside a site's own pages: never replace one of them, and refuse what we cannot build.

MkDocs keys files by source path and lets a plugin replace a file with nothing
but a DeprecationWarning at INFO level, so a site's own `index.md` used to vanish
under our home page. Before the plugin adds its pages, every page it would write
is checked against the site's files; a clash stops the build with one line per
page that names the site's file and what to do. The home page (the news list) can
move with the `home` option; the other URLs are the contract's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..model.corpus import display_path
from ..model.messages import msg
from ..site import routes

PLUGIN = "ainews/news"
_FOLDER = re.compile(r"[a-z0-9][a-z0-9_-]*")


def home_folder(value: str) -> str:
    """The `home` option as a folder path (``""`` or ``news/``); raises `PluginError` for a bad one."""
    parts = [part for part in value.strip().split("/") if part]
    if not all(_FOLDER.fullmatch(part) for part in parts) or (parts and parts[0] in routes.FIXED_FOLDERS):
        raise PluginError(f"mkdocs.yml: plugins.{PLUGIN}.home: " + msg(
            "must be a folder of lower-case letters, digits, '-' or '_' (such as news/) that none of the plugin's "
            "own pages use, got {got}", got=repr(value)))
    return "".join(f"{part}/" for part in parts)


def refuse_flat_urls(config: MkDocsConfig) -> None:
    """Stop early (before MkDocs empties the site folder) when `use_directory_urls` is off."""
    if not config.use_directory_urls:
        raise PluginError("mkdocs.yml: use_directory_urls: " + msg(
            "false is not supported by ainews/news, whose pages live at folder URLs (/articles/<slug>/, "
            "/tags/<slug>/); remove the line or set it to true"))


def _clash(site_file: File, ours: File, base: Path) -> str:
    shown = display_path(Path(site_file.abs_src_path), base) if site_file.abs_src_path else site_file.src_uri
    where = "/" + ours.url.removeprefix("./")
    if ours.src_uri == routes.home_src():
        return f"{shown}: " + msg(
            "the site's own page at {where} is where ainews/news puts its news list; to keep both, "
            "set plugins.ainews/news.home (for example home: news/) or move this page", where=where)
    return f"{shown}: " + msg(
        "the site's own file at {where} is where ainews/news puts one of its pages (a fixed URL); "
        "move or rename this file", where=where)


def refuse_clashes(site_files: Files, ours: Iterable[File], config: MkDocsConfig) -> None:
    """Raise one `PluginError` listing every page of ours that a site file already occupies."""
    by_dest = {file.dest_uri: file for file in site_files}
    base = Path(config.config_file_path or ".").resolve().parent
    problems: list[str] = []
    for file in ours:
        site_file = site_files.get_file_from_path(file.src_uri) or by_dest.get(file.dest_uri)
        if site_file is not None:
            problems.append(_clash(site_file, file, base))
    if problems:
        raise PluginError("\n".join(problems))
