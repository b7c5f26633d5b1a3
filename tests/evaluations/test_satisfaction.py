"""满意度 arithmetic: averages, the overall percentage and the turnout that makes it count."""

from decimal import Decimal
from fractions import Fraction

from workflows.evaluations.satisfaction import ballot_problems, branch_result

TWO_THIRDS = Fraction(2, 3)


def test_averages_per_item_and_overall_as_a_percentage():
    ballots = [[100, 100, 60], [100, 60, 100], [100, 100, 100]]
    result = branch_result(items=3, ballots=ballots, eligible=3, minimum=TWO_THIRDS)
    assert result.item_averages == (Decimal("100.00"), Decimal("86.67"), Decimal("86.67"))
    assert result.overall == Decimal("91.11")
    assert result.participation == Decimal("100.00")
    assert result.valid


def test_the_seed_reports_figure():
    # 25 ballots of 5 items, one 不满意 and one 基本满意 among them: 100 − 140 / 125 = 98.88%.
    ballots = [[100] * 5 for _ in range(23)] + [[0, 100, 100, 100, 100], [100, 60, 100, 100, 100]]
    result = branch_result(items=5, ballots=ballots, eligible=30, minimum=TWO_THIRDS)
    assert result.overall == Decimal("98.88")
    assert result.item_averages[:2] == (Decimal("96.00"), Decimal("98.40"))
    assert result.participation == Decimal("83.33")


def test_exactly_two_thirds_counts_and_fewer_is_void():
    assert branch_result(items=1, ballots=[[100]] * 4, eligible=6, minimum=TWO_THIRDS).valid
    short = branch_result(items=1, ballots=[[100]] * 3, eligible=6, minimum=TWO_THIRDS)
    assert not short.valid
    assert short.problem == "参与率 50.00%（3/6 人），低于三分之二，结果无效"


def test_no_ballots_and_no_voters():
    empty = branch_result(items=2, ballots=[], eligible=5, minimum=TWO_THIRDS)
    assert (empty.overall, empty.item_averages, empty.valid) == (None, (None, None), False)
    nobody = branch_result(items=2, ballots=[], eligible=0, minimum=TWO_THIRDS)
    assert (nobody.participation, nobody.problem) == (None, "没有参加测评的团员")


def test_a_ballot_rates_every_item_on_the_scale():
    items = ["政治素质", "廉洁自律"]
    assert ballot_problems(items=items, scores=[100, 0]) == []
    assert ballot_problems(items=items, scores=[None, 60]) == [
        "请为每一项作出评价，尚未评价：政治素质"
    ]
    assert ballot_problems(items=items, scores=[100, 5]) == ["评价只能是满意、基本满意或不满意"]
