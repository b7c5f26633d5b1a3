"""Meeting rules at their boundaries, without a database."""

from fractions import Fraction

import pytest

from workflows.engine.meeting import MeetingRules, Tally, tally_passes, tally_violations

HALF = MeetingRules(quorum=Fraction(1, 2), pass_line=Fraction(1, 2))
FOUR_FIFTHS = MeetingRules(quorum=Fraction(4, 5), pass_line=Fraction(1, 2))


def tally(**overrides) -> Tally:
    values = dict(
        should_attend=50, present=40, ballots=40, votes_for=30, votes_against=5, votes_abstain=5
    )
    values.update(overrides)
    return Tally(**values)


def test_valid_meeting_has_no_violations():
    assert tally_violations(tally(), HALF) == []


def test_quorum_exactly_half_is_not_more_than_half():
    problems = tally_violations(
        tally(present=25, ballots=25, votes_for=20, votes_against=5, votes_abstain=0), HALF
    )
    assert problems == ["到会 25 人，未超过应到会 50 人的二分之一，会议无效"]


def test_quorum_one_more_than_half_is_valid():
    assert (
        tally_violations(
            tally(present=26, ballots=26, votes_for=26, votes_against=0, votes_abstain=0), HALF
        )
        == []
    )


@pytest.mark.parametrize(("present", "valid"), [(40, False), (41, True)])
def test_four_fifths_quorum_boundary(present, valid):
    problems = tally_violations(
        tally(present=present, ballots=present, votes_for=30, votes_against=0, votes_abstain=0),
        FOUR_FIFTHS,
    )
    assert (problems == []) is valid
    if not valid:
        assert "到会 40 人，未超过应到会 50 人的五分之四" in problems[0]


def test_votes_for_exactly_half_of_should_attend_fails():
    assert not tally_passes(tally(votes_for=25), HALF)


def test_votes_for_counted_against_should_attend_not_present():
    # 26 of 30 present is a large majority of those present, but not more than half of 60.
    assert not tally_passes(
        tally(
            should_attend=60, present=31, ballots=31, votes_for=30, votes_against=1, votes_abstain=0
        ),
        HALF,
    )


def test_votes_for_one_more_than_half_passes():
    assert tally_passes(tally(votes_for=26), HALF)


def test_more_votes_than_ballots_is_invalid():
    problems = tally_violations(
        tally(ballots=38, votes_for=30, votes_against=5, votes_abstain=5), HALF
    )
    assert problems == ["赞成 30 + 反对 5 + 弃权 5 = 40，多于收回选票 38 张"]


def test_more_ballots_than_present_is_invalid():
    problems = tally_violations(tally(ballots=41), HALF)
    assert "收回选票 41 张，多于实到会 40 人" in problems


def test_more_present_than_should_attend_is_invalid():
    problems = tally_violations(tally(present=51, ballots=40), HALF)
    assert "实到会 51 人，超过应到会 50 人" in problems
