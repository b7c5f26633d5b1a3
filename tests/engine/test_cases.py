"""抄送: who may copy a case to whom."""

import pytest
from django.urls import reverse

from tests.cases import open_task
from tests.factories import AppointmentFactory, MemberFactory, OrganizationFactory, UserFactory
from workflows.engine.errors import NotAllowed
from workflows.engine.models import CarbonCopy
from workflows.engine.services.cases import case_cc
from workflows.engine.visibility import case_visible_to
from workflows.org.models import OrgKind, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_committee_member():
    committee = OrganizationFactory(name="外单位团委", kind=OrgKind.LEAGUE_COMMITTEE)
    branch = OrganizationFactory(name="外单位团支部", parent=committee)
    return MemberFactory(branch=branch, user=UserFactory(username="far_away")).user


def test_an_approver_copies_to_a_member_of_the_committee_subtree(world, submitted):
    reader = world.outsider_user  # a member of branch B, under the same committee

    case_cc(case=submitted, users=[reader], by=world.secretary_a)

    assert case_visible_to(case=submitted, user=reader)


def test_a_party_office_holder_of_the_linked_organisation_can_be_copied(world, submitted):
    case_cc(case=submitted, users=[world.party_secretary_a], by=world.secretary_a)

    assert CarbonCopy.objects.filter(user=world.party_secretary_a).exists()


def test_nobody_outside_the_committee_and_party_line_can_be_copied(
    world, submitted, other_committee_member
):
    nobody = UserFactory(username="no_office")

    with pytest.raises(NotAllowed, match="不在本案所属团委及关联党组织范围内"):
        case_cc(case=submitted, users=[world.outsider_user, nobody], by=world.secretary_a)
    with pytest.raises(NotAllowed, match="不在本案所属团委"):
        case_cc(case=submitted, users=[other_committee_member], by=world.secretary_a)

    assert not CarbonCopy.objects.exists()
    assert not case_visible_to(case=submitted, user=other_committee_member)


def test_a_recipient_cannot_copy_on(world, submitted):
    case_cc(case=submitted, users=[world.outsider_user], by=world.secretary_a)
    another = MemberFactory(branch=world.branch_b, user=UserFactory(username="b2")).user

    with pytest.raises(NotAllowed, match="只有办理本案的人员可以抄送"):
        case_cc(case=submitted, users=[another], by=world.outsider_user)

    assert not case_visible_to(case=submitted, user=another)


def test_the_applicant_does_not_copy_their_own_case(world, submitted):
    with pytest.raises(NotAllowed, match="只有办理本案的人员可以抄送"):
        case_cc(case=submitted, users=[world.outsider_user], by=world.applicant_user)


def test_a_past_task_holder_outside_the_branch_may_copy(world, submitted):
    """The party branch secretary decided on the case through a task, not an office over it."""
    task = open_task(submitted, "branch_review")
    task.owner = world.party_secretary_a
    task.save(update_fields=["owner"])

    case_cc(case=submitted, users=[world.deputy_a], by=world.party_secretary_a)

    assert CarbonCopy.objects.filter(user=world.deputy_a, sent_by=world.party_secretary_a).exists()


def test_copying_through_the_case_page_names_the_refusal(client, world, submitted):
    outsider = AppointmentFactory(
        role=Role.SECRETARY, org=OrganizationFactory(name="他处团支部"), user__username="x"
    ).user
    client.force_login(world.secretary_a)

    url = reverse("engine:case_action", args=[submitted._meta.label_lower, submitted.pk, "cc"])
    response = client.post(url, {"usernames": outsider.username}, follow=True)

    assert "不在本案所属团委及关联党组织范围内" in response.content.decode()
    assert not CarbonCopy.objects.exists()
