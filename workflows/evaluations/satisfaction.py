"""团支部书记满意度测评 arithmetic, as pure functions (no database).

Each item is rated 满意 / 基本满意 / 不满意, scored 100 / 60 / 0: the overall result then reads
as a percentage of full satisfaction (the seed report's 98.88%), and a 1–5 scale would need a
conversion nobody reads the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.wording import list_text

from .grading import share_text

SCALE = (
    (100, gettext_lazy("满意")),
    (60, gettext_lazy("基本满意")),
    (0, gettext_lazy("不满意")),
)
SCORES = frozenset(score for score, _label in SCALE)
DEFAULT_ITEMS = ("政治素质", "工作能力", "工作作风", "联系团员青年", "廉洁自律")

_CENT = Decimal("0.01")


def _percent(numerator: int, denominator: int) -> Decimal:
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(_CENT, ROUND_HALF_UP)


def _mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(_CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class BranchResult:
    """One branch's result: turnout, average per item and overall (percent), valid or not."""

    eligible: int
    voted: int
    item_averages: tuple[Decimal | None, ...]
    overall: Decimal | None
    valid: bool
    problem: str = ""

    @property
    def participation(self) -> Decimal | None:
        return _percent(self.voted, self.eligible) if self.eligible else None


@dataclass(frozen=True)
class SecretarySatisfaction:
    """How a branch secretary stands in a year's 满意度测评: ``result`` is None when no finished
    survey rated them."""

    branch_name: str
    year: int
    result: BranchResult | None


def branch_result(
    *, items: int, ballots: list[list[int]], eligible: int, minimum: Fraction
) -> BranchResult:
    """The result of ``ballots`` (one score per item each) cast by ``eligible`` members' branch;
    无效 when fewer than ``minimum`` of them voted."""
    voted = len(ballots)
    averages = tuple(_mean([ballot[i] for ballot in ballots]) for i in range(items))
    overall = _mean([score for ballot in ballots for score in ballot])
    problem = ""
    if eligible == 0:
        problem = _("没有参加测评的团员")
    elif Fraction(voted, eligible) < minimum:
        problem = _("参与率 %(rate)s%%（%(voted)s/%(eligible)s 人），低于%(minimum)s，结果无效") % {
            "rate": _percent(voted, eligible),
            "voted": voted,
            "eligible": eligible,
            "minimum": share_text(minimum),
        }
    return BranchResult(
        eligible=eligible,
        voted=voted,
        item_averages=averages,
        overall=overall,
        valid=not problem,
        problem=problem,
    )


def ballot_problems(*, items: list[str], scores: list[int | None]) -> list[str]:
    """Every item rated once, on the scale."""
    missing = [item for item, score in zip(items, scores, strict=True) if score is None]
    if missing:
        return [_("请为每一项作出评价，尚未评价：%(items)s") % {"items": list_text(missing)}]
    if any(score not in SCORES for score in scores):
        return [_("评价只能是满意、基本满意或不满意")]
    return []
