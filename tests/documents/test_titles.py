import pytest

from workflows.documents.titles import TITLE_PER_LINE, title_lines


def test_a_title_that_fits_stays_on_one_line():
    assert title_lines("关于召开团员大会进行换届选举的请示") == [
        "关于召开团员大会进行换届选举的请示"
    ]
    assert title_lines("  关于推荐吉𠮷同志的通知 ") == ["关于推荐吉𠮷同志的通知"]


def test_a_long_title_breaks_where_the_words_allow():
    assert title_lines("关于补充表彰2026年度先进集体和个人的决定") == [
        "关于补充表彰2026年度",
        "先进集体和个人的决定",
    ]
    assert title_lines("关于同意心内科第一团支部换届选举结果的批复") == [
        "关于同意心内科第一团支部",
        "换届选举结果的批复",
    ]
    assert title_lines("关于开展2026—2027年度青年文明号创建工作的通知") == [
        "关于开展2026—2027年度",
        "青年文明号创建工作的通知",
    ]


def test_one_more_character_than_fits_never_stands_alone():
    title = "关于同意心血管内科第二团支部换届选举的批复"  # 21 characters

    lines = title_lines(title)

    assert "".join(lines) == title
    assert len(lines) == 2
    assert min(len(line) for line in lines) >= 8


@pytest.mark.parametrize("length", range(TITLE_PER_LINE + 1, 70))
def test_lines_are_balanced_and_none_holds_one_character(length):
    # No natural break anywhere: only the balance decides.
    title = ("团员青年" * 20)[:length]

    lines = title_lines(title)

    assert "".join(lines) == title
    assert all(2 <= len(line) <= TITLE_PER_LINE for line in lines)
    assert len(lines) == -(-length // TITLE_PER_LINE)
    assert max(map(len, lines)) - min(map(len, lines)) <= 1


def test_numbers_brackets_and_punctuation_stay_whole():
    title = "关于表彰2025年度全市优秀共青团员、优秀共青团干部和五四红旗团委（团支部）的决定"

    lines = title_lines(title)

    assert "".join(lines) == title
    assert len(lines) == 2
    for line in lines:
        assert line[0] not in "，、。）》”"
        assert line[-1] not in "（《“"
    assert any("2025年度" in line for line in lines)


def test_a_width_counts_latin_letters_and_digits_narrower():
    # 24 characters, but 8 of them digits: it fits in 20 character widths.
    assert title_lines("关于2025—2026年度团员评议的通知12") == ["关于2025—2026年度团员评议的通知12"]


def test_a_narrower_line_gives_more_lines():
    lines = title_lines("关于补充表彰2026年度先进集体和个人的决定", per_line=8)

    assert "".join(lines) == "关于补充表彰2026年度先进集体和个人的决定"
    assert len(lines) == 3
    assert all(len(line) >= 2 for line in lines)


def test_what_cannot_break_is_left_whole():
    latin = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ"

    assert title_lines(latin) == [latin]
