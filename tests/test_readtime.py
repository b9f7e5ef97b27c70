"""Reading time (約N分で読める): Japanese is counted by characters, English by words."""

from __future__ import annotations

from ainews.model.readtime import CJK_CHARS_PER_MINUTE, LATIN_WORDS_PER_MINUTE, reading_minutes

SENTENCE = "大規模言語モデルの安全性について研究者たちは新しい評価手法を提案した。"  # 34 characters, no spaces


def japanese(characters: int) -> str:
    """About ``characters`` Japanese characters in paragraphs, with no spaces between words."""
    text = (SENTENCE * (characters // len(SENTENCE) + 1))[:characters]
    return "\n\n".join(text[i:i + 400] for i in range(0, len(text), 400))


def test_the_defaults_are_500_characters_and_200_words_a_minute() -> None:
    assert (CJK_CHARS_PER_MINUTE, LATIN_WORDS_PER_MINUTE) == (500, 200)


def test_5000_japanese_characters_take_about_10_minutes_not_1() -> None:
    minutes = reading_minutes(japanese(5000))
    assert 9 <= minutes <= 11
    # A word counter sees one "word" per paragraph and would say 1 minute.
    assert len(japanese(5000).split()) < 20


def test_japanese_minutes_grow_with_length() -> None:
    assert [reading_minutes(japanese(n)) for n in (100, 1000, 2500, 10000)] == [1, 2, 5, 20]


def test_english_is_counted_by_words() -> None:
    assert reading_minutes("word " * 1000) == 5
    assert reading_minutes("word " * 1001) == 6


def test_mixed_text_adds_characters_and_words() -> None:
    # 2,500 characters (5 min) plus 400 English words (2 min).
    assert reading_minutes(japanese(2500) + "\n\n" + "Anthropic model " * 200) == 7


def test_hiragana_katakana_kanji_and_half_width_kana_all_count() -> None:
    for char in ("あ", "ア", "漢", "ｱ"):
        assert reading_minutes(char * 1500) == 3, char


def test_iteration_marks_count_as_characters() -> None:
    # 々 (人々, 時々) and 〇 are read like kanji but sit outside the kanji block.
    assert reading_minutes("人々" * 750) == 3
    assert reading_minutes("〇" * 1500) == 3


def test_full_width_latin_is_counted_as_words() -> None:
    assert reading_minutes("ＯｐｅｎＡＩ " * 400) == 2


def test_short_and_empty_texts_take_one_minute() -> None:
    assert reading_minutes("") == 1
    assert reading_minutes("短い。") == 1


def test_markup_is_not_read() -> None:
    code = "```python\n" + "print('x')\n" * 2000 + "```\n"
    link = "[リンク](https://example.com/" + "a" * 5000 + ")\n"
    html = '<div class="' + "x " * 2000 + '">本文</div>\n'
    assert reading_minutes(code + link + html + japanese(400)) == 1


def test_the_rates_are_configurable() -> None:
    assert reading_minutes(japanese(1000), cjk_per_minute=250) == 4
    assert reading_minutes("word " * 300, words_per_minute=100) == 3
