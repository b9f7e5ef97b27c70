"""The article front-matter format, declared once.

``ARTICLE`` lists every field an article file may have: its kind, whether it is
required, its limits, its default and its help in Japanese and English. Four
things are derived from it and from nothing else:

- the validator (``ainews.model.validate``): which fields exist, the limits in its messages;
- the JSON Schema (``ainews schema``, ``ainews.cli.schema``);
- the ``ainews new`` scaffold (``ainews.cli.scaffold``);
- the field table in docs/editors-guide.md (``ainews schema --guide``, ``ainews.cli.fieldtable``).

What a *kind* means (the checks and the wording of its messages) lives with
each of those four, once per kind; what a *field* is lives here. Adding a field
of an existing kind is one entry below plus the attribute of the same name on
``Article`` (docs/content-model.md, "Adding a field").
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from dataclasses import dataclass
from typing import Any


class Kind:
    """What a value must be; each consumer of the declaration handles every kind.

    Plain strings rather than an Enum: the validator dispatches on them for every
    field of every article, and an Enum's hash is a Python call.
    """

    TEXT = "text"          # a string (a number is taken as text); bidi controls removed; blank = absent;
                           # nothing visible, or (in any string) a control character: refused (model/text.py)
    NAME = "name"          # TEXT that must contain a letter or digit (it is slugified: source.name)
    URL = "url"            # TEXT that is an absolute http(s) URL
    VIDEO = "video"        # URL of one YouTube or Vimeo video (model/video.py)
    WHEN = "when"          # a date or datetime; without an offset the site time zone applies
    INTEGER = "integer"    # an integer from ``minimum`` to ``maximum``
    BOOLEAN = "boolean"    # true or false
    LANGUAGE = "language"  # a language code: en, ja, zh-CN
    SLUG = "slug"          # an article slug: lower-case ASCII letters, digits and '-'
    SLUGS = "slugs"        # a list of article slugs
    TAG = "tag"            # a tag name with a letter or digit (an item of ``tags``)
    LIST = "list"          # ``min_items`` to ``max_items`` values, each as ``item`` declares
    OBJECT = "object"      # a mapping with exactly the keys of ``fields``

    ALL = (TEXT, NAME, URL, VIDEO, WHEN, INTEGER, BOOLEAN, LANGUAGE, SLUG, SLUGS, TAG, LIST, OBJECT)


class Derived(enum.Enum):
    """A default computed per article rather than written down."""

    FILE_NAME = "file_name"   # the file's name without .md
    SCORES = "scores"         # the weighted mean of the scores, rounded down


# A language code as BCP 47 writes the common ones: en, ja, zh-CN, pt-BR.
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
# Every slug (an article's, a tag's, a source's) is a folder name and part of a file name
# (its share card, ``<slug>.png``); file systems allow 255 bytes of UTF-8 in a name. A tag
# of 100 kanji is 300 bytes, and NFKC can lengthen text (U+FDFA becomes 18 letters), so
# the bytes of the slug itself are checked.
MAX_SLUG_BYTES = 200


@dataclass(frozen=True)
class Field:
    """One front-matter field (or the whole front matter: the OBJECT named ``""``)."""

    name: str
    kind: str                # one of Kind.ALL
    label_ja: str = ""       # a few words: the scaffold's comments, the schema's title
    label_en: str = ""
    help_ja: str = ""        # the editors' guide's explanation (Markdown); never restates a limit
    help_en: str = ""
    example: str = ""        # Markdown for the guide's example column
    required: bool = False
    default: Any = None      # used when the field is absent; None: the field is absent
    derived: Derived | None = None
    max_length: int | None = None          # TEXT, NAME, URL, TAG: characters after clean-up
    minimum: int | None = None             # INTEGER
    maximum: int | None = None
    min_items: int | None = None           # LIST
    max_items: int | None = None
    item: Field | None = None              # LIST: what each item is
    noun: str = ""                         # LIST: what items are counted as in messages ("11 tags");
                                           # OBJECT: what a key is called ("unknown score")
    noun_ja: str = ""                      # the same in Japanese ("スコア"; a LIST counts in 個)
    fields: tuple[Field, ...] = ()         # OBJECT: its keys, in the order editors write them
    attr: str = ""                         # the Article attribute, when not ``name``
    scaffold: bool = True                  # an optional field: written by `ainews new` or left out

    @property
    def attribute(self) -> str:
        return self.attr or self.name

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        """The keys of an OBJECT, in declared order."""
        return tuple(member.name for member in self.fields)

    @functools.cached_property
    def name_set(self) -> frozenset[str]:
        return frozenset(self.names)

    @property
    def children(self) -> tuple[Field, ...]:
        """What a path continues into: an OBJECT's keys; a LIST's item, or its item's keys."""
        if self.kind == Kind.LIST and self.item is not None:
            return self.item.fields or (self.item,)
        return self.fields

    def field(self, path: str) -> Field:
        """The field at a dotted path: ``ARTICLE.field("key_points.title")``, ``ARTICLE.field("tags.tag")``."""
        found = self
        for part in path.split("."):
            match = next((child for child in found.children if child.name == part), None)
            if match is None:
                raise KeyError(path)
            found = match
        return found

    def replaced(self, path: str, **changes: Any) -> Field:
        """A copy of this declaration with the field at ``path`` changed (tests try other limits)."""
        head, _, rest = path.partition(".")
        if self.kind == Kind.LIST and self.item is not None:
            item = self.item
            changed = dataclasses.replace(item, **changes) if item.name == path and not item.fields \
                else item.replaced(path, **changes)
            return dataclasses.replace(self, item=changed)
        if head not in self.names:
            raise KeyError(path)
        return dataclasses.replace(self, fields=tuple(
            (member.replaced(rest, **changes) if rest else dataclasses.replace(member, **changes))
            if member.name == head else member for member in self.fields))


