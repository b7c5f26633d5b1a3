"""Fractions, dates and lists as messages state them in the active language.

In Chinese they read like the rule text ("五分之四", "2026年11月25日", "甲、乙"); in other
languages in plain words ("four fifths", ISO dates, "a, b").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from contextlib import AbstractContextManager
from fractions import Fraction

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

_DIGITS = "零一二三四五六七八九"
_EN_NUMBERS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
# Denominators as English names them: (one, several).
_EN_PARTS = {
    2: ("half", "halves"),
    3: ("third", "thirds"),
    4: ("quarter", "quarters"),
    5: ("fifth", "fifths"),
    6: ("sixth", "sixths"),
    7: ("seventh", "sevenths"),
    8: ("eighth", "eighths"),
    9: ("ninth", "ninths"),
    10: ("tenth", "tenths"),
}


def in_chinese() -> bool:
    """Whether messages are being produced in Chinese (also when translation is off)."""
    language = translation.get_language()
    return language is None or language.lower().startswith("zh")


def site_language() -> AbstractContextManager:
    """Stored wording (audit events, issued documents) is kept in the site's language, whoever
    triggered it: ``with site_language(): ...``."""
    return translation.override(settings.LANGUAGE_CODE)


def document_language() -> AbstractContextManager:
    """Official documents (登记表, 汇总表, 文件) are Chinese whatever the site language."""
    return translation.override("zh-hans")


def chinese_number(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def english_number(n: int) -> str:
    return _EN_NUMBERS[n] if 0 <= n < len(_EN_NUMBERS) else str(n)


def fraction_text(value: Fraction) -> str:
    if in_chinese():
        if value.denominator == 1:
            return chinese_number(value.numerator)
        return f"{chinese_number(value.denominator)}分之{chinese_number(value.numerator)}"
    if value.denominator == 1:
        return english_number(value.numerator)
    parts = _EN_PARTS.get(value.denominator)
    if parts is None or not 0 < value.numerator < len(_EN_NUMBERS):
        return f"{value.numerator}/{value.denominator}"
    return f"{english_number(value.numerator)} {parts[0] if value.numerator == 1 else parts[1]}"


def date_text(day: datetime.date) -> str:
    """``2026年11月25日`` in Chinese, ``2026-11-25`` otherwise."""
    if in_chinese():
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def list_text(items: Iterable[object]) -> str:
    """Items of an enumeration: ``甲、乙`` in Chinese, ``a, b`` otherwise."""
    return ("、" if in_chinese() else ", ").join(str(item) for item in items)


def clauses_text(items: Iterable[object]) -> str:
    """Separate statements in one line: ``甲；乙`` in Chinese, ``a; b`` otherwise."""
    return ("；" if in_chinese() else "; ").join(str(item) for item in items)


def parse_fraction(value: str | int | float | Fraction) -> Fraction:
    return Fraction(str(value)) if not isinstance(value, Fraction) else value


def person_name(user) -> str:
    """A user as people read them in records: full name, else username; nobody is 系统."""
    if user is None:
        return _("系统")
    return user.get_full_name() or user.get_username()
