"""推优入党 eligibility (中青发〔2019〕9号), as pure functions of the member record.

No database: the FSM conditions, the services and the boundary tests share these functions.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workflows.org.models import Member, PartyProgress, PoliticalStatus, Standing
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


def eligibility_problems(
    *, member: Member, track: str, on: datetime.date, rules: EligibilityRules
) -> list[str]:
    """Every reason ``member`` may not be recommended on ``on``; empty when eligible."""
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
            _("推荐日（%(date)s）年龄 %(age)s 岁，不在 %(age_min)s–%(age_max)s 岁之间")
            % {
                "date": date_text(on),
                "age": age,
                "age_min": rules.age_min,
                "age_max": rules.age_max,
            }
        )
    joined = member.league_join_date
    if joined is None:
        problems.append(_("缺少入团时间"))
    elif joined + relativedelta(years=rules.league_years_min) > on:
        years = rules.league_years_min
        problems.append(
            ngettext(
                "入团时间 %(date)s，团龄不满 %(years)s 年",
                "入团时间 %(date)s，团龄不满 %(years)s 年",
                years,
            )
            % {"date": date_text(joined), "years": years}
        )
    applied = member.party_application_date
    if applied is None:
        problems.append(_("尚未递交入党申请书"))
    elif applied > on:
        problems.append(_("入党申请书递交日期 %(date)s 晚于推荐日") % {"date": date_text(applied)})
    elif applied + relativedelta(months=rules.application_months_min) > on:
        months = rules.application_months_min
        problems.append(
            ngettext(
                "入党申请书于 %(date)s 递交，不满 %(months)s 个月",
                "入党申请书于 %(date)s 递交，不满 %(months)s 个月",
                months,
            )
            % {"date": date_text(applied), "months": months}
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
                    "%(date)s 确定为入党积极分子，不满 %(years)s 年",
                    "%(date)s 确定为入党积极分子，不满 %(years)s 年",
                    years,
                )
                % {"date": date_text(member.activist_since), "years": years}
            )
    return problems


def round_quota(*, members: int, percent: int) -> int:
    """Most members one round may recommend: ``percent`` of the branch, rounded down."""
    return math.floor(members * percent / 100)


def quota_problem(*, members: int, percent: int, taken: int) -> str | None:
    """Why one more recommendation does not fit, given ``taken`` already counted."""
    quota = round_quota(members=members, percent=percent)
    if taken + 1 > quota:
        return _(
            "本批次推荐名额 %(quota)s 名（团员 %(members)s 人的 %(percent)s%%），"
            "已推荐 %(taken)s 名，不能再增加"
        ) % {"quota": quota, "members": members, "percent": percent, "taken": taken}
    return None
