"""The basic conditions as pure rules, at their boundaries: headcount, the young share (exactly
a half passes), and the 号长's age on the day (40 passes, 41 fails)."""

import datetime
from fractions import Fraction

from workflows.civilization_posts.vetoes import BasicRules, age_on, basic_facts, basic_problems

RULES = BasicRules(
    members_min=6,
    members_max=200,
    young_age_max=35,
    young_share_min=Fraction(1, 2),
    leader_age_max=40,
)
ON = datetime.date(2026, 6, 30)


def _born(age: int, *, birthday_passed: bool = True) -> datetime.date:
    day = ON if birthday_passed else ON + datetime.timedelta(days=1)
    return day.replace(year=day.year - age)


def _facts(young: int, old: int, leader_age: int = 33):
    dates = [_born(30)] * young + [_born(50)] * old
    return basic_facts(
        birth_dates=dates, leader=("吉𠮷", _born(leader_age)), on=ON, young_age_max=35
    )


def test_a_good_roster_passes():
    assert basic_problems(_facts(young=8, old=2), RULES) == []


def test_exactly_half_young_passes():
    facts = _facts(young=10, old=10)
    assert (facts.members, facts.young) == (20, 10)
    assert basic_problems(facts, RULES) == []


def test_one_short_of_half_fails_with_the_numbers():
    [problem] = basic_problems(_facts(young=9, old=11), RULES)
    assert problem == "35 周岁及以下青年 9 人，占集体 20 人的 45%，未达到二分之一"


def test_odd_headcount_just_under_half():
    [problem] = basic_problems(_facts(young=3, old=4), RULES)
    assert "青年 3 人，占集体 7 人的 42.9%" in problem


def test_leader_aged_40_passes_and_41_fails():
    assert basic_problems(_facts(young=8, old=2, leader_age=40), RULES) == []
    [problem] = basic_problems(_facts(young=8, old=2, leader_age=41), RULES)
    assert problem == "号长 吉𠮷 2026年6月30日 年满 41 周岁，超过 40 周岁"


def test_leader_turning_41_tomorrow_is_still_40():
    facts = basic_facts(
        birth_dates=[_born(30)] * 8,
        leader=("吉𠮷", _born(41, birthday_passed=False)),
        on=ON,
        young_age_max=35,
    )
    assert facts.leader_age == 40
    assert basic_problems(facts, RULES) == []


def test_a_member_aged_35_today_is_young_and_36_is_not():
    facts = basic_facts(birth_dates=[_born(35), _born(36)], leader=None, on=ON, young_age_max=35)
    assert facts.young == 1


def test_headcount_bounds():
    assert basic_problems(_facts(young=6, old=0), RULES) == []
    [problem] = basic_problems(_facts(young=5, old=0), RULES)
    assert problem == "集体人数 5 人，不在 6–200 人之间"
    assert basic_problems(_facts(young=200, old=0), RULES) == []
    [problem] = basic_problems(_facts(young=201, old=0), RULES)
    assert problem == "集体人数 201 人，不在 6–200 人之间"


def test_no_leader_and_every_failure_listed():
    facts = basic_facts(birth_dates=[_born(50)] * 3, leader=None, on=ON, young_age_max=35)
    problems = basic_problems(facts, RULES)
    assert problems == [
        "集体人数 3 人，不在 6–200 人之间",
        "35 周岁及以下青年 0 人，占集体 3 人的 0%，未达到二分之一",
        "尚未确定号长",
    ]


def test_age_on_a_leap_day_birthday():
    born = datetime.date(1988, 2, 29)
    assert age_on(born, datetime.date(2026, 2, 28)) == 37
    assert age_on(born, datetime.date(2026, 3, 1)) == 38