def _score(name: str, ja: str, en: str, example: int) -> Field:
    return Field(name, Kind.INTEGER, ja, en, help_ja=f"AI 深層分析の{ja}のスコア。", help_en=f"The analysis' {en} score.",
                 example=f"`{example}`",
                 required=True, minimum=1, maximum=5)


ARTICLE = Field("", Kind.OBJECT, "記事の front matter", "an article's front matter", noun="field", noun_ja="項目", fields=(
    Field("title", Kind.TEXT, "日本語の見出し", "the Japanese headline", required=True, max_length=200,
          help_ja="日本語の見出し。ページの見出し、一覧、フィード、共有カードに使われます。",
          help_en="The Japanese headline, also on listings, feeds and share cards.",
          example='`"Claude Opus 5 を発表"`'),
    Field("original_title", Kind.TEXT, "原題", "headline in the original language", max_length=300,
          help_ja="原文の見出し。", help_en="Headline in the original language.",
          example='`"Introducing Claude Opus 5"`'),
    Field("source", Kind.OBJECT, "元記事", "where the article comes from", required=True, noun="field", noun_ja="項目",
          help_ja="元記事。", help_en="Where the article comes from.", fields=(
              Field("name", Kind.NAME, "ソース名", "source name, as in content/sources.yml", required=True,
                    max_length=100,
                    help_ja="ソース名。ソースページ `/sources/<slug>/` にまとまります。`sources.yml` の名前と同じ表記に。",
                    help_en="Source name; articles are grouped by it.", example="`Anthropic News`"),
              Field("url", Kind.URL, "元記事のURL", "the article's own URL", required=True, max_length=2000,
                    help_ja="元記事の URL。「元記事を開く」のリンク先。",
                    help_en="The original article.",
                    example="`https://www.anthropic.com/news/claude-opus-5`"),
          )),
    Field("published", Kind.WHEN, "元記事の公開日時", "when the source published it", required=True,
          help_ja="元記事の公開日時。時差(`+09:00`)がなければサイトのタイムゾーンの時刻です。"
                  "記事の並び順と AI日報の日付はこれで決まります。",
          help_en="When the source published it; without an offset the site time zone applies. "
                  "Orders the lists and picks the daily roundup.",
          example="`2026-06-02` / `2026-06-02T09:30:00+09:00`"),
    Field("analyzed", Kind.WHEN, "AI深層分析の日時", "time of the AI deep analysis",
          help_ja="AI 深層分析の日時(「AI深層分析」に表示)。書式は `published` と同じ。",
          help_en="Time of the AI deep analysis.", example="`2026-06-02T12:00:00+09:00`"),
    Field("updated", Kind.WHEN, "更新日時", "time of the last update", scaffold=False,
          help_ja="記事を更新した日時。記事ページの日付の横に「更新」として出ます。書式は `published` と同じ。",
          help_en="When the article was last updated; shown as 更新 beside the date.",
          example="`2026-06-03T09:00:00+09:00`"),
    Field("tags", Kind.LIST, "タグ", "tags", required=True, min_items=1, max_items=10, noun="tags",
          item=Field("tag", Kind.TAG, "タグ", "tag", max_length=100),
          help_ja="タグ。表記ゆれ(`LLM safety` と `LLM Safety`)は同じタグになり、別名は `content/tags.yml` で。",
          help_en="Tags; spellings with the same slug are one tag; aliases in `content/tags.yml`.",
          example="`[LLM, Anthropic, Agents]`"),
    Field("tldr", Kind.TEXT, "1段落の要約", "one-paragraph summary", required=True, max_length=2000,
          help_ja="1 段落の要約(TL;DR)。一覧のカードとフィードにも出ます。",
          help_en="One-paragraph summary, also on cards and in the feed.",
          example='`"Anthropic は新モデルを公開した。"`'),
    Field("scores", Kind.OBJECT, "スコア", "scores", required=True, noun="score", noun_ja="スコア",
          help_ja="AI 深層分析の 4 つのスコア。", help_en="The analysis' four scores.", fields=(
              _score("depth", "深度", "depth", 5),
              _score("relevance", "関連度", "relevance", 5),
              _score("practicality", "実用性", "practicality", 3),
              _score("novelty", "革新性", "novelty", 4),
          )),
    Field("importance", Kind.INTEGER, "重要度の上書き", "override of the importance computed from the scores",
          minimum=1, maximum=5, derived=Derived.SCORES,
          help_ja="重要度の上書き。省略時は 4 つのスコアの加重平均の切り捨て(重みは設定 `score_weights`。"
                  "5,5,3,4 → 4.5 → **4 重要**)。ラベル: 5 最重要、4 重要、3 注目、2 通常、1 参考。",
          help_en="Overrides the importance; by default the weighted mean of the scores (weights: "
                  "option `score_weights`), rounded down.",
          example="`5`"),
    Field("key_points", Kind.LIST, "キーポイント", "key points", required=True, min_items=1, max_items=10,
          noun="items",
          item=Field("key point", Kind.OBJECT, "キーポイント", "key point", noun="field", noun_ja="項目", fields=(
              Field("title", Kind.TEXT, "見出し", "title", required=True, max_length=200),
              Field("detail", Kind.TEXT, "説明", "detail", required=True, max_length=3000),
          )),
          help_ja="キーポイント。各項目に `title` と `detail`。番号付きで表示されます。",
          help_en="Key points, each with `title` and `detail`, shown numbered.",
          example="上の例 / see the example"),
    Field("impact", Kind.TEXT, "影響分析", "impact analysis", max_length=10000,
          help_ja="影響分析。`editorial` と一緒に「影響分析・編集コメントを表示」欄に出ます。",
          help_en="Impact analysis, in the collapsible section.", example='`"この分析は..."`'),
    Field("editorial", Kind.TEXT, "編集コメント", "editorial comment", max_length=10000,
          help_ja="編集コメント。", help_en="Editorial comment, same section.", example='`"貴重な分析。"`'),
    Field("translator", Kind.TEXT, "翻訳者", "translator", max_length=100, scaffold=False,
          help_ja="翻訳した人の名前。見出しの下に「翻訳: 名前」と出ます。",
          help_en="Who translated it, shown under the headline as 翻訳:.", example='`"山田 花子"`'),
    Field("editor", Kind.TEXT, "編集者", "editor", max_length=100, scaffold=False,
          help_ja="編集した人の名前。見出しの下に「編集: 名前」と出ます。",
          help_en="Who edited it, shown under the headline as 編集:.", example='`"佐藤 太郎"`'),
    Field("original_lang", Kind.LANGUAGE, "原文の言語", "language of the original", default="en",
          scaffold=False,
          help_ja="原文の言語コード。", help_en="Language of the original.", example="`en`, `zh-CN`"),
    Field("slug", Kind.SLUG, "URL の slug", "URL slug", derived=Derived.FILE_NAME, scaffold=False,
          max_length=MAX_SLUG_BYTES,
          help_ja="URL `/articles/<slug>/` を変えるとき。全記事で重複不可。",
          help_en="Changes the URL; unique across articles.", example="`opus-5-review`"),
    Field("draft", Kind.BOOLEAN, "下書き", "draft", default=False,
          help_ja="`true` で下書き。プレビュー(`make serve`)には出ますが、公開サイトには出ません。",
          help_en="Drafts show in the preview only.", example="`true`"),
    Field("publish_at", Kind.WHEN, "このサイトで公開する日時 (予約公開)", "when this site publishes it (scheduled)",
          scaffold=False,
          help_ja="このサイトで公開する日時(予約公開)。その時刻まではビルドに含まれず(ビルドのログに「N 件を予約中」)、"
                  "プレビューでは「予約」と表示されます。公開サイトは 1 時間ごとに作り直されるので、時刻を過ぎた最初の回"
                  "(1 時間以内)に公開されます。`published` は元記事の日時のまま。",
          help_en="When our site publishes it. Until then the build leaves it out (\"N 件を予約中\" in the log) and "
                  "the preview marks it 予約; the hourly CI run publishes it within the hour. `published` stays the "
                  "source's time.",
          example="`2026-12-02T18:00:00+09:00`"),
    Field("related", Kind.SLUGS, "関連記事に必ず含める記事", "articles always shown as related",
          attr="related_pins", default=(), scaffold=False,
          help_ja="関連記事に**必ず**出す記事の slug のリスト(先頭から、最大 3 件)。",
          help_en="Slugs always shown first as related articles.", example="`[opus-4-8-part-1]`"),
    Field("related_exclude", Kind.SLUGS, "関連記事から除く記事", "articles never shown as related",
          default=(), scaffold=False,
          help_ja="関連記事に**決して**出さない記事の slug のリスト。",
          help_en="Slugs never shown as related articles.", example="`[old-rumour]`"),
    Field("video", Kind.VIDEO, "記事に埋め込む動画", "a video shown with the article", max_length=2000, scaffold=False,
          help_ja="本文の前に埋め込む動画の URL(YouTube か Vimeo)。クリックするまで動画サイトには何も読み込みません。",
          help_en="A YouTube or Vimeo URL shown above the translation as a click-to-play embed.",
          example="`https://www.youtube.com/watch?v=dQw4w9WgXcQ`"),
))
