"""The people picker's searches answer only with people the asker may pick there, and the forms
take what the picker posts (ids) as well as typed usernames."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.cases import open_task
from tests.factories import AppointmentFactory, MemberFactory, OrganizationFactory, UserFactory
from workflows.engine.models import CarbonCopy
from workflows.engine.people import cc_candidates, transfer_candidates
from workflows.engine.visibility import case_visible_to, cc_reachable
from workflows.org.models import OrgKind, Role

pytestmark = pytest.mark.django_db


def found(client, url, q=""):
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return {person["username"]: person for person in response.json()["results"]}


@pytest.fixture
def elsewhere(world):
    """A second committee's secretary and member, outside the world's tree."""
    committee = OrganizationFactory(
        name="外院团委", kind=OrgKind.LEAGUE_COMMITTEE, parent=world.party_committee
    )
    branch = OrganizationFactory(name="外院团支部", parent=committee)
    secretary = UserFactory(username="wy_shuji", first_name="外院书记")
    AppointmentFactory(user=secretary, org=branch, role=Role.SECRETARY)
    return MemberFactory(branch=branch, user=UserFactory(username="wy_member", first_name="外院𠮷"))


def test_transfer_offers_the_offices_above_the_case_and_nobody_else(client, world, submitted):
    task = open_task(submitted)
    client.force_login(world.secretary_a)
    people = found(client, reverse("engine:people_transfer", args=[task.pk]))
    assert {"a_fushuji", "tw_shuji", "tw_zuzhi1", "tw_zuzhi2"} <= people.keys()
    # Branch B, a party branch beside the tree, the subject, oneself: never offered.
    assert not {"b_shuji", "b_member", "dz_b", "applicant", "a_shuji"} & people.keys()
    assert people["a_fushuji"] == {
        "id": world.deputy_a.pk,
        "name": "周副书记",
        "username": "a_fushuji",
        "unit": "心内科团支部",
    }


def test_every_transfer_candidate_may_see_the_case(world, submitted):
    candidates = list(transfer_candidates(case=submitted, by=world.secretary_a))
    assert candidates
    assert all(case_visible_to(case=submitted, user=user) for user in candidates)


def test_transfer_search_by_name_username_and_unit(client, world, submitted):
    url = reverse("engine:people_transfer", args=[open_task(submitted).pk])
    client.force_login(world.secretary_a)
    assert found(client, url, "周副").keys() == {"a_fushuji"}
    assert found(client, url, "zuzhi").keys() == {"tw_zuzhi1", "tw_zuzhi2"}
    assert "tw_shuji" in found(client, url, "委团委")
    assert found(client, url, "外科") == {}


def test_branch_b_cannot_search_through_branch_as_task(client, world, submitted):
    url = reverse("engine:people_transfer", args=[open_task(submitted).pk])
    client.force_login(world.secretary_b)
    assert client.get(url, {"q": "周"}).status_code == 404
    # Seeing the case is not enough: only whoever holds the task may hand it on.
    client.force_login(world.committee_secretary)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_cc_offers_the_committee_tree_and_the_party_line(client, world, submitted, elsewhere):
    url = reverse("engine:people_cc", args=[submitted._meta.label_lower, submitted.pk])
    client.force_login(world.secretary_a)
    people = found(client, url)
    assert {"b_member", "dz_a", "tw_shuji"} <= people.keys()
    assert not {"dz_b", "wy_shuji", "wy_member"} & people.keys()
    assert "wy_member" not in found(client, url, "𠮷")
    assert "applicant" in found(client, url, "𠮷")


def test_every_cc_candidate_is_reachable_and_the_rest_are_not(world, submitted, elsewhere):
    candidates = set(cc_candidates(case=submitted))
    for user in get_user_model().objects.all():
        assert cc_reachable(case=submitted, user=user) == (user in candidates), user.username


def test_cc_search_needs_someone_acting_on_the_case(client, world, submitted):
    url = reverse("engine:people_cc", args=[submitted._meta.label_lower, submitted.pk])
    client.force_login(world.secretary_b)
    assert client.get(url).status_code == 404
    client.force_login(world.applicant_user)
    assert client.get(url).status_code == 403


def test_the_offices_search_stays_in_the_units_tree(client, world, elsewhere):
    client.force_login(world.committee_secretary)
    url = reverse("org:office_people", args=[world.branch_a.pk])
    people = found(client, url, "𠮷")
    assert people["applicant"]["id"] == world.applicant.pk
    assert "b_member" not in found(client, url, "外科")
    assert "wy_member" not in people
    client.force_login(world.secretary_a)
    assert client.get(url).status_code == 403
    other = elsewhere.branch
    client.force_login(world.committee_secretary)
    assert client.get(reverse("org:office_people", args=[other.pk])).status_code == 404


def test_transfer_posts_the_picked_id(client, world, submitted):
    task = open_task(submitted)
    client.force_login(world.secretary_a)
    client.post(
        reverse("engine:task_transfer", args=[task.pk]),
        {"to": "", "to_id": world.deputy_a.pk, "reason": "出差"},
    )
    task.refresh_from_db()
    assert task.owner == world.deputy_a


def test_transfer_without_the_script_takes_a_username(client, world, submitted):
    task = open_task(submitted)
    client.force_login(world.secretary_a)
    response = client.post(
        reverse("engine:task_transfer", args=[task.pk]),
        {"to": "nobody", "reason": "出差"},
        follow=True,
    )
    assert "找不到用户：nobody" in response.content.decode()
    client.post(
        reverse("engine:task_transfer", args=[task.pk]), {"to": "a_fushuji", "reason": "出差"}
    )
    task.refresh_from_db()
    assert task.owner == world.deputy_a


def test_cc_posts_several_picked_ids(client, world, submitted):
    client.force_login(world.secretary_a)
    url = reverse("engine:case_action", args=[submitted._meta.label_lower, submitted.pk, "cc"])
    client.post(url, {"usernames": "", "usernames_id": [world.party_secretary_a.pk]})
    client.post(url, {"usernames": "b_member", "usernames_id": [world.reviewer_1.pk]})
    copied = set(CarbonCopy.objects.values_list("user__username", flat=True))
    assert copied == {"dz_a", "b_member", "tw_zuzhi1"}


def test_the_pages_render_the_pickers(client, world, submitted):
    client.force_login(world.secretary_a)
    task = open_task(submitted)
    html = client.get(reverse("engine:task", args=[task.pk])).content.decode()
    assert f'data-picker="{reverse("engine:people_transfer", args=[task.pk])}"' in html
    assert "js/picker" in html
    case_page = client.get(submitted.get_absolute_url()).content.decode()
    assert 'data-picker-name="usernames_id" ' in case_page and "data-picker-multiple" in case_page


def test_the_offices_page_picks_instead_of_listing_everyone(client, world):
    from django.utils import timezone

    client.force_login(world.committee_secretary)
    page = client.get(reverse("org:offices"), {"unit": world.branch_a.pk}).content.decode()
    # No member is listed in a select any more: they are searched for.
    assert world.members_a[0].name not in page
    assert reverse("org:office_people", args=[world.branch_a.pk]) in page
    client.post(
        reverse("org:appoint", args=[world.branch_a.pk]),
        {
            "member_username": "applicant",
            "role": "committee_member",
            "start_date": timezone.localdate().isoformat(),
        },
    )
    assert world.applicant_user.appointments.filter(org=world.branch_a).exists()
