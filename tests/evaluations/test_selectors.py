"""Reads: scoping by the tree, the branch table, survey aggregates, and what a user owes."""

from decimal import Decimal

from django.utils import timezone

from tests.factories import MemberFactory, OrganizationFactory, UserFactory
from workflows.evaluations import selectors, services
from workflows.evaluations.models import SurveyBranch
from workflows.org.models import OrgKind, ReviewResult

from .helpers import YEAR, branch_of, confirmed, rate, round_open
from .test_services import survey_open


def test_rounds_are_seen_by_the_committee_and_above_not_by_branches_or_elsewhere(small):
    review_round = round_open(small)
    for user in (small.committee_secretary, small.reviewer_1):
        assert list(selectors.rounds_visible_to(user=user)) == [review_round]
    for user in (small.secretary_a, small.applicant_user, small.party_secretary_a):
        assert not selectors.rounds_visible_to(user=user).exists()
    assert selectors.round_managed_by(review_round=review_round, user=small.committee_secretary)
    assert not selectors.round_managed_by(review_round=review_round, user=small.reviewer_1)


def test_a_branch_secretary_sees_and_rates_only_their_branch(small):
    review_round = round_open(small)
    mine, theirs = branch_of(review_round, small.branch_a), branch_of(review_round, small.branch_b)
    assert list(selectors.branch_reviews_led_by(user=small.secretary_a)) == [mine]
    assert selectors.branch_review_visible_to(branch_review=mine, user=small.secretary_a)
    assert not selectors.branch_review_visible_to(branch_review=theirs, user=small.secretary_a)
    assert selectors.branch_review_visible_to(branch_review=theirs, user=small.committee_secretary)
    assert not selectors.branch_review_rated_by(branch_review=theirs, user=small.secretary_a)


def test_the_branch_table_counts_members_and_results(small):
    review_round = round_open(small)
    rate(branch_of(review_round, small.branch_a), small.secretary_a, {small.applicant: "excellent"})
    rows = {
        row.review.branch: row for row in selectors.round_branch_table(review_round=review_round)
    }
    assert (rows[small.branch_a].members, rows[small.branch_a].rated) == (10, 10)
    assert rows[small.branch_a].counts == {"excellent": 1, "qualified": 9}
    assert (rows[small.branch_b].members, rows[small.branch_b].rated) == (1, 0)


def test_a_member_reads_their_result_only_once_the_round_is_final(small):
    review_round = round_open(small)
    confirmed(review_round, small)
    [mine] = selectors.my_reviews(member=small.applicant)
    assert mine.review.result == ReviewResult.QUALIFIED and not mine.result_shown
    services.review_rating_close(review_round=review_round, by=small.committee_secretary)
    [mine] = selectors.my_reviews(member=small.applicant)
    assert mine.result_shown
    assert selectors.review_result_of(member=small.applicant, year=YEAR) == ReviewResult.QUALIFIED
    assert selectors.review_result_of(member=small.applicant, year=YEAR - 1) == ""


def test_what_a_user_owes(small):
    me = small.applicant
    assert selectors.evaluations_owed(user=me.user) == 0
    review_round = round_open(small)
    survey = survey_open(small)
    assert selectors.evaluations_owed(user=me.user) == 2  # 自评 and ballot
    assert selectors.evaluations_owed(user=small.secretary_a) == 1  # the branch's ratings
    assert selectors.evaluations_owed(user=small.deputy_a) == 1
    assert selectors.evaluations_owed(user=small.committee_secretary) == 0
    review = branch_of(review_round, small.branch_a)
    services.self_assessment_save(branch_review=review, member=me, text="自评。", by=me.user)
    services.survey_vote(survey=survey, member=me, scores=[100] * 5, by=me.user)
    assert selectors.evaluations_owed(user=me.user) == 0
    rate(review, small.secretary_a)
    services.branch_review_submit(branch_review=review, by=small.secretary_a)
    assert selectors.evaluations_owed(user=small.secretary_a) == 0
    # A member who has not written theirs owes nothing once the branch has submitted.
    assert selectors.evaluations_owed(user=small.members_a[0].user) == 1  # the ballot only


def test_survey_results_count_the_branch_without_its_secretary(small):
    MemberFactory(branch=small.branch_a, user=small.secretary_a, name="陈支书")
    survey = survey_open(small, closes_on=timezone.localdate())
    voters = small.members_a[:7]
    for voter in voters:
        services.survey_vote(
            survey=survey, member=voter, scores=[100, 100, 100, 60, 100], by=voter.user
        )
    rows = {
        r.target.branch: r.result
        for r in selectors.survey_results(survey=survey, targets=survey.branches.all())
    }
    a = rows[small.branch_a]
    assert (a.voted, a.eligible, a.participation) == (7, 10, Decimal("70.00"))
    assert a.item_averages[3] == Decimal("60.00")
    assert (a.overall, a.valid) == (Decimal("92.00"), True)
    b = rows[small.branch_b]
    assert (b.voted, b.eligible, b.valid) == (0, 1, False)


def test_a_rated_secretary_sees_only_their_own_branch(small):
    survey = survey_open(small)
    assert list(selectors.survey_branches_rated(user=small.secretary_a)) == [
        SurveyBranch.objects.get(survey=survey, branch=small.branch_a)
    ]
    assert not selectors.surveys_visible_to(user=small.secretary_a).exists()
    assert list(selectors.surveys_visible_to(user=small.committee_secretary)) == [survey]


def test_secretary_satisfaction_is_none_for_someone_who_is_no_branch_secretary(small):
    on = timezone.localdate()
    assert selectors.secretary_satisfaction(user=small.applicant_user, year=YEAR, on=on) is None
    assert (
        selectors.secretary_satisfaction(user=small.committee_secretary, year=YEAR, on=on) is None
    )
    standing = selectors.secretary_satisfaction(user=small.secretary_a, year=YEAR, on=on)
    assert (standing.branch_name, standing.result) == ("心内科团支部", None)
    survey = survey_open(small, closes_on=on)
    for voter in small.members_a[:7]:
        services.survey_vote(survey=survey, member=voter, scores=[100] * 5, by=voter.user)
    assert selectors.secretary_satisfaction(user=small.secretary_a, year=YEAR, on=on).result is None
    services.survey_close(survey=survey, by=small.committee_secretary)
    result = selectors.secretary_satisfaction(user=small.secretary_a, year=YEAR, on=on).result
    assert (result.overall, result.valid) == (Decimal("100.00"), True)


def test_branches_of_a_general_branch_are_in_the_committees_round(small):
    general = OrganizationFactory(
        name="医技团总支", kind=OrgKind.GENERAL_BRANCH, parent=small.committee
    )
    lab = OrganizationFactory(name="检验科团支部", parent=general)
    MemberFactory(branch=lab, user=UserFactory(username="lab1"))
    review_round = round_open(small)
    assert review_round.branches.filter(branch=lab).exists()
