"""Eligibility and quota boundaries of 推优入党, without a database."""

import datetime

import pytest

from tests.factories import member_record
from workflows.org.models import Member, PartyProgress, PoliticalStatus, ReviewResult, Standing
from workflows.party_recommendation.eligibility import (
    MEETING_DAY,
    TRACK_ACTIVIST,
    TRACK_CANDIDATE,
    EligibilityRules,
    eligibility_problems,
    quota_problem,
    round_quota,
)

RULES = EligibilityRules(
    age_min=18, age_max=28, league_years_min=1, application_months_min=0, activist_years_min=1
)
MEETING = datetime.date(2026, 11, 25)


def problems(m: Member, track: str = TRACK_ACTIVIST, on: datetime.date = MEETING) -> list[str]:
    return eligibility_problems(member=m, track=track, on=on, rules=RULES)


def test_eligible_member_has_no_problems():
    assert problems(member_record()) == []


def test_age_exactly_28_on_meeting_day_is_eligible():
    # Born 1998-11-26: still 27 on the 25th; born 1997-11-26: exactly 28.
    assert problems(member_record(birth_date=datetime.date(1997, 11, 26))) == []


def test_turning_29_on_meeting_day_is_not_eligible():
    found = problems(member_record(birth_date=datetime.date(1997, 11, 25)))
    assert found == ["推荐日（2026年11月25日）年龄 29 岁，不在 18–28 岁之间"]


def test_age_18_on_meeting_day_is_eligible_and_17_is_not():
    assert problems(member_record(birth_date=datetime.date(2008, 11, 25))) == []
    assert "年龄 17 岁" in problems(member_record(birth_date=datetime.date(2008, 11, 26)))[0]


def test_league_membership_exactly_one_year_is_enough():
    assert problems(member_record(league_join_date=datetime.date(2025, 11, 25))) == []
    found = problems(member_record(league_join_date=datetime.date(2025, 11, 26)))
    assert found == ["入团时间 2025年11月26日，至推荐日（2026年11月25日）团龄不满 1 年"]


def test_missing_party_application_is_named():
    assert problems(member_record(party_application_date=None)) == ["尚未递交入党申请书"]


def test_application_minimum_months_is_a_setting():
    rules = EligibilityRules(**{**RULES.__dict__, "application_months_min": 6})
    found = eligibility_problems(
        member=member_record(party_application_date=datetime.date(2026, 6, 1)),
        track=TRACK_ACTIVIST,
        on=MEETING,
        rules=rules,
    )
    assert found == ["入党申请书于 2026年6月1日 递交，至推荐日（2026年11月25日）不满 6 个月"]


def test_every_failure_is_reported_not_just_the_first():
    found = problems(
        member_record(
            birth_date=datetime.date(1990, 1, 1),
            league_join_date=datetime.date(2026, 6, 1),
            party_application_date=None,
        )
    )
    assert len(found) == 3


def test_probation_and_non_league_member_are_refused():
    found = problems(
        member_record(standing=Standing.PROBATION, political_status=PoliticalStatus.MASSES)
    )
    assert "团籍状态为「留团察看」" in found
    assert "政治面貌为「群众」，不是共青团员" in found


def test_candidate_track_needs_one_year_as_activist():
    ok = member_record(
        party_progress=PartyProgress.ACTIVIST, activist_since=datetime.date(2025, 11, 25)
    )
    assert problems(ok, TRACK_CANDIDATE) == []
    late = member_record(
        party_progress=PartyProgress.ACTIVIST, activist_since=datetime.date(2025, 11, 26)
    )
    assert problems(late, TRACK_CANDIDATE) == [
        "2025年11月26日 确定为入党积极分子，至推荐日（2026年11月25日）不满 1 年"
    ]
    assert problems(member_record(), TRACK_CANDIDATE) == ["不是入党积极分子，不能推荐为发展对象"]


