"""Who may be nominated: the pure rules at their boundaries, then the facts read from the
records (appointments, honours, terms)."""

import datetime
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from tests.factories import AppointmentFactory, MemberFactory, UserFactory
from workflows.awards.eligibility import (
    PersonFacts,
    Requirements,
    UnitFacts,
    age_on,
    dues_arrears_months,
    person_problems,
    satisfaction_threshold,
    unit_problems,
)
from workflows.awards.models import Honour
from workflows.awards.records import cadre_years, eligibility_check
from workflows.elections.models import Term
from workflows.evaluations.satisfaction import BranchResult, SecretarySatisfaction, branch_result
from workflows.org.models import PoliticalStatus, ReviewResult, Role, Standing

from .helpers import campaign_for, category, good_record

CUTOFF = datetime.date(2026, 5, 4)
YEAR = 2026  # the campaign's year; its records are those of 2025

EXCELLENT_MEMBER = Requirements(
    name="优秀共青团员",
    age_max=28,
    league_years_min=1,
    league_member_required=True,
    review_required="excellent",
    volunteer_hours_min=20,
    dues_arrears_max=0,
    exclude_full_time_cadre=True,
)
JOB_EXPERT = Requirements(
    name="青年岗位能手", age_max=35, exclude_full_time_cadre=True, repeat_gap_years=2
)
YOUTH_MEDAL = Requirements(name="五四青年奖章", age_min=14, age_max=40, repeat_gap_years=99)
EXCELLENT_CADRE = Requirements(
    name="优秀共青团干部",
    league_member_required=True,
    review_required="qualified",
    dues_arrears_max=0,
    cadre_years_min=1,
)
RED_FLAG_BRANCH = Requirements(
    name="五四红旗团支部", unit_members_min=3, term_current_required=True, repeat_gap_years=1
)

GOOD = PersonFacts(
    birth_date=datetime.date(2000, 3, 15),
    league_join_date=datetime.date(2014, 5, 4),
    political_status=PoliticalStatus.LEAGUE_MEMBER,
    standing=Standing.GOOD,
    is_active=True,
    review_result=ReviewResult.EXCELLENT,
    volunteer_hours=Decimal("24.0"),
    dues_paid_until=datetime.date(2026, 4, 30),
    cadre_years=None,
    full_time_cadre=False,
    last_same_honour_year=None,
)


def problems(req: Requirements, **facts) -> list[str]:
    return person_problems(req=req, facts=replace(GOOD, **facts), cutoff=CUTOFF, campaign_year=YEAR)


def test_good_record_is_eligible_everywhere():
    assert problems(EXCELLENT_MEMBER) == []
    assert problems(JOB_EXPERT) == []
    assert problems(YOUTH_MEDAL) == []
    assert problems(EXCELLENT_CADRE, cadre_years=2.0) == []


# --- age on the cut-off date -----------------------------------------


def test_age_on_counts_whole_years():
    assert age_on(datetime.date(1990, 5, 4), CUTOFF) == 36
    assert age_on(datetime.date(1990, 5, 5), CUTOFF) == 35


def test_turning_36_on_the_cutoff_is_too_old_for_job_expert():
    assert problems(JOB_EXPERT, birth_date=datetime.date(1990, 5, 4)) == [
        "截至 2026年5月4日 年龄 36 周岁，青年岗位能手要求不超过 35 周岁"
    ]


def test_turning_36_the_day_after_the_cutoff_is_eligible():
    assert problems(JOB_EXPERT, birth_date=datetime.date(1990, 5, 5)) == []


def test_youth_medal_minimum_age():
    assert problems(YOUTH_MEDAL, birth_date=datetime.date(2012, 5, 4)) == []
    assert problems(YOUTH_MEDAL, birth_date=datetime.date(2012, 5, 5)) == [
        "截至 2026年5月4日 年龄 13 周岁，五四青年奖章要求不小于 14 周岁"
    ]


def test_youth_medal_maximum_age():
    [message] = problems(YOUTH_MEDAL, birth_date=datetime.date(1985, 5, 4))
    assert "41 周岁" in message and "不超过 40 周岁" in message


# --- league membership -----------------------------------------------


def test_masses_cannot_be_an_excellent_member():
    assert problems(EXCELLENT_MEMBER, political_status=PoliticalStatus.MASSES) == [
        "政治面貌为「群众」，优秀共青团员须为共青团员"
    ]


