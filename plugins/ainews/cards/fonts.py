"""Find the Japanese font the share cards are drawn with, and load it at any size.

The font is found, not assumed: a configured file first; then fontconfig, when
the system has it (`fc-match "Noto Sans CJK JP:style=Bold"`, then any font for
`:lang=ja`), accepted only when the file really draws Japanese; then the fonts
each system ships or installs in its font folders: Noto Sans CJK JP and IPA
fonts on Linux, Hiragino on macOS, Yu Gothic and Meiryo on Windows. In a `.ttc`
collection the Japanese face is picked by its name, not by a hard-coded index.
A missing font raises `FontError`, whose one-line message says what to install
or set, instead of drawing tofu boxes. `AINEWS_FONT_DIRS` (folders separated
by the path separator) replaces the system's font search, fontconfig included.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..model.messages import msg

FAMILY = "Noto Sans CJK JP"
FONT_DIRS_VARIABLE = "AINEWS_FONT_DIRS"
# File names in order of preference, per weight (compared case-insensitively, NFC).
KNOWN_FILES = {
    "Bold": ("NotoSansCJK-Bold.ttc", "NotoSansCJKjp-Bold.otf", "NotoSansJP-Bold.otf", "NotoSansJP-Bold.ttf",
             "ヒラギノ角ゴシック W6.ttc", "HiraginoSans-W6.ttc", "YuGothB.ttc", "meiryob.ttc",
             "ipaexg.ttf", "ipag.ttf"),
    "Regular": ("NotoSansCJK-Regular.ttc", "NotoSansCJKjp-Regular.otf", "NotoSansJP-Regular.otf",
                "NotoSansJP-Regular.ttf", "ヒラギノ角ゴシック W3.ttc", "HiraginoSans-W3.ttc", "YuGothM.ttc",
                "YuGothR.ttc", "meiryo.ttc", "ipaexg.ttf", "ipag.ttf"),
}
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


def font_dirs() -> list[Path]:
    """The folders fonts are installed in on this system (or those `AINEWS_FONT_DIRS` names)."""
    override = os.environ.get(FONT_DIRS_VARIABLE)
    if override is not None:
        return [Path(p) for p in override.split(os.pathsep) if p]
    home = Path.home()
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts",
            home / ".fonts"]


def _fold(name: str) -> str:
    # macOS may list ヒラギノ with decomposed kana; Windows names differ only in case.
    return unicodedata.normalize("NFC", name).casefold()


@lru_cache(maxsize=8)
def _installed(folders: tuple[Path, ...]) -> dict[str, str]:
    """Font files under ``folders`` by folded file name (the first found wins)."""
    found: dict[str, str] = {}
    for folder in folders:
        for parent, _, names in os.walk(folder, followlinks=True):
            for name in names:
                found.setdefault(_fold(name), os.path.join(parent, name))
    return found


def _fc_match(pattern: str) -> str | None:
    """The file fontconfig gives for ``pattern``, when there is fontconfig and it names a file."""
    if FONT_DIRS_VARIABLE in os.environ or shutil.which("fc-match") is None:
        return None
    try:
        result = subprocess.run(["fc-match", "-f", "%{file}", pattern],
                                capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    # fc-match always answers, with DejaVu if it must: the caller checks for Japanese glyphs.
    return result.stdout if result.returncode == 0 and Path(result.stdout).is_file() else None


def _find_face(style: str) -> FontFace | None:
    candidates = [_fc_match(f"{FAMILY}:style={style}"), _fc_match(f":lang=ja:style={style}")]
    installed = _installed(tuple(font_dirs()))
    candidates += [installed.get(_fold(name)) for name in KNOWN_FILES[style]]
    for path in candidates:
        if path and Path(path).is_file():
            index = _japanese_index(path)
            if index is not None:
                return FontFace(os.path.realpath(path), index)
    return None


def find_fonts(configured: str | None = None, base: Path | None = None) -> FontSet:
    """The card fonts: ``configured`` (a .ttf/.otf/.ttc path) for every text, or a system Japanese font.

    Raises `FontError` when the configured file is missing or has no Japanese
    glyphs, or when the system has no Japanese font.
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
    bold, regular = _find_face("Bold"), _find_face("Regular")
    if bold is None and regular is None:
        raise FontError(msg(
            "no Japanese font for share cards (looked for Noto Sans CJK JP, IPA, Hiragino, Yu Gothic and "
            "Meiryo in {folders}): install one (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk), set "
            "plugins.news.cards.font to a .ttf/.otf/.ttc file with Japanese glyphs, or turn cards off with "
            "plugins.news.cards.enabled: false",
            folders=", ".join(str(f) for f in font_dirs()) or "-"))
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
