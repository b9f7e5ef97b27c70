"""The published card: drawn straight onto a fixed palette and written as an 8-bit PNG. No MkDocs here.

A card's colours are known in advance (`draw.py`): each foreground over the
background it meets, and the anti-aliased blends between them. So the card is
a palette image from the start instead of an RGB drawing mapped to a palette
pixel by pixel afterwards. The pieces every card repeats (band, stars, tag
pills) are mapped once per process and pasted. Text goes into a coverage mask
(0 to 255) from glyph bitmaps FreeType draws once per process, character and
size (Pillow would draw every glyph of every line three times), placed exactly
where Pillow places them; the mask becomes indices of its colour's blend ramp
through one lookup table. Only where a text pixel falls between two ramp steps
can it differ from the RGB drawing, by at most half a step (tested against
`draw.render_card`). bench/cards.py --before REV measures it against older code.
"""

from __future__ import annotations

import io
import math
from typing import NamedTuple

from PIL import Image, ImageColor, ImageDraw

from .draw import (ACCENT, BACKGROUND, HEIGHT, ON_PRIMARY, ON_PRIMARY_SOFT, PRIMARY, PRIMARY_DARK, PRIMARY_LIGHT,
                   STAR_OFF, TEXT, TEXT_SOFT, WIDTH, Box, CardSpec, Line, Piece, _Text, baseline, layout_card)
from .fonts import FontSet

# Every foreground drawn over every background it meets; anti-aliased edges are blends of these.
_COLOUR_PAIRS = ((ON_PRIMARY, PRIMARY), (ON_PRIMARY_SOFT, PRIMARY), (TEXT, BACKGROUND), (TEXT_SOFT, BACKGROUND),
                 (ACCENT, BACKGROUND), (STAR_OFF, BACKGROUND), (PRIMARY, BACKGROUND),
                 (PRIMARY_DARK, PRIMARY_LIGHT), (PRIMARY_LIGHT, BACKGROUND))
_BLEND_STEPS = 256 // len(_COLOUR_PAIRS)
# zlib level 1 with the run-length strategy: the card is mostly long runs of one index
# (bench/cards.py measures the time and the size against level 2's default strategy).
COMPRESS_LEVEL = 1
COMPRESS_TYPE = 3        # Z_RLE


def _ramp(front: str, back: str) -> int:
    """The palette index where the blends of ``front`` over ``back`` start (step 0 is ``back``)."""
    return _COLOUR_PAIRS.index((front, back)) * _BLEND_STEPS


class _Palette:
    """The palette, a blank card on it, and the pieces mapped to it (made once per process)."""

    def __init__(self) -> None:
        colours: list[int] = []
        for front, back in _COLOUR_PAIRS:
            f, b = ImageColor.getrgb(front), ImageColor.getrgb(back)
            for step in range(_BLEND_STEPS):
                t = step / (_BLEND_STEPS - 1)
                colours.extend(round(b[i] + (f[i] - b[i]) * t) for i in range(3))
        self.image = Image.new("P", (1, 1))
        self.image.putpalette(colours + [0] * (768 - len(colours)))
        self.blank = Image.new("P", (WIDTH, HEIGHT), _ramp(TEXT, BACKGROUND))
        self.blank.putpalette(self.image.getpalette() or [])
        self.pieces: dict[tuple[object, ...], Image.Image] = {}
        self.lookups: dict[str, list[int]] = {}

    def piece(self, piece: Piece) -> Image.Image:
        mapped = self.pieces.get(piece.key)
        if mapped is None:
            if len(self.pieces) > 4096:   # as draw.py's own pieces: bounded
                self.pieces.clear()
            mapped = self.pieces[piece.key] = piece.image.quantize(palette=self.image, dither=Image.Dither.NONE)
        return mapped

    def lookup(self, fill: str) -> list[int]:
        """Coverage 0..255 of ``fill`` over the background to the nearest step of its ramp."""
        table = self.lookups.get(fill)
        if table is None:
            start = _ramp(fill, BACKGROUND)
            table = self.lookups[fill] = [start + round(c * (_BLEND_STEPS - 1) / 255) for c in range(256)]
        return table


_PALETTE: _Palette | None = None


def _palette() -> _Palette:
    global _PALETTE
    if _PALETTE is None:
        _PALETTE = _Palette()
    return _PALETTE


