"""Reading time (約N分で読める) that counts Japanese by characters, not words."""

from __future__ import annotations

import math
import re
import unicodedata

# Japanese is read by characters: kana, kanji, the marks 々〆〇 and half-width kana.
# Full-width Latin (ＡＩ) is folded to ASCII by NFKC first and counted as words.
_CJK = re.compile(r"[\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")
# Markdown that is not read: code fences, HTML tags, link targets, images.
_NOT_READ = re.compile(r"```.*?```|<[^>]+>|\]\([^)]*\)|!\[[^\]]*\]", re.S)

CJK_CHARS_PER_MINUTE = 500
LATIN_WORDS_PER_MINUTE = 200


def reading_minutes(markdown_text: str, cjk_per_minute: int = CJK_CHARS_PER_MINUTE,
                    words_per_minute: int = LATIN_WORDS_PER_MINUTE) -> int:
    """Minutes to read ``markdown_text``, at least 1.

    Japanese characters and Latin words are counted separately and added, so a
    Japanese translation with English names in it is timed fairly.
    """
    text = _NOT_READ.sub(" ", unicodedata.normalize("NFKC", markdown_text))
    cjk = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(_CJK.sub(" ", text)))
    return max(1, math.ceil(cjk / cjk_per_minute + words / words_per_minute))
