"""推优入党 eligibility (中青发〔2019〕9号), as pure functions of the member record.

No database: the FSM conditions, the services and the boundary tests share these functions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from workflows.org.models import Member, PartyProgress, PoliticalStatus, ReviewResult, Standing
from workflows.rules.quota import Quota, quota_compute
from workflows.wording import date_text

TRACK_ACTIVIST = "activist"
TRACK_CANDIDATE = "candidate"


@dataclass(frozen=True)
class EligibilityRules:
    age_min: int
    age_max: int
    league_years_min: int
    application_months_min: int
    activist_years_min: int
    # A previous year's 教育评议 of 不合格 bars the recommendation (no result bars nothing: not
    # every committee runs the 评议). Off for cases recorded before the setting existed.
    review_unqualified_bars: bool = False


# The day eligibility is judged on: the round's planned 推荐日 when the member applies, and the
# day the 团员大会 actually met when its vote is recorded.
RECOMMENDATION_DAY = "recommendation"
MEETING_DAY = "meeting"
DAY_LABELS = {
    RECOMMENDATION_DAY: pgettext_lazy("the day eligibility is judged on", "推荐日"),
    MEETING_DAY: pgettext_lazy("the day eligibility is judged on", "团员大会日"),
}


def eligibility_problems(
    *,
    member: Member,
    track: str,
    on: datetime.date,
    rules: EligibilityRules,
    day: str = RECOMMENDATION_DAY,
    previous_review: str = "",
) -> list[str]:
    """Every reason ``member`` may not be recommended on ``on``; empty when eligible. Each
    clause that depends on the day names it (``day`` says which day it is).
    ``previous_review`` is the member's 教育评议 result of the year before ``on``, if any."""
    when = {"day": DAY_LABELS[day], "date": date_text(on)}
    problems = []
    if member.political_status != PoliticalStatus.LEAGUE_MEMBER:
        problems.append(
            _("政治面貌为「%(status)s」，不是共青团员")
            % {"status": member.get_political_status_display()}
        )
    if member.standing != Standing.GOOD:
        problems.append(
            _("团籍状态为「%(standing)s」") % {"standing": member.get_standing_display()}
        )
    age = member.age_on(on)
    if not rules.age_min <= age <= rules.age_max:
        problems.append(
            _("%(day)s（%(date)s）年龄 %(age)s 岁，不在 %(age_min)s–%(age_max)s 岁之间")
            % {**when, "age": age, "age_min": rules.age_min, "age_max": rules.age_max}
        )
    joined = member.league_join_date
    if joined is None:
        problems.append(_("缺少入团时间"))
    elif joined + relativedelta(years=rules.league_years_min) > on:
        years = rules.league_years_min
        problems.append(
            ngettext(
                "入团时间 %(joined)s，至%(day)s（%(date)s）团龄不满 %(years)s 年",
                "入团时间 %(joined)s，至%(day)s（%(date)s）团龄不满 %(years)s 年",
                years,
            )
            % {**when, "joined": date_text(joined), "years": years}
        )
    applied = member.party_application_date
    if applied is None:
        problems.append(_("尚未递交入党申请书"))
    elif applied > on:
        problems.append(
            _("入党申请书递交日期 %(applied)s 晚于%(day)s（%(date)s）")
            % {**when, "applied": date_text(applied)}
        )
    elif applied + relativedelta(months=rules.application_months_min) > on:
        months = rules.application_months_min
        problems.append(
            ngettext(
                "入党申请书于 %(applied)s 递交，至%(day)s（%(date)s）不满 %(months)s 个月",
                "入党申请书于 %(applied)s 递交，至%(day)s（%(date)s）不满 %(months)s 个月",
                months,
            )
            % {**when, "applied": date_text(applied), "months": months}
        )
    if rules.review_unqualified_bars and previous_review == ReviewResult.UNQUALIFIED:
        problems.append(
            _("%(year)s 年度团员教育评议结果为「%(result)s」，不能推荐")
            % {"year": on.year - 1, "result": ReviewResult.UNQUALIFIED.label}
        )
    if track == TRACK_ACTIVIST and member.party_progress not in (
        PartyProgress.NONE,
        PartyProgress.APPLICANT,
    ):
        problems.append(
            _("已是「%(progress)s」，不属于本推荐类别")
            % {"progress": member.get_party_progress_display()}
        )
    if track == TRACK_CANDIDATE:
        if member.party_progress != PartyProgress.ACTIVIST or member.activist_since is None:
            problems.append(_("不是入党积极分子，不能推荐为发展对象"))
        elif member.activist_since + relativedelta(years=rules.activist_years_min) > on:
            years = rules.activist_years_min
            problems.append(
                ngettext(
                    "%(since)s 确定为入党积极分子，至%(day)s（%(date)s）不满 %(years)s 年",
                    "%(since)s 确定为入党积极分子，至%(day)s（%(date)s）不满 %(years)s 年",
                    years,
                )
                % {**when, "since": date_text(member.activist_since), "years": years}
            )
    return problems


def round_quota(*, members: int, percent: int, minimum: int) -> Quota:
    """Most members one round may recommend: ``percent`` of the branch, rounded down, but never
    fewer than the rulebook's ``minimum`` for a branch with members."""
    return quota_compute(
        percent=percent,
        basis_text=_("团员 %(count)s 人") % {"count": members},
        basis_count=members,
        rounding="floor",
        minimum=minimum,
    )


def quota_problem(*, members: int, percent: int, minimum: int, taken: int) -> str | None:
    """Why one more recommendation does not fit, given ``taken`` already counted."""
    quota = round_quota(members=members, percent=percent, minimum=minimum)
    if taken + 1 > quota.limit:
        return _(
            "本批次推荐名额：%(arithmetic)s（最少名额 %(minimum)s 名，可在规则手册中设置）；"
            "已推荐 %(taken)s 名，不能再增加"
        ) % {"arithmetic": quota.explain(), "minimum": minimum, "taken": taken}
    return None
