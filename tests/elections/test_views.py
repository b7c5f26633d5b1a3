"""The 换届 pages: dashboard, reporting a 请示, the counting form, and scoping by branch."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from tests.elections.helpers import act, approved, submit, to_report
from workflows.elections import terms
from workflows.elections.models import Election, Status

pytestmark = pytest.mark.django_db


def logged_in(client, user):
    client.force_login(user)
    return client


def test_dashboard_lists_overdue_first_and_offers_reminders(client, world):
    today = timezone.localdate()
    terms.term_start(
        branch=world.branch_a,
        starts_on=today.replace(year=today.year - 3) - datetime.timedelta(days=10),
        election=None,
        by=None,
    )
    terms.term_start(
        branch=world.branch_b, starts_on=today.replace(year=today.year - 1), election=None, by=None
    )
    page = logged_in(client, world.committee_secretary).get(reverse("elections:dashboard"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("心内科团支部") < html.index("外科团支部")
    assert "已逾期 10 天" in html and "任期内" in html
    overdue = client.get(reverse("elections:dashboard") + "?state=overdue").content.decode()
    assert "心内科团支部" in overdue and "外科团支部" not in overdue


def test_dashboard_is_scoped_to_the_users_units(client, world):
    terms.term_start(
        branch=world.branch_a, starts_on=datetime.date(2024, 1, 1), election=None, by=None
    )
    html = logged_in(client, world.secretary_b).get(reverse("elections:dashboard")).content.decode()
    assert "外科团支部" in html and "心内科团支部" not in html


def test_reminder_button_notifies_the_branch_secretary(client, world):
    from workflows.engine.models import Notification

    today = timezone.localdate()
    term = terms.term_start(
        branch=world.branch_a, starts_on=today.replace(year=today.year - 3), election=None, by=None
    )
    logged_in(client, world.committee_secretary).post(
        reverse("elections:term_remind", args=[term.pk])
    )
    assert Notification.objects.filter(user=world.secretary_a, text__startswith="换届提醒").exists()
    # A branch secretary of another branch cannot even find the term.
    assert (
        logged_in(client, world.secretary_b)
        .post(reverse("elections:term_remind", args=[term.pk]))
        .status_code
        == 404
    )


def test_committee_registers_a_branch_term(client, world):
    logged_in(client, world.committee_secretary).post(
        reverse("elections:term_start", args=[world.branch_a.pk]), {"starts_on": "2024-05-04"}
    )
    assert world.branch_a.terms.get().due_on == datetime.date(2027, 5, 4)


def test_reporting_a_plan_through_the_page(client, world, people):
    others = [m for m in world.members_a if m not in people]
    form = {
        "branch": world.branch_a.pk,
        "meeting_date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "place": "会议室",
        "agenda": "选举",
        "seats": 5,
        "method": "direct",
        "candidates_text": "\n".join(f"{m.name}：2016年入团" for m in people),
        "scrutineers_text": others[0].name,
        "tellers_text": others[1].name,
    }
    response = logged_in(client, world.secretary_a).post(reverse("elections:new"), form)
    election = Election.objects.get()
    assert response.status_code == 302 and response["Location"] == election.get_absolute_url()
    bad = client.post(reverse("elections:new"), {**form, "candidates_text": "无此人：简历"})
    assert bad.status_code == 400 and "“无此人”不是本团支部在册团员" in bad.content.decode()


def test_counting_form_records_a_round(client, world, people):
    election = submit(world, people)
    act(election, "plan_review", world.reviewer_1, "approve", "同意")
    task = election.process.task_set.get(flow_task_type="HUMAN", status="ASSIGNED")
    client = logged_in(client, world.secretary_a)
    page = client.get(reverse("engine:task", args=[task.pk])).content.decode()
    assert "计票（本轮应选 5 名）" in page and "全部到会" in page
    voters = list(world.branch_a.members.values_list("pk", flat=True))
    candidates = list(election.candidates.all())
    data = {
        "action": "record_round",
        "meeting_date": timezone.localdate().isoformat(),
        "expected": voters,
        "attended": voters[:40],
        "issued": 40,
        "returned": 40,
        "void": 0,
        **{f"votes_{c.pk}": 30 for c in candidates[:5]},
    }
    # A void round is shown, and recorded only once its outcome is confirmed.
    unconfirmed = client.post(reverse("engine:task", args=[task.pk]), data)
    assert unconfirmed.status_code == 400
    assert "本轮选举无效；提交后本轮作废，须重新投票" in unconfirmed.content.decode()
    response = client.post(
        reverse("engine:task", args=[task.pk]), {**data, "confirm_outcome": "on"}
    )
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.status == Status.APPROVED  # 40 of 56 voters is not more than four fifths
    assert "未超过应到会 56 人的五分之四" in election.rounds.get().problems[0]


def test_branch_b_cannot_reach_branch_a_election(
    client, world, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        election = submit(world, people)
    from workflows.documents.models import IssuedDocument

    document = IssuedDocument.objects.get(kind="election_request")
    task = election.process.task_set.get(flow_task_type="HUMAN")
    ct = ContentType.objects.get_for_model(election).pk
    client = logged_in(client, world.secretary_b)
    assert client.get(election.get_absolute_url()).status_code == 404
    assert client.get(reverse("engine:task", args=[task.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    assert client.get(f"/audit/case/{ct}/{election.pk}/").status_code in (403, 404)
    own = logged_in(client, world.secretary_a)
    assert own.get(reverse("documents:download", args=[document.pk])).status_code == 200


def test_election_steps_show_due_and_overdue_in_the_inbox(client, world, people):
    election = approved(world, people)
    to_report(world, election, people)
    task = election.process.task_set.get(flow_task_type="HUMAN", status="ASSIGNED")
    task.data = {
        **task.data,
        "due_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
    }
    task.save()
    inbox = logged_in(client, world.secretary_a).get(reverse("engine:inbox")).content.decode()
    assert "报送选举结果" in inbox and "已逾期" in inbox
