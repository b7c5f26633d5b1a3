"""The panel's tally and the ranking within the award quota, as pure functions."""

from decimal import Decimal
from fractions import Fraction

import pytest

from workflows.awards.ranking import Tally, category_rank, pass_text, tally_count

HALF = Fraction(1, 2)


def votes(for_: int, against: int = 0) -> list[bool]:
    return [True] * for_ + [False] * against


def tally(pk: int, name: str, votes_for: int, judges: int = 7, score=None) -> Tally:
    return tally_count(
        nomination_id=pk,
        name=name,
        approvals=votes(votes_for, judges - votes_for),
        scores=None if score is None else [Decimal(score)] * judges,
        judges=judges,
        fraction=HALF,
    )


# --- tally_count: "more than half" of the judges able to judge -------


@pytest.mark.parametrize(
    ("votes_for", "judges", "passed"),
    [
        (3, 6, False),  # exactly half is not more than half
        (4, 6, True),
        (4, 7, True),
        (3, 7, False),
        (4, 8, False),
        (5, 8, True),
        (1, 1, True),
        (0, 0, False),  # nobody could judge: nobody passes
    ],
)
def test_more_than_half(votes_for, judges, passed):
    result = tally_count(
        nomination_id=1,
        name="吉𠮷",
        approvals=votes(votes_for, judges - votes_for),
        scores=None,
        judges=judges,
        fraction=HALF,
    )
    assert result.votes_for == votes_for
    assert result.passed is passed


def test_recused_judges_leave_the_denominator():
    """7 judges, 2 of them recused: 3 votes for is more than half of the 5 who could judge."""
    recused = tally_count(
        nomination_id=1, name="吉𠮷", approvals=votes(3, 2), scores=None, judges=5, fraction=HALF
    )
    whole_panel = tally_count(
        nomination_id=1, name="吉𠮷", approvals=votes(3, 2), scores=None, judges=7, fraction=HALF
    )
    assert recused.passed
    assert not whole_panel.passed


def test_a_judge_who_cast_nothing_counts_as_not_for():
    # 7 judges could judge, only 4 ballots came in, 3 of them for: 3 is not more than 3.5.
    result = tally_count(
        nomination_id=1, name="吉𠮷", approvals=votes(3, 1), scores=None, judges=7, fraction=HALF
    )
    assert result.votes_for == 3
    assert result.judges == 7
    assert not result.passed


def test_two_thirds_rule():
    two_thirds = Fraction(2, 3)
    four = tally_count(
        nomination_id=1,
        name="甲",
        approvals=votes(4, 2),
        scores=None,
        judges=6,
        fraction=two_thirds,
    )
    five = tally_count(
        nomination_id=2,
        name="乙",
        approvals=votes(5, 1),
        scores=None,
        judges=6,
        fraction=two_thirds,
    )
    assert not four.passed
    assert five.passed


def test_scores_are_averaged_to_two_places_and_rank_the_nominee():
    result = tally_count(
        nomination_id=1,
        name="吉𠮷",
        approvals=[True, True, False],
        scores=[Decimal("80"), Decimal("85.5"), Decimal("59")],
        judges=3,
        fraction=HALF,
    )
    assert result.score == Decimal("74.83")
    assert result.measure == Decimal("74.83")
    assert result.passed  # 2 of 3 scored at or above the pass mark


def test_no_scores_cast_is_zero():
    result = tally_count(
        nomination_id=1, name="吉𠮷", approvals=[], scores=[], judges=3, fraction=HALF
    )
    assert result.score == Decimal(0)
    assert not result.passed


def test_pass_text_names_the_votes_and_the_judges():
    passed = tally(1, "吉𠮷", 4, judges=7)
    failed = tally(2, "张三", 3, judges=6)
    assert pass_text(passed, HALF) == "赞成 4 票（可评评委 7 人），超过二分之一"
    assert pass_text(failed, HALF) == "赞成 3 票（可评评委 6 人），未超过二分之一"


# --- category_rank: within the quota, ties at the line left for a person ---


def test_fewer_passed_than_quota_all_selected_and_failures_left_out():
    a, b, c = tally(1, "甲", 6), tally(2, "乙", 5), tally(3, "丙", 2)
    ranking = category_rank(category="优秀共青团员", tallies=[c, b, a], quota=3)
    assert [t.nomination_id for t in ranking.ranked] == [1, 2]
    assert ranking.selected == [1, 2]
    assert not ranking.tie_open
    assert ranking.tie_text == ""


