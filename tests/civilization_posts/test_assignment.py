"""Who reviews whom inside a group: never oneself, never a barred reviewer, load balanced."""

from collections import Counter

from workflows.civilization_posts.assignment import reviewers_assign


def test_each_applicant_gets_the_next_in_the_circle():
    plan = reviewers_assign(applicants=[1, 2, 3, 4], reviewers=[1, 2, 3, 4], per_applicant=2)
    assert plan == {1: [2, 3], 2: [3, 4], 3: [4, 1], 4: [1, 2]}


def test_nobody_reviews_themself_and_load_is_even():
    collectives = list(range(10, 23))
    plan = reviewers_assign(applicants=collectives, reviewers=collectives, per_applicant=5)
    assert all(applicant not in reviewers for applicant, reviewers in plan.items())
    assert all(len(reviewers) == 5 for reviewers in plan.values())
    load = Counter(r for reviewers in plan.values() for r in reviewers)
    assert set(load.values()) == {5}


def test_barred_reviewers_are_skipped_and_replaced():
    plan = reviewers_assign(
        applicants=[1], reviewers=[1, 2, 3, 4], per_applicant=2, barred={1: {2}}
    )
    assert plan == {1: [3, 4]}


def test_zero_means_every_other_reviewer_and_small_groups_give_what_they_have():
    assert reviewers_assign(applicants=[5], reviewers=[1, 5, 9], per_applicant=0) == {5: [9, 1]}
    assert reviewers_assign(applicants=[5], reviewers=[5, 9], per_applicant=3) == {5: [9]}
    assert reviewers_assign(applicants=[5], reviewers=[5], per_applicant=3) == {5: []}


def test_applicants_who_are_not_reviewers_still_get_reviewed():
    plan = reviewers_assign(applicants=[2], reviewers=[1, 3, 5], per_applicant=2)
    assert plan == {2: [3, 5]}
