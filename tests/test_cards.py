"""Share cards: Japanese line breaking, the font, the drawn card, the cache and the page meta tags."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageColor, ImageDraw

from conftest import REPO, Site, make_article, make_site
from ainews.cards import draw, fonts, palette, store
from ainews.cards.draw import BAND, BOTTOM_MARGIN, HEIGHT, MARGIN, WIDTH, CardSpec, drawable, render_card
from ainews.cards.fonts import FontError, FontFace, find_fonts, has_glyph
from ainews.cards.plan import card_path, plan_cards
from ainews.cards.store import CardCache, card_key, write_cards
from ainews.cards.wrap import ELLIPSIS, NO_END, NO_START, units, wrap
from ainews.index.site import build_site_index
from ainews.model.article import Tag
from ainews.model.corpus import Corpus
from ainews.model.registry import SourceInfo, TagInfo
from ainews.model.slugs import slugify
from ainews.model.validate import ModelSettings, parse_article
from ainews.site import routes

ARTIFACTS = REPO / "test-artifacts" / "cards"
SITE_URL = "https://example.github.io/ainews/"
TOKYO = ZoneInfo("Asia/Tokyo")
LONG_TITLE = ("日本政府、AI推進法に基づく事業者向け指針の最終案を公表し、罰則なしの「ソフトロー」を維持する方針を示した。"
              "生成AIの開発者と利用者それぞれに求める対応、リスク評価の手順、透明性に関する報告義務、"
              "国際的な枠組みとの整合性、中小企業への支援策、そして今後の見直しの時期についても詳しく説明している。"
              "専門家からは実効性を疑問視する声も上がっており、施行後の運用状況を注視する必要があると指摘されている。今後の動向が注目される。")
EMOJI_TITLE = "🚀 OpenAI が GPT-5.5 を発表 🤖✨ Agents SDK と Realtime API を強化 👨‍👩‍👧 家族向け機能も ❤️"


def width_of(text: str) -> float:
    """A stand-in for glyph widths: Japanese characters 2, everything else 1."""
    return float(sum(1 if ch.isascii() else 2 for ch in text))


def save_artifact(name: str, image: Image.Image) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image.save(ARTIFACTS / name)


# --- Line breaking -----------------------------------------------------------------------------

def test_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_bracket() -> None:
    text = "彼は「はい。」と言った、そして（本当に）去った。ちょっと待って……やっぱり、だめです！"
    for width in range(6, 40):
        lines = wrap(text, width_of, width, max_lines=99).lines
        assert all(line[0] not in NO_START for line in lines[1:]), (width, lines)
        assert all(line[-1] not in NO_END for line in lines), (width, lines)


def test_latin_words_and_numbers_are_never_split() -> None:
    text = "Claude Opus 5 と GPT-4.5 (beta) の比較:SWE-bench Verified で 72.5% を記録"
    words = ["Claude", "Opus", "GPT-4.5", "(beta)", "SWE-bench", "Verified", "72.5%"]
    for width in range(12, 60):
        lines = wrap(text, width_of, width, max_lines=99).lines
        for word in words:
            assert any(word in line for line in lines), (width, word, lines)


def test_a_particle_after_a_space_stays_with_its_word() -> None:
    assert units("OpenAI が GPT-5.5 を発表") == ["OpenAI が", " ", "GPT-5.5 を", "発表"]


@pytest.mark.parametrize("text, unit", [
    ("生成AIの学習は", "生成AIの"),                 # a Latin word with its kanji and particle
    ("「公正利用」か 米連邦地裁が", "「公正利用」か"),   # a particle after a quote
    ("日本の高校 50 校で学習支援", "50 校で"),        # a number with its counter, even spaced
    ("学習支援 AI の実証事業", "AI の"),
])
def test_phrases_stay_together(text: str, unit: str) -> None:
    assert unit in units(text)


def test_katakana_words_and_honorific_prefixes_stay_whole_when_they_can() -> None:
    lines = wrap("海外の重要なAIニュースを日本語訳と深層分析でお届けします。", width_of, 30, 3).lines
    assert lines == ("海外の重要なAIニュースを", "日本語訳と深層分析で", "お届けします。")


def test_too_long_text_ends_in_an_ellipsis_within_the_width() -> None:
    result = wrap("あ" * 100, width_of, 20, max_lines=3)
    assert result.truncated and len(result.lines) == 3
    assert result.lines[-1].endswith(ELLIPSIS)
    assert all(width_of(line) <= 20 for line in result.lines)


def test_the_ellipsis_line_drops_a_dangling_comma_or_opening_bracket() -> None:
    line = wrap("一二三四五六七八九、「十一十二十三」十四十五十六十七", width_of, 22, max_lines=1).lines[0]
    assert line.endswith(ELLIPSIS) and line[-2] not in "、「"


def test_a_word_wider_than_the_line_is_cut_between_characters() -> None:
    lines = wrap("https://example.com/a/very/long/path/that/cannot/fit", width_of, 20, max_lines=9).lines
    assert all(width_of(line) <= 20 for line in lines) and "".join(lines).startswith("https://example.com/")


def test_balanced_lines_leave_no_orphan() -> None:
    text = "生成AIの安全性をめぐる国際的な議論が本格化"
    plain = wrap(text, width_of, 40, max_lines=3).lines
    balanced = wrap(text, width_of, 40, max_lines=3, balanced=True).lines
    assert plain == ("生成AIの安全性をめぐる国際的な議論が", "本格化")
    assert balanced == ("生成AIの安全性をめぐる", "国際的な議論が本格化")


TEXT = st.text(alphabet=st.sampled_from(list("あいうカタナ漢字語、。「」（）ー…GPT-4.5 abc!?") + [" "]), max_size=120)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, width=st.integers(min_value=4, max_value=50), max_lines=st.integers(min_value=1, max_value=6))
def test_wrapping_loses_no_characters_and_keeps_within_the_width(text: str, width: int, max_lines: int) -> None:
    result = wrap(text, width_of, width, max_lines)
    assert len(result.lines) <= max_lines
    assert all(width_of(line) <= width for line in result.lines)
    squeezed = "".join(text.split())
    shown = "".join("".join(result.lines).split())
    if result.truncated:
        assert shown.endswith(ELLIPSIS)
        assert squeezed.startswith(shown[:-1].rstrip("、。，．,.:：;；・ー-–—―‐「『（［｛〔〈《【〘〖〝‘“«([{<＄$¥￥£€＃#"))
    else:
        assert shown == squeezed


# --- The font -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def card_fonts() -> fonts.FontSet:
    return find_fonts()


@pytest.mark.linux_only   # macOS and Windows find their own fonts (Hiragino, Yu Gothic) instead
def test_the_japanese_face_of_the_noto_collection_is_found(card_fonts: fonts.FontSet) -> None:
    bold = fonts.load_font(card_fonts.bold, 20).getname()
    regular = fonts.load_font(card_fonts.regular, 20).getname()
    assert bold == ("Noto Sans CJK JP", "Bold") and regular == ("Noto Sans CJK JP", "Regular")


def test_a_missing_font_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FontError, match=r"font: no such font file: .*nothing\.ttc"):
        find_fonts("nothing.ttc", base=tmp_path)


def test_a_font_without_japanese_is_refused() -> None:
    latin = next((p for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                              "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf") if Path(p).is_file()), None)
    if latin is None:
        pytest.skip("no Latin-only font installed")
    with pytest.raises(FontError, match="has no Japanese glyphs"):
        find_fonts(latin)


def test_no_installed_font_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AINEWS_FONT_DIRS", str(tmp_path))
    monkeypatch.setenv("AINEWS_LANG", "both")
    with pytest.raises(FontError) as caught:
        find_fonts()
    line = str(caught.value)
    assert "\n" not in line
    assert line.startswith("シェアカード用の日本語フォントがありません")
    assert "sudo apt-get install fonts-noto-cjk" in line and "plugins.news.cards.enabled: false" in line


@pytest.mark.parametrize(("platform", "file_name"), [
    ("linux", "NotoSansCJK-Bold.ttc"), ("linux", "ipag.ttf"), ("darwin", "ヒラギノ角ゴシック W6.ttc"),
    ("darwin", unicodedata.normalize("NFD", "ヒラギノ角ゴシック W3.ttc")),   # as macOS may list it
    ("win32", "YUGOTHB.TTC"), ("win32", "meiryo.ttc"),
])
def test_each_systems_japanese_font_is_found_by_its_file_name(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, card_fonts: fonts.FontSet, platform: str,
        file_name: str) -> None:
    # The file is the installed Noto font under the name each system gives its own font.
    folder = tmp_path / "Fonts" / "sub"
    folder.mkdir(parents=True)
    try:
        os.link(card_fonts.bold.path, folder / file_name)
    except OSError:   # another file system
        shutil.copyfile(card_fonts.bold.path, folder / file_name)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("AINEWS_FONT_DIRS", str(tmp_path / "Fonts"))
    found = find_fonts()
    assert Path(found.bold.path).name == file_name == Path(found.regular.path).name


def test_emoji_are_left_out_not_drawn_as_boxes(card_fonts: fonts.FontSet) -> None:
    assert has_glyph(card_fonts.bold, "あ") and has_glyph(card_fonts.bold, "★")
    assert not has_glyph(card_fonts.bold, "😀")
    assert drawable("🚀 GPT-5.5 ✨を発表 👨‍👩‍👧 ❤️", card_fonts.bold) == "GPT-5.5 を発表"


# --- The drawn card -----------------------------------------------------------------------------

SPEC = CardSpec(site_name="AIニュースデスク", label="ニュース",
                title="Claude Opus 5 を発表:数日単位のエージェント作業に耐える新フラッグシップ",
                meta="Anthropic News · 2026年11月14日 08:30", importance=4,
                tags=("#LLM", "#Anthropic", "#Agents", "#Coding"))
BLANK = CardSpec(site_name="", label="", title="")


def body_ink(image: Image.Image, fonts_: fonts.FontSet) -> tuple[int, int, int, int] | None:
    """The box of everything drawn below the band, compared with a blank card."""
    blank = render_card(BLANK, fonts_)
    return ImageChops.difference(image, blank).crop((0, BAND, WIDTH, HEIGHT)).getbbox()


def inside_margins(box: tuple[int, int, int, int] | None) -> bool:
    assert box is not None
    left, top, right, bottom = box
    return left >= MARGIN - 2 and right <= WIDTH - MARGIN + 2 and bottom + BAND <= HEIGHT - BOTTOM_MARGIN + 1


def test_a_card_is_1200_by_630_with_text_drawn(card_fonts: fonts.FontSet) -> None:
    image = render_card(SPEC, card_fonts)
    assert image.size == (1200, 630)
    blank = render_card(BLANK, card_fonts)
    changed = ImageChops.difference(image, blank).convert("L").point(lambda v: 255 if v > 40 else 0)
    assert changed.getbbox() is not None
    assert sum(changed.histogram()[255:]) > 20_000        # thousands of pixels of real text, not a speck
    save_artifact("article.png", image)


@given(line=st.text(alphabet=st.sampled_from(list("生成AIの安全性、「評価」を発表 GPT-5.5 Tyfi…。（）gj")), min_size=1,
                   max_size=40),
       size=st.sampled_from(draw.TITLE_SIZES + (draw.BULLET_SIZE, draw.META_SIZE)), bold=st.booleans(),
       x=st.integers(0, 100), baseline=st.floats(60, 70))
@settings(max_examples=60, deadline=None)
def test_text_from_glyphs_drawn_once_is_pillows_text_pixel_for_pixel(
        card_fonts: fonts.FontSet, line: str, size: int, bold: bool, x: int, baseline: float) -> None:
    text = draw._text(card_fonts.bold if bold else card_fonts.regular, size)
    expected, composed = Image.new("L", (1400, 140)), Image.new("L", (1400, 140))
    ImageDraw.Draw(expected).text((x, baseline), line, font=text.font, fill=255, anchor="ls")
    for glyph, left, top in palette.place_text(text, x, baseline, line):
        composed.paste(255, (left, top), glyph)
    assert ImageChops.difference(expected, composed).getbbox() is None


@given(title=st.text(alphabet=st.sampled_from(list("生成AIの安全性、「評価」を発表 GPT-5.5 abc…")), min_size=1, max_size=90),
       importance=st.none() | st.integers(1, 5), bullets=st.lists(st.sampled_from(["見出し", "Claude の新機能", ""]),
                                                                    max_size=3),
       tags=st.lists(st.sampled_from(["#LLM", "#安全性", "#推論モデルの評価"]), max_size=3, unique=True),
       meta=st.sampled_from(["", "Anthropic News · 2026年11月14日 08:30", "ソース名" * 30]))
@settings(max_examples=12, deadline=None)
def test_the_published_palette_png_looks_the_same_as_the_rgb_drawing(
        card_fonts: fonts.FontSet, title: str, importance: int | None, bullets: list[str], tags: list[str],
        meta: str) -> None:
    # The PNG is drawn straight onto the palette; the RGB drawing is the reference it must match.
    spec = replace(SPEC, title=title, importance=importance, bullets=tuple(bullets), tags=tuple(tags), meta=meta)
    image = render_card(spec, card_fonts)
    with Image.open(io.BytesIO(palette.card_png(spec, card_fonts))) as png:
        assert png.mode == "P" and png.size == (1200, 630)
        decoded = png.convert("RGB")
    # Text maps to the nearest step of its colour's blend ramp, the pieces to Pillow's nearest
    # palette colour: a few levels off at most, and the background exactly its colour.
    difference = ImageChops.difference(image, decoded)
    assert max(high for _low, high in difference.getextrema()) <= 8
    assert decoded.getpixel((WIDTH - 2, HEIGHT - 2)) == ImageColor.getrgb(draw.BACKGROUND)


@given(st.lists(st.tuples(st.integers(1, 5), st.lists(st.sampled_from(["#LLM", "#安全性", "#OpenAI", "#推論モデルの評価",
                                                                     "#Robotics"]), max_size=5, unique=True)),
                min_size=2, max_size=4))
@settings(max_examples=8, deadline=None)
def test_cards_drawn_from_remembered_pieces_equal_cards_drawn_afresh(card_fonts: fonts.FontSet,
                                                                     cards: list[tuple[int, list[str]]]) -> None:
    # The band, the stars and the tag pills are drawn once and pasted after: pixel for pixel the same.
    specs = [replace(SPEC, importance=level, tags=tuple(tags)) for level, tags in cards]
    reused = [render_card(spec, card_fonts).tobytes() for spec in specs]
    for spec, image in zip(specs, reused):
        draw._PIECES.clear()
        assert render_card(spec, card_fonts).tobytes() == image


def test_a_200_character_title_is_shortened_and_stays_inside(card_fonts: fonts.FontSet) -> None:
    title = LONG_TITLE[:200]
    assert len(title) == 200
    image = render_card(replace(SPEC, title=title), card_fonts)
    assert inside_margins(body_ink(image, card_fonts))
    face = card_fonts.bold
    lines = wrap(drawable(title, face), draw._text(face, draw.TITLE_SIZES[-1]).measure, WIDTH - 2 * MARGIN, 5)
    assert lines.truncated and lines.lines[-1].endswith(ELLIPSIS)
    save_artifact("title-200-characters.png", image)


def test_emoji_and_latin_in_a_title_render_inside_without_boxes(card_fonts: fonts.FontSet) -> None:
    image = render_card(replace(SPEC, title=EMOJI_TITLE, tags=("#🔥Hot", "#LLM")), card_fonts)
    assert inside_margins(body_ink(image, card_fonts))
    # Pixel for pixel the card of the same title with the emoji taken out by hand: no tofu anywhere.
    stripped = render_card(replace(SPEC, title="OpenAI が GPT-5.5 を発表 Agents SDK と Realtime API を強化 家族向け機能も",
                                   tags=("#Hot", "#LLM")), card_fonts)
    assert ImageChops.difference(image, stripped).getbbox() is None
    save_artifact("emoji-and-latin.png", image)


def test_long_meta_tags_and_site_name_stay_inside(card_fonts: fonts.FontSet) -> None:
    spec = CardSpec(site_name="とても長いサイト名" * 8, label="ラベル" * 10, title="短い", meta="ソース名" * 30,
                    importance=5, tags=tuple(f"#タグ{i}" * 6 for i in range(10)), bullets=("見出し" * 40,) * 3)
    image = render_card(spec, card_fonts)
    assert inside_margins(body_ink(image, card_fonts))


# --- Which cards, the cache ---------------------------------------------------------------------

def make_index(count: int = 5, drafts: int = 1):
    seed, _ = parse_article(make_article().encode(), "content/articles/seed.md", "articles/seed.md",
                            ModelSettings(zone=TOKYO))
    assert seed is not None
    start = dt.datetime(2026, 6, 1, 9, 0, tzinfo=TOKYO)
    articles = [replace(seed, slug=f"a{i}", src_uri=f"articles/a{i}.md", path=f"content/articles/a{i}.md",
                        title=f"記事{i}:テスト", published=start + dt.timedelta(hours=7 * i),
                        tags=(Tag(slugify("LLM"), "LLM"), Tag(slugify("生成AI"), "生成AI")), draft=i >= count)
                for i in range(count + drafts)]
    tags = {slugify(n): TagInfo(slugify(n), n) for n in ("LLM", "生成AI")}
    sources = {seed.source.slug: SourceInfo(seed.source.slug, seed.source.name)}
    return build_site_index(Corpus(articles=tuple(articles), tags=tags, sources=sources))


def test_every_page_has_a_card_and_pages_share_their_first_pages_card() -> None:
    index = make_index()
    plan = plan_cards(index, "AIニュースデスク", "説明", per_page=2, drafts=False)
    for article in index.articles:
        assert plan.for_page(article.src_uri).path == f"assets/cards/articles/{article.slug}.png"
    assert plan.for_page(index.drafts[0].src_uri).path == "assets/cards/home.png"   # not built: no own card
    assert plan.for_page(routes.tag_src("llm", 3)).path == "assets/cards/tags/llm.png"
    assert plan.for_page(routes.home_src(2)).path == "assets/cards/home.png"
    assert plan.for_page("pages/about.md").path == "assets/cards/home.png"
    day = next(iter(index.by_day))
    assert plan.for_page(routes.digest_src("daily", day)).path == f"assets/cards/daily/{day.isoformat()}.png"
    assert plan.for_page(routes.tag_src("生成ai")).url(SITE_URL) == SITE_URL + "assets/cards/tags/%E7%94%9F%E6%88%90ai.png"
    with_drafts = plan_cards(index, "AIニュースデスク", "説明", per_page=2, drafts=True)
    assert with_drafts.for_page(index.drafts[0].src_uri).path.startswith("assets/cards/articles/")
    assert card_path("") == "assets/cards/home.png"


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_an_unchanged_card_is_copied_from_the_cache_not_redrawn(tmp_path: Path, card_fonts: fonts.FontSet,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    plan = plan_cards(make_index(), "AIニュースデスク", "説明", per_page=20)
    cache = CardCache(tmp_path / "cache")
    first = write_cards(plan.cards.values(), tmp_path / "one", card_fonts, cache)
    assert first.drawn == first.cards == len(plan.cards)

    def no_drawing(*args: object) -> None:
        raise AssertionError("a cached card was drawn again")
    monkeypatch.setattr(store, "card_png", no_drawing)
    second = write_cards(plan.cards.values(), tmp_path / "two", card_fonts, cache)
    assert second.drawn == 0
    for card in plan.cards.values():
        assert (tmp_path / "two" / card.path).read_bytes() == (tmp_path / "one" / card.path).read_bytes()

    for card in plan.cards.values():    # linked into the published site: ordinary permissions, not 0600
        assert (tmp_path / "two" / card.path).stat().st_mode & 0o044 == 0o044 & ~current_umask()

    monkeypatch.setattr(store, "card_png", palette.card_png)
    changed = [replace(card, spec=replace(card.spec, title="新しい題名")) if card.path.endswith("a0.png") else card
               for card in plan.cards.values()]
    assert write_cards(changed, tmp_path / "three", card_fonts, cache).drawn == 1


def test_a_full_write_keeps_only_its_own_cards_in_the_cache(tmp_path: Path, card_fonts: fonts.FontSet) -> None:
    # A year of edited titles would otherwise pile up in the cache CI keeps between runs.
    plan = plan_cards(make_index(), "AIニュースデスク", "説明", per_page=20)
    cache = CardCache(tmp_path / "cache")
    first = write_cards(plan.cards.values(), tmp_path / "one", card_fonts, cache, every_card=True)
    before = set((tmp_path / "cache").glob("*/*.png"))
    assert len(before) == first.drawn > 3
    edited = [replace(card, spec=replace(card.spec, title="新しい題名")) if card.path.endswith("a0.png") else card
              for card in plan.cards.values()]
    # A build killed while writing a card left its temporary file; one of a live build stays.
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    some = sorted(before)[0]
    dead = some.with_name(f".{some.name}.{finished.pid}.{'0' * 32}.tmp")
    live = some.with_name(f".{some.name}.{os.getpid()}.{'1' * 32}.tmp")
    for path in (dead, live):
        path.write_bytes(b"half")
    write_cards(edited[:3], tmp_path / "two", card_fonts, cache)          # a preview's few cards: nothing pruned
    assert before <= set((tmp_path / "cache").glob("*/*.png")) and dead.exists()
    stats = write_cards(edited, tmp_path / "three", card_fonts, cache, every_card=True)
    after = set((tmp_path / "cache").glob("*/*.png"))
    assert stats.drawn == 1 and len(after) == len(before) and len(after - before) == 1
    assert not dead.exists() and live.exists()
    # A cache folder set to a folder of images: only files named as the cache names them go.
    own = tmp_path / "cache" / "ph" / "photo.png"
    own.parent.mkdir()
    own.write_bytes(b"\x89PNG")
    write_cards(edited, tmp_path / "four", card_fonts, cache, every_card=True)
    assert own.exists() and set((tmp_path / "cache").glob("*/*.png")) == after | {own}
    for card in edited:                      # the site's cards are whole files, not links into the pruned cache
        assert (tmp_path / "three" / card.path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_card_pruned_by_another_build_meanwhile_is_drawn(tmp_path: Path, card_fonts: fonts.FontSet) -> None:
    plan = plan_cards(make_index(), "AIニュースデスク", "説明", per_page=20)
    cache = CardCache(tmp_path / "cache")
    write_cards(plan.cards.values(), tmp_path / "one", card_fonts, cache)
    pending = store.start_cards(plan.cards.values(), tmp_path / "two", card_fonts, cache)
    for path in (tmp_path / "cache").glob("*/*.png"):     # another build's prune, between looking and linking
        path.unlink()
    assert pending.finish().cards == len(plan.cards)
    for card in plan.cards.values():
        assert (tmp_path / "two" / card.path).read_bytes() == (tmp_path / "one" / card.path).read_bytes()


def test_the_cache_key_follows_the_spec_the_font_and_the_renderer(card_fonts: fonts.FontSet,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    identity = card_fonts.identity()
    key = card_key(SPEC, identity)
    assert key == card_key(replace(SPEC), identity)
    assert key != card_key(replace(SPEC, importance=5), identity)
    assert key != card_key(SPEC, (FontFace("/other.ttc").path, 0, 1, 1))
    monkeypatch.setattr(store, "RENDERER_VERSION", "test")
    assert key != card_key(SPEC, identity)


def test_a_cold_pool_draws_the_same_cards(tmp_path: Path, card_fonts: fonts.FontSet,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "POOL_MIN_CARDS", 2)
    plan = plan_cards(make_index(), "AIニュースデスク", "説明", per_page=20)
    pooled = write_cards(plan.cards.values(), tmp_path / "pooled", card_fonts, CardCache(tmp_path / "c1"), workers=2)
    serial = write_cards(plan.cards.values(), tmp_path / "serial", card_fonts, CardCache(tmp_path / "c2"), workers=1)
    assert pooled.drawn == serial.drawn == len(plan.cards)
    for card in plan.cards.values():
        assert (tmp_path / "pooled" / card.path).read_bytes() == (tmp_path / "serial" / card.path).read_bytes()


# --- The built site -----------------------------------------------------------------------------

class MetaTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        key = values.get("property") or values.get("name")
        if tag == "meta" and key:
            self.meta.setdefault(key, []).append(values.get("content") or "")


def meta_of(html: str) -> dict[str, str]:
    parser = MetaTags()
    parser.feed(html)
    return {key: values[0] for key, values in parser.meta.items()}


def test_every_article_of_the_sample_site_has_its_card_and_meta(sample_site: Site) -> None:
    articles = sorted((sample_site.site_dir / "articles").glob("*/index.html"))
    assert articles
    for page in articles:
        slug = page.parent.name
        meta = meta_of(page.read_text(encoding="utf-8"))
        assert meta["og:image"] == f"{SITE_URL}assets/cards/articles/{slug}.png"
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["twitter:image"] == meta["og:image"]
        assert meta["og:title"] in meta["og:image:alt"]
        with Image.open(sample_site.site_dir / f"assets/cards/articles/{slug}.png") as card:
            assert card.size == (1200, 630)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for page in articles[:4]:
        slug = page.parent.name
        shutil.copyfile(sample_site.site_dir / f"assets/cards/articles/{slug}.png", ARTIFACTS / f"sample-{slug}.png")


def test_every_page_of_the_sample_site_points_at_an_existing_card(sample_site: Site) -> None:
    pages = [p for p in sample_site.site_dir.rglob("*.html") if p.name != "404.html"]
    for page in pages:
        meta = meta_of(page.read_text(encoding="utf-8"))
        assert meta.get("og:image", "").startswith(SITE_URL), page
        assert meta["twitter:card"] == "summary_large_image", page
        card = sample_site.site_dir / unquote(meta["og:image"][len(SITE_URL):])
        assert card.is_file(), (page, card)
    for name in ("home", "tags", "daily"):
        shutil.copyfile(sample_site.site_dir / f"assets/cards/{name}.png", ARTIFACTS / f"sample-{name}.png")
    daily = sorted((sample_site.site_dir / "assets/cards/daily").glob("*.png"))[-1]
    shutil.copyfile(daily, ARTIFACTS / "sample-daily-day.png")
    tag = sorted((sample_site.site_dir / "assets/cards/tags").glob("*.png"))[0]
    shutil.copyfile(tag, ARTIFACTS / "sample-tag.png")


def test_alt_text_with_quotes_is_escaped(site: Site) -> None:
    site.add_article(title='「引用」と "quotes" & <tags> の記事')
    result = site.build()
    assert result.returncode == 0, result.stderr
    html = site.html("articles/seed/")
    assert 'content="「引用」と &#34;quotes&#34; &amp; &lt;tags&gt; の記事' in html \
        or 'content="「引用」と &quot;quotes&quot; &amp; &lt;tags&gt; の記事' in html
    assert meta_of(html)["og:image:alt"].startswith('「引用」と "quotes" & <tags> の記事')


def test_a_missing_configured_font_fails_the_build_clearly(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"cards": {"font": "fonts/missing.ttc"}})
    site.add_article()
    result = site.build()
    assert result.returncode != 0
    assert f"mkdocs.yml: plugins.news.cards: font: no such font file: {tmp_path / 'fonts/missing.ttc'}" in result.stderr


def test_cards_can_be_turned_off(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"cards": {"enabled": False}})
    site.add_article()
    result = site.build()
    assert result.returncode == 0, result.stderr
    meta = meta_of(site.html("articles/seed/"))
    assert "og:image" not in meta and meta["twitter:card"] == "summary"
    assert not (site.site_dir / "assets/cards").exists()
