"""评优 quota use on the committee's analytics page (``workflows.awards.figures``)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import MemberFactory, OrganizationFactory
from workflows.awards import services
from workflows.awards.conditions import rules_of
from workflows.awards.figures import quota_use
from workflows.awards.models import Basis, Category, Nomination
from workflows.awards.records import quota_for
from workflows.engine.figures import QuotaUse, quota_use_for
from workflows.engine.services.cases import case_withdraw
from workflows.engine.visibility import visible_paths
from workflows.org.models import Organization, OrgKind

from .helpers import appoint, campaign_for, category, good_record


def this_year() -> dict:
    today = timezone.localdate()
    return {"start": today.replace(month=1, day=1), "end": today}


@pytest.fixture
def opened(world, django_capture_on_commit_callbacks):
    """An open campaign for 优秀共青团员: 吉𠮷 (branch A) nominated; branch B's member nominated
    and withdrawn."""
    good_record(world.applicant)
    good_record(world.outsider)
    campaign = campaign_for(world, codes=["excellent_member"])
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
    excellent = category(campaign, "excellent_member")
    services.nomination_submit(
        category=excellent, by=world.applicant_user, member=world.applicant, deeds="志愿服务。"
    )
    withdrawn = services.nomination_submit(
        category=excellent, by=world.outsider_user, member=world.outsider, deeds="自荐。"
    )
    case_withdraw(case=withdrawn, by=world.outsider_user, reason="让给同事", step="推荐人撤回")
    return campaign


def branch_nominating(campaign, index: int) -> Organization:
    """Another branch under the committee whose secretary nominates one of its two members."""
    branch = OrganizationFactory(name=f"第{index}团支部", parent=campaign.org)
    member = good_record(MemberFactory(branch=branch, user=None))
    MemberFactory(branch=branch, user=None)
    secretary = appoint(branch, f"s{index}_shuji", f"第{index}支书")
    services.nomination_submit(
        category=category(campaign, "excellent_member"), by=secretary, member=member, deeds="推荐。"
    )
    return branch


def test_each_unit_that_nominated_has_its_places_and_quota(world, opened):
    rows = quota_use(paths=["/"], **this_year())

    title = f"{opened.title}·优秀共青团员"
    # Branch A: 50 members × 3% = 1.5, 1 place, taken; branch B: 1 member, raised to 1 place,
    # freed by the withdrawal.
    assert rows == [
        QuotaUse(process="五四评优", kind=title, unit=world.branch_a.name, used=1, quota=1),
        QuotaUse(process="五四评优", kind=title, unit=world.branch_b.name, used=0, quota=1),
    ]


def test_the_analytics_registry_asks_the_awards(world, opened):
    assert [row.unit for row in quota_use_for(paths=["/"], **this_year())] == [
        world.branch_a.name,
        world.branch_b.name,
    ]


def test_campaigns_counted_outside_the_period_are_left_out(world, opened):
    start = timezone.localdate() + datetime.timedelta(days=1)
    assert quota_use(paths=["/"], start=start, end=start + datetime.timedelta(days=30)) == []


def test_a_branch_secretary_sees_only_their_branch(world, opened):
    rows = quota_use(paths=visible_paths(world.secretary_b), **this_year())

    assert [row.unit for row in rows] == [world.branch_b.name]


@pytest.mark.parametrize("basis", [Basis.MEMBERS, Basis.CADRES, Basis.BRANCHES, Basis.COMMITTEES])
def test_quota_agrees_with_the_nomination_form_for_every_basis(world, opened, basis):
    """The counts read in bulk give what ``quota_for`` gives unit by unit, with a nested
    团总支 (its branches count against it, not the committee) and a unit nominating for it."""
    general = OrganizationFactory(
        name="医技团总支", kind=OrgKind.GENERAL_BRANCH, parent=world.committee
    )
    for index in (1, 2):
        branch = OrganizationFactory(name=f"放射科{index}团支部", parent=general)
        appoint(branch, f"r{index}_shuji", f"放射{index}支书")
        MemberFactory.create_batch(40, branch=branch, user=None)
    # Collective categories put the committee and a 团总支 among the nominating units.
    branch_nominating(opened, 3)
    Nomination.objects.filter(quota_unit__name="第3团支部").update(quota_unit=general)
    Nomination.objects.filter(quota_unit=world.branch_b).update(quota_unit=world.committee)
    Category.objects.filter(campaign=opened).update(basis=basis, quota_value=50)
    excellent = category(opened, "excellent_member")
    by_name = {org.name: org for org in Organization.objects.all()}

    rows = quota_use(paths=["/"], **this_year())

    assert {row.unit for row in rows} == {world.branch_a.name, general.name, world.committee.name}
    for row in rows:
        expected = quota_for(category=excellent, unit=by_name[row.unit], rules=rules_of(opened))
        assert row.quota == expected.limit, row.unit


def test_fixed_quota_is_the_per_unit_number(world, opened):
    Category.objects.filter(campaign=opened).update(
        basis=Basis.FIXED, quota_value=5, unit_quota_value=2
    )

    assert {row.quota for row in quota_use(paths=["/"], **this_year())} == {2}


def test_queries_do_not_grow_with_the_units(world, opened):
    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            rows = quota_use(paths=["/"], **this_year())
        return len(rows), len(captured.captured_queries)

    units_2, queries_2 = queries()
    for index in range(3, 6):
        branch_nominating(opened, index)
    units_5, queries_5 = queries()

    assert (units_2, units_5) == (2, 5)
    assert queries_5 == queries_2
