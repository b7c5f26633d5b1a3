"""批量同意: each item on its own, with its own opinion; a refusal holds back nothing else."""

import pytest
from django.urls import reverse

from tests.cases import open_task
from tests.factories import MemberFactory
from workflows.engine.models import Opinion
from workflows.engine.services.bulk import BulkItem, tasks_bulk_act
from workflows.party_recommendation.models import Status
from workflows.party_recommendation.services import application_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(world, round_a):
    applications = []
    for index in range(3):
        member = MemberFactory(branch=world.branch_a, name=f"批量{index}")
        applications.append(
            application_submit(member=member, round=round_a, statement="申请", by=member.user)
        )
    return applications


def test_each_item_keeps_its_own_opinion(world, three):
    items = [BulkItem(open_task(a).pk, f"同意{a.subject.name}") for a in three]
    outcomes = tasks_bulk_act(items=items, by=world.secretary_a)
    assert [o.ok for o in outcomes] == [True, True, True]
    for application in three:
        application.refresh_from_db()
        assert application.status == Status.BRANCH_APPROVED
        assert Opinion.objects.for_case(application).get().text == f"同意{application.subject.name}"


def test_one_refusal_does_not_hold_back_the_others(world, three):
    ineligible = three[1].subject
    ineligible.party_application_date = None
    ineligible.save()
    outcomes = tasks_bulk_act(
        items=[BulkItem(open_task(a).pk, "同意") for a in three], by=world.secretary_a
    )
    assert [o.ok for o in outcomes] == [True, False, True]
    assert "尚未递交入党申请书" in outcomes[1].message
    three[1].refresh_from_db()
    assert three[1].status == Status.SUBMITTED


def test_other_branch_tasks_are_not_acted_on(world, three):
    outcomes = tasks_bulk_act(
        items=[BulkItem(open_task(three[0]).pk, "同意")], by=world.secretary_b
    )
    assert outcomes[0].ok is False
    three[0].refresh_from_db()
    assert three[0].status == Status.SUBMITTED


def test_bulk_from_the_inbox_page(client, world, three):
    client.force_login(world.secretary_a)
    tasks = [open_task(a) for a in three[:2]]
    data = {"task": [t.pk for t in tasks], **{f"opinion_{t.pk}": "材料齐全，同意" for t in tasks}}
    response = client.post(reverse("engine:inbox_bulk"), {**data, "confirm": "1"})
    body = response.content.decode()
    assert body.count("已同意") == 2
    assert Opinion.objects.filter(text="材料齐全，同意").count() == 2


def test_bulk_through_the_api(world, three):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.secretary_a)
    items = [{"task": open_task(a).pk, "opinion": "同意"} for a in three]
    response = client.post(reverse("api:task_bulk"), {"items": items}, format="json")
    assert response.status_code == 200
    assert [r["ok"] for r in response.json()] == [True, True, True]
    assert client.post(reverse("api:task_bulk"), {"items": []}, format="json").status_code == 400
