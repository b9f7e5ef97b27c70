"""Japanese line breaking for share cards: kinsoku shori, whole Latin words, an ellipsis.

Text is cut into atoms (one Japanese character, one run of Latin letters,
digits and ASCII punctuation such as ``GPT-4.5`` or ``(Opus)``, or one run of
spaces), then atoms that may not be parted are glued into units:

- a character that may not start a line (、。」』）ー… small kana and the like)
  sticks to the unit before it;
- a character that may not end a line (「『（ and the like) sticks to the unit
  after it.

Lines are filled greedily with units, measured by the caller's ``measure``
(the real glyph widths of the font); a break after a space, 、。:」 and similar
is preferred when it still leaves the line well filled. Only a unit wider than
a whole line is cut between characters. When the text needs more than
``max_lines`` lines, the last line ends in ``…``. ``balanced`` narrows the
width as far as possible without adding a line, so a title does not end in a
two-character orphan.

Nothing here knows about fonts or images: ``measure`` is any width function.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable

Measure = Callable[[str], float]

ELLIPSIS = "…"
# JIS X 4051 line-start prohibited characters (closing brackets, stops, small kana, iteration marks).
NO_START = frozenset(
    "、。，．,.:;?!・：；？！‼⁇⁈⁉ー～〜‐゠–—―…‥ヽヾゝゞ々〻〳〴〵"
    "」』）］｝〕〉》】〙〗〟’”»)]}>％%‰℃°′″"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
# Line-end prohibited characters (opening brackets, currency signs before numbers).
NO_END = frozenset("「『（［｛〔〈《【〘〖〝‘“«([{<＄$¥￥£€＃#")
# A break right after these reads naturally in a Japanese headline.
GOOD_BREAK_AFTER = frozenset("、。，．:：;；!！?？」』）】〕〉》")
# Never leave these right before the ellipsis: `…、…` or `「…` read badly.
TRIM_BEFORE_ELLIPSIS = frozenset("、。，．,.:：;；・ー-–—―‐ ") | NO_END
MIN_PREFERRED_FILL = 0.6
HONORIFIC = "おご"
CLOSING = frozenset("」』）］｝〕〉》】〙〗〟’”)]")
# A Japanese chunk wider than this share of the line may break inside (kinsoku still applies).
LONG_CHUNK = 0.5


@dataclass(frozen=True)
class Wrapped:
    lines: tuple[str, ...]
    truncated: bool          # an ellipsis replaced the rest of the text


def _is_word_char(char: str) -> bool:
    """A character of a Latin-script word or number: never a line break inside a run of these."""
    if char.isspace():
        return False
    if char.isascii():
        return True
    if unicodedata.east_asian_width(char) in ("W", "F", "H"):
        return False
    return unicodedata.category(char)[0] in "LNM"


def _script(char: str) -> str:
    """``kanji``, ``kata``, ``hira`` or ``other``: what a Japanese word chunk is made of."""
    code = ord(char)
    if 0x3040 <= code <= 0x309F:
        return "hira"
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "kata"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF \
            or code >= 0x20000 or char in "々〆ヶ":
        return "kanji"
    return "other"


def atoms(text: str, chunk: bool = True) -> list[str]:
    """Cut ``text`` into Latin runs, space runs and Japanese pieces.

    With ``chunk``, a Japanese piece is a run of kanji or of katakana with the
    hiragana that follows it (数日単位の, 耐える, エージェント): roughly a word
    with its particle, which a headline should keep on one line. Without it,
    every Japanese character is a piece of its own.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        j = i + 1
        if char.isspace():
            while j < n and text[j].isspace():
                j += 1
        elif _is_word_char(char):
            while j < n and (_is_word_char(text[j]) or
                             (text[j] in "’'" and j + 1 < n and _is_word_char(text[j + 1]))):
                j += 1
        elif chunk and _script(char) != "other":
            if char in HONORIFIC and j < n and _script(text[j]) == "kanji":
                j += 1                        # お届け, ご利用: the prefix goes with the word it honours
            kind = _script(text[j - 1])
            while j < n and _script(text[j]) == kind:
                j += 1
            while kind != "hira" and j < n and _script(text[j]) == "hira":
                j += 1
            if j - 1 > i and text[j - 1] in HONORIFIC and j < n and _script(text[j]) == "kanji":
                j -= 1                        # ...and is not the particle ending the word before
        out.append(text[i:j])
        i = j
    return out


