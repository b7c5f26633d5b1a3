"""Quota arithmetic shared by the processes: how many a unit may put forward (推优 recommendations
per round, 评优 nominations per unit, awards per category) is a percentage of a count of the
unit's records, rounded as the rulebook says, or a fixed number."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ROUNDING_LABELS = {
    "floor": gettext_lazy("向下取整"),
    "half_up": gettext_lazy("四舍五入"),
    "ceil": gettext_lazy("向上取整"),
}


@dataclass(frozen=True)
class Quota:
    limit: int
    # The counted records in words, e.g. ``团员 34 人``.
    basis_text: str = ""
    basis_count: int = 0
    percent: int | None = None
    rounding: str = ""
    raised_to_minimum: bool = False

    @property
    def exact(self) -> Fraction | None:
        return None if self.percent is None else Fraction(self.basis_count * self.percent, 100)

    def explain(self) -> str:
        """``团员 34 人 × 3% = 1.02，向下取整为 1 名``: the arithmetic behind the limit."""
        if self.percent is None:
            return _("定额 %(limit)s 名") % {"limit": self.limit}
        words = {
            "basis": self.basis_text,
            "percent": self.percent,
            "exact": _decimal_text(self.exact),
            "rounding": str(ROUNDING_LABELS[self.rounding]),
            "limit": self.limit,
        }
        if self.raised_to_minimum:
            return _("%(basis)s × %(percent)s%% = %(exact)s，不足 1 名按 %(limit)s 名计") % words
        return _("%(basis)s × %(percent)s%% = %(exact)s，%(rounding)s为 %(limit)s 名") % words


def _decimal_text(value: Fraction) -> str:
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _rounded(value: Fraction, rounding: str) -> int:
    if rounding == "ceil":
        return math.ceil(value)
    if rounding == "half_up":
        return math.floor(value + Fraction(1, 2))
    return math.floor(value)


def quota_compute(
    *, percent: int, basis_text: str, basis_count: int, rounding: str, minimum: int
) -> Quota:
    """``percent`` of ``basis_count``; a unit with any records gets at least ``minimum``."""
    exact = Fraction(basis_count * percent, 100)
    limit = _rounded(exact, rounding)
    raised = basis_count > 0 and limit < minimum
    return Quota(
        limit=minimum if raised else limit,
        basis_text=basis_text,
        basis_count=basis_count,
        percent=percent,
        rounding=rounding,
        raised_to_minimum=raised,
    )


def quota_fixed(limit: int) -> Quota:
    return Quota(limit=limit)
