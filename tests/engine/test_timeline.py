"""The case page's record: a timeline from the submission through every decision to the steps
open now and who holds them, in a number of queries that does not grow with the record."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.cases import act, open_task, to_committee_review
from workflows.engine.models import Opinion
from workflows.engine.services.cases import case_comment

pytestmark = pytest.mark.django_db

ENTRY = re.compile(r'<li class="timeline-(\w+)" data-testid="timeline-entry">(.*?)</li>', re.S)


def timeline(client, case) -> list[tuple[str, str]]:
    """(kind, words) of each entry of the case page's record, tags and blanks dropped."""
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    return [
        (kind, " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split()))
        for kind, body in ENTRY.findall(response.content.decode())
    ]


def at(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_the_record_opens_with_the_submission_and_ends_with_who_holds_the_case(
    client, world, submitted
):
    client.force_login(world.applicant_user)
    due = open_task(submitted, "branch_review").data["due_on"]
    assert timeline(client, submitted) == [
        ("submit", f"提交 吉𠮷 · {at(submitted.created_at)}"),
        ("pending", f"团支部审核 · 办理中 陈支书 · 期限 {due}"),
    ]


def test_each_decision_names_its_step_person_time_and_opinion(client, world, submitted):
    act(submitted, "branch_review", world.secretary_a, "return", "请补充𠮷的\n志愿服务证明")
    act(submitted, "revise", world.applicant_user, "resubmit", "已补充", {"statement": "新简述"})
    act(submitted, "branch_review", world.secretary_a, "approve", "")
    opinions = list(Opinion.objects.for_case(submitted).order_by("pk"))
    client.force_login(world.applicant_user)
    assert timeline(client, submitted)[1:-1] == [
        (
            "return",
            f"团支部审核 · 退回修改 陈支书 · {at(opinions[0].created_at)} 请补充𠮷的 志愿服务证明",
        ),
        ("resubmit", f"申请人修改 · 重新提交 吉𠮷 · {at(opinions[1].created_at)} 已补充"),
        ("approve", f"团支部审核 · 同意 陈支书 · {at(opinions[2].created_at)}"),
    ]
    assert timeline(client, submitted)[-1][1].startswith("团员大会表决 · 办理中 陈支书")


def test_times_read_in_the_site_time_zone(client, world, submitted):
    case_comment(case=submitted, by=world.secretary_a, text="请尽快")
    utc_evening = datetime.datetime(2026, 1, 1, 16, 30, tzinfo=datetime.UTC)
    Opinion.objects.for_case(submitted).update(created_at=utc_evening)
    client.force_login(world.secretary_a)
    assert ("comment", "评论 陈支书 · 2026-01-02 00:30 请尽快") in timeline(client, submitted)


def test_a_step_in_a_shared_queue_names_the_office_it_waits_for(client, world, submitted):
    to_committee_review(world, submitted)
    client.force_login(world.reviewer_1)
    kind, words = timeline(client, submitted)[-1]
    assert kind == "pending" and words.startswith("团委审核 · 办理中 待认领（组织委员）")


def test_a_step_past_its_deadline_is_marked(client, world, submitted):
    task = open_task(submitted, "branch_review")
    task.data = {**task.data, "due_on": "2020-01-06"}
    task.save()
    client.force_login(world.secretary_a)
    assert timeline(client, submitted)[-1] == (
        "pending",
        "团支部审核 · 办理中 陈支书 · 期限 2020-01-06 已逾期",
    )


def test_the_record_stays_within_the_case_scope(client, world, submitted):
    client.force_login(world.secretary_b)
    assert client.get(submitted.get_absolute_url()).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_longer_record_costs_no_more_queries(client, world, submitted):
    client.force_login(world.secretary_a)
    url = submitted.get_absolute_url()
    act(submitted, "branch_review", world.secretary_a, "return", "请补充")
    short = _queries(client, url)
    for index in range(15):
        case_comment(case=submitted, by=world.deputy_a, text=f"第{index}条评论")
    act(submitted, "revise", world.applicant_user, "resubmit", "已补充", {"statement": "新"})
    assert _queries(client, url) == short
    assert len(timeline(client, submitted)) == 1 + 1 + 15 + 1 + 1
