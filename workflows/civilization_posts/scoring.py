"""互检互查 results as pure functions: the trimmed mean of the reviewers' totals, scores far from
the others flagged, and the star level a mean supports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CENT = Decimal("0.01")


@dataclass(frozen=True)
class StarRules:
    pass_score: int
    two_star_score: int
    three_star_score: int

    def thresholds(self) -> tuple[tuple[int, int], ...]:
        return ((3, self.three_star_score), (2, self.two_star_score), (1, self.pass_score))


@dataclass(frozen=True)
class Mean:
    value: Decimal | None
    # The totals left out of the mean: the highest and the lowest when the rulebook trims.
    dropped: tuple[Decimal, ...] = ()

    @property
    def trimmed(self) -> bool:
        return bool(self.dropped)


def trimmed_mean(totals: list[Decimal], *, trim: bool) -> Mean:
    """The mean of ``totals``; with ``trim`` and at least three of them, one highest and one
    lowest are dropped first (with three, the middle one remains)."""
    if not totals:
        return Mean(None)
    ordered = sorted(totals)
    dropped: tuple[Decimal, ...] = ()
    if trim and len(ordered) >= 3:
        dropped = (ordered[-1], ordered[0])
        ordered = ordered[1:-1]
    mean = (sum(ordered, Decimal(0)) / len(ordered)).quantize(CENT, rounding=ROUND_HALF_UP)
    return Mean(mean, dropped)


def outlier_flags(totals: list[Decimal], *, points: int) -> list[bool]:
    """Which totals lie more than ``points`` from the median of all (only with three or more:
    with two, neither can be told to be the odd one)."""
    if len(totals) < 3:
        return [False] * len(totals)
    middle = Decimal(str(median(totals)))
    return [abs(total - middle) > points for total in totals]


def stars_for(mean: Decimal | None, rules: StarRules) -> int:
    """The star level the mean reaches: 0 below the pass score."""
    if mean is None:
        return 0
    return next((stars for stars, score in rules.thresholds() if mean >= score), 0)


def stars_problem(*, stars: int, mean: Decimal | None, rules: StarRules) -> str | None:
    """Why ``stars`` cannot be given on ``mean``; None when it can."""
    supported = stars_for(mean, rules)
    if stars <= supported:
        return None
    needed = dict(rules.thresholds())[stars]
    if mean is None:
        return _("尚无互检互查评分，不能评定星级")
    return _("互检互查平均 %(mean)s 分，未达到%(level)s所需的 %(needed)s 分") % {
        "mean": mean,
        "level": STAR_LABELS[stars],
        "needed": needed,
    }


# The same words as ``models.Stars``; this module stays free of the models.
STAR_LABELS = {1: gettext_lazy("一星级"), 2: gettext_lazy("二星级"), 3: gettext_lazy("三星级")}


def star_level(value, *, allow_zero: bool) -> int | None:
    """A star level as sent (``2`` or ``"2"``); None for anything else — a fraction, a bool, a
    number out of range."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    text = str(value).strip()
    if not text.isdigit() or len(text) > 1:
        return None
    level = int(text)
    return level if level in STAR_LABELS or (allow_zero and level == 0) else None
