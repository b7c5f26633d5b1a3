"""Counting a 团支部 election at its boundaries, without a database.

Quorum: present MORE than 4/5 of those who should attend. Elected: 赞成 MORE than half of the
voters present. More qualifying than seats → by votes; a tie at the cut → re-vote; too few →
shortfall. In a re-vote (majority=None) the most votes win.
"""

from fractions import Fraction

import pytest

from workflows.elections.ballot import (
    BallotCount,
    CountRules,
    Outcome,
    ballot_is_void,
    ballots_tally,
    count_outcome,
    count_violations,
    outcome_reason,
)

RULES = CountRules(quorum=Fraction(4, 5))
REVOTE = CountRules(quorum=Fraction(4, 5), majority=None)


def count(**overrides) -> BallotCount:
    """A valid round by default: 50 should attend, 50 present, 50 ballots, 3 seats."""
    values = dict(
        should_attend=50,
        present=50,
        issued=50,
        returned=50,
        void=0,
        seats=3,
        votes={"A": 40, "B": 35, "C": 30},
    )
    values.update(overrides)
    return BallotCount(**values)


# Quorum: present must be MORE than four fifths of should_attend.


def test_quorum_exactly_four_fifths_is_invalid_and_names_the_numbers():
    outcome = count_outcome(count(present=40, issued=40, returned=40, votes={"A": 30}), RULES)
    assert outcome.kind == "invalid"
    assert not outcome.valid
    assert outcome.elected == []
    assert outcome.problems == ["到会 40 人，未超过应到会 50 人的五分之四，选举无效"]
    assert "到会 40 人，未超过应到会 50 人的五分之四" in outcome.problems[0]


def test_quorum_one_more_than_four_fifths_is_valid():
    outcome = count_outcome(count(present=41, issued=41, returned=41, votes={"A": 30}), RULES)
    assert outcome.problems == []
    assert outcome.kind == "shortfall"  # 3 seats, only A clears half of 41
    assert outcome.elected == ["A"]


@pytest.mark.parametrize(("present", "valid"), [(39, False), (40, False), (41, True), (50, True)])
def test_quorum_boundary(present, valid):
    problems = count_violations(
        count(present=present, issued=present, returned=present, votes={}), RULES
    )
    assert (problems == []) is valid


def test_present_more_than_should_attend_is_invalid():
    problems = count_violations(count(present=51, issued=50), RULES)
    assert problems == ["实到会 51 人，超过应到会 50 人"]


def test_should_attend_zero_is_invalid():
    problems = count_violations(
        count(should_attend=0, present=0, issued=0, returned=0, votes={}), RULES
    )
    assert "应到会有选举权的团员人数必须大于 0" in problems


@pytest.mark.parametrize("field", ["should_attend", "present", "issued", "returned", "void"])
def test_negative_numbers_are_rejected(field):
    assert count_violations(count(**{field: -1}), RULES) == ["人数和票数不能为负数"]


def test_negative_votes_are_rejected():
    assert count_violations(count(votes={"A": -1}), RULES) == ["人数和票数不能为负数"]


# Ballots: returned ≤ issued ≤ present, void ≤ returned, votes within the valid ballots.


def test_returned_more_than_issued_is_invalid_and_names_both_numbers():
    outcome = count_outcome(count(issued=45, returned=46), RULES)
    assert outcome.kind == "invalid"
    assert outcome.problems == ["收回选票 46 张，多于发出选票 45 张，选举无效"]


def test_returned_equal_to_issued_is_valid():
    assert count_violations(count(issued=45, returned=45), RULES) == []


def test_issued_more_than_present_is_invalid():
    outcome = count_outcome(count(present=45, issued=46, returned=45), RULES)
    assert outcome.kind == "invalid"
    assert outcome.problems == ["发出选票 46 张，多于到会有选举权的 45 人"]


def test_issued_equal_to_present_is_valid():
    assert count_violations(count(present=45, issued=45, returned=45), RULES) == []


def test_void_more_than_returned_is_invalid():
    problems = count_violations(count(returned=40, void=41, votes={}), RULES)
    assert "废票 41 张，多于收回选票 40 张" in problems


def test_void_equal_to_returned_is_valid_when_nobody_has_votes():
    assert count_violations(count(returned=40, void=40, votes={}), RULES) == []


def test_candidate_with_more_votes_than_valid_ballots_is_invalid():
    problems = count_violations(
        count(returned=50, void=5, votes={"A": 46}, names={"A": "吉𠮷"}), RULES
    )
    assert problems == ["吉𠮷 得 46 票，多于有效选票 45 张"]


def test_candidate_with_votes_equal_to_valid_ballots_is_valid():
    assert count_violations(count(returned=50, void=5, votes={"A": 45}), RULES) == []


def test_candidate_without_a_name_is_named_by_key():
    problems = count_violations(count(returned=50, void=5, votes={17: 46}), RULES)
    assert problems == ["17 得 46 票，多于有效选票 45 张"]


