"""评优 quotas through the records: how many records a unit's quota counts, and how a unit's
quota limits its nominations. The arithmetic itself: tests/rules/test_quota.py."""

import pytest

from tests.factories import MemberFactory, OrganizationFactory
from workflows.awards import services
from workflows.awards.conditions import rules_of
from workflows.awards.records import quota_for, quota_used
from workflows.engine.errors import RuleViolation
from workflows.engine.services.cases import case_withdraw
from workflows.org.models import OrgKind

from .helpers import appoint, campaign_for, category, good_record


@pytest.fixture
def branch_34(world):
    """A branch under the committee with exactly 34 members on the roll (and 2 who have left)."""
    branch = OrganizationFactory(name="检验科团支部", parent=world.committee)
    roll = [MemberFactory(branch=branch, user=None) for _ in range(34)]
    for _ in range(2):
        MemberFactory(branch=branch, user=None, is_active=False)
    secretary = appoint(branch, "c_shuji", "检验科支书")
    return branch, roll, secretary


def test_quota_of_a_branch_with_34_members(world, branch_34):
    branch, _roll, _secretary = branch_34
    campaign = campaign_for(world, codes=["excellent_member"])
    quota = quota_for(
        category=category(campaign, "excellent_member"), unit=branch, rules=rules_of(campaign)
    )
    assert quota.limit == 1
    assert quota.basis_count == 34
    assert quota.explain() == "团员 34 人 × 3% = 1.02，向下取整为 1 名"


def test_campaign_quota_counts_the_whole_committee(world, branch_34):
    campaign = campaign_for(world, codes=["excellent_member", "red_flag_branch"])
    rules = rules_of(campaign)
    member_quota = quota_for(
        category=category(campaign, "excellent_member"),
        unit=world.committee,
        rules=rules,
        whole=True,
    )
    # 50 in branch A, 1 in branch B, 34 in the new branch.
    assert member_quota.basis_count == 85
    assert member_quota.limit == 2
    branch_quota = quota_for(
        category=category(campaign, "red_flag_branch"),
        unit=world.committee,
        rules=rules,
        whole=True,
    )
    assert branch_quota.basis_count == 3
    assert "团支部 3 个" in branch_quota.explain()
    assert branch_quota.limit == 1
    assert branch_quota.raised_to_minimum


def test_nested_branches_count_against_their_general_branch(world):
    general = OrganizationFactory(
        name="医技团总支", kind=OrgKind.GENERAL_BRANCH, parent=world.committee
    )
    OrganizationFactory(name="放射科团支部", parent=general)
    OrganizationFactory(name="药剂科团支部", parent=general)
    campaign = campaign_for(world, codes=["red_flag_branch"])
    rules = rules_of(campaign)
    red_flag = category(campaign, "red_flag_branch")
    own = quota_for(category=red_flag, unit=world.committee, rules=rules)
    nested = quota_for(category=red_flag, unit=general, rules=rules)
    whole = quota_for(category=red_flag, unit=world.committee, rules=rules, whole=True)
    assert own.basis_count == 2  # branch A and B, directly under the committee
    assert nested.basis_count == 2
    assert whole.basis_count == 4


def test_nominee_pushed_over_quota(world, branch_34, django_capture_on_commit_callbacks):
    branch, roll, secretary = branch_34
    first, second = good_record(roll[0]), good_record(roll[1])
    campaign = campaign_for(world, codes=["excellent_member"])
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
    excellent = category(campaign, "excellent_member")
    nomination = services.nomination_submit(
        category=excellent, by=secretary, member=first, deeds="检验质控成绩突出。"
    )
    assert nomination.quota_unit == branch
    assert quota_used(category=excellent, unit=branch) == 1
    with pytest.raises(RuleViolation) as refused:
        services.nomination_submit(
            category=excellent, by=secretary, member=second, deeds="夜班急诊检验零差错。"
        )
    [message] = refused.value.messages
    assert "检验科团支部优秀共青团员名额 1 名" in message
    assert "团员 34 人 × 3% = 1.02，向下取整为 1 名" in message
    assert "已推荐 1 名" in message
    assert quota_used(category=excellent, unit=branch) == 1


def test_withdrawn_nomination_frees_its_place(world, django_capture_on_commit_callbacks):
    """Branch B has one member, so a quota of 1 (raised to the minimum)."""
    newcomer = good_record(MemberFactory(branch=world.branch_b, user=None))
    good_record(world.outsider)
    campaign = campaign_for(world, codes=["excellent_member"])
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
    excellent = category(campaign, "excellent_member")
    own = services.nomination_submit(
        category=excellent, by=world.outsider_user, member=world.outsider, deeds="自荐。"
    )
    with pytest.raises(RuleViolation, match="已推荐 1 名"):
        services.nomination_submit(
            category=excellent, by=world.secretary_b, member=newcomer, deeds="推荐。"
        )
    case_withdraw(case=own, by=world.outsider_user, reason="让给同事", step="推荐人撤回")
    assert quota_used(category=excellent, unit=world.branch_b) == 0
    services.nomination_submit(
        category=excellent, by=world.secretary_b, member=newcomer, deeds="推荐。"
    )
    assert quota_used(category=excellent, unit=world.branch_b) == 1