def test_league_years_counted_to_the_cutoff():
    assert problems(EXCELLENT_MEMBER, league_join_date=datetime.date(2025, 5, 4)) == []
    assert problems(EXCELLENT_MEMBER, league_join_date=datetime.date(2025, 5, 5)) == [
        "2025年5月5日 入团，截至 2026年5月4日 团龄不满 1 年"
    ]
    assert problems(EXCELLENT_MEMBER, league_join_date=None) == ["缺少入团时间，无法计算团龄"]


def test_probation_bars_every_honour():
    expected = "团籍状态为「留团察看」，不能参评"
    assert expected in problems(EXCELLENT_MEMBER, standing=Standing.PROBATION)
    assert expected in problems(JOB_EXPERT, standing=Standing.PROBATION)


def test_member_off_the_roll():
    assert problems(JOB_EXPERT, is_active=False) == ["不在团员名册中"]


# --- records of the year before --------------------------------------


def test_review_missing():
    assert problems(EXCELLENT_MEMBER, review_result="") == ["没有 2025 年度教育评议结果"]


def test_qualified_when_excellent_is_required():
    assert problems(EXCELLENT_MEMBER, review_result=ReviewResult.QUALIFIED) == [
        "2025 年度教育评议结果为「合格」，须为「优秀」"
    ]


def test_qualified_or_better():
    assert problems(EXCELLENT_CADRE, cadre_years=2.0, review_result=ReviewResult.QUALIFIED) == []
    assert problems(EXCELLENT_CADRE, cadre_years=2.0, review_result=ReviewResult.BASIC) == [
        "2025 年度教育评议结果为「基本合格」，须为「合格及以上」"
    ]


def test_volunteer_hours_below_minimum_names_both_numbers():
    assert problems(EXCELLENT_MEMBER, volunteer_hours=Decimal("19.5")) == [
        "2025 年度志愿服务 19.5 小时，不足 20 小时"
    ]
    assert problems(EXCELLENT_MEMBER, volunteer_hours=Decimal("20")) == []


def test_volunteer_hours_read_as_numbers_not_exponents():
    # A DecimalField gives 10.0; normalised naively it would read "1E+1".
    assert problems(EXCELLENT_MEMBER, volunteer_hours=Decimal("10.0")) == [
        "2025 年度志愿服务 10 小时，不足 20 小时"
    ]
    assert problems(EXCELLENT_MEMBER, volunteer_hours=Decimal("0.0")) == [
        "2025 年度志愿服务 0 小时，不足 20 小时"
    ]


# --- 团费 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("paid_until", "on", "owed"),
    [
        (datetime.date(2026, 4, 30), datetime.date(2026, 5, 4), 0),  # paid through last month
        (datetime.date(2026, 5, 1), datetime.date(2026, 5, 4), 0),  # this month too
        (datetime.date(2026, 12, 31), datetime.date(2026, 5, 4), 0),  # paid ahead
        (datetime.date(2026, 3, 31), datetime.date(2026, 5, 4), 1),  # April owed
        (datetime.date(2026, 2, 28), datetime.date(2026, 5, 4), 2),  # March and April
        (datetime.date(2025, 12, 31), datetime.date(2026, 1, 15), 0),  # over the new year
        (datetime.date(2025, 11, 30), datetime.date(2026, 1, 15), 1),
    ],
)
def test_dues_arrears_months(paid_until, on, owed):
    assert dues_arrears_months(paid_until=paid_until, on=on) == owed


def test_dues_paid_through_last_month_is_eligible():
    assert problems(EXCELLENT_MEMBER, dues_paid_until=datetime.date(2026, 4, 30)) == []


def test_two_months_behind_fails():
    assert problems(EXCELLENT_MEMBER, dues_paid_until=datetime.date(2026, 2, 28)) == [
        "团费缴至 2026年2月，截至 2026年5月4日 欠缴 2 个月（最多 0 个月）"
    ]


def test_no_dues_record():
    assert problems(EXCELLENT_MEMBER, dues_paid_until=None) == ["没有团费缴纳记录"]
    # Not checked for an honour that does not ask.
    assert problems(JOB_EXPERT, dues_paid_until=None) == []


# --- cadres ----------------------------------------------------------


def test_full_time_cadre_excluded():
    assert problems(JOB_EXPERT, full_time_cadre=True) == ["专职团干部不参评青年岗位能手"]
    # 优秀共青团干部 is for cadres, full-time ones included.
    assert problems(EXCELLENT_CADRE, cadre_years=3.0, full_time_cadre=True) == []


