"""The rules a branch's 教育评议 ratings must keep, as pure functions (no database): the FSM
conditions, the services and the boundary tests share them and their messages."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from workflows.org.models import ReviewResult
from workflows.rules.defaults import fraction_parse
from workflows.wording import date_text, fraction_text, list_text


@dataclass(frozen=True)
class GradingRules:
    excellent_max: Fraction
    unqualified_reason_required: bool

    @classmethod
    def from_values(cls, values: dict) -> GradingRules:
        return cls(
            excellent_max=fraction_parse(values["review_excellent_max_fraction"]),
            unqualified_reason_required=bool(values["review_unqualified_reason_required"]),
        )


@dataclass(frozen=True)
class Rating:
    name: str
    result: str
    reason: str = ""


def share_text(share: Fraction) -> str:
    """``30%`` when the share is a whole percentage, else as the rule says it (三分之二)."""
    percent = share * 100
    return f"{percent.numerator}%" if percent.denominator == 1 else fraction_text(share)


def excellent_limit(*, rated: int, share: Fraction) -> int:
    """Most members one branch may rate 优秀: the share of those rated, rounded down."""
    return math.floor(rated * share)


def rating_problems(*, ratings: Iterable[Rating], rated: int, rules: GradingRules) -> list[str]:
    """What breaks the rules among ``ratings`` of a branch with ``rated`` members to rate; the
    share is of them all, so a half-done sheet is held to the same limit as the finished one."""
    ratings = list(ratings)
    problems = []
    excellent = sum(1 for r in ratings if r.result == ReviewResult.EXCELLENT)
    limit = excellent_limit(rated=rated, share=rules.excellent_max)
    if excellent > limit:
        problems.append(
            _("优秀 %(count)s 人，超过参评团员 %(rated)s 人的 %(share)s（至多 %(limit)s 人）")
            % {
                "count": excellent,
                "rated": rated,
                "share": share_text(rules.excellent_max),
                "limit": limit,
            }
        )
    if rules.unqualified_reason_required:
        missing = [
            r.name for r in ratings if r.result == ReviewResult.UNQUALIFIED and not r.reason.strip()
        ]
        if missing:
            problems.append(
                _("评为「不合格」须写明理由：%(names)s") % {"names": list_text(missing)}
            )
    return problems


def unrated_problem(names: list[str]) -> str | None:
    if not names:
        return None
    return _("尚有 %(count)s 名团员未评定等次：%(names)s") % {
        "count": len(names),
        "names": list_text(names),
    }


def meeting_problems(
    *,
    meeting_date: datetime.date | None,
    should_attend: int | None,
    present: int | None,
    year: int,
    today: datetime.date,
) -> list[str]:
    """The branch meeting that rated its members: held in or after the year under review, not
    in the future, with no more present than should attend."""
    if meeting_date is None or should_attend is None or present is None:
        return [_("请填写团支部大会日期、应到人数和实到人数")]
    problems = []
    first = datetime.date(year, 1, 1)
    if meeting_date < first:
        problems.append(
            _("团支部大会日期 %(date)s 早于评议年度的 %(first)s")
            % {"date": date_text(meeting_date), "first": date_text(first)}
        )
    if meeting_date > today:
        problems.append(
            _("团支部大会日期 %(date)s 晚于今天（%(today)s）")
            % {"date": date_text(meeting_date), "today": date_text(today)}
        )
    if should_attend < 1:
        problems.append(_("应到人数须至少 1 人"))
    if present > should_attend:
        problems.append(
            _("实到 %(present)s 人，多于应到 %(should)s 人")
            % {"present": present, "should": should_attend}
        )
    return problems