_INKED = [0] + [255] * 255   # where a coverage mask has any ink


class _Glyph(NamedTuple):
    mask: Image.Image | None   # the coverage bitmap (None for a space)
    left: int                  # its top left corner from the pen position on the baseline
    top: int
    advance: int               # in 1/64 px, as FreeType and Pillow's basic layout add them up


_GLYPHS: dict[tuple[object, int, str], _Glyph] = {}


def _glyph(text: _Text, char: str) -> _Glyph:
    """``char``'s bitmap, drawn by FreeType once per process and font size."""
    key = (text.face, text.size, char)
    glyph = _GLYPHS.get(key)
    if glyph is None:
        if len(_GLYPHS) > 20_000:   # a huge site's every character at every size: keep memory bounded
            _GLYPHS.clear()
        room = text.size
        canvas = Image.new("L", (3 * room, 3 * room), 0)
        ImageDraw.Draw(canvas).text((room, 2 * room), char, font=text.font, fill=255, anchor="ls")
        box = canvas.getbbox()
        glyph = _GLYPHS[key] = _Glyph(canvas.crop(box) if box else None, (box or (room,))[0] - room,
                                      (box or (0, 2 * room))[1] - 2 * room, round(text.font.getlength(char) * 64))
    return glyph


def place_text(text: _Text, x: int, baseline_y: float, line: str) -> list[tuple[Image.Image, int, int]]:
    """Each glyph of ``line`` with the top left pixel it goes at, when the line starts at ``x`` on
    the baseline ``baseline_y``: the pixels Pillow's ``ImageDraw.text(..., anchor="ls")`` draws.

    Pillow places each glyph at the pen position rounded to a whole pixel (the pen adds up
    advances in 1/64 px) and rounds a fractional baseline at 33/64; overlapping glyphs add
    up as ``a + b - ab/255``, which is what pasting white through each glyph's bitmap does
    (`tests/test_cards.py` compares both, pixel for pixel).
    """
    whole = math.floor(baseline_y)
    row = whole + (1 if round((baseline_y - whole) * 64) > 32 else 0)
    placed, pen = [], 0
    for char in line:
        glyph = _glyph(text, char)
        if glyph.mask is not None:
            placed.append((glyph.mask, x + ((pen + 32) >> 6) + glyph.left, row + glyph.top))
        pen += glyph.advance
    return placed


def render_palette_card(spec: CardSpec, fonts: FontSet) -> Image.Image:
    """The card for ``spec`` as a palette image (what `card_png` writes)."""
    palette = _palette()
    image = palette.blank.copy()
    lines: dict[str, list[Line]] = {}
    for part in layout_card(spec, fonts):
        if isinstance(part, Piece):
            image.paste(palette.piece(part), (part.x, part.y))
        elif isinstance(part, Box):
            ImageDraw.Draw(image).rectangle(part.box, fill=_ramp(part.fill, BACKGROUND) + _BLEND_STEPS - 1)
        else:
            lines.setdefault(part.fill, []).append(part)
    for fill, group in lines.items():
        # One coverage mask per colour, just large enough for its glyphs.
        glyphs = [placed for line in group for placed in place_text(
            line.text, int(line.x), baseline(line.text, line.top, line.height), line.line)]
        if not glyphs:
            continue
        left, top = min(x for _g, x, _y in glyphs), min(y for _g, _x, y in glyphs)
        right, bottom = max(x + g.width for g, x, _y in glyphs), max(y + g.height for g, _x, y in glyphs)
        mask = Image.new("L", (right - left, bottom - top), 0)
        for glyph, x, y in glyphs:
            mask.paste(255, (x - left, y - top), glyph)
        indices = mask.point(palette.lookup(fill))
        indices = Image.frombuffer("P", indices.size, indices.tobytes(), "raw", "P", 0, 1)
        image.paste(indices, (left, top), mask.point(_INKED))
    return image


def card_png(spec: CardSpec, fonts: FontSet) -> bytes:
    """The card for ``spec`` as an 8-bit palette PNG, a third of an RGB one's size."""
    buffer = io.BytesIO()
    render_palette_card(spec, fonts).save(buffer, "PNG", compress_level=COMPRESS_LEVEL, compress_type=COMPRESS_TYPE)
    return buffer.getvalue()


__all__ = ["card_png", "render_palette_card"]
