"""The published card: drawn straight onto a fixed palette and written as an 8-bit PNG. No MkDocs here.

A card's colours are known in advance (`draw.py`): each foreground over the
background it meets, and the anti-aliased blends between them. So the card is
a palette image from the start instead of an RGB drawing mapped to a palette
pixel by pixel afterwards. The pieces every card repeats (band, stars, tag
pills) are mapped once per process and pasted; each text is rasterised into a
coverage mask (0 to 255, as FreeType draws it) and the mask is turned into
indices of its colour's blend ramp with one lookup table. Only where a text
pixel falls between two ramp steps can it differ from the RGB drawing, by at
most half a step (about 4/255; tested against `draw.render_card`).
"""

from __future__ import annotations

import io

from PIL import Image, ImageColor, ImageDraw

from .draw import (ACCENT, BACKGROUND, HEIGHT, ON_PRIMARY, ON_PRIMARY_SOFT, PRIMARY, PRIMARY_DARK, PRIMARY_LIGHT,
                   STAR_OFF, TEXT, TEXT_SOFT, WIDTH, Box, CardSpec, Line, Piece, baseline, layout_card)
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
        # One coverage mask per colour, over the lines' boxes with room for what glyphs overhang.
        pad = max(line.text.size for line in group)
        left = max(0, int(min(line.x for line in group)) - pad)
        top = max(0, int(min(line.top for line in group)) - pad)
        bottom = min(HEIGHT, int(max(line.top + line.height for line in group)) + pad)
        mask = Image.new("L", (WIDTH - left, bottom - top), 0)
        draw = ImageDraw.Draw(mask)
        for line in group:
            draw.text((line.x - left, baseline(line.text, line.top, line.height) - top), line.line,
                      font=line.text.font, fill=255, anchor="ls")
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
