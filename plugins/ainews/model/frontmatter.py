"""Split an article file into its YAML front matter and its two bodies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .hints import line_hint, structure_hint
from .messages import msg
from .yamlsafe import YamlShapeError, check_yaml_shape

FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ORIGINAL_MARKER = re.compile(r"^[ \t]*<!--[ \t]*original[ \t]*-->[ \t]*$", re.M)


# libyaml's parser is several times faster than pure Python on a thousand files; same results.
_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[misc, valid-type]
    """SafeLoader whose failures are all ``YAMLError`` with a line, never a bare ``ValueError``."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        # `2026-13-45` matches YAML's timestamp rule but is no date: keep the text so the
        # date check reports it against its field, like any other bad date.
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, AttributeError):
            return self.construct_scalar(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # YAML loaders keep the last of two equal keys without a word: a pasted second
        # `tags:` would silently replace the first. Report the second one's line instead.
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, msg("field {name} is given twice", name=repr(key_node.value)), key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError) as error:   # e.g. `!!int four`
            raise yaml.constructor.ConstructorError(
                None, None, msg("not a valid {kind}: {error}", kind=node.tag.rsplit(':', 1)[-1], error=error),
                node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_yaml(text: str) -> Any:
    """Parse YAML safely; every failure is a ``yaml.YAMLError`` (most with a ``problem_mark``)."""
    check_yaml_shape(text)   # before libyaml's recursive composer can overflow the C stack
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except RecursionError:
        raise yaml.YAMLError(msg("is nested too deeply")) from None


def describe_yaml_error(error: yaml.YAMLError, text: str, first_line: int = 1) -> str:
    """``is not valid YAML at line N: what``, for ``text`` starting at line ``first_line`` of its file.

    A keyboard mistake (tab, full-width colon or space) on or above the line libyaml
    stopped at is named instead of libyaml's words, and so is broken indentation.
    """
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or (error.args[0] if error.args and isinstance(error.args[0], str)
                                                  else str(error).splitlines()[0])
    if isinstance(error, YamlShapeError):   # valid YAML, refused for its size: say that, not "invalid"
        return msg("{problem} at line {line}", problem=problem, line=mark.line + first_line) if mark is not None \
            else problem
    if mark is None:
        return msg("is not valid YAML: {problem}", problem=problem)
    line = mark.line + 1
    hint = line_hint("\n".join(text.split("\n")[:line]))
    if hint is not None:
        line, problem = hint
    else:
        lines = text.split("\n")
        problem = structure_hint(problem, lines[mark.line] if mark.line < len(lines) else "") or problem
    return msg("is not valid YAML at line {line}: {problem}", line=line + first_line - 1, problem=problem)


class FrontMatterError(ValueError):
    """The file cannot be read as front matter plus body; ``field`` says where."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class SplitFile:
    meta: dict[str, Any]
    translation: str
    original: str | None


def decode_text(data: bytes) -> str:
    """UTF-8 with or without BOM, LF or CRLF: all give the same text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FrontMatterError(
            "file", msg("must be UTF-8 text, got byte 0x{byte} at offset {offset}",
                        byte=f"{data[error.start]:02x}", offset=error.start)
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_article(text: str) -> SplitFile:
    """Parse the front matter (unlike MkDocs, a YAML error is an error) and split the body."""
    match = FENCE.match(text)
    if match is None:
        raise FrontMatterError(
            "front matter", msg("must start the file: a line '---', YAML fields, then a line '---'"))
    try:
        meta = load_yaml(match.group(1) or "")
    except yaml.YAMLError as error:
        # The front matter starts on line 2, after the opening `---`.
        raise FrontMatterError("front matter", describe_yaml_error(error, match.group(1), first_line=2)) from None
    if not isinstance(meta, dict):
        hint = line_hint(match.group(1) or "")
        if hint is not None:   # `title：…` alone is one string, not a field
            raise FrontMatterError("front matter", msg("is not valid YAML at line {line}: {problem}",
                                                       line=hint[0] + 1, problem=hint[1]))
        raise FrontMatterError("front matter", msg("must be a mapping of fields, got {kind}", kind=type(meta).__name__))
    body = text[match.end():]
    parts = _ORIGINAL_MARKER.split(body, maxsplit=1)
    translation = parts[0].strip("\n")
    original = parts[1].strip("\n") if len(parts) == 2 else None
    return SplitFile(meta=meta, translation=translation, original=original)
