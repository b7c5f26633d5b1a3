"""Approver lists: search by reference or name across processes, filters by process and
overdue, my decision in 已办, claim from the queue, and 退回队列 (task_unclaim)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import STATUS

from tests.cases import act, open_task, to_committee_review
from tests.elections.helpers import candidates_for
from tests.elections.helpers import submit as election_submit
from tests.factories import MemberFactory
from workflows.audit.models import AuditEvent
from workflows.engine.errors import NotAllowed, StaleTask
from workflows.engine.services.tasks import task_claim, task_unclaim
from workflows.party_recommendation.services import application_submit

pytestmark = pytest.mark.django_db


def body(client, name, **params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def two(world, round_a, submitted):
    """吉𠮷's application and 王小明's, both waiting for branch A's secretary."""
    member = MemberFactory(branch=world.branch_a, name="王小明")
    other = application_submit(member=member, round=round_a, statement="申请", by=member.user)
    return submitted, other


@pytest.fixture
def mixed_queue(world, submitted):
    """The committee's shared queue holding a 推优 review and a 换届请示."""
    to_committee_review(world, submitted)
    election = election_submit(world, candidates_for(world.branch_a, 6))
    return submitted, election


def test_the_inbox_finds_a_case_by_name_or_reference(client, world, two):
    mine, other = two
    client.force_login(world.secretary_a)
    found = body(client, "engine:inbox", q="𠮷")
    assert mine.reference in found and other.reference not in found
    found = body(client, "engine:inbox", q=other.reference)
    assert other.reference in found and mine.reference not in found
    assert "没有符合条件的待办" in body(client, "engine:inbox", q="查无此人")


def test_the_queue_mixes_processes_and_filters_each(client, world, mixed_queue):
    application, election = mixed_queue
    client.force_login(world.reviewer_1)
    everything = body(client, "engine:queue")
    assert application.reference in everything and election.reference in everything
    # A unit's case is found by its unit's name, a person's by theirs.
    by_unit = body(client, "engine:queue", q="心内科团支部")
    assert election.reference in by_unit and application.reference not in by_unit
    by_name = body(client, "engine:queue", q="吉𠮷")
    assert application.reference in by_name and election.reference not in by_name
    elections = body(client, "engine:queue", process="election")
    assert election.reference in elections and application.reference not in elections
    neither = body(client, "engine:queue", process="election", q="吉𠮷")
    assert election.reference not in neither and application.reference not in neither


def test_overdue_keeps_only_tasks_past_their_due_date(client, world, two):
    late, on_time = two
    task = open_task(late)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    task.data = {**task.data, "due_on": yesterday.isoformat()}
    task.save(update_fields=["data"])
    client.force_login(world.secretary_a)
    overdue = body(client, "engine:inbox", overdue="on")
    assert late.reference in overdue and on_time.reference not in overdue


def test_the_filters_go_with_the_pages(client, world, round_a):
    for index in range(51):
        member = MemberFactory(branch=world.branch_a, name=f"批量{index}")
        application_submit(member=member, round=round_a, statement="申请", by=member.user)
    client.force_login(world.secretary_a)
    first = client.get(reverse("engine:inbox"), {"q": "批量", "process": "party_recommendation"})
    assert "(51)" in first.content.decode()
    link = first.context["filters_query"]
    assert "q=%E6%89%B9%E9%87%8F" in link and "process=party_recommendation" in link
    assert f'href="?{link.replace("&", "&amp;")}&amp;page=2"' in first.content.decode()
    second = client.get(f"{reverse('engine:inbox')}?{link}&page=2")
    assert len(second.context["tasks"]) == 1


def _queries(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("engine:inbox", {"q": "团员", "process": "party_recommendation", "overdue": "on"}),
        ("engine:archive", {"q": "团员"}),
        ("engine:case_list", {"q": "团员"}),
    ],
)
def test_filtered_lists_keep_their_query_count(client, world, round_a, name, params):
    def applications(count, start):
        for index in range(start, start + count):
            member = MemberFactory(branch=world.branch_a, name=f"团员{index}")
            application = application_submit(
                member=member, round=round_a, statement="申请", by=member.user
            )
            if name == "engine:archive":
                act(application, "branch_review", world.secretary_a, "approve", "同意")

    applications(1, 0)
    client.force_login(world.secretary_a)
    few = _queries(client, reverse(name), params)
    applications(5, 1)
    assert _queries(client, reverse(name), params) == few


def test_the_archive_shows_my_decision_and_the_start_of_my_opinion(client, world, two):
    approved, returned = two
    act(approved, "branch_review", world.secretary_a, "approve", "符合推优条件，同意表决")
    act(returned, "branch_review", world.secretary_a, "return", "入党申请书日期缺失，请补充")
    client.force_login(world.secretary_a)
    page = client.get(reverse("engine:archive"))
    decisions = {task.case.reference: task.decision for task in page.context["tasks"]}
    assert decisions[approved.reference].get_decision_display() == "同意"
    assert decisions[returned.reference].get_decision_display() == "退回修改"
    html = page.content.decode()
    assert "符合推优条件，同意表决" in html
    assert "入党申请书日期缺失" in html