def test_total_votes_over_valid_times_seats_is_invalid():
    problems = count_violations(count(votes={"A": 50, "B": 50, "C": 50, "D": 1}), RULES)
    assert problems == [
        "得票合计 151，超过有效选票 50 张 × 应选 3 名；所选人数多于应选名额的选票应作废票"
    ]


def test_total_votes_equal_to_valid_times_seats_is_valid():
    assert count_violations(count(votes={"A": 50, "B": 50, "C": 49, "D": 1}), RULES) == []


def test_total_votes_measured_against_valid_not_returned_ballots():
    # 45 valid ballots × 3 seats = 135: 136 votes cannot come from them.
    problems = count_violations(count(void=5, votes={"A": 45, "B": 45, "C": 45, "D": 1}), RULES)
    assert problems == [
        "得票合计 136，超过有效选票 45 张 × 应选 3 名；所选人数多于应选名额的选票应作废票"
    ]


# Void ballots and tallying individual ballots.


@pytest.mark.parametrize(
    ("marks", "void"),
    [
        ((), False),
        (("A",), False),
        (("A", "B", "C"), False),  # exactly as many names as seats
        (("A", "B", "C", "D"), True),  # one more than seats
        (("A", "A"), True),  # the same name marked twice
        (("A", "B", "A"), True),  # a duplicate within the seat count
    ],
)
def test_ballot_is_void_when_marking_more_than_seats_or_a_name_twice(marks, void):
    assert ballot_is_void(marks, 3) is void


def test_ballots_tally_counts_votes_from_valid_ballots_only():
    ballots = [
        ("A", "B", "C"),
        ("A", "B"),
        ("A", "B", "C", "D"),  # void: four names for three seats
        ("C", "C"),  # void: C twice
        (),
    ]
    assert ballots_tally(ballots, 3) == (5, 2, {"A": 2, "B": 2, "C": 1})


def test_ballots_tally_of_no_ballots():
    assert ballots_tally([], 3) == (0, 0, {})


def test_ballots_tally_accepts_a_generator_and_non_bmp_keys():
    ballots = (marks for marks in [("吉𠮷",), ("吉𠮷", "乙"), ("吉𠮷", "乙")])
    assert ballots_tally(ballots, 1) == (3, 2, {"吉𠮷": 1})


def test_tallied_ballots_make_a_valid_count():
    ballots = [("A", "B")] * 30 + [("A", "C")] * 12 + [("A", "B", "C")] * 3
    returned, void, votes = ballots_tally(ballots, 2)
    assert (returned, void, votes) == (45, 3, {"A": 42, "B": 30, "C": 12})
    outcome = count_outcome(
        count(present=45, issued=45, returned=returned, void=void, seats=2, votes=votes), RULES
    )
    assert outcome.kind == "elected"
    assert outcome.elected == ["A", "B"]


# Majority: 赞成 must be MORE than half of the voters present.


@pytest.mark.parametrize(
    ("present", "votes", "elected"),
    [(50, 25, False), (50, 26, True), (41, 20, False), (41, 21, True)],
)
def test_majority_of_present_boundary(present, votes, elected):
    outcome = count_outcome(
        count(present=present, issued=present, returned=present, seats=1, votes={"A": votes}),
        RULES,
    )
    assert outcome.valid
    assert outcome.elected == (["A"] if elected else [])
    assert outcome.kind == ("elected" if elected else "shortfall")
    assert outcome.shortfall == (0 if elected else 1)


def test_majority_counted_against_present_not_returned_ballots():
    # 20 of 30 returned ballots, but not more than half of the 50 present.
    outcome = count_outcome(count(returned=30, seats=1, votes={"A": 20}), RULES)
    assert outcome.elected == []
    assert outcome.shortfall == 1


# Who is elected.


def test_more_qualifying_than_seats_elects_the_top_seats_by_votes():
    outcome = count_outcome(count(votes={"A": 27, "B": 45, "C": 40, "D": 35}), RULES)
    assert outcome.kind == "elected"
    assert outcome.elected == ["B", "C", "D"]
    assert outcome.tied == []
    assert outcome.shortfall == 0


def test_qualifying_equal_to_seats_elects_all_by_votes():
    outcome = count_outcome(count(votes={"A": 30, "B": 40, "C": 35, "D": 10}), RULES)
    assert outcome.kind == "elected"
    assert outcome.elected == ["B", "C", "A"]


def test_tie_at_the_last_seat_goes_to_a_revote():
    outcome = count_outcome(count(votes={"A": 40, "B": 35, "C": 30, "D": 30}), RULES)
    assert outcome.kind == "tie"
    assert outcome.elected == ["A", "B"]
    assert outcome.tied == ["C", "D"]
    assert outcome.tie_places == 1
    assert outcome.shortfall == 0


def test_three_way_tie_for_two_places():
    outcome = count_outcome(count(votes={"A": 40, "B": 30, "C": 30, "D": 30}), RULES)
    assert outcome.kind == "tie"
    assert outcome.elected == ["A"]
    assert outcome.tied == ["B", "C", "D"]
    assert outcome.tie_places == 2