def test_excellent_cadre_needs_a_current_post_of_a_year():
    assert problems(EXCELLENT_CADRE, cadre_years=None) == [
        "截止日未担任团内职务，优秀共青团干部须为现任团干部"
    ]
    assert problems(EXCELLENT_CADRE, cadre_years=0.6) == ["担任团干部 0.6 年，须满 1 年"]
    assert problems(EXCELLENT_CADRE, cadre_years=1.0) == []


def test_cadre_years_short_of_one_never_read_as_one():
    # 360 days is 0.986 years: cut to 0.9, not rounded up to a "1.0 年" that looks sufficient.
    assert problems(EXCELLENT_CADRE, cadre_years=360 / 365.25) == ["担任团干部 0.9 年，须满 1 年"]


# --- the same honour again -------------------------------------------


def test_repeat_gap():
    # 青年岗位能手: not again within 2 years.
    assert problems(JOB_EXPERT, last_same_honour_year=2025) == [
        "2025 年已获评青年岗位能手，2 年内不再参评"
    ]
    assert problems(JOB_EXPERT, last_same_honour_year=2024) == [
        "2024 年已获评青年岗位能手，2 年内不再参评"
    ]
    assert problems(JOB_EXPERT, last_same_honour_year=2023) == []
    # No gap asked: the honour may be won again.
    assert problems(EXCELLENT_MEMBER, last_same_honour_year=2025) == []


def test_every_problem_is_listed():
    found = problems(
        EXCELLENT_MEMBER,
        review_result="",
        volunteer_hours=Decimal(5),
        dues_paid_until=None,
        full_time_cadre=True,
    )
    assert found == [
        "没有 2025 年度教育评议结果",
        "2025 年度志愿服务 5 小时，不足 20 小时",
        "没有团费缴纳记录",
        "专职团干部不参评优秀共青团员",
    ]


# --- collectives -----------------------------------------------------


def unit(**facts) -> list[str]:
    values = {
        "members": 20,
        "term_due_on": datetime.date(2027, 6, 30),
        "last_same_honour_year": None,
    }
    values.update(facts)
    return unit_problems(
        req=RED_FLAG_BRANCH, facts=UnitFacts(**values), cutoff=CUTOFF, campaign_year=YEAR
    )


def test_unit_in_good_order():
    assert unit() == []
    assert unit(members=3, term_due_on=CUTOFF) == []


def test_unit_too_few_members():
    assert unit(members=2) == ["团员 2 人，五四红旗团支部须不少于 3 人"]


def test_unit_term_overdue():
    assert unit(term_due_on=datetime.date(2026, 5, 3)) == [
        "任期已于 2026年5月3日 届满，截至 2026年5月4日 未按期换届"
    ]
    assert unit(term_due_on=None) == ["没有任期记录，无法确认按期换届"]


def test_unit_repeat_gap_of_one_year():
    assert unit(last_same_honour_year=2025) == ["2025 年已获评五四红旗团支部，1 年内不再参评"]
    assert unit(last_same_honour_year=2024) == []


# --- facts read from the records -------------------------------------


def test_cadre_years_from_appointments(world):
    on = datetime.date(2026, 5, 4)
    member = MemberFactory(branch=world.branch_a)
    assert cadre_years(member=member, on=on) is None
    # A post held, then a second one overlapping it: the overlap counts once.
    AppointmentFactory(
        user=member.user,
        org=world.branch_a,
        role=Role.ORGANIZATION_MEMBER,
        start_date=datetime.date(2024, 5, 4),
        end_date=datetime.date(2025, 12, 31),
    )
    assert cadre_years(member=member, on=on) is None  # no post on the cut-off day
    AppointmentFactory(
        user=member.user,
        org=world.branch_a,
        role=Role.DEPUTY_SECRETARY,
        start_date=datetime.date(2025, 6, 1),
    )
    years = cadre_years(member=member, on=on)
    # 2024-05-04 → 2025-12-31 is 1 year 7 months 27 days; 2026-01-01 → 05-04, 4 months 3 days.
    assert years == pytest.approx(23 / 12 + 30 / 365.25)
    assert 1.9 < years < 2.1


