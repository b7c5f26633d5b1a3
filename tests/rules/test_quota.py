"""Quota arithmetic: a percentage of a unit's records, rounded as the rulebook says, or a fixed
number."""

import pytest

from workflows.rules.quota import quota_compute, quota_fixed


def members(count: int, rounding: str = "floor", percent: int = 3, minimum: int = 1):
    return quota_compute(
        percent=percent,
        basis_text=f"团员 {count} 人",
        basis_count=count,
        rounding=rounding,
        minimum=minimum,
    )


def test_three_percent_of_34_floors_to_1():
    quota = members(34)
    assert quota.limit == 1
    assert not quota.raised_to_minimum
    assert quota.explain() == "团员 34 人 × 3% = 1.02，向下取整为 1 名"


def test_three_percent_of_20_is_raised_to_the_minimum():
    quota = members(20)
    assert quota.limit == 1
    assert quota.raised_to_minimum
    assert quota.explain() == "团员 20 人 × 3% = 0.6，不足 1 名按 1 名计"


def test_three_percent_of_100_is_3():
    quota = members(100)
    assert quota.limit == 3
    assert quota.explain() == "团员 100 人 × 3% = 3，向下取整为 3 名"


def test_no_members_no_quota():
    quota = members(0)
    assert quota.limit == 0
    assert not quota.raised_to_minimum
    assert "0 名" in quota.explain()


@pytest.mark.parametrize(
    ("count", "floor", "half_up", "ceil"),
    [
        (34, 1, 1, 2),  # 1.02
        (49, 1, 1, 2),  # 1.47
        (50, 1, 2, 2),  # 1.5: half goes up
        (66, 1, 2, 2),  # 1.98
        (100, 3, 3, 3),  # exact
    ],
)
def test_rounding_modes(count, floor, half_up, ceil):
    assert members(count, "floor").limit == floor
    assert members(count, "half_up").limit == half_up
    assert members(count, "ceil").limit == ceil


def test_rounding_words_name_the_mode():
    assert members(50, "half_up").explain() == "团员 50 人 × 3% = 1.5，四舍五入为 2 名"
    assert members(34, "ceil").explain() == "团员 34 人 × 3% = 1.02，向上取整为 2 名"


def test_half_up_is_exact_where_floats_are_not():
    # 29% of 50 is 14.5 exactly; 0.29 * 50 in floating point is 14.499999999999998.
    assert members(50, "half_up", percent=29).limit == 15


def test_ceil_reaching_the_minimum_is_not_a_raise():
    quota = members(20, "ceil")
    assert quota.limit == 1
    assert not quota.raised_to_minimum
    assert "向上取整为 1 名" in quota.explain()


def test_minimum_of_zero_lets_a_small_unit_have_none():
    quota = members(20, minimum=0)
    assert quota.limit == 0
    assert not quota.raised_to_minimum


def test_fixed_quota():
    quota = quota_fixed(5)
    assert quota.limit == 5
    assert quota.exact is None
    assert quota.explain() == "定额 5 名"
