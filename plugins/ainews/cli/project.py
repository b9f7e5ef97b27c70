"""The project as the CLI sees it: mkdocs.yml, the news plugin's options and the content folder.

The CLI reads mkdocs.yml itself instead of loading a full MkDocs config (which
loads the theme and every plugin), so `ainews check` starts in a fraction of a
second. The plugin options still go through the plugin's own ``NewsConfig``, so
defaults and option errors are the build's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from ..model.corpus import Corpus, display_path, read_corpus
from ..model.messages import msg
from ..model.validate import ModelSettings
from ..news.config import NewsConfig, OptionError, make_model_settings

PLUGIN_KEY = "ainews/news"
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


class ProjectError(Exception):
    """mkdocs.yml is missing or its news options are wrong; the message is one line per problem."""


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that also reads MkDocs' `!ENV` and leaves every other tag as plain data."""


def _construct_unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    # `!!python/name:...` (emoji extensions), `!relative` and the like: their
    # value never matters to the news options, so read them as plain data.
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("!", _construct_unknown)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_unknown)


@dataclass(frozen=True)
class Project:
    """Where things are and the settings validation depends on."""

    config_file: Path
    content_dir: Path       # MkDocs' docs_dir
    options: NewsConfig
    settings: ModelSettings

    @property
    def root(self) -> Path:
        """The folder of mkdocs.yml: paths in messages are relative to it, as in the build."""
        return self.config_file.parent

    @property
    def articles_dir(self) -> Path:
        return self.content_dir / self.options.articles_dir

    def read_corpus(self) -> Corpus:
        """Every article and both registries, validated exactly as `mkdocs build` does."""
        return read_corpus(self.content_dir, self.options.articles_dir, self.settings, base=self.root)

    def shown(self, path: Path) -> str:
        """A path the way problems show it: relative to the project folder when inside it."""
        return display_path(path, self.root)


def find_config_file(start: Path) -> Path:
    """The nearest mkdocs.yml in ``start`` or a folder above it."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    raise ProjectError(msg("{start}: no mkdocs.yml here or in any folder above; "
                           "run ainews inside the site project or pass --config-file", start=start))


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data, following `INHERIT:` the way MkDocs does (nested mappings merge)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ProjectError(msg("{path}: cannot be read: {error}", path=path, error=str(error).replace("\n", " "))) from None
    if not isinstance(data, dict):
        raise ProjectError(msg("{path}: must be a mapping of settings", path=path))
    parent = data.pop("INHERIT", None)
    if parent:
        data = _merge(read_mkdocs_yml((path.parent / str(parent)).resolve()), data)
    return data


def plugin_options(settings: dict[str, Any], shown: str) -> dict[str, Any]:
    """The options given to `ainews/news` under `plugins:` (a list or a mapping)."""
    plugins = settings.get("plugins") or []
    entries: list[tuple[Any, Any]] = list(plugins.items()) if isinstance(plugins, dict) else []
    if isinstance(plugins, list):
        for item in plugins:
            entries.extend(item.items() if isinstance(item, dict) else [(item, None)])
    for name, options in entries:
        if name == PLUGIN_KEY:
            if options is not None and not isinstance(options, dict):
                raise ProjectError(msg("{shown}: plugins.{key}: must be a mapping of options", shown=shown, key=PLUGIN_KEY))
            return dict(options or {})
    raise ProjectError(msg("{shown}: plugins: the {key} plugin is not enabled", shown=shown, key=PLUGIN_KEY))


def make_settings(options: NewsConfig, shown: str = "mkdocs.yml") -> ModelSettings:
    """Model settings from validated options, checked exactly as the build checks them."""
    try:
        return make_model_settings(options)
    except OptionError as error:
        raise ProjectError("\n".join(f"{shown}: {line}" for line in str(error).splitlines())) from None


def load_project(config_file: Path | None = None) -> Project:
    """Read mkdocs.yml (found from the current folder when not given) into a ``Project``."""
    path = (Path(config_file) if config_file else find_config_file(Path.cwd())).resolve()
    if not path.is_file():
        raise ProjectError(msg("{path}: no such file", path=path))
    shown = path.name
    settings = read_mkdocs_yml(path)
    options = NewsConfig(config_file_path=str(path))
    options.load_dict(plugin_options(settings, shown))
    failed, _warnings = options.validate()
    if failed:
        raise ProjectError("\n".join(f"{shown}: plugins.{PLUGIN_KEY}.{key}: {error}" for key, error in failed))
    content_dir = path.parent / str(settings.get("docs_dir") or "docs")
    return Project(config_file=path, content_dir=content_dir.resolve(), options=options,
                   settings=make_settings(options, shown))