def test_activist_cannot_apply_again_on_the_activist_track():
    found = problems(member_record(party_progress=PartyProgress.ACTIVIST), TRACK_ACTIVIST)
    assert found == ["已是「入党积极分子」，不属于本推荐类别"]


@pytest.mark.parametrize(("members", "quota"), [(50, 10), (49, 9), (4, 0), (5, 1)])
def test_quota_is_twenty_percent_rounded_down(members, quota):
    assert round_quota(members=members, percent=20, minimum=0).limit == quota


def test_quota_at_exactly_twenty_percent_is_allowed_and_one_more_is_not():
    assert quota_problem(members=50, percent=20, minimum=0, taken=9) is None
    assert quota_problem(members=50, percent=20, minimum=0, taken=10) == (
        "本批次推荐名额：团员 50 人 × 20% = 10，向下取整为 10 名"
        "（最少名额 0 名，可在规则手册中设置）；已推荐 10 名，不能再增加"
    )


def test_a_branch_of_four_gets_no_place_and_is_told_why():
    assert quota_problem(members=4, percent=20, minimum=0, taken=0) == (
        "本批次推荐名额：团员 4 人 × 20% = 0.8，向下取整为 0 名"
        "（最少名额 0 名，可在规则手册中设置）；已推荐 0 名，不能再增加"
    )


def test_a_committee_minimum_of_one_gives_a_small_branch_one_place():
    assert round_quota(members=4, percent=20, minimum=1).limit == 1
    assert quota_problem(members=4, percent=20, minimum=1, taken=0) is None
    assert quota_problem(members=4, percent=20, minimum=1, taken=1) == (
        "本批次推荐名额：团员 4 人 × 20% = 0.8，不足 1 名按 1 名计"
        "（最少名额 1 名，可在规则手册中设置）；已推荐 1 名，不能再增加"
    )
    # The minimum never lowers what the percentage gives, and an empty branch gets nothing.
    assert round_quota(members=50, percent=20, minimum=1).limit == 10
    assert round_quota(members=0, percent=20, minimum=1).limit == 0


def test_on_the_meeting_day_every_dated_clause_names_that_day():
    found = eligibility_problems(
        member=member_record(
            birth_date=datetime.date(1997, 11, 25),
            league_join_date=datetime.date(2025, 11, 26),
            party_application_date=datetime.date(2026, 11, 26),
        ),
        track=TRACK_ACTIVIST,
        on=MEETING,
        rules=RULES,
        day=MEETING_DAY,
    )
    assert found == [
        "团员大会日（2026年11月25日）年龄 29 岁，不在 18–28 岁之间",
        "入团时间 2025年11月26日，至团员大会日（2026年11月25日）团龄不满 1 年",
        "入党申请书递交日期 2026年11月26日 晚于团员大会日（2026年11月25日）",
    ]


REVIEWED = EligibilityRules(**{**RULES.__dict__, "review_unqualified_bars": True})


def test_an_unqualified_review_of_the_year_before_bars_the_recommendation():
    found = eligibility_problems(
        member=member_record(),
        track=TRACK_ACTIVIST,
        on=MEETING,
        rules=REVIEWED,
        previous_review=ReviewResult.UNQUALIFIED,
    )
    assert found == ["2025 年度团员教育评议结果为「不合格」，不能推荐"]


@pytest.mark.parametrize("result", ["", ReviewResult.BASIC, ReviewResult.EXCELLENT])
def test_no_review_or_any_other_result_bars_nothing(result):
    found = eligibility_problems(
        member=member_record(),
        track=TRACK_ACTIVIST,
        on=MEETING,
        rules=REVIEWED,
        previous_review=result,
    )
    assert found == []


def test_the_review_rule_can_be_switched_off():
    found = eligibility_problems(
        member=member_record(),
        track=TRACK_ACTIVIST,
        on=MEETING,
        rules=RULES,
        previous_review=ReviewResult.UNQUALIFIED,
    )
    assert found == []
