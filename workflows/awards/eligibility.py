"""Who may be nominated for a category, as pure functions of the records on the cut-off date.

The facts are read from the database by ``records.py``; nothing here touches it, so the FSM
conditions, the nomination page and the boundary tests share one set of rules and messages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from workflows.evaluations.satisfaction import SecretarySatisfaction
from workflows.org.models import PoliticalStatus, ReviewResult, Standing
from workflows.wording import date_text

# 教育评议 results that satisfy each requirement.
REVIEW_ACCEPTS = {
    "qualified": {ReviewResult.EXCELLENT, ReviewResult.QUALIFIED},
    "excellent": {ReviewResult.EXCELLENT},
}


@dataclass(frozen=True)
class Requirements:
    """A category's conditions (copied from ``Category``, so tests can build them directly)."""

    name: str
    age_min: int | None = None
    age_max: int | None = None
    league_years_min: int = 0
    league_member_required: bool = False
    review_required: str = ""
    volunteer_hours_min: int = 0
    dues_arrears_max: int | None = None
    cadre_years_min: int | None = None
    exclude_full_time_cadre: bool = False
    repeat_gap_years: int = 0
    unit_members_min: int = 0
    term_current_required: bool = False
    # A nominee who is a branch secretary needs a valid 满意度测评 of the review year at least
    # this high (percent); 0 asks nothing.
    satisfaction_min_percent: int = 0


@dataclass(frozen=True)
class PersonFacts:
    birth_date: datetime.date
    league_join_date: datetime.date | None
    political_status: str
    standing: str
    is_active: bool
    review_result: str
    volunteer_hours: Decimal
    dues_paid_until: datetime.date | None
    # Whole and part years in league office up to the cut-off; None when holding none that day.
    cadre_years: float | None
    full_time_cadre: bool
    last_same_honour_year: int | None
    # None unless the nominee is a branch secretary on the cut-off date.
    secretary_satisfaction: SecretarySatisfaction | None = None


@dataclass(frozen=True)
class UnitFacts:
    members: int
    term_due_on: datetime.date | None
    last_same_honour_year: int | None


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def dues_arrears_months(*, paid_until: datetime.date, on: datetime.date) -> int:
    """Months owed on ``on``: every month after the last paid one, the current month excepted."""
    owed = (on.year * 12 + on.month) - (paid_until.year * 12 + paid_until.month) - 1
    return max(owed, 0)


def person_problems(
    *,
    req: Requirements,
    facts: PersonFacts,
    cutoff: datetime.date,
    campaign_year: int,
    today: datetime.date | None = None,
) -> list[str]:
    """Every reason a member may not be nominated for ``req``; empty when eligible.

    Dues are owed as of today when the cut-off is still ahead: nobody is in arrears for months
    not yet due."""
    problems = []
    if not facts.is_active:
        problems.append(_("不在团员名册中"))
    if facts.standing != Standing.GOOD:
        problems.append(
            _("团籍状态为「%(standing)s」，不能参评") % {"standing": Standing(facts.standing).label}
        )
    problems += _age_problems(req, facts, cutoff)
    if req.league_member_required and facts.political_status == PoliticalStatus.MASSES:
        problems.append(_("政治面貌为「群众」，%(name)s须为共青团员") % {"name": req.name})
    problems += _league_years_problems(req, facts, cutoff)
    problems += _record_problems(req, facts, campaign_year - 1)
    problems += _dues_problems(req, facts, min(cutoff, today or cutoff))
    problems += _cadre_problems(req, facts)
    problems += _satisfaction_problems(req, facts.secretary_satisfaction)
    problems += _repeat_problems(req, facts.last_same_honour_year, campaign_year)
    return problems


def unit_problems(
    *, req: Requirements, facts: UnitFacts, cutoff: datetime.date, campaign_year: int
) -> list[str]:
    """Every reason a unit may not be nominated for ``req``; empty when eligible."""
    problems = []
    if facts.members < req.unit_members_min:
        problems.append(
            _("团员 %(members)s 人，%(name)s须不少于 %(minimum)s 人")
            % {"members": facts.members, "name": req.name, "minimum": req.unit_members_min}
        )
    if req.term_current_required:
        if facts.term_due_on is None:
            problems.append(_("没有任期记录，无法确认按期换届"))
        elif facts.term_due_on < cutoff:
            problems.append(
                _("任期已于 %(due)s 届满，截至 %(cutoff)s 未按期换届")
                % {"due": date_text(facts.term_due_on), "cutoff": date_text(cutoff)}
            )
    problems += _repeat_problems(req, facts.last_same_honour_year, campaign_year)
    return problems


def _age_problems(req: Requirements, facts: PersonFacts, cutoff: datetime.date) -> list[str]:
    age = age_on(facts.birth_date, cutoff)
    words = {"age": age, "date": date_text(cutoff), "name": req.name}
    if req.age_max is not None and age > req.age_max:
        return [
            _("截至 %(date)s 年龄 %(age)s 周岁，%(name)s要求不超过 %(limit)s 周岁")
            % {**words, "limit": req.age_max}
        ]
    if req.age_min is not None and age < req.age_min:
        return [
            _("截至 %(date)s 年龄 %(age)s 周岁，%(name)s要求不小于 %(limit)s 周岁")
            % {**words, "limit": req.age_min}
        ]
    return []


