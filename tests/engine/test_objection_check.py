"""The committee's 异议核查 exists the moment a 实名 objection is lodged: a task in its
secretary's inbox with the rulebook's deadline, whose decision (属实 / 不属实, with the
conclusion) resolves the objection and moves the case; nobody outside the case's tree sees it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests.cases import open_task, publicity_window_elapses, to_publicity
from tests.factories import MemberFactory, UserFactory
from workflows.engine.models import Objection
from workflows.engine.services.publicity import publicity_latest
from workflows.party_recommendation.models import Status
from workflows.party_recommendation.services import application_object
from workflows.rules.calendar import working_days_window
from workflows.rules.selectors import rules_resolve

pytestmark = pytest.mark.django_db

TEXT = "𠮷同志的志愿服务时长与记录不符。"


@pytest.fixture
def in_publicity(world, submitted):
    to_publicity(world, submitted)
    return submitted


@pytest.fixture
def objector(world):
    return MemberFactory(
        branch=world.branch_a, user=UserFactory(username="jubao", first_name="丁𠮷")
    ).user


def lodge(client, user, application, text=TEXT):
    client.force_login(user)
    url = reverse("engine:publicity_detail", args=[publicity_latest(application).pk])
    return client.post(url, {"text": text})


def decide(client, user, task, action, opinion):
    client.force_login(user)
    return client.post(
        reverse("engine:task", args=[task.pk]), {"action": action, "opinion": opinion}
    )


def test_lodging_an_objection_puts_the_check_in_the_committee_inbox_at_once(
    client, world, in_publicity, objector
):
    lodge(client, objector, in_publicity)

    in_publicity.refresh_from_db()
    assert in_publicity.status == Status.OBJECTION
    task = open_task(in_publicity, "objection_review")
    assert task.owner == world.committee_secretary
    client.force_login(world.committee_secretary)
    inbox = client.get(reverse("engine:inbox")).content.decode()
    assert in_publicity.reference in inbox and "公示异议核查" in inbox
    page = client.get(reverse("engine:task", args=[task.pk])).content.decode()
    assert TEXT in page and "丁𠮷" in page
    client.force_login(objector)
    notice = client.get(
        reverse("engine:publicity_detail", args=[publicity_latest(in_publicity).pk])
    )
    assert "团委核查中" in notice.content.decode()


def test_the_check_is_due_by_the_rulebooks_working_days(world, in_publicity, objector):
    application_object(publicity=publicity_latest(in_publicity), by=objector, text=TEXT)

    days = rules_resolve(
        process="party_recommendation", org=world.branch_a, on=timezone.localdate()
    ).int("due_party_recommendation_objection_review")
    task = open_task(in_publicity, "objection_review")
    assert days == 10
    expected = working_days_window(start=timezone.localdate(), days=days).end
    assert task.data["due_on"] == expected.isoformat()


def test_found_true_the_objection_is_resolved_and_the_case_ends(
    client, world, in_publicity, objector
):
    lodge(client, objector, in_publicity)
    task = open_task(in_publicity, "objection_review")

    response = decide(client, world.committee_secretary, task, "uphold", "经核查属实：𠮷")

    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.upheld is True and objection.resolution == "经核查属实：𠮷"
    assert objection.resolved_by == world.committee_secretary
    in_publicity.refresh_from_db()
    assert in_publicity.status == Status.REJECTED
    client.force_login(objector)
    notice = client.get(
        reverse("engine:publicity_detail", args=[publicity_latest(in_publicity).pk])
    )
    assert "核查结论：反映属实。经核查属实：𠮷" in notice.content.decode()


def test_found_untrue_while_the_window_runs_the_publicity_goes_on_to_its_end(
    client, world, in_publicity, objector
):
    lodge(client, objector, in_publicity)
    task = open_task(in_publicity, "objection_review")

    decide(client, world.committee_secretary, task, "dismiss", "经核查，反映不属实")

    in_publicity.refresh_from_db()
    assert in_publicity.status == Status.IN_PUBLICITY
    assert Objection.objects.get().upheld is False
    timer = Task.objects.get(
        process_id=in_publicity.process_id, flow_task_type="TIMER", status=STATUS.SCHEDULED
    )
    assert timezone.localdate(timer.scheduled) > publicity_latest(in_publicity).ends_on
    publicity_window_elapses(in_publicity)
    assert in_publicity.status == Status.PUBLICITY_PASSED
    assert open_task(in_publicity, "recommend").owner == world.committee_secretary


def test_found_untrue_after_the_window_the_publicity_closes_and_the_case_moves_on(
    client, world, in_publicity, objector
):
    lodge(client, objector, in_publicity)
    publicity = publicity_latest(in_publicity)
    publicity.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    publicity.save(update_fields=["ends_on"])

    decide(
        client,
        world.committee_secretary,
        open_task(in_publicity, "objection_review"),
        "dismiss",
        "经核查，反映不属实",
    )

    in_publicity.refresh_from_db()
    assert in_publicity.status == Status.PUBLICITY_PASSED
    assert publicity_latest(in_publicity).closed_at is not None
    open_task(in_publicity, "recommend")


def test_a_second_objection_joins_the_check_under_way(client, world, in_publicity, objector):
    lodge(client, objector, in_publicity)
    lodge(client, world.secretary_a, in_publicity, text="另有反映𠮷")

    task = open_task(in_publicity, "objection_review")  # still exactly one
    decide(client, world.committee_secretary, task, "uphold", "两件反映均属实")

    assert sorted(Objection.objects.values_list("upheld", flat=True)) == [True, True]


def test_another_branch_neither_lists_nor_opens_the_check(client, world, in_publicity, objector):
    lodge(client, objector, in_publicity)
    task = open_task(in_publicity, "objection_review")
    client.force_login(world.secretary_b)

    assert in_publicity.reference not in client.get(reverse("engine:inbox")).content.decode()
    assert client.get(reverse("engine:task", args=[task.pk])).status_code == 404
    response = decide(client, world.secretary_b, task, "dismiss", "不属实")
    assert response.status_code == 404
    assert Objection.objects.get().resolved_at is None