def _cadre_since(world, start: datetime.date) -> list[str]:
    member = good_record(MemberFactory(branch=world.branch_a), year=YEAR - 1)
    AppointmentFactory(
        user=member.user, org=world.branch_a, role=Role.COMMITTEE_MEMBER, start_date=start
    )
    campaign = campaign_for(world, codes=["excellent_cadre"], cutoff_date=CUTOFF, year=YEAR)
    return eligibility_check(category=category(campaign, "excellent_cadre"), member=member)


def test_one_full_year_in_office(world):
    # In office from 2025-05-04: on 2026-05-04 a full year.
    assert _cadre_since(world, datetime.date(2025, 5, 4)) == []


def test_one_day_short_of_a_year_in_office(world):
    assert _cadre_since(world, datetime.date(2025, 5, 5)) == ["担任团干部 0.9 年，须满 1 年"]


def test_one_day_short_of_a_year_in_office_across_a_leap_day(world):
    member = good_record(MemberFactory(branch=world.branch_a), year=2023)
    AppointmentFactory(
        user=member.user,
        org=world.branch_a,
        role=Role.COMMITTEE_MEMBER,
        start_date=datetime.date(2023, 5, 5),
    )
    campaign = campaign_for(
        world, codes=["excellent_cadre"], cutoff_date=datetime.date(2024, 5, 4), year=2024
    )
    assert eligibility_check(category=category(campaign, "excellent_cadre"), member=member) == [
        "担任团干部 0.9 年，须满 1 年"
    ]


def test_party_posts_are_not_league_posts(world):
    member = MemberFactory(branch=world.branch_a, user=world.party_secretary_a)
    assert cadre_years(member=member, on=datetime.date(2026, 5, 4)) is None


def test_excellent_cadre_from_appointment_rows(world):
    campaign = campaign_for(world, codes=["excellent_cadre"])
    cadre = category(campaign, "excellent_cadre")
    today = campaign.cutoff_date
    veteran = good_record(MemberFactory(branch=world.branch_a, user=world.secretary_a))
    assert eligibility_check(category=cadre, member=veteran) == []
    newcomer = good_record(MemberFactory(branch=world.branch_a))
    AppointmentFactory(
        user=newcomer.user,
        org=world.branch_a,
        role=Role.COMMITTEE_MEMBER,
        start_date=today - datetime.timedelta(days=200),
    )
    assert eligibility_check(category=cadre, member=newcomer) == ["担任团干部 0.5 年，须满 1 年"]
    plain = good_record(MemberFactory(branch=world.branch_a))
    assert eligibility_check(category=cadre, member=plain) == [
        "截止日未担任团内职务，优秀共青团干部须为现任团干部"
    ]


def test_an_honour_on_record_bars_the_same_honour(world):
    campaign = campaign_for(world, codes=["job_expert", "excellent_member"])
    member = good_record(world.applicant)
    Honour.objects.create(
        member=member,
        category_code="job_expert",
        title="青年岗位能手",
        year=campaign.year - 1,
        awarded_by=world.committee,
        awarded_on=datetime.date(campaign.year - 1, 5, 4),
    )
    assert eligibility_check(category=category(campaign, "job_expert"), member=member) == [
        f"{campaign.year - 1} 年已获评青年岗位能手，2 年内不再参评"
    ]
    # Another honour is no bar.
    assert eligibility_check(category=category(campaign, "excellent_member"), member=member) == []


def test_branch_term_overdue_and_too_few_members(world):
    campaign = campaign_for(world, codes=["red_flag_branch"])
    red_flag = category(campaign, "red_flag_branch")
    cutoff = campaign.cutoff_date
    overdue = cutoff - datetime.timedelta(days=1)
    Term.objects.create(
        branch=world.branch_a,
        starts_on=datetime.date(2023, 1, 1),
        years=3,
        ends_on=overdue,
        due_on=overdue,
    )
    Term.objects.create(
        branch=world.branch_b,
        starts_on=datetime.date(2025, 1, 1),
        years=3,
        ends_on=datetime.date(2028, 1, 1),
        due_on=datetime.date(2028, 1, 1),
    )
    due = f"{overdue.year}年{overdue.month}月{overdue.day}日"
    assert eligibility_check(category=red_flag, org=world.branch_a) == [
        f"任期已于 {due} 届满，截至 {cutoff.year}年{cutoff.month}月{cutoff.day}日 未按期换届"
    ]
    assert eligibility_check(category=red_flag, org=world.branch_b) == [
        "团员 1 人，五四红旗团支部须不少于 3 人"
    ]


