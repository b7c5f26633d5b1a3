"""批量同意 asks first: the chosen cases and their opinions are listed, and nothing is decided
until the list is confirmed; then each item reports what happened to it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cases import act, open_task
from tests.factories import MemberFactory
from workflows.engine.models import Opinion
from workflows.party_recommendation.models import Status
from workflows.party_recommendation.services import application_submit

pytestmark = pytest.mark.django_db


def applications(world, round_a, count, start=0):
    found = []
    for index in range(start, start + count):
        member = MemberFactory(branch=world.branch_a, name=f"批量𠮷{index}")
        found.append(
            application_submit(member=member, round=round_a, statement="申请", by=member.user)
        )
    return found


def chosen(cases, opinion="材料齐全，同意"):
    tasks = [open_task(case) for case in cases]
    return {"task": [t.pk for t in tasks], **{f"opinion_{t.pk}": opinion for t in tasks}}


def test_choosing_lists_the_cases_and_decides_nothing(client, world, round_a):
    cases = applications(world, round_a, 2)
    client.force_login(world.secretary_a)
    response = client.post(reverse("engine:inbox_bulk"), chosen(cases, "情况属实，同意𠮷"))
    assert response.status_code == 200
    html = response.content.decode()
    for case in cases:
        assert case.reference in html and case.headline in html
    assert html.count('value="情况属实，同意𠮷"') == 2
    assert 'name="confirm"' in html and "确认同意 2 件" in html
    assert not Opinion.objects.exists()
    for case in cases:
        case.refresh_from_db()
        assert case.status == Status.SUBMITTED


def test_confirming_decides_each_with_its_opinion_and_lists_the_results(client, world, round_a):
    cases = applications(world, round_a, 2)
    data = chosen(cases)
    data[f"opinion_{data['task'][1]}"] = "经审核，同意"
    client.force_login(world.secretary_a)
    response = client.post(reverse("engine:inbox_bulk"), {**data, "confirm": "1"})
    assert response.status_code == 200
    outcomes = response.context["outcomes"]
    assert [outcome.ok for outcome in outcomes] == [True, True]
    html = response.content.decode()
    assert all(f"{case.reference}：已同意" in html for case in cases)
    opinions = sorted(Opinion.objects.values_list("text", flat=True))
    assert opinions == ["材料齐全，同意", "经审核，同意"]
    for case in cases:
        case.refresh_from_db()
        assert case.status == Status.BRANCH_APPROVED


def test_a_refusal_is_listed_beside_the_successes(client, world, round_a):
    cases = applications(world, round_a, 2)
    cases[0].subject.party_application_date = None
    cases[0].subject.save()
    client.force_login(world.secretary_a)
    response = client.post(reverse("engine:inbox_bulk"), {**chosen(cases), "confirm": "1"})
    assert [outcome.ok for outcome in response.context["outcomes"]] == [False, True]
    assert "尚未递交入党申请书" in response.content.decode()


def test_the_confirmation_leaves_out_what_is_not_in_the_inbox(client, world, round_a):
    mine, taken = applications(world, round_a, 2)
    data = chosen([mine, taken])
    act(taken, "branch_review", world.secretary_a, "approve", "同意")
    client.force_login(world.secretary_a)
    response = client.post(reverse("engine:inbox_bulk"), data)
    html = response.content.decode()
    assert mine.reference in html and taken.reference not in html
    assert "另有 1 件已办理" in html


def test_another_branch_gets_nothing_to_confirm_and_decides_nothing(client, world, round_a):
    cases = applications(world, round_a, 1)
    data = chosen(cases)
    client.force_login(world.secretary_b)
    confirm = client.post(reverse("engine:inbox_bulk"), data).content.decode()
    assert cases[0].reference not in confirm and "没有可批量同意的待办" in confirm
    done = client.post(reverse("engine:inbox_bulk"), {**data, "confirm": "1"})
    assert [outcome.ok for outcome in done.context["outcomes"]] == [False]
    cases[0].refresh_from_db()
    assert cases[0].status == Status.SUBMITTED


def test_nothing_chosen_goes_back_to_the_inbox(client, world):
    client.force_login(world.secretary_a)
    response = client.post(reverse("engine:inbox_bulk"), {}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("engine:inbox")
    assert "请勾选要批量同意的待办" in response.content.decode()


def test_the_confirmation_keeps_its_query_count(client, world, round_a):
    def queries(cases):
        data = chosen(cases)
        with CaptureQueriesContext(connection) as captured:
            assert client.post(reverse("engine:inbox_bulk"), data).status_code == 200
        return len(captured)

    client.force_login(world.secretary_a)
    few = queries(applications(world, round_a, 1))
    assert queries(applications(world, round_a, 6, start=1)) == few


def test_the_inbox_offers_select_all(client, world, round_a):
    applications(world, round_a, 1)
    client.force_login(world.secretary_a)
    html = client.get(reverse("engine:inbox")).content.decode()
    assert 'data-check-all="task"' in html
