"""互检互查 arithmetic: the trimmed mean with 3, 4 and 5 reviewers, outliers and star levels."""

from decimal import Decimal

import pytest

from workflows.civilization_posts.scoring import (
    StarRules,
    outlier_flags,
    stars_for,
    stars_problem,
    trimmed_mean,
)

STARS = StarRules(pass_score=80, two_star_score=88, three_star_score=95)


def d(*values) -> list[Decimal]:
    return [Decimal(str(v)) for v in values]


def test_three_reviewers_trimmed_leaves_the_middle_one():
    mean = trimmed_mean(d(70, 90, 99), trim=True)
    assert mean.value == Decimal("90.00")
    assert mean.dropped == (Decimal(99), Decimal(70))


def test_four_reviewers_trimmed_averages_the_middle_two():
    mean = trimmed_mean(d(60, 85, 90, 100), trim=True)
    assert mean.value == Decimal("87.50")
    assert mean.trimmed


def test_five_reviewers_trimmed_drops_one_each_even_when_tied():
    mean = trimmed_mean(d(80, 80, 86, 91, 91), trim=True)
    assert mean.value == Decimal("85.67")  # (80 + 86 + 91) / 3, rounded half up
    assert mean.dropped == (Decimal(91), Decimal(80))


def test_without_trimming_every_total_counts():
    assert trimmed_mean(d(70, 90, 99), trim=False).value == Decimal("86.33")
    assert trimmed_mean(d(60, 85, 90, 100), trim=False).value == Decimal("83.75")
    assert trimmed_mean(d(80, 80, 86, 91, 91), trim=False).value == Decimal("85.60")


def test_two_reviewers_cannot_be_trimmed():
    mean = trimmed_mean(d(80, 90), trim=True)
    assert mean.value == Decimal("85.00") and not mean.trimmed


def test_no_reviews_no_mean():
    assert trimmed_mean([], trim=True).value is None


def test_outliers_are_far_from_the_median():
    assert outlier_flags(d(88, 90, 91, 60), points=15) == [False, False, False, True]
    # exactly the allowed distance is not an outlier
    assert outlier_flags(d(75, 90, 92), points=15) == [False, False, False]
    assert outlier_flags(d(60, 95), points=15) == [False, False]


@pytest.mark.parametrize(
    ("mean", "stars"),
    [(None, 0), ("79.99", 0), ("80", 1), ("87.99", 1), ("88", 2), ("94.99", 2), ("95", 3)],
)
def test_star_levels(mean, stars):
    assert stars_for(Decimal(mean) if mean else None, STARS) == stars


def test_a_higher_star_than_the_mean_supports_is_explained():
    assert stars_problem(stars=2, mean=Decimal("88.00"), rules=STARS) is None
    assert stars_problem(stars=1, mean=Decimal("99.00"), rules=STARS) is None
    assert (
        stars_problem(stars=3, mean=Decimal("90.50"), rules=STARS)
        == "互检互查平均 90.50 分，未达到三星级所需的 95 分"
    )
    assert stars_problem(stars=1, mean=None, rules=STARS) == "尚无互检互查评分，不能评定星级"
