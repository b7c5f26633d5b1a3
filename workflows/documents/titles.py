"""Title lines of an official document (GB/T 9704-2012 7.3.1): a long title is broken into
lines of about equal length ("排列对称，长短适宜"), at natural points where the words allow
("词意完整"), and no line holds a single character."""

from __future__ import annotations

import math
import re
import unicodedata

# A 2号 (22 pt) title across the 156 mm (442 pt) text block.
TITLE_PER_LINE = 20

# Kinsoku: these never start a line, those never end one.
_NO_LINE_START = set("，。、；：？！）》〕】」』”’…—·%")
_NO_LINE_END = set("（《〔【「『“‘")

# Where a break keeps the words whole, and what a break elsewhere costs. A line costs the square
# of its distance from the balanced length, so moving a break one character off balance costs 2
# and two characters 8: a natural point one character off wins over a break inside a word.
_FREE = 0.0
_FAIR = 2.0
_WORD = 6.0
_NEVER = math.inf
_AFTER_FREE = (
    "关于",
    "表彰",
    "命名",
    "开展",
    "同意",
    "做好",
    "召开",
    "年度",
    "委员会",
    "团委",
    "党委",
    "团总支",
    "团支部",
    "医院",
    "学院",
    "大学",
    "中心",
    "青年文明号",
)
_AFTER_FAIR = ("省", "市", "县")
_BEFORE_FAIR = ("和", "与", "及", "暨", "的", "工作", "换届", "共青团")
_UNIT_AFTER_DIGITS = re.compile(r"[年月日号名个届期]")


def _width(text: str) -> float:
    """Advance in ems: CJK, full-width and ambiguous forms (×, —) are square in a CJK face,
    Latin letters and digits about half as wide (a little more, so that an estimate never
    overflows the line)."""
    return sum(1.0 if unicodedata.east_asian_width(char) in "WFA" else 0.6 for char in text)


def _is_ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _break_cost(text: str, at: int) -> float:
    """What breaking ``text`` before index ``at`` costs."""
    before, after = text[at - 1], text[at]
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return _NEVER
    if _is_ascii_word(before) and _is_ascii_word(after):
        return _NEVER
    if before.isdigit() and _UNIT_AFTER_DIGITS.match(after):
        return _NEVER
    if before in "，、；：）》〕】」』”" or after in "（《〔【「『“":
        return _FREE
    head, tail = text[:at], text[at:]
    if head.endswith(_AFTER_FREE):
        return _FREE
    if head.endswith(_AFTER_FAIR) or tail.startswith(_BEFORE_FAIR):
        return _FAIR
    return _WORD


def _letters(line: str) -> int:
    """Characters that are not punctuation: a line needs two of them."""
    return sum(1 for char in line if not unicodedata.category(char).startswith("P"))


def _best_split(text: str, lines: int, per_line: float) -> list[str] | None:
    """The cheapest way to cut ``text`` into exactly ``lines`` lines, or None."""
    size = len(text)
    target = _width(text) / lines
    costs = [_NEVER] + [_break_cost(text, at) for at in range(1, size)]
    # best[k][j]: cheapest cost of text[:j] in k lines; back[k][j]: where its last line starts.
    best = [[_NEVER] * (size + 1) for _ in range(lines + 1)]
    back = [[0] * (size + 1) for _ in range(lines + 1)]
    best[0][0] = 0.0
    for k in range(1, lines + 1):
        for end in range(1, size + 1):
            if end < size and costs[end] == _NEVER:
                continue
            for start in range(end - 1, -1, -1):
                line = text[start:end]
                width = _width(line)
                if width > per_line:
                    break
                if best[k - 1][start] == _NEVER or _letters(line) < 2:
                    continue
                cost = best[k - 1][start] + (width - target) ** 2
                cost += costs[end] if end < size else 0.0
                if cost < best[k][end]:
                    best[k][end], back[k][end] = cost, start
    if best[lines][size] == _NEVER:
        return None
    parts, end = [], size
    for k in range(lines, 0, -1):
        start = back[k][end]
        parts.append(text[start:end])
        end = start
    return parts[::-1]


def title_lines(text: str, *, per_line: int = TITLE_PER_LINE) -> list[str]:
    """``text`` as balanced lines of at most ``per_line`` ems; the text unbroken when it fits
    or when nothing short of breaking a number or a Latin word would."""
    text = text.strip()
    width = _width(text)
    if width <= per_line:
        return [text]
    for lines in range(math.ceil(width / per_line), len(text) // 2 + 1):
        split = _best_split(text, lines, per_line)
        if split is not None:
            return split
    return [text]
