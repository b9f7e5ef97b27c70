"""Draw one 1200x630 share card (Open Graph image) from a `CardSpec`. No MkDocs here.

Layout, top to bottom: an indigo band with the site name and the kind of page;
the title, as large as it fits (64 px down to 44 px, balanced lines, ``…`` past
the last line); optional headlines; a line with the source and date and the
importance stars; the top tags as pills. Every text is measured with the
font's real glyph widths and kept inside the margins. Characters the font has
no glyph for (colour emoji, mostly) are left out rather than drawn as boxes.

`layout_card` decides what goes where (pieces drawn once per process, text
lines, bullets); `render_card` draws that in RGB, the reference drawing, and
`palette.py` draws the same layout onto the fixed palette for the PNG.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Sequence

from PIL import Image, ImageDraw, ImageFont

from .fonts import FontFace, FontSet, has_glyph, load_font
from .wrap import ELLIPSIS, wrap

WIDTH, HEIGHT = 1200, 630
MARGIN = 64                      # left and right
BOTTOM_MARGIN = 56
BAND = 96                        # header band height
TITLE_TOP = BAND + 40
TITLE_SIZES = (64, 58, 52, 48, 44)
LINE_HEIGHT = 1.32
BULLET_SIZE = 30
META_SIZE = 28
TAG_SIZE = 24
TAG_HEIGHT = 44
STAR_SIZE = 34

# Material's indigo primary and deep orange accent, on a light background.
BACKGROUND = "#f5f6fb"
PRIMARY = "#3f51b5"
PRIMARY_DARK = "#303f9f"
PRIMARY_LIGHT = "#e8eaf6"
ON_PRIMARY = "#ffffff"
ON_PRIMARY_SOFT = "#c5cae9"
TEXT = "#1c1f2e"
TEXT_SOFT = "#5b6075"
ACCENT = "#ff6e40"
STAR_OFF = "#d3d6e4"

# Joiners, variation selectors, skin tones and tag characters only make sense with colour emoji.
_EMOJI_PARTS = {0x200D, 0x20E3, *range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)}


@dataclass(frozen=True)
class CardSpec:
    """Everything a card shows; equal specs draw equal cards (the cache key hashes this)."""

    site_name: str
    label: str                          # the kind of page, at the right of the band: ニュース, タグ, AI日報
    title: str
    meta: str = ""                      # one line under the title: source and date, or a count
    importance: int | None = None       # 1..5 stars
    tags: tuple[str, ...] = ()           # shown as pills, as given (`#LLM`)
    bullets: tuple[str, ...] = ()       # headlines listed under the title


class _Text:
    """A face at one size, with per-character widths (basic layout: widths simply add up)."""

    def __init__(self, face: FontFace, size: int) -> None:
        self.face = face
        self.size = size
        self.font: ImageFont.FreeTypeFont = load_font(face, size)
        self._widths: dict[str, float] = {}

    def measure(self, text: str) -> float:
        widths = self._widths
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                width = widths[char] = self.font.getlength(char)
            total += width
        return total

    def fit(self, text: str, width: float) -> str:
        """``text`` on one line, shortened with ``…`` when wider than ``width``."""
        return wrap(text, self.measure, width, max_lines=1).lines[0] if text.strip() else ""


_TEXTS: dict[tuple[FontFace, int], _Text] = {}


def _text(face: FontFace, size: int) -> _Text:
    key = (face, size)
    if key not in _TEXTS:
        _TEXTS[key] = _Text(face, size)
    return _TEXTS[key]


def drawable(text: str, face: FontFace) -> str:
    """``text`` without what ``face`` cannot draw (emoji and their joiners), spaces tidied."""
    kept = []
    for char in text:
        if ord(char) in _EMOJI_PARTS or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            kept.append(" " if char in "\t\n\r" else "")
        elif has_glyph(face, char):
            kept.append(char)
    return " ".join("".join(kept).split())


def _draw_line(draw: ImageDraw.ImageDraw, text: _Text, x: float, top: float, line_height: float,
               line: str, fill: str, anchor: str = "ls") -> None:
    draw.text((x, baseline(text, top, line_height)), line, font=text.font, fill=fill, anchor=anchor)


def baseline(text: _Text, top: float, line_height: float) -> float:
    """The baseline that centres the ideographic em box (0.88 above, 0.12 below) in the line."""
    return top + line_height / 2 + text.size * 0.38


def _fit_title(title: str, face: FontFace, width: float, height: float,
               sizes: Sequence[int]) -> tuple[_Text, tuple[str, ...], float]:
    """The largest size at which the title fits the box whole; else the smallest, with ``…``."""
    for size in sizes:
        text = _text(face, size)
        line_height = round(size * LINE_HEIGHT)
        max_lines = max(1, int(height // line_height))
        wrapped = wrap(title, text.measure, width, max_lines, balanced=True)
        if not wrapped.truncated or size == sizes[-1]:
            return text, wrapped.lines, line_height
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Piece:
    """A part drawn once per process (band, stars, a tag pill), pasted with its top left at x, y."""

    key: tuple[object, ...]
    image: Image.Image
    x: int
    y: int


@dataclass(frozen=True)
class Line:
    """One line of text: ``fill`` over the card's background, vertically centred in its line box."""

    text: _Text
    x: float
    top: float
    height: float
    line: str
    fill: str