def test_best_within_quota_are_selected():
    tallies = [tally(1, "甲", 5), tally(2, "乙", 7), tally(3, "丙", 6), tally(4, "丁", 4)]
    ranking = category_rank(category="优秀共青团员", tallies=tallies, quota=2)
    assert ranking.selected == [2, 3]
    assert not ranking.tie_open


def test_tie_at_the_quota_line_is_left_open():
    a, b, c = tally(1, "吉𠮷", 6), tally(2, "张三", 5), tally(3, "李四", 5)
    ranking = category_rank(category="优秀共青团员", tallies=[a, b, c], quota=2)
    assert ranking.tie_open
    assert ranking.selected == [1]
    assert [t.nomination_id for t in ranking.tied] == [2, 3]
    assert ranking.tie_seats == 1
    assert ranking.tie_text == (
        "优秀共青团员名额 2 名：张三、李四并列（各 5 票），须从中决定 1 名入围"
    )


def test_picks_settle_the_tie():
    a, b, c = tally(1, "吉𠮷", 6), tally(2, "张三", 5), tally(3, "李四", 5)
    ranking = category_rank(category="优秀共青团员", tallies=[a, b, c], quota=2, picks={3})
    assert not ranking.tie_open
    assert ranking.selected == [1, 3]
    assert len(ranking.selected) == 2


def test_picks_of_the_wrong_number_leave_the_tie_open():
    a, b, c = tally(1, "吉𠮷", 6), tally(2, "张三", 5), tally(3, "李四", 5)
    both = category_rank(category="优秀共青团员", tallies=[a, b, c], quota=2, picks={2, 3})
    outsider = category_rank(category="优秀共青团员", tallies=[a, b, c], quota=2, picks={1})
    assert both.tie_open and both.selected == [1]
    assert outsider.tie_open and outsider.selected == [1]


def test_three_way_tie_for_two_seats():
    tallies = [tally(1, "甲", 5), tally(2, "乙", 5), tally(3, "丙", 5)]
    ranking = category_rank(category="优秀共青团员", tallies=tallies, quota=2)
    assert ranking.tie_open
    assert ranking.tie_seats == 2
    assert "甲、乙、丙并列（各 5 票），须从中决定 2 名入围" in ranking.tie_text
    settled = category_rank(category="优秀共青团员", tallies=tallies, quota=2, picks={1, 3})
    assert settled.selected == [1, 3]


def test_tie_below_the_line_is_not_a_tie_issue():
    tallies = [tally(1, "甲", 7), tally(2, "乙", 6), tally(3, "丙", 4), tally(4, "丁", 4)]
    ranking = category_rank(category="优秀共青团员", tallies=tallies, quota=2)
    assert ranking.selected == [1, 2]
    assert ranking.tied == []
    assert not ranking.tie_open


def test_tie_inside_the_quota_is_not_a_tie_issue():
    tallies = [tally(1, "甲", 6), tally(2, "乙", 6), tally(3, "丙", 4)]
    ranking = category_rank(category="优秀共青团员", tallies=tallies, quota=2)
    assert sorted(ranking.selected) == [1, 2]
    assert not ranking.tie_open


def test_tie_by_score_is_worded_in_points():
    tallies = [
        tally(1, "甲", 3, judges=3, score="90"),
        tally(2, "乙", 3, judges=3, score="85"),
        tally(3, "丙", 3, judges=3, score="85"),
    ]
    ranking = category_rank(category="青年岗位能手", tallies=tallies, quota=2, by_score=True)
    assert ranking.tie_open
    assert "乙、丙并列（各 85.00 分），须从中决定 1 名入围" in ranking.tie_text


def test_scores_rank_before_votes():
    # Scored categories rank on the mean score even where the votes say otherwise.
    high_score = tally_count(
        nomination_id=1,
        name="甲",
        approvals=votes(2, 1),
        scores=[Decimal(95), Decimal(95), Decimal(50)],
        judges=3,
        fraction=HALF,
    )
    more_votes = tally(2, "乙", 3, judges=3, score="70")
    ranking = category_rank(
        category="青年岗位能手", tallies=[more_votes, high_score], quota=1, by_score=True
    )
    assert ranking.selected == [1]


def test_zero_quota_selects_nobody():
    ranking = category_rank(category="优秀共青团员", tallies=[tally(1, "甲", 7)], quota=0)
    assert ranking.selected == []
    assert not ranking.tie_open