def _league_years_problems(
    req: Requirements, facts: PersonFacts, cutoff: datetime.date
) -> list[str]:
    if not req.league_years_min:
        return []
    joined = facts.league_join_date
    if joined is None:
        return [_("缺少入团时间，无法计算团龄")]
    if joined + relativedelta(years=req.league_years_min) > cutoff:
        return [
            _("%(joined)s 入团，截至 %(date)s 团龄不满 %(years)s 年")
            % {
                "joined": date_text(joined),
                "date": date_text(cutoff),
                "years": req.league_years_min,
            }
        ]
    return []


def _record_problems(req: Requirements, facts: PersonFacts, review_year: int) -> list[str]:
    problems = []
    if req.review_required:
        accepted = REVIEW_ACCEPTS[req.review_required]
        if not facts.review_result:
            problems.append(_("没有 %(year)s 年度教育评议结果") % {"year": review_year})
        elif facts.review_result not in accepted:
            problems.append(
                _("%(year)s 年度教育评议结果为「%(result)s」，须为「%(required)s」")
                % {
                    "year": review_year,
                    "result": ReviewResult(facts.review_result).label,
                    "required": _("优秀")
                    if req.review_required == "excellent"
                    else _("合格及以上"),
                }
            )
    if req.volunteer_hours_min and facts.volunteer_hours < req.volunteer_hours_min:
        problems.append(
            _("%(year)s 年度志愿服务 %(hours)s 小时，不足 %(minimum)s 小时")
            % {
                "year": review_year,
                "hours": _number_text(facts.volunteer_hours),
                "minimum": req.volunteer_hours_min,
            }
        )
    return problems


def _dues_problems(req: Requirements, facts: PersonFacts, cutoff: datetime.date) -> list[str]:
    if req.dues_arrears_max is None:
        return []
    if facts.dues_paid_until is None:
        return [_("没有团费缴纳记录")]
    owed = dues_arrears_months(paid_until=facts.dues_paid_until, on=cutoff)
    if owed > req.dues_arrears_max:
        return [
            _(
                "团费缴至 %(year)s年%(month)s月，截至 %(date)s 欠缴 %(owed)s 个月"
                "（最多 %(max)s 个月）"
            )
            % {
                "year": facts.dues_paid_until.year,
                "month": facts.dues_paid_until.month,
                "date": date_text(cutoff),
                "owed": owed,
                "max": req.dues_arrears_max,
            }
        ]
    return []


def _cadre_problems(req: Requirements, facts: PersonFacts) -> list[str]:
    problems = []
    if req.exclude_full_time_cadre and facts.full_time_cadre:
        problems.append(_("专职团干部不参评%(name)s") % {"name": req.name})
    if req.cadre_years_min is not None:
        if facts.cadre_years is None:
            problems.append(_("截止日未担任团内职务，%(name)s须为现任团干部") % {"name": req.name})
        elif facts.cadre_years < req.cadre_years_min:
            problems.append(
                _("担任团干部 %(years).1f 年，须满 %(minimum)s 年")
                % {"years": _years_cut(facts.cadre_years), "minimum": req.cadre_years_min}
            )
    return problems


# The category the 满意度 threshold applies to, and the rulebook setting that holds it.
SATISFACTION_CATEGORY = "excellent_cadre"
SATISFACTION_SETTING = "cadre_satisfaction_min_percent"


def satisfaction_threshold(*, code: str, rules: dict) -> int:
    """The threshold a category's nominees are held to: for 优秀共青团干部 the campaign's
    rulebook value (0 for campaigns started before the setting existed), else 0."""
    if code != SATISFACTION_CATEGORY:
        return 0
    return int(rules.get(SATISFACTION_SETTING, 0))


def _satisfaction_problems(req: Requirements, standing: SecretarySatisfaction | None) -> list[str]:
    minimum = req.satisfaction_min_percent
    if not minimum or standing is None:
        return []
    words = {"year": standing.year, "branch": standing.branch_name, "minimum": minimum}
    result = standing.result
    if result is None:
        return [
            _(
                "任%(branch)s书记，没有 %(year)s 年度团支部书记满意度测评结果"
                "（须不低于 %(minimum)s%%）"
            )
            % words
        ]
    if not result.valid:
        return [
            _("%(year)s 年度团支部书记满意度测评结果无效：%(problem)s")
            % {**words, "problem": result.problem}
        ]
    if result.overall < minimum:
        return [
            _("%(year)s 年度团支部书记满意度测评综合满意度 %(overall)s%%，低于 %(minimum)s%%")
            % {**words, "overall": result.overall}
        ]
    return []


def _number_text(value: Decimal) -> str:
    """``10`` and ``19.5`` (``Decimal.normalize`` alone would give ``1E+1``)."""
    return format(value.normalize(), "f")


def _years_cut(years: float) -> float:
    """Years cut (not rounded) to one place: 0.99 years reads ``0.9``, never ``1.0`` short of 1."""
    return float(Decimal(str(years)).quantize(Decimal("0.1"), rounding=ROUND_DOWN))


def _repeat_problems(req: Requirements, last_year: int | None, campaign_year: int) -> list[str]:
    recent = last_year is not None and campaign_year - last_year <= req.repeat_gap_years
    if req.repeat_gap_years and recent:
        return [
            _("%(year)s 年已获评%(name)s，%(gap)s 年内不再参评")
            % {"year": last_year, "name": req.name, "gap": req.repeat_gap_years}
        ]
    return []
