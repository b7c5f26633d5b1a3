"""推优入党 eligibility (中青发〔2019〕9号), as pure functions of the member record.

No database: the FSM conditions, the services and the boundary tests share these functions.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from workflows.org.models import Member, PartyProgress, PoliticalStatus, Standing

TRACK_ACTIVIST = "activist"
TRACK_CANDIDATE = "candidate"


@dataclass(frozen=True)
class EligibilityRules:
    age_min: int
    age_max: int
    league_years_min: int
    application_months_min: int
    activist_years_min: int


def _date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def eligibility_problems(
    *, member: Member, track: str, on: datetime.date, rules: EligibilityRules
) -> list[str]:
    """Every reason ``member`` may not be recommended on ``on``; empty when eligible."""
    problems = []
    if member.political_status != PoliticalStatus.LEAGUE_MEMBER:
        problems.append(f"政治面貌为「{member.get_political_status_display()}」，不是共青团员")
    if member.standing != Standing.GOOD:
        problems.append(f"团籍状态为「{member.get_standing_display()}」")
    age = member.age_on(on)
    if not rules.age_min <= age <= rules.age_max:
        problems.append(
            f"推荐日（{_date(on)}）年龄 {age} 岁，不在 {rules.age_min}–{rules.age_max} 岁之间"
        )
    joined = member.league_join_date
    if joined is None:
        problems.append("缺少入团时间")
    elif joined + relativedelta(years=rules.league_years_min) > on:
        problems.append(f"入团时间 {_date(joined)}，团龄不满 {rules.league_years_min} 年")
    applied = member.party_application_date
    if applied is None:
        problems.append("尚未递交入党申请书")
    elif applied > on:
        problems.append(f"入党申请书递交日期 {_date(applied)} 晚于推荐日")
    elif applied + relativedelta(months=rules.application_months_min) > on:
        problems.append(
            f"入党申请书于 {_date(applied)} 递交，不满 {rules.application_months_min} 个月"
        )
    if track == TRACK_ACTIVIST and member.party_progress not in (
        PartyProgress.NONE,
        PartyProgress.APPLICANT,
    ):
        problems.append(f"已是「{member.get_party_progress_display()}」，不属于本推荐类别")
    if track == TRACK_CANDIDATE:
        if member.party_progress != PartyProgress.ACTIVIST or member.activist_since is None:
            problems.append("不是入党积极分子，不能推荐为发展对象")
        elif member.activist_since + relativedelta(years=rules.activist_years_min) > on:
            problems.append(
                f"{_date(member.activist_since)} 确定为入党积极分子，"
                f"不满 {rules.activist_years_min} 年"
            )
    return problems


def round_quota(*, members: int, percent: int) -> int:
    """Most members one round may recommend: ``percent`` of the branch, rounded down."""
    return math.floor(members * percent / 100)


def quota_problem(*, members: int, percent: int, taken: int) -> str | None:
    """Why one more recommendation does not fit, given ``taken`` already counted."""
    quota = round_quota(members=members, percent=percent)
    if taken + 1 > quota:
        return (
            f"本批次推荐名额 {quota} 名（团员 {members} 人的 {percent}%），"
            f"已推荐 {taken} 名，不能再增加"
        )
    return None