def test_the_archive_searches_too(client, world, two):
    for application in two:
        act(application, "branch_review", world.secretary_a, "approve", "同意")
    client.force_login(world.secretary_a)
    found = body(client, "engine:archive", q="王小明")
    assert two[1].reference in found and two[0].reference not in found


def test_claim_from_the_queue_row_returns_to_the_queue(client, world, submitted):
    to_committee_review(world, submitted)
    task = open_task(submitted)
    client.force_login(world.reviewer_1)
    response = client.post(reverse("engine:task_claim", args=[task.pk]), {"next": "queue"})
    assert response.status_code == 302 and response.url == reverse("engine:queue")
    task.refresh_from_db()
    assert task.owner == world.reviewer_1
    client.force_login(world.reviewer_2)
    late = client.post(reverse("engine:task_claim", args=[task.pk]), {"next": "queue"}, follow=True)
    assert "该待办已由 李组织 认领" in late.content.decode()


def test_a_claim_given_back_returns_to_the_queue_and_is_audited(world, submitted):
    to_committee_review(world, submitted)
    task = task_claim(task=open_task(submitted), by=world.reviewer_1)
    task_unclaim(task=task, by=world.reviewer_1)
    task.refresh_from_db()
    assert task.status == STATUS.NEW and task.owner is None
    event = AuditEvent.objects.filter(action="task.unclaim").get()
    assert event.actor == world.reviewer_1 and "团队队列" in event.after
    # Back in the queue, another office holder may claim it.
    task_claim(task=task, by=world.reviewer_2)
    task.refresh_from_db()
    assert task.owner == world.reviewer_2


def test_a_second_give_back_names_who_did_it_and_when(world, submitted):
    to_committee_review(world, submitted)
    task = task_claim(task=open_task(submitted), by=world.reviewer_1)
    task_unclaim(task=task, by=world.reviewer_1)
    when = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"
    with pytest.raises(StaleTask, match=f"该待办已由 李组织 于 {when} 退回队列"):
        task_unclaim(task=task, by=world.reviewer_1)


def test_only_the_owner_gives_back_and_only_before_deciding(world, submitted):
    to_committee_review(world, submitted)
    task = task_claim(task=open_task(submitted), by=world.reviewer_1)
    with pytest.raises(StaleTask, match="该待办已由 李组织 认领"):
        task_unclaim(task=task, by=world.reviewer_2)
    task.status = STATUS.STARTED
    task.save(update_fields=["status"])
    with pytest.raises(NotAllowed, match="已开始办理"):
        task_unclaim(task=task, by=world.reviewer_1)


def test_a_task_assigned_by_office_cannot_be_given_back(world, submitted):
    with pytest.raises(NotAllowed, match="直接分派"):
        task_unclaim(task=open_task(submitted), by=world.secretary_a)


def test_a_decided_task_names_who_decided(world, submitted):
    to_committee_review(world, submitted)
    task = task_claim(task=open_task(submitted), by=world.reviewer_1)
    act(submitted, "committee_review", world.reviewer_1, "approve", "同意")
    with pytest.raises(StaleTask, match="该待办已由 李组织 于"):
        task_unclaim(task=task, by=world.reviewer_1)


def test_give_back_from_the_inbox_row(client, world, submitted):
    to_committee_review(world, submitted)
    task = task_claim(task=open_task(submitted), by=world.reviewer_1)
    client.force_login(world.reviewer_1)
    inbox = body(client, "engine:inbox")
    assert f'data-testid="unclaim-{task.pk}"' in inbox
    response = client.post(
        reverse("engine:task_unclaim", args=[task.pk]), {"next": "inbox"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("engine:inbox")
    assert f"已退回队列：{submitted.reference}" in response.content.decode()
    assert submitted.reference in body(client, "engine:queue")


def test_the_task_page_offers_give_back_only_to_a_claimer(client, world, submitted):
    client.force_login(world.secretary_a)
    own = client.get(reverse("engine:task", args=[open_task(submitted).pk])).content.decode()
    assert 'data-testid="unclaim"' not in own
    to_committee_review(world, submitted)
    task = task_claim(task=open_task(submitted), by=world.reviewer_1)
    client.force_login(world.reviewer_1)
    claimed = client.get(reverse("engine:task", args=[task.pk])).content.decode()
    assert 'data-testid="unclaim"' in claimed


def test_another_branch_finds_nothing_and_cannot_claim_or_give_back(client, world, submitted):
    client.force_login(world.secretary_b)
    assert submitted.reference not in body(client, "engine:inbox", q="吉𠮷")
    assert submitted.reference not in body(client, "engine:case_list", q="吉𠮷")
    to_committee_review(world, submitted)
    task = open_task(submitted)
    for name in ("engine:task_claim", "engine:task_unclaim"):
        assert client.post(reverse(name, args=[task.pk])).status_code == 404


def test_the_case_list_searches_within_the_process(client, world, two):
    client.force_login(world.secretary_a)
    found = body(client, "engine:case_list", process="party_recommendation", q="王小明")
    assert two[1].reference in found and two[0].reference not in found
    assert two[0].reference in body(client, "engine:case_list", q=two[0].reference)
