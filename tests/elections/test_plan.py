"""The rules of a 换届选举请示 at their boundaries, without a database.

A branch of 7 or more members elects a committee of 3–7 (usually 3–5); a smaller one elects only
a secretary. Candidates ≥ seats × 6/5 rounded up, all in the branch, in good standing, listed
once. Scrutineers and tellers are branch members and not candidates.
"""

from fractions import Fraction

import pytest

from workflows.elections.plan import (
    Person,
    SizeRules,
    candidates_needed,
    competition_problems,
    people_problems,
    seats_problems,
)

RATIO = Fraction(6, 5)
RULES = SizeRules(
    committee_min_members=7, size_min=3, size_max=5, hard_max=7, competition_ratio=RATIO
)


def member(key: int, name: str = "", *, in_branch=True, good_standing=True) -> Person:
    return Person(
        key=key, name=name or f"团员{key}", in_branch=in_branch, good_standing=good_standing
    )


# Committee size.


@pytest.mark.parametrize(
    ("branch_size", "seats", "ok"),
    [
        (7, 3, True),
        (7, 5, True),
        (7, 7, True),  # the hard maximum is allowed
        (7, 2, False),
        (7, 8, False),
        (7, 1, False),  # a branch of 7 elects a committee, not only a secretary
        (30, 3, True),
        (6, 1, True),
        (6, 3, False),
        (6, 2, False),
        (6, 0, False),
        (1, 1, True),
    ],
)
def test_seats_boundary(branch_size, seats, ok):
    problems = seats_problems(branch_size=branch_size, seats=seats, rules=RULES)
    assert (problems == []) is ok


def test_seats_below_minimum_names_the_range():
    problems = seats_problems(branch_size=7, seats=2, rules=RULES)
    assert problems == [
        "团员 7 人（不少于 7 人），应选举支部委员会委员 3—5 名、最多 7 名，计划 2 名"
    ]


def test_seats_above_hard_max_names_the_range():
    problems = seats_problems(branch_size=7, seats=8, rules=RULES)
    assert problems == [
        "团员 7 人（不少于 7 人），应选举支部委员会委员 3—5 名、最多 7 名，计划 8 名"
    ]


def test_small_branch_elects_only_a_secretary():
    problems = seats_problems(branch_size=6, seats=3, rules=RULES)
    assert problems == ["团员 6 人（不足 7 人），只选举书记 1 名，计划 3 名"]
    assert "只选举书记 1 名" in problems[0]


# Competition: candidates ≥ ceil(seats × 6/5).


@pytest.mark.parametrize(
    ("seats", "needed"),
    [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 8), (7, 9), (10, 12)],
)
def test_candidates_needed_rounds_up(seats, needed):
    assert candidates_needed(seats=seats, ratio=RATIO) == needed


def test_seats_times_ratio_exactly_whole_is_not_rounded_further():
    # 5 × 6/5 = 6 exactly: six candidates suffice for five seats.
    assert candidates_needed(seats=5, ratio=RATIO) == 6
    assert competition_problems(seats=5, candidates=6, ratio=RATIO) == []


def test_a_configured_ratio_is_applied_and_stated():
    # The ratio is a configurable rule: 10 × 11/10 = 11 exactly, and the message says 1.1.
    ratio = Fraction(11, 10)
    assert candidates_needed(seats=10, ratio=ratio) == 11
    assert competition_problems(seats=10, candidates=11, ratio=ratio) == []
    assert competition_problems(seats=10, candidates=10, ratio=ratio) == [
        "差额选举：候选人 10 名，应不少于应选 10 名的 1.1 倍（向上取整为 11 名）"
    ]


@pytest.mark.parametrize(
    ("seats", "candidates", "ok"),
    [(5, 6, True), (5, 5, False), (4, 5, True), (4, 4, False), (1, 2, True), (1, 1, False)],
)
def test_competition_boundary(seats, candidates, ok):
    problems = competition_problems(seats=seats, candidates=candidates, ratio=RATIO)
    assert (problems == []) is ok


@pytest.mark.parametrize(
    ("seats", "candidates", "needed"), [(5, 5, 6), (4, 4, 5), (1, 1, 2), (3, 0, 4)]
)
def test_too_few_candidates_names_the_rule_and_numbers(seats, candidates, needed):
    problems = competition_problems(seats=seats, candidates=candidates, ratio=RATIO)
    assert problems == [
        f"差额选举：候选人 {candidates} 名，应不少于应选 {seats} 名的 1.2 倍"
        f"（向上取整为 {needed} 名）"
    ]
    assert f"向上取整为 {needed} 名" in problems[0]


# Candidates and scrutineers.


def test_clean_candidates_and_scrutineers_have_no_problems():
    candidates = [member(1), member(2), member(3)]
    assert people_problems(candidates=candidates, scrutineers=[member(4), member(5)]) == []


def test_outsider_candidate():
    candidates = [member(1), member(2, "吉𠮷", in_branch=False)]
    assert people_problems(candidates=candidates, scrutineers=[]) == [
        "候选人 吉𠮷 不是本团支部团员"
    ]


def test_several_outsiders_are_listed_together():
    candidates = [member(1, "甲", in_branch=False), member(2, "乙", in_branch=False)]
    assert people_problems(candidates=candidates, scrutineers=[]) == [
        "候选人 甲、乙 不是本团支部团员"
    ]


def test_candidate_on_probation():
    candidates = [member(1), member(2, "吉𠮷", good_standing=False)]
    assert people_problems(candidates=candidates, scrutineers=[]) == [
        "候选人 吉𠮷 处于留团察看期，不能作为候选人"
    ]


def test_duplicate_candidate():
    candidates = [member(1, "吉𠮷"), member(2), member(1, "吉𠮷")]
    assert people_problems(candidates=candidates, scrutineers=[]) == ["候选人 吉𠮷 重复列入"]


def test_scrutineer_who_is_a_candidate():
    candidates = [member(1, "吉𠮷"), member(2)]
    problems = people_problems(candidates=candidates, scrutineers=[member(1, "吉𠮷"), member(3)])
    assert problems == ["吉𠮷 是候选人，不能担任监票人或计票人"]
    assert "不能担任监票人或计票人" in problems[0]


def test_outsider_scrutineer():
    problems = people_problems(
        candidates=[member(1)], scrutineers=[member(9, "吉𠮷", in_branch=False)]
    )
    assert problems == ["监票人、计票人 吉𠮷 不是本团支部团员"]


def test_every_people_problem_is_reported():
    candidates = [
        member(1, "甲", in_branch=False),
        member(2, "乙", good_standing=False),
        member(3, "丙"),
        member(3, "丙"),
    ]
    scrutineers = [member(3, "丙"), member(9, "吉𠮷", in_branch=False)]
    assert people_problems(candidates=candidates, scrutineers=scrutineers) == [
        "候选人 甲 不是本团支部团员",
        "候选人 乙 处于留团察看期，不能作为候选人",
        "候选人 丙 重复列入",
        "丙 是候选人，不能担任监票人或计票人",
        "监票人、计票人 吉𠮷 不是本团支部团员",
    ]