def test_tie_for_every_seat():
    outcome = count_outcome(count(seats=2, votes={"A": 30, "B": 30, "C": 30}), RULES)
    assert outcome.kind == "tie"
    assert outcome.elected == []
    assert outcome.tied == ["A", "B", "C"]
    assert outcome.tie_places == 2


def test_tie_entirely_within_the_seats_is_not_a_tie():
    outcome = count_outcome(count(votes={"A": 40, "B": 30, "C": 30, "D": 26}), RULES)
    assert outcome.kind == "elected"
    assert outcome.elected == ["A", "B", "C"]
    assert outcome.tied == []
    assert outcome.tie_places == 0


def test_tie_below_the_majority_is_a_shortfall_not_a_tie():
    # C and D are tied for the last seat but neither has more than half of the 50 present.
    outcome = count_outcome(count(votes={"A": 40, "B": 35, "C": 25, "D": 25}), RULES)
    assert outcome.kind == "shortfall"
    assert outcome.elected == ["A", "B"]
    assert outcome.tied == []
    assert outcome.shortfall == 1


def test_shortfall_when_fewer_than_seats_clear_half():
    outcome = count_outcome(
        count(seats=5, votes={"A": 40, "B": 30, "C": 26, "D": 25, "E": 10}), RULES
    )
    assert outcome.kind == "shortfall"
    assert outcome.elected == ["A", "B", "C"]
    assert outcome.shortfall == 2
    assert outcome.tied == []


def test_nobody_elected_is_a_full_shortfall():
    outcome = count_outcome(count(votes={"A": 25, "B": 20}), RULES)
    assert outcome.kind == "shortfall"
    assert outcome.elected == []
    assert outcome.shortfall == 3


# Re-vote among the tied: the most votes win, no majority needed.


def test_revote_most_votes_win_without_majority():
    # 24 is not more than half of 50, yet in a re-vote it wins the one place.
    outcome = count_outcome(count(seats=1, votes={"C": 24, "D": 20}), REVOTE)
    assert outcome.kind == "elected"
    assert outcome.elected == ["C"]
    assert outcome.shortfall == 0


def test_revote_the_same_counts_need_a_majority_in_a_first_round():
    outcome = count_outcome(count(seats=1, votes={"C": 24, "D": 20}), RULES)
    assert outcome.kind == "shortfall"
    assert outcome.elected == []


def test_revote_repeated_tie_stays_a_tie():
    outcome = count_outcome(count(seats=1, votes={"C": 25, "D": 25}), REVOTE)
    assert outcome.kind == "tie"
    assert outcome.elected == []
    assert outcome.tied == ["C", "D"]
    assert outcome.tie_places == 1


def test_revote_for_two_places_among_three():
    outcome = count_outcome(count(seats=2, votes={"B": 20, "C": 45, "D": 30}), REVOTE)
    assert outcome.kind == "elected"
    assert outcome.elected == ["C", "D"]


def test_revote_still_checks_quorum():
    outcome = count_outcome(
        count(present=40, issued=40, returned=40, seats=1, votes={"C": 30, "D": 10}), REVOTE
    )
    assert outcome.kind == "invalid"
    assert outcome.elected == []


# Outcome.kind precedence.


@pytest.mark.parametrize(
    ("outcome", "kind"),
    [
        (Outcome(problems=["x"], elected=["A"], tied=["B", "C"], shortfall=1), "invalid"),
        (Outcome(problems=[], elected=["A"], tied=["B", "C"], tie_places=1), "tie"),
        (Outcome(problems=[], elected=["A"], shortfall=2), "shortfall"),
        (Outcome(problems=[], elected=["A", "B"]), "elected"),
    ],
)
def test_outcome_kind(outcome, kind):
    assert outcome.kind == kind
    assert outcome.valid is (kind != "invalid")


# One candidate's line in the result.


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        (25, "吉𠮷 赞成 25 票，未超过实到会 50 人的二分之一"),
        (26, "吉𠮷 赞成 26 票，超过实到会 50 人的二分之一"),
    ],
)
def test_outcome_reason_names_the_majority_and_the_numbers(votes, expected):
    result = count(votes={"A": votes}, names={"A": "吉𠮷"})
    assert outcome_reason(result, RULES, "A", "吉𠮷") == expected


def test_outcome_reason_candidate_without_votes_has_zero():
    reason = outcome_reason(count(votes={}), RULES, "Z", "乙")
    assert reason == "乙 赞成 0 票，未超过实到会 50 人的二分之一"


def test_outcome_reason_in_a_revote_states_votes_only():
    reason = outcome_reason(count(votes={"C": 24}), REVOTE, "C", "吉𠮷")
    assert reason == "吉𠮷 得票 24"


@pytest.mark.parametrize("seats", [0, -1])
def test_a_round_without_places_is_invalid(seats):
    count = BallotCount(
        should_attend=50, present=50, issued=0, returned=0, void=0, seats=seats, votes={}
    )
    outcome = count_outcome(count, CountRules(quorum=Fraction(4, 5)))
    assert outcome.kind == "invalid" and outcome.problems == ["本轮应选名额必须大于 0"]