@dataclass(frozen=True)
class Box:
    """A filled rectangle (a headline's bullet)."""

    box: tuple[float, float, float, float]
    fill: str


def layout_card(spec: CardSpec, fonts: FontSet) -> list[Piece | Line | Box]:
    """What the card for ``spec`` shows and where, in drawing order (no pixels yet)."""
    inner = WIDTH - 2 * MARGIN
    # Band: the same for every card of a kind, drawn once.
    parts: list[Piece | Line | Box] = [_band(fonts, spec.site_name, spec.label)]

    # Bottom up: tags, then the meta line; the title and headlines get what is left.
    bottom = HEIGHT - BOTTOM_MARGIN
    tags = [drawable(tag, fonts.regular) for tag in spec.tags]
    tags = [tag for tag in tags if tag]
    if tags:
        parts += _tags(fonts, tags, MARGIN, bottom - TAG_HEIGHT, inner)
        bottom -= TAG_HEIGHT + 22
    meta = drawable(spec.meta, fonts.regular)
    if meta or spec.importance:
        meta_height = 44
        right: float = WIDTH - MARGIN
        if spec.importance:
            stars, right = _stars(fonts, spec.importance, right, bottom - meta_height, meta_height)
            parts.append(stars)
            right -= 32
        meta_text = _text(fonts.regular, META_SIZE)
        parts.append(Line(meta_text, MARGIN, bottom - meta_height, meta_height,
                          meta_text.fit(meta, right - MARGIN), TEXT_SOFT))
        bottom -= meta_height + 24

    bullets = [b for b in (drawable(b, fonts.regular) for b in spec.bullets) if b]
    bullet_text = _text(fonts.regular, BULLET_SIZE)
    bullet_height = round(BULLET_SIZE * 1.45)
    room = bottom - TITLE_TOP
    shown = min(len(bullets), max(0, int((room - 90) // bullet_height))) if bullets else 0
    title_height = room - shown * bullet_height - (16 if shown else 0)
    sizes = TITLE_SIZES if not shown else TITLE_SIZES[1:]
    title_text, lines, line_height = _fit_title(drawable(spec.title, fonts.bold), fonts.bold,
                                                inner, title_height, sizes)
    parts += [Line(title_text, MARGIN, TITLE_TOP + number * line_height, line_height, line, TEXT)
              for number, line in enumerate(lines)]

    top = TITLE_TOP + len(lines) * line_height + 16
    for bullet in bullets[:shown]:
        square = BULLET_SIZE * 0.28
        middle = top + bullet_height / 2
        parts.append(Box((MARGIN + 2, middle - square / 2, MARGIN + 2 + square, middle + square / 2), PRIMARY))
        parts.append(Line(bullet_text, MARGIN + 28, top, bullet_height, bullet_text.fit(bullet, inner - 28), TEXT))
        top += bullet_height
    return parts


def render_card(spec: CardSpec, fonts: FontSet) -> Image.Image:
    """The card for ``spec`` as an RGB image of WIDTH x HEIGHT (the reference drawing;
    the published PNG is drawn straight onto the palette by `palette.card_png`)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for part in layout_card(spec, fonts):
        if isinstance(part, Piece):
            image.paste(part.image, (part.x, part.y))
        elif isinstance(part, Line):
            _draw_line(draw, part.text, part.x, part.top, part.height, part.line, part.fill)
        else:
            draw.rectangle(part.box, fill=part.fill)
    return image


def _band(fonts: FontSet, site_name: str, label: str) -> Piece:
    """The header band: site name on the left, the kind of page on the right (drawn once per kind)."""
    key = ("band", fonts, site_name, label)
    if key not in _PIECES:
        band = Image.new("RGB", (WIDTH, BAND), PRIMARY)
        draw = ImageDraw.Draw(band)
        inner = WIDTH - 2 * MARGIN
        label_text = _text(fonts.regular, 26)
        label = label_text.fit(drawable(label, fonts.regular), inner * 0.35)
        name_text = _text(fonts.bold, 34)
        name = name_text.fit(drawable(site_name, fonts.bold), inner - label_text.measure(label) - 32)
        _draw_line(draw, name_text, MARGIN, 0, BAND, name, ON_PRIMARY)
        if label:
            _draw_line(draw, label_text, WIDTH - MARGIN, 0, BAND, label, ON_PRIMARY_SOFT, anchor="rs")
        _remember(key, band)
    return Piece(key, _PIECES[key], 0, 0)


# Pieces every card of a site repeats (band, stars, tag pills), drawn once per process.
_PIECES: dict[tuple[object, ...], Image.Image] = {}
_PAD = 12   # room around a piece for anti-aliased edges


def _remember(key: tuple[object, ...], piece: Image.Image) -> None:
    if len(_PIECES) > 4096:   # a process drawing a huge site: keep memory bounded
        _PIECES.clear()
    _PIECES[key] = piece


def _stars(fonts: FontSet, level: int, right: float, top: int, height: int) -> tuple[Piece, float]:
    """``重要度 ★★★★☆`` ending at ``right``, and where it starts. Drawn once per level."""
    stars = _text(fonts.bold, STAR_SIZE)
    star_width = stars.measure("★")
    caption = _text(fonts.regular, 24)
    width = 5 * star_width + caption.measure("重要度") + 12
    key = ("stars", fonts, level, height)
    if key not in _PIECES:
        # Drawn at the same fractions of a pixel as on the card, so the pixels are the card's.
        right_edge = math.ceil(width) + _PAD
        piece = Image.new("RGB", (right_edge + _PAD, height + 2 * _PAD), BACKGROUND)
        draw = ImageDraw.Draw(piece)
        x = right_edge - 5 * star_width
        for position in range(5):
            _draw_line(draw, stars, x + position * star_width, _PAD, height, "★",
                       ACCENT if position < level else STAR_OFF)
        _draw_line(draw, caption, x - caption.measure("重要度") - 12, _PAD, height, "重要度", TEXT_SOFT)
        _remember(key, piece)
    return Piece(key, _PIECES[key], int(right) - math.ceil(width) - _PAD, top - _PAD), right - width


def _tags(fonts: FontSet, tags: Sequence[str], left: int, top: int, width: float) -> list[Piece]:
    """As many tag pills as fit on one line, each shortened to at most a third of it."""
    text = _text(fonts.regular, TAG_SIZE)
    x = left
    pills = []
    for tag in tags:
        label = text.fit(tag, width / 3)
        pill = math.ceil(text.measure(label)) + 36
        if x + pill > left + width:
            break
        pills.append(_pill(fonts, label, pill, x - _PAD, top - _PAD))
        x += pill + 12
    return pills


def _pill(fonts: FontSet, label: str, pill: int, x: int, y: int) -> Piece:
    """One tag pill on the card's background (tags repeat across cards: drawn once each)."""
    key = ("pill", fonts, label)
    if key not in _PIECES:
        piece = Image.new("RGB", (pill + 2 * _PAD, TAG_HEIGHT + 2 * _PAD), BACKGROUND)
        draw = ImageDraw.Draw(piece)
        draw.rounded_rectangle((_PAD, _PAD, _PAD + pill, _PAD + TAG_HEIGHT), radius=TAG_HEIGHT // 2,
                               fill=PRIMARY_LIGHT)
        _draw_line(draw, _text(fonts.regular, TAG_SIZE), _PAD + 18, _PAD, TAG_HEIGHT, label, PRIMARY_DARK)
        _remember(key, piece)
    return Piece(key, _PIECES[key], x, y)


__all__ = ["Box", "CardSpec", "ELLIPSIS", "HEIGHT", "Line", "Piece", "WIDTH", "baseline", "drawable", "layout_card", "render_card"]