def _joins(before: str, atom: str, chunk: bool) -> bool:
    """Whether no line may break between ``before`` and ``atom`` (adjacent, no space between)."""
    last, first = before[-1], atom[0]
    if last in NO_END or first in NO_START:              # kinsoku
        return True
    if not chunk:
        return False
    latin_before, latin_now = _is_word_char(last), _is_word_char(first)
    return ((last in CLOSING and _script(first) == "hira")              # 「公正利用」か
            or (latin_before and _script(first) == "hira")               # AIの, GPT-5を
            or (latin_now and _script(last) in ("kanji", "kata"))        # 生成AI, 第3
            or (last.isdigit() and _script(first) == "kanji"))           # 50校, 10億


def units(text: str, chunk: bool = True) -> list[str]:
    """The pieces a line may break between: kinsoku applied and, with ``chunk``, words kept whole.

    Besides the kinsoku rules, a particle stays with the word or quote before
    it (`AIの`, `「公正利用」か`, even across a space: `GPT-5.5 を`), a Latin
    word with the kanji it is written onto (`生成AI`), and a number with its
    counter (`50校`, `10 億`).
    """
    out: list[str] = []
    for atom in atoms(text, chunk):
        if atom.isspace():
            out.append(" ")
        elif out and not out[-1].isspace() and _joins(out[-1], atom, chunk):
            out[-1] += atom
        elif chunk and len(out) > 1 and out[-1] == " " and not out[-2].isspace() and (
                _script(atom[0]) == "hira" or (out[-2][-1].isdigit() and _script(atom[0]) == "kanji")):
            out[-2:] = [out[-2] + " " + atom]   # `GPT-5.5 を`, `50 校`: spaced, but one phrase
        else:
            out.append(atom)
    return out


def _split_chars(unit: str, measure: Measure, width: float) -> list[str]:
    """Cut a unit wider than a line between characters (a URL, a very long word).

    Kinsoku still holds where it can: characters are pushed to the next piece
    (oidashi) so that it does not start with 、。」 and this one does not end with 「.
    """
    pieces, current = [], ""
    for char in unit:
        while current and measure(current + char) > width:
            joined = current + char
            keep = len(current)
            while keep > 1 and (joined[keep - 1] in NO_END or joined[keep] in NO_START):
                keep -= 1
            if joined[keep - 1] in NO_END or joined[keep] in NO_START:
                keep = len(current)          # nothing to push: a plain cut beats an endless line
            pieces.append(current[:keep])
            current = current[keep:]
        current += char
    return [*pieces, current] if current else pieces


def _strip(line: list[str]) -> list[str]:
    """``line`` without spaces at either end."""
    start, end = 0, len(line)
    while start < end and line[start] == " ":
        start += 1
    while end > start and line[end - 1] == " ":
        end -= 1
    return line[start:end]


