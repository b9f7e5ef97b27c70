"""Bilingual messages: every problem line, notice and CLI message in Japanese, then English.

Call sites write the English template, as gettext does, and ``msg()`` looks the
Japanese up in ``JAPANESE``::

    check.fail("scores.depth", msg("must be an integer from {low} to {high}, got {got}",
                                   low=1, high=5, got=7))
    # -> "1〜5 の整数にしてください（値: 7） / must be an integer from 1 to 5, got 7"

`AINEWS_LANG` chooses what is shown: ``both`` (the default: Japanese first,
English after), ``ja`` or ``en``; `ainews --lang` sets it. The result is a
``str`` (a `Msg` that remembers both halves), so a problem's ``path: field:``
prefix, joins and comparisons work unchanged. A value that is itself a `Msg`
(a YAML hint inside "is not valid YAML") goes into each half in its language.
A template missing from the catalogue is shown in English only; tests/test_messages.py
keeps the catalogue complete.
"""

from __future__ import annotations

import os
from typing import Any

LANG_VARIABLE = "AINEWS_LANG"
LANGUAGES = ("both", "ja", "en")
SEPARATOR = " / "


def language() -> str:
    """The chosen language: `AINEWS_LANG` when it is ja, en or both, else both."""
    chosen = os.environ.get(LANG_VARIABLE, "").strip().lower()
    return chosen if chosen in LANGUAGES else "both"


class Msg(str):
    """A message shown in the chosen language(s), which keeps its ``ja`` and ``en`` halves."""

    ja: str
    en: str

    def __new__(cls, ja: str, en: str) -> Msg:
        shown = {"ja": ja, "en": en}.get(language(), ja + SEPARATOR + en if ja != en else en)
        self = super().__new__(cls, shown)
        self.ja, self.en = ja, en
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # Problems travel back from worker processes: rebuild from both halves there.
        return (Msg, (self.ja, self.en))


def _half(value: Any, lang: str) -> Any:
    return getattr(value, lang) if isinstance(value, Msg) else value


def msg(english: str, /, **values: Any) -> Msg:
    """``english`` (a ``str.format`` template) and its Japanese from the catalogue, filled in."""
    japanese = JAPANESE.get(english, english)
    return Msg(japanese.format(**{k: _half(v, "ja") for k, v in values.items()}),
               english.format(**{k: _half(v, "en") for k, v in values.items()}))


