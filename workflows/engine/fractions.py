"""Fractions as the rules state them ("五分之四"), so messages read like the rule text."""

from __future__ import annotations

from fractions import Fraction

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def fraction_text(value: Fraction) -> str:
    if value.denominator == 1:
        return chinese_number(value.numerator)
    return f"{chinese_number(value.denominator)}分之{chinese_number(value.numerator)}"


def parse_fraction(value: str | int | float | Fraction) -> Fraction:
    return Fraction(str(value)) if not isinstance(value, Fraction) else value