def _lines(parts: list[str], measure: Measure, width: float, prefer: bool = True,
           long_chunk: float | None = None) -> list[list[str]]:
    """Fill lines with ``parts``; a Japanese chunk wider than ``long_chunk`` may break inside."""
    if long_chunk is None:
        long_chunk = LONG_CHUNK * width
    lines: list[list[str]] = []
    current: list[str] = []
    queue = list(reversed(parts))

    def fits(line: list[str]) -> bool:
        return measure("".join(_strip(line))) <= width

    while queue:
        unit = queue.pop()
        if unit == " ":
            if current:
                current.append(unit)
            continue
        if fits([*current, unit]):
            current.append(unit)
            continue
        fine = units(unit, chunk=False)
        if len(fine) > 1 and measure(unit) > long_chunk:
            # A long Japanese chunk would leave a ragged line: let it break inside.
            queue.extend(reversed(fine))
            continue
        if current:
            cut = _preferred_cut(current, measure, width) if prefer else len(current)
            lines.append(_strip(current[:cut]))
            current = current[cut:]
            while current and current[0] == " ":
                current.pop(0)
            if fits([*current, unit]):
                current.append(unit)
                continue
            if _strip(current):
                lines.append(_strip(current))
        if measure(unit) <= width:
            current = [unit]
        else:                                # wider than a line on its own: cut it
            *full, rest = _split_chars(unit, measure, width)
            lines.extend([piece] for piece in full)
            current = [rest]
    if _strip(current):
        lines.append(_strip(current))
    return lines


def _preferred_cut(line: list[str], measure: Measure, width: float) -> int:
    """Where to end a full line: after its last natural break if that keeps it well filled."""
    used = 0.0
    best = len(line)
    for position, unit in enumerate(line, start=1):
        used += measure(unit)
        if position < len(line) and (unit == " " or unit[-1] in GOOD_BREAK_AFTER) \
                and used >= MIN_PREFERRED_FILL * width:
            best = position
    return best


def _with_ellipsis(tail: str, measure: Measure, width: float) -> str:
    """The last visible line: as much of ``tail`` as fits before ``…``, ending on a whole chunk if that fills half the line."""
    room = width - measure(ELLIPSIS)
    whole = _lines(units(tail), measure, room, prefer=False, long_chunk=float("inf"))
    line = "".join(whole[0]) if whole else ""
    if measure(line) < 0.5 * room or measure(line) > room:
        line = "".join(_lines(units(tail, chunk=False), measure, room, prefer=False)[0])
    line = line.rstrip()
    while line and line[-1] in TRIM_BEFORE_ELLIPSIS:
        line = line[:-1]
    return line + ELLIPSIS


def wrap(text: str, measure: Measure, width: float, max_lines: int, balanced: bool = False) -> Wrapped:
    """Break ``text`` into at most ``max_lines`` lines no wider than ``width``."""
    text = " ".join(text.split())
    parts = units(text)
    prefer = True
    lines = _lines(parts, measure, width)
    if len(lines) > max_lines:               # natural breaks cost a line: fill every line instead
        prefer = False
        lines = _lines(parts, measure, width, prefer=False)
    if len(lines) > max_lines:
        shown = [_join(line) for line in lines[:max_lines - 1]]
        # Lines are consecutive pieces of ``text`` minus the spaces at breaks: find where the last starts.
        offset = 0
        for line in shown:
            offset = text.index(line, offset) + len(line)
        shown.append(_with_ellipsis(text[offset:].lstrip(), measure, width))
        return Wrapped(tuple(shown), truncated=True)
    if balanced and len(lines) > 1:
        lines = _balance(parts, measure, width, lines, prefer)
    return Wrapped(tuple(_join(line) for line in lines), truncated=False)


def _balance(parts: list[str], measure: Measure, width: float, lines: list[list[str]],
             prefer: bool) -> list[list[str]]:
    """The narrowest wrapping of ``parts`` that needs no more lines than ``lines`` (binary search)."""
    low, high, best = width * 0.5, width, lines
    for _ in range(8):
        middle = (low + high) / 2
        trial = _lines(parts, measure, middle, prefer=prefer, long_chunk=LONG_CHUNK * width)
        if len(trial) <= len(lines):
            best, high = trial, middle
        else:
            low = middle
    return best


def _join(line: list[str]) -> str:
    return "".join(line).strip()