def test_a_committee_is_not_a_branch(world):
    campaign = campaign_for(world, codes=["red_flag_branch"])
    assert eligibility_check(
        category=category(campaign, "red_flag_branch"), org=world.committee
    ) == ["委团委不是团支部（集体）"]


# --- a branch secretary's 满意度测评 (优秀共青团干部) ---------------------------------------


def _standing(result=None) -> SecretarySatisfaction:
    return SecretarySatisfaction(branch_name="心内科团支部", year=YEAR - 1, result=result)


def _result(overall: str, voted: int = 4, eligible: int = 4) -> BranchResult:
    return branch_result(
        items=1,
        ballots=[[int(Decimal(overall))]] * voted,
        eligible=eligible,
        minimum=Fraction(2, 3),
    )


SATISFIED_CADRE = replace(EXCELLENT_CADRE, satisfaction_min_percent=90)


def test_satisfaction_is_asked_only_of_branch_secretaries_and_only_when_set():
    assert problems(SATISFIED_CADRE, cadre_years=2.0) == []
    assert problems(EXCELLENT_CADRE, cadre_years=2.0, secretary_satisfaction=_standing()) == []


def test_a_secretary_without_a_result_is_refused():
    assert problems(SATISFIED_CADRE, cadre_years=2.0, secretary_satisfaction=_standing()) == [
        "任心内科团支部书记，没有 2025 年度团支部书记满意度测评结果（须不低于 90%）"
    ]


def test_an_invalid_result_is_refused_with_its_turnout():
    standing = _standing(_result("100", voted=2, eligible=4))
    assert problems(SATISFIED_CADRE, cadre_years=2.0, secretary_satisfaction=standing) == [
        "2025 年度团支部书记满意度测评结果无效：参与率 50.00%（2/4 人），低于三分之二，结果无效"
    ]


def test_the_threshold_itself_passes_and_just_below_fails():
    at = _standing(_result("90"))
    assert problems(SATISFIED_CADRE, cadre_years=2.0, secretary_satisfaction=at) == []
    below = _standing(_result("89"))
    assert problems(SATISFIED_CADRE, cadre_years=2.0, secretary_satisfaction=below) == [
        "2025 年度团支部书记满意度测评综合满意度 89.00%，低于 90%"
    ]


def test_the_threshold_comes_from_the_rulebook_for_excellent_cadre_only():
    rules = {"cadre_satisfaction_min_percent": 90}
    assert satisfaction_threshold(code="excellent_cadre", rules=rules) == 90
    assert satisfaction_threshold(code="excellent_member", rules=rules) == 0
    assert satisfaction_threshold(code="excellent_cadre", rules={}) == 0  # older campaigns


def test_a_secretarys_survey_result_is_read_for_excellent_cadre(world):
    from tests.factories import RulebookFactory
    from workflows.evaluations import services as evaluations
    from workflows.org.models import Member

    RulebookFactory(
        process="award",
        committee=world.committee,
        settings={"cadre_satisfaction_min_percent": 90},
    )
    secretary = good_record(
        MemberFactory(branch=world.branch_a, user=world.secretary_a, name="陈支书")
    )
    voters = [*world.members_a[:2], world.applicant]
    Member.objects.filter(branch=world.branch_a).exclude(
        pk__in=[m.pk for m in [*voters, secretary]]
    ).update(is_active=False)
    for index, voter in enumerate(voters):
        if voter.user is None:
            voter.user = UserFactory(username=f"voter{index}", first_name=voter.name)
            voter.save()
    campaign = campaign_for(world, codes=["excellent_cadre"])
    cadre = category(campaign, "excellent_cadre")
    assert eligibility_check(category=cadre, member=secretary) == [
        "任心内科团支部书记，没有 2026 年度团支部书记满意度测评结果（须不低于 90%）"
    ]
    today = campaign.cutoff_date
    survey = evaluations.survey_open(
        committee=world.committee,
        year=2026,
        items=["工作能力"],
        opens_on=today,
        closes_on=today,
        by=world.committee_secretary,
    )
    for voter, score in zip(voters, [100, 100, 60], strict=True):
        evaluations.survey_vote(survey=survey, member=voter, scores=[score], by=voter.user)
    # Still open: no result counts yet.
    assert "没有 2026 年度" in eligibility_check(category=cadre, member=secretary)[0]
    evaluations.survey_close(survey=survey, by=world.committee_secretary)
    assert eligibility_check(category=cadre, member=secretary) == [
        "2026 年度团支部书记满意度测评综合满意度 86.67%，低于 90%"
    ]