# English template -> Japanese template. Same {names} on both sides; literal braces doubled.
JAPANESE: dict[str, str] = {
    # --- article fields (model/validate.py) -------------------------------------------------
    "is required: expected non-empty text": "必須です。空でないテキストを書いてください",
    "must be text, got {got}": "テキストにしてください（値: {got}）",
    "must be at most {limit} characters, got {count}": "{limit} 文字以内にしてください（{count} 文字あります）",
    "must be an integer from {low} to {high}, got {got}": "{low}〜{high} の整数にしてください（値: {got}）",
    "is required: expected a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00)":
        "必須です。日付（2026-06-02）か日時（2026-06-02T09:30:00+09:00）を書いてください",
    "must be a list of article slugs, got {got}": "記事のスラッグのリストにしてください（値: {got}）",
    "unknown field; expected one of {fields}": "不明な項目です。使える項目: {fields}",
    "must be a language code such as en or zh-CN, got {got}":
        "en や zh-CN のような言語コードにしてください（値: {got}）",
    "must be true or false, got {got}": "true か false にしてください（値: {got}）",
    "must be a YouTube or Vimeo video URL, got {got}": "YouTube か Vimeo の動画の URL にしてください（値: {got}）",
    "the sanitizer removed {removed}": "許可されていない HTML を本文から取り除きました: {removed}",
    "must contain the Japanese translation after the front matter, got nothing":
        "front matter の後に日本語訳を書いてください（本文がありません）",
    "has a '<!-- original -->' line but no original text after it":
        "'<!-- original -->' の行の後に原文がありません",
    "is required: expected {names} fields, got {got}": "必須です。{names} を書いてください（値: {got}）",
    "unknown {noun}; expected {names}": "不明な{noun}です。使えるのは {names} です",
    "must be an http or https URL, got {got}": "http か https の URL にしてください（値: {got}）",
    "must contain a letter or digit, got {got}": "文字か数字を含めてください（値: {got}）",
    "must be a list of {low} to {high} {things}, got {got}": "{things}は {low}〜{high} 個のリストにしてください（値: {got}）",
    "is too long for a web address: its slug is {size} bytes of UTF-8, at most {limit} (a kanji takes 3)":
        "URL に使うには長すぎます。スラッグが UTF-8 で {size} バイトあります（上限 {limit}、漢字は 1 文字 3 バイト）",
    "must be a tag name with a letter or digit, got {got}": "文字か数字を含むタグ名にしてください（値: {got}）",
    "is required: expected {names}, each an integer from {low} to {high}":
        "必須です。{names} をそれぞれ {low}〜{high} の整数で書いてください",
    "is required: expected an integer from {low} to {high}": "必須です。{low}〜{high} の整数を書いてください",
    "must be a list of {low} to {high} items with {names}, got {got}":
        "{names} を持つ項目を {low}〜{high} 個並べてください（値: {got}）",
    "must have {names}, got {got}": "{names} を書いてください（値: {got}）",
    "{count} {noun}": "{count} 個",
    "{count} items": "{count} 項目",
    "must be an integer from {low} to {high}, got {got}: full-width digits, write {fixed}":
        "{low}〜{high} の整数にしてください（値: {got}）。全角数字です。半角で {fixed} と書いてください",
    # --- dates (model/dates.py) --------------------------------------------------------------
    "unknown time zone {name}": "不明なタイムゾーンです: {name}",
    "must be a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00), got {got}":
        "日付（2026-06-02）か日時（2026-06-02T09:30:00+09:00）にしてください（値: {got}）",
    "must be a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00), got {got}: write {fixed}":
        "日付（2026-06-02）か日時（2026-06-02T09:30:00+09:00）にしてください（値: {got}）。{fixed} と半角で書いてください",
    # --- the file and its front matter (model/frontmatter.py, model/registry.py) --------------
    "must be UTF-8 text, got byte 0x{byte} at offset {offset}":
        "UTF-8 で保存してください（{offset} バイト目が 0x{byte} です）",
    "must start the file: a line '---', YAML fields, then a line '---'":
        "ファイルの先頭に置いてください: '---' の行、YAML の項目、'---' の行の順です",
    "is not valid YAML at line {line}: {problem}": "YAML として読めません（{line} 行目）: {problem}",
    "is not valid YAML: {problem}": "YAML として読めません: {problem}",
    "is nested too deeply": "入れ子が深すぎます",
    # --- keyboard mistakes (model/hints.py)
    "indented with a tab; indent with spaces": "タブで字下げされています。字下げは半角スペースにしてください",
    "indented with a full-width space (U+3000); indent with half-width spaces":
        "全角スペース（U+3000）で字下げされています。字下げは半角スペースにしてください",
    "the colon after '{key}' is full-width (：); write '{key}: ' with a half-width colon and a space":
        "'{key}' の後のコロンが全角（：）です。半角の ':' と半角スペースで '{key}: ' と書いてください",
    "the space after '{key}:' is full-width (U+3000); use a half-width space":
        "'{key}:' の後のスペースが全角（U+3000）です。半角スペースにしてください",
    "no space after '{key}:'; write '{key}: ' and then the value":
        "'{key}:' の後に半角スペースがありません。'{key}: ' の後に値を書いてください",
    "the value of '{key}' has ': ' in it; put the value in quotes: {key}: \"{value}\"":
        "'{key}' の値に ': ' が含まれています。値を引用符で囲んでください: {key}: \"{value}\"",
    "the indentation does not line up with the lines above: start each '- ' of a list in the same column, "
    "and the fields of one item (title, detail) in the same column":
        "字下げが上の行とそろっていません。リストの '- ' は同じ列から、一つの項目の中の項目名（title, detail）も"
        "同じ列から書いてください",
    "must be a mapping of fields, got {kind}": "「項目: 値」の並びにしてください（{kind} です）",
    "field {name} is given twice": "項目 {name} が 2 回書かれています",
    "not a valid {kind}: {error}": "{kind} として正しくありません: {error}",
    "must be a mapping keyed by name": "名前をキーにした「名前: 設定」の並びにしてください",
    "must be a tag name mapped to {{aliases, description}}": "タグ名に {{aliases, description}} を対応させてください",
    "must be a list of tag names, got {got}": "タグ名のリストにしてください（値: {got}）",
    "is both a tag and an alias of {name}": "タグであると同時に {name} の別名にもなっています",
    "must be a source name mapped to {{url, description}}": "ソース名に {{url, description}} を対応させてください",
    "unknown field; expected url, description or group": "不明な項目です。url、description、group のどれかにしてください",
    # --- the whole content folder (model/corpus.py) ------------------------------------------
    "is a link to a file outside the content folder": "content フォルダの外のファイルへのリンクです",
    "{slug} is already used by {other}; slugs must be unique":
        "{slug} は {other} ですでに使われています。スラッグは記事ごとに別にしてください",
    "names no article: {slug}": "その記事はありません: {slug}",
    # --- mkdocs.yml options (news/config.py, news/plugin.py) ----------------------------------
    "must give {names} as numbers >= 0 with a positive sum, got {got}":
        "{names} を 0 以上の数で、合計が正になるように書いてください（値: {got}）",
    "preview: {count} pages rendered again in {seconds} s":
        "プレビュー: {count} ページを描き直しました（{seconds} 秒）",
    "preview update failed ({error}); rebuilding everything":
        "プレビューの部分更新に失敗しました（{error}）。全体を作り直します",
    "{count} pages rendered in {workers} processes": "{count} ページを {workers} プロセスで描画しました",
    "{count} pages from the page cache, {rendered} rendered":
        "{count} ページをページキャッシュから取り、{rendered} ページを描画しました",
    "showing the last good version until these problems are fixed":
        "問題が直るまで、最後に正常だった版を表示しています",
    "{articles} articles, {drafts} drafts": "記事 {articles} 件、下書き {drafts} 件",
    # --- build progress (news/progress.py) -----------------------------------------------------
    "read and validate": "記事の読み込みと検証",
    "article bodies": "記事本文",
    "pages": "ページ",
    "feeds": "フィード",
    "share cards": "シェアカード",
    "search index": "検索索引",
    "swap in the new site": "新しいサイトへの入れ替え",
    "{phase}: {count} in {seconds:.1f} s": "{phase}: {count}（{seconds:.1f} 秒）",
    "{phase}: {done} of {total} so far ({seconds:.0f} s)": "{phase}: {total} 件中 {done} 件まで（{seconds:.0f} 秒経過）",
    "{phase}: still working ({seconds:.0f} s)": "{phase}: 処理中（{seconds:.0f} 秒経過）",
    "{count} articles": "{count} 件",
    "{count} pages": "{count} ページ",
    "{count} files": "{count} ファイル",
    "{count} written, {drawn} drawn": "{count} 枚を書き出し、うち {drawn} 枚を描画",
    "done": "完了",
    "search: Pagefind failed: {reason}": "検索: Pagefind が失敗しました: {reason}",
    "search: cannot index: {reason}": "検索: 検索インデックスを作れません: {reason}",
    # --- beside the site's own pages (news/coexist.py) -----------------------------------------
    "must be a folder of lower-case letters, digits, '-' or '_' (such as news/) that none of the plugin's "
    "own pages use, got {got}":
        "英小文字・数字・'-'・'_' のフォルダ（news/ など）で、プラグイン自身のページが使わないものにしてください"
        "（値: {got}）",
    "false is not supported by ainews/news, whose pages live at folder URLs (/articles/<slug>/, "
    "/tags/<slug>/); remove the line or set it to true":
        "ainews/news では false にできません（記事やタグのページはフォルダの URL /articles/<slug>/, "
        "/tags/<slug>/ です）。この行を消すか true にしてください",
    "the site's own page at {where} is where ainews/news puts its news list; to keep both, set "
    "plugins.ainews/news.home (for example home: news/) or move this page":
        "サイト自身の {where} のページは、ainews/news が最新ニュース一覧を置く場所です。両方を残すには "
        "plugins.ainews/news.home を設定する（例: home: news/）か、このページを移してください",
    "the site's own file at {where} is where ainews/news puts one of its pages (a fixed URL); "
    "move or rename this file":
        "サイト自身の {where} のファイルは、ainews/news が自分のページを置く場所です（変えられない URL）。"
        "このファイルを移すか名前を変えてください",
    # --- share-card fonts (cards/fonts.py) ---------------------------------------------------
    "font: no such font file: {path}": "font: フォントファイルがありません: {path}",
    "font: {path} has no Japanese glyphs (no face draws あ and 漢)":
        "font: {path} には日本語の字形がありません（あ と 漢 を描ける書体がありません）",
    "no Japanese font for share cards (looked for Noto Sans CJK JP, IPA, Hiragino, Yu Gothic and "
    "Meiryo in {folders}): install one (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk), set "
    "plugins.news.cards.font to a .ttf/.otf/.ttc file with Japanese glyphs, or turn cards off with "
    "plugins.news.cards.enabled: false":
        "シェアカード用の日本語フォントがありません（{folders} で Noto Sans CJK JP・IPA・ヒラギノ・游ゴシック・"
        "メイリオを探しました）: インストールする（Debian/Ubuntu: sudo apt-get install fonts-noto-cjk）か、"
        "plugins.news.cards.font に日本語の字形がある .ttf/.otf/.ttc ファイルを指定するか、"
        "plugins.news.cards.enabled: false でカードを止めてください",
    "share cards are not drawn in this preview: {reason}":
        "このプレビューではシェアカードを描きません: {reason}",
    # --- the ainews command (cli/) -----------------------------------------------------------
    "does not exist": "ありません",
    "ainews check: {count} more problem{s} in other files (run `ainews check` without paths to see them)":
        "ainews check: ほかのファイルにも問題が {count} 件あります（パスを付けずに `ainews check` で表示）",
    "ainews check: {count} problem{s}": "ainews check: 問題 {count} 件",
    "ainews check: {count} articles, no problems": "ainews check: 記事 {count} 件、問題なし",
    "ainews check: no problems in the given files": "ainews check: 指定のファイルに問題はありません",
    "ainews stats: fix these problems first (ainews check)": "ainews stats: 先にこれらの問題を直してください（ainews check）",
    "{start}: no mkdocs.yml here or in any folder above; run ainews inside the site project or pass --config-file":
        "{start}: ここにも上のフォルダにも mkdocs.yml がありません。サイトのフォルダの中で実行するか --config-file を指定してください",
    "{path}: cannot be read: {error}": "{path}: 読めません: {error}",
    "{path}: must be a mapping of settings": "{path}: 「設定: 値」の並びにしてください",
    "{shown}: plugins.{key}: must be a mapping of options": "{shown}: plugins.{key}: 「オプション: 値」の並びにしてください",
    "{shown}: plugins: the {key} plugin is not enabled": "{shown}: plugins: {key} プラグインが有効になっていません",
    "{path}: no such file": "{path}: ファイルがありません",
    "{url} is not an http or https URL": "{url} は http / https の URL ではありません",
    "cannot make a slug from {url}; give one with --slug, e.g. --slug opus-5-review":
        "{url} からスラッグを作れません。--slug で指定してください（例: --slug opus-5-review）",
    "slug {slug} must be lower-case letters, digits and '-'": "スラッグ {slug} は英小文字・数字・'-' だけにしてください",
    # argparse help
    "the site's mkdocs.yml (default: found from the current folder upwards)":
        "サイトの mkdocs.yml（既定: 今のフォルダから上へ探す）",
    "create a new article file from the source URL":
        "元記事の URL から新しい記事ファイルを作る",
    "the original article's http(s) URL":
        "元記事の http(s) URL",
    "URL slug and file name (default: from the URL's last path segment)":
        "URL のスラッグとファイル名（既定: URL の最後の部分から）",
    "validate articles exactly as the build does":
        "ビルドとまったく同じように記事を検証する",
    "article files or folders (default: all)":
        "記事ファイルかフォルダ（既定: すべて）",
    "write the JSON Schema of the front matter":
        "front matter の JSON Schema を書き出す",
    "print what the site holds and what to tidy":
        "サイトの中身と片付けるべきものを表示する",
    "rows per table, 0 for all (default 20)":
        "表ごとの行数、0 で全部（既定 20）",
    "print the numbers as JSON":
        "数値を JSON で表示する",
    "publication day and folder (default: the folder of today in the site time zone, and `published` left for you to fill in)":
        "公開日とフォルダ（既定: サイトのタイムゾーンで今日のフォルダ。`published` は空のまま）",
    "only the Latin letters and digits of {segment} are kept": "{segment} の英数字だけが残ります",
    "it looks like an ID, not words": "単語ではなく ID のようです",
    "the slug {slug} made from the URL says little about the article ({why}); rename the file "
    "or make it again with --slug, e.g. --slug openai-gpt-5-launch":
        "URL から作ったスラッグ {slug} では記事の内容がわかりません（{why}）。ファイル名を変えるか、"
        "--slug を付けて作り直してください（例: --slug openai-gpt-5-launch）",
    "{path}: already exists; not overwritten": "{path}: すでにあります。上書きしません",
    "{path}: already uses the slug {slug}; choose another with --slug":
        "{path}: がスラッグ {slug} をすでに使っています。--slug で別のものを指定してください",
    # --- sections: digests, schedule, source groups (index/digests.py, model/schedule.py) ---------
    "must be a group name or a list of them, got {got}": "グループ名かそのリストにしてください（値: {got}）",
    "must be non-empty text": "空でないテキストにしてください",
    "{path} is used by other pages of the site": "{path} はサイトのほかのページが使っています",
    "{path} is already used by another digest": "{path} はほかのダイジェストがすでに使っています",
    "{count} scheduled, next at {when} ({slug})": "{count} 件を予約中 (次: {when} {slug})",
    # --- companies and tools (model/companies.py, model/tools.py) ------------------------------
    "unknown field; expected aliases, description, or for a company kind, name_ja, name_en, website, logo":
        "不明な項目です。aliases、description、企業なら kind、name_ja、name_en、website、logo にしてください",
    "must be non-empty text, got {got}": "空でないテキストにしてください（値: {got}）",
    "is only for companies: add `kind: company`": "企業だけの項目です。`kind: company` を書いてください",
    "must be company, got {got}": "company にしてください（値: {got}）",
    "must be an image file (.svg, .png, .jpg, .webp) under the content folder, e.g. assets/logos/x.svg, got {got}":
        "content フォルダの中の画像ファイル（.svg、.png、.jpg、.webp。例: assets/logos/x.svg）にしてください（値: {got}）",
    "names no file in the content folder: {path}": "content フォルダにないファイルです: {path}",
    "must be a list of up to {most} names, got {got}": "{most} 個までの名前のリストにしてください（値: {got}）",
    "must be a tool name mapped to {{url, category, description, pricing}}":
        "ツール名に url、category、description、pricing を書いてください",
    "must be free, freemium or paid, got {got}": "free、freemium、paid のどれかにしてください（値: {got}）",
    "must be a tool name with a letter or digit": "文字か数字を含むツール名にしてください",
    "has the same slug {slug} as {other}": "{other} と同じスラッグ {slug} です",
    "expected one line {start} and, after it, one line {end}":
        "{start} の行と、その後に {end} の行が 1 つずつ必要です",
    # --- reliability: files, limits, YAML shape, options (model/safepath.py, yamlsafe.py, news/options.py) ---
    "must be between {low} and {high}, got {got}": "{low} から {high} までの日付にしてください（値: {got}）",
    "must be between {low} and {high} in the site time zone, got {got}":
        "サイトのタイムゾーンで {low} から {high} までの日付にしてください（値: {got}）",
    "cannot be read: {reason}": "読めません（{reason}）",
    "is a link that loops back on itself": "自分自身に戻るリンク（ループ）です",
    "is a broken link (its target does not exist)": "リンク先がありません",
    "is a link to a folder; folder links are not followed (move or copy the files instead)":
        "フォルダへのリンクです。フォルダのリンクはたどりません（ファイルを移すかコピーしてください）",
    "is outside the content folder": "content フォルダの外にあります",
    "is not a regular file (a pipe, socket or device cannot be published)":
        "通常のファイルではありません（パイプ・ソケット・デバイスは公開できません）",
    "must be a file, got a folder": "ファイルにしてください（フォルダがあります）",
    "is {size} bytes; at most {limit} are read": "{size} バイトあります。読むのは {limit} バイトまでです",
    "has aliases that expand to more than {limit} values": "エイリアスを展開すると {limit} 個を超える値になります",
    "is nested more than {limit} levels deep": "入れ子が {limit} 段を超えています",
    "{problem} at line {line}": "{line} 行目: {problem}",
    "must give a non-empty text for each level {low} to {high}, got {got}":
        "{low}〜{high} の各レベルに空でないテキストを書いてください（値: {got}）",
    "must be a whole number >= {least}, got {got}": "{least} 以上の整数にしてください（値: {got}）",
    "line {line} is indented more than {limit} columns (nesting too deep)":
        "{line} 行目の字下げが {limit} 桁を超えています（入れ子が深すぎます）",
    "line {line} nests more than {limit} quote levels": "{line} 行目の引用の入れ子が {limit} 段を超えています",
    "line {line} nests more than {limit} HTML blocks": "{line} 行目の HTML ブロックの入れ子が {limit} 段を超えています",
    "the paragraph from line {line} has more than {limit} '['": "{line} 行目からの段落に '[' が {limit} 個を超えてあります",
    "the paragraph from line {line} has more than {limit} '&'": "{line} 行目からの段落に '&' が {limit} 個を超えてあります",
    "is nested too deeply to render; flatten its lists, quotes or HTML blocks":
        "入れ子が深すぎて表示できません。リスト・引用・HTML ブロックを浅くしてください",
    "took more than {seconds} seconds to render; simplify its markup":
        "表示の変換に {seconds} 秒以上かかりました。書式を簡単にしてください",
    "... {shown} of {total} problems shown; by field: {counts}":
        "... {total} 件の問題のうち {shown} 件を表示しました。項目ごとの件数: {counts}",
    "must be lower-case letters, digits and '-', got {got}":
        "英小文字・数字・'-' だけにしてください（値: {got}）",
    "is already an alias of {name}": "すでに {name} の別名です",
    "must be lower-case letters, digits and '-' (taken from the file name), got {got}":
        "英小文字・数字・'-' だけにしてください（ファイル名から取った値: {got}）",
    "must not carry a user name or password (they would be published)":
        "ユーザー名やパスワードを含めないでください（公開されてしまいます）",
    # --- text rules, the site folder, files the CLI writes (model/text.py, news/staging.py, cli/) ---
    "must not contain the control character {char}": "制御文字 {char} を含めないでください",
    "has no visible characters (only {char} and the like); write text or leave the field out":
        "見える文字がありません（{char} などだけです）。テキストを書くか、項目を削除してください",
    "site: cannot write {path}: {reason}; the previous site is kept":
        "site: {path} に書き込めません: {reason}。前のサイトはそのままです",
    "site: cannot write {path}: {reason}": "site: {path} に書き込めません: {reason}",
    "the disk is full": "ディスクがいっぱいです",
    "the disk quota is used up": "ディスクの割り当て（クォータ）を使い切りました",
    "a file is larger than the system allows": "ファイルがシステムの上限より大きくなりました",
    "the file system is read-only": "ファイルシステムが読み取り専用です",
    "permission denied": "権限がありません",
    "{path}: cannot be read or written: {reason}": "{path}: 読み書きできません: {reason}",
}
