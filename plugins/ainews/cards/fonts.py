"""Find the Japanese font the share cards are drawn with, and load it at any size.

The font is found, not assumed: a configured file first, then fontconfig
(`fc-match "Noto Sans CJK JP:style=Bold"`, accepted only when it really answers
with a CJK JP face), then the paths Debian, Fedora and Arch install
`fonts-noto-cjk` to. In a `.ttc` collection the Japanese face is picked by its
name, not by a hard-coded index. A missing font raises `FontError`, whose
message says what to install, instead of drawing tofu boxes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..model.messages import msg

FAMILY = "Noto Sans CJK JP"
KNOWN_DIRS = (
    "/usr/share/fonts/opentype/noto",                 # Debian, Ubuntu: fonts-noto-cjk
    "/usr/share/fonts/google-noto-sans-cjk-fonts",    # Fedora
    "/usr/share/fonts/google-noto-cjk",
    "/usr/share/fonts/noto-cjk",                      # Arch
    "/usr/share/fonts/truetype/noto",
)
KNOWN_FILES = {"Bold": ("NotoSansCJK-Bold.ttc", "NotoSansCJKjp-Bold.otf"),
               "Regular": ("NotoSansCJK-Regular.ttc", "NotoSansCJKjp-Regular.otf")}
# A code point no font maps: whatever it draws is the font's .notdef (tofu) glyph.
_NOT_A_CHARACTER = "\U0010FFFD"


class FontError(Exception):
    """No usable Japanese font; the message tells the reader what to install or set."""


@dataclass(frozen=True)
class FontFace:
    """One face of a font file: the path and, for a `.ttc` collection, its index."""

    path: str
    index: int = 0

    def identity(self) -> tuple[str, int, int, int]:
        """What a cached card depends on: the file's path, face, size and change time."""
        stat = os.stat(self.path)
        return (self.path, self.index, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class FontSet:
    """The two weights a card uses (both may be the same face)."""

    bold: FontFace
    regular: FontFace

    def identity(self) -> tuple[object, ...]:
        return (self.bold.identity(), self.regular.identity())


def _japanese_index(path: str) -> int | None:
    """The index of the face in ``path`` that draws Japanese, preferring a JP face by name."""
    candidates: list[int] = []
    for index in range(64):
        try:
            font = ImageFont.truetype(path, 20, index=index, layout_engine=ImageFont.Layout.BASIC)
        except OSError:
            break
        family = font.getname()[0] or ""
        if "JP" in family.split() or family.endswith(" JP") or "Japanese" in family:
            return index
        candidates.append(index)
    for index in candidates:   # no face is named JP: take the first that has kana
        if has_glyph(FontFace(path, index), "あ") and has_glyph(FontFace(path, index), "漢"):
            return index
    return None


def _fc_match(style: str) -> str | None:
    """The file fontconfig gives for Noto Sans CJK JP in ``style``, if it is really that family."""
    if shutil.which("fc-match") is None:
        return None
    try:
        result = subprocess.run(["fc-match", "-f", "%{file}\n%{family}", f"{FAMILY}:style={style}"],
                                capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, families = result.stdout.partition("\n")
    # fc-match always answers, with DejaVu if it must: only accept a CJK face.
    if result.returncode != 0 or "CJK" not in families or not Path(path).is_file():
        return None
    return path


def _find_face(style: str) -> tuple[FontFace | None, list[str]]:
    looked: list[str] = []
    paths = [p for p in [_fc_match(style)] if p]
    looked.append(f"fc-match '{FAMILY}:style={style}'")
    for folder in KNOWN_DIRS:
        for name in KNOWN_FILES[style]:
            paths.append(os.path.join(folder, name))
            looked.append(paths[-1])
    for path in paths:
        if Path(path).is_file():
            index = _japanese_index(path)
            if index is not None:
                return FontFace(os.path.realpath(path), index), looked
    return None, looked


def find_fonts(configured: str | None = None, base: Path | None = None) -> FontSet:
    """The card fonts: ``configured`` (a .ttf/.otf/.ttc path) for every text, or Noto Sans CJK JP.

    Raises `FontError` when the configured file is missing or has no Japanese
    glyphs, or when no Noto Sans CJK JP is installed.
    """
    if configured:
        path = Path(configured).expanduser()
        if not path.is_absolute() and base is not None:
            path = base / path
        if not path.is_file():
            raise FontError(msg("font: no such font file: {path}", path=path))
        index = _japanese_index(str(path))
        if index is None:
            raise FontError(msg("font: {path} has no Japanese glyphs (no face draws あ and 漢)", path=path))
        face = FontFace(os.path.realpath(path), index)
        return FontSet(bold=face, regular=face)
    bold, looked = _find_face("Bold")
    regular, _ = _find_face("Regular")
    if bold is None and regular is None:
        raise FontError(
            f"no Japanese font for share cards: {FAMILY} was not found (looked at "
            f"{', '.join(looked)}). Install Debian's fonts-noto-cjk (scripts/system-deps.sh "
            "does), set plugins.news.cards.font to a .ttf/.otf/.ttc file with Japanese glyphs, "
            "or turn cards off with plugins.news.cards.enabled: false.")
    return FontSet(bold=bold or regular, regular=regular or bold)  # type: ignore[arg-type]


@lru_cache(maxsize=64)
def load_font(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    """``face`` at ``size`` px with basic layout: widths then add up exactly, character by character."""
    return ImageFont.truetype(face.path, size, index=face.index, layout_engine=ImageFont.Layout.BASIC)


def _ink(font: ImageFont.FreeTypeFont, text: str) -> bytes:
    size = int(font.size * 1.5) + 4
    image = Image.new("L", (size, size))
    ImageDraw.Draw(image).text((2, 2), text, font=font, fill=255)
    return image.tobytes()


_NOTDEF: dict[FontFace, bytes] = {}
_COVERAGE: dict[tuple[FontFace, str], bool] = {}


def has_glyph(face: FontFace, char: str) -> bool:
    """Whether ``face`` has a real glyph for ``char``, i.e. does not draw its tofu box for it."""
    cached = _COVERAGE.get((face, char))
    if cached is None:
        font = load_font(face, 24)
        if face not in _NOTDEF:
            _NOTDEF[face] = _ink(font, _NOT_A_CHARACTER)
        cached = _COVERAGE[(face, char)] = char.isspace() or _ink(font, char) != _NOTDEF[face]
    return cached
