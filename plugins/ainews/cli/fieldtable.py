"""The field table of docs/editors-guide.md, generated from the declared article format.

``ainews schema --guide docs/editors-guide.md`` rewrites the table between the two
marker comments; a test fails when the committed table differs from the declaration.
The same wording of limits is used by the ``ainews new`` scaffold's comments.
"""

from __future__ import annotations

from pathlib import Path

from ..model.fields import ARTICLE, Derived, Field, Kind
from ..model.messages import msg

START = "<!-- fields:start: generated from plugins/ainews/model/fields.py by " \
        "`ainews schema --guide docs/editors-guide.md`; edit the declaration, not this table -->"
END = "<!-- fields:end -->"

_KIND: dict[str, tuple[str, str]] = {
    Kind.TEXT: ("文字列", "text"),
    Kind.NAME: ("文字か数字を含む文字列", "text with a letter or digit"),
    Kind.URL: ("`http://` か `https://` の URL", "http(s) URL"),
    Kind.VIDEO: ("YouTube か Vimeo の動画の URL", "YouTube or Vimeo video URL"),
    Kind.WHEN: ("日付または日時", "date or datetime"),
    Kind.INTEGER: ("整数", "integer"),
    Kind.BOOLEAN: ("`true` か `false`", "true or false"),
    Kind.LANGUAGE: ("言語コード", "language code"),
    Kind.SLUG: ("英小文字・数字・`-`", "lower-case letters, digits, `-`"),
    Kind.SLUGS: ("記事の slug のリスト", "list of article slugs"),
    Kind.TAG: ("タグ名", "tag name"),
    Kind.LIST: ("リスト", "list"),
    Kind.OBJECT: ("項目のまとまり", "mapping"),
}
_DERIVED: dict[Derived, tuple[str, str]] = {
    Derived.FILE_NAME: ("ファイル名(`.md` なし)", "the file name without `.md`"),
    Derived.SCORES: ("スコアから計算", "computed from the scores"),
}


def describe_limits(spec: Field) -> tuple[str, str]:
    """The limits of one field in Japanese and English (``200 文字まで``, ``up to 200 characters``)."""
    if spec.kind == Kind.INTEGER:
        return f"{spec.minimum}〜{spec.maximum}", f"{spec.minimum}..{spec.maximum}"
    if spec.max_length is not None:
        return f"{spec.max_length:,} 文字まで", f"up to {spec.max_length:,} characters"
    if spec.kind != Kind.LIST or spec.item is None:
        return "", ""
    count_ja, count_en = f"{spec.min_items or 0}〜{spec.max_items} 個", f"{spec.min_items or 0} to {spec.max_items}"
    if spec.item.fields:
        parts = [(f"`{m.name}`", *describe_limits(m)) for m in spec.item.fields]
        return (count_ja + "、各項目に " + "と ".join(f"{name}({ja})" for name, ja, _ in parts),
                count_en + ", each with " + " and ".join(f"{name} ({en})" for name, _, en in parts))
    item_ja, item_en = describe_limits(spec.item)
    return (f"{count_ja}、各 {item_ja}", f"{count_en}, each {item_en}") if item_ja else (count_ja, count_en)


def describe_format(spec: Field) -> tuple[str, str]:
    """Kind, limits and default of one field, Japanese and English."""
    kind_ja, kind_en = _KIND[spec.kind]
    limit_ja, limit_en = describe_limits(spec)
    ja = [kind_ja] + ([limit_ja] if limit_ja else [])
    en = [kind_en] + ([limit_en] if limit_en else [])
    if spec.derived is not None:
        ja.append(f"既定: {_DERIVED[spec.derived][0]}")
        en.append(f"default: {_DERIVED[spec.derived][1]}")
    elif spec.default not in (None, ()):
        shown = str(spec.default).lower() if isinstance(spec.default, bool) else str(spec.default)
        ja.append(f"既定 `{shown}`")
        en.append(f"default `{shown}`")
    return "、".join(ja), ", ".join(en)


def _rows(declaration: Field) -> list[tuple[str, Field]]:
    """(dotted name, field) for every row: an OBJECT's keys get a row each, a LIST one row."""
    rows = []
    for spec in declaration.fields:
        if spec.kind == Kind.OBJECT:
            rows.extend((f"{spec.name}.{member.name}", member) for member in spec.fields)
        else:
            rows.append((spec.name, spec))
    return rows


def render_field_table(declaration: Field = ARTICLE) -> str:
    """The Markdown table of every field, as the guide shows it between the markers."""
    lines = ["| 項目 / field | | 形式 / format | 意味 / meaning | 例 / example |",
             "| --- | --- | --- | --- | --- |"]
    for name, spec in _rows(declaration):
        format_ja, format_en = describe_format(spec)
        lines.append(f"| `{name}` | {'必須' if spec.required else '任意'} | {format_ja} *{format_en}* "
                     f"| {spec.help_ja} *{spec.help_en}* | {spec.example} |")
    return "\n".join(lines) + "\n"


class GuideError(Exception):
    """The guide has no single pair of markers to write the table between."""


def replace_table(text: str, declaration: Field = ARTICLE) -> str:
    """``text`` with the table between the markers regenerated."""
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise GuideError(msg("expected one line {start} and, after it, one line {end}",
                             start=repr(START), end=repr(END)))
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render_field_table(declaration)}{END}{tail}"


def table_in(text: str) -> str:
    """The table as it stands between the markers of ``text``."""
    return text.split(START, 1)[1].split(END, 1)[0].removeprefix("\n")


def update_guide(path: Path, declaration: Field = ARTICLE) -> bool:
    """Rewrite the table in the guide at ``path``; True when it changed."""
    text = path.read_text(encoding="utf-8")
    updated = replace_table(text, declaration)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return updated != text
