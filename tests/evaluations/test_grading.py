"""The rating rules at their boundaries, without a database."""

import datetime
from fractions import Fraction

import pytest

from workflows.evaluations.grading import (
    GradingRules,
    Rating,
    excellent_limit,
    meeting_problems,
    rating_problems,
    share_text,
    unrated_problem,
)

RULES = GradingRules(excellent_max=Fraction(3, 10), unqualified_reason_required=True)
TODAY = datetime.date(2026, 1, 20)


def excellent(count: int) -> list[Rating]:
    return [Rating(f"吉𠮷{i}", "excellent") for i in range(count)]


@pytest.mark.parametrize(("rated", "limit"), [(0, 0), (3, 0), (4, 1), (10, 3), (12, 3), (14, 4)])
def test_the_share_of_excellent_is_rounded_down(rated, limit):
    assert excellent_limit(rated=rated, share=Fraction(3, 10)) == limit


def test_exactly_at_the_limit_passes_and_one_more_is_named():
    assert rating_problems(ratings=excellent(3), rated=12, rules=RULES) == []
    assert rating_problems(ratings=excellent(5), rated=12, rules=RULES) == [
        "优秀 5 人，超过参评团员 12 人的 30%（至多 3 人）"
    ]


def test_unqualified_without_reason_is_named_unless_the_rulebook_says_otherwise():
    ratings = [Rating("吉𠮷", "unqualified"), Rating("王五", "unqualified", "旷会")]
    assert rating_problems(ratings=ratings, rated=10, rules=RULES) == [
        "评为「不合格」须写明理由：吉𠮷"
    ]
    lenient = GradingRules(excellent_max=Fraction(3, 10), unqualified_reason_required=False)
    assert rating_problems(ratings=ratings, rated=10, rules=lenient) == []


def test_shares_read_as_the_rule_says_them():
    assert share_text(Fraction(3, 10)) == "30%"
    assert share_text(Fraction(2, 3)) == "三分之二"


def test_unrated_members_are_counted_and_named():
    assert unrated_problem([]) is None
    assert unrated_problem(["吉𠮷", "王五"]) == "尚有 2 名团员未评定等次：吉𠮷、王五"


def test_the_meeting_may_be_held_early_in_the_next_year_but_not_before_the_year():
    ok = dict(should_attend=10, present=8, year=2025, today=TODAY)
    assert meeting_problems(meeting_date=datetime.date(2026, 1, 10), **ok) == []
    assert meeting_problems(meeting_date=datetime.date(2025, 1, 1), **ok) == []
    assert meeting_problems(meeting_date=datetime.date(2024, 12, 31), **ok) == [
        "团支部大会日期 2024年12月31日 早于评议年度的 2025年1月1日"
    ]
    assert meeting_problems(meeting_date=datetime.date(2026, 1, 21), **ok) == [
        "团支部大会日期 2026年1月21日 晚于今天（2026年1月20日）"
    ]


def test_present_may_equal_but_not_exceed_should_attend():
    day = datetime.date(2026, 1, 10)
    assert (
        meeting_problems(meeting_date=day, should_attend=8, present=8, year=2025, today=TODAY) == []
    )
    assert meeting_problems(
        meeting_date=day, should_attend=8, present=9, year=2025, today=TODAY
    ) == ["实到 9 人，多于应到 8 人"]
    assert meeting_problems(meeting_date=None, should_attend=8, present=8, year=2025, today=TODAY)
