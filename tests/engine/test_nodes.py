"""Task deadlines in working days: marked provisional while they count a year whose holiday
notice is not in yet, and no longer once it is imported."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from tests.cases import open_task
from tests.factories import CalendarOverrideFactory, UserFactory
from workflows.audit.models import AuditEvent
from workflows.party_recommendation.services import application_submit
from workflows.rules import calendar
from workflows.rules.models import HolidayNotice

pytestmark = pytest.mark.django_db

NOTE = "（暂定：2027年放假安排尚未发布）"
LATE_DECEMBER = datetime.datetime(2026, 12, 28, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def december_task(world, round_a, monkeypatch):
    """A branch review assigned on 2026-12-28: five working days run into 2027."""
    monkeypatch.setattr(calendar, "_warned_years", {2027})
    with time_machine.travel(LATE_DECEMBER, tick=False):
        application = application_submit(
            member=world.applicant, round=round_a, statement="申请", by=world.applicant_user
        )
    return open_task(application, "branch_review")


def test_a_deadline_into_an_uncovered_year_is_provisional(december_task):
    # 12/29, 12/30, 12/31, then 1/1 (元旦) off, 1/4, 1/5.
    assert december_task.data["due_on"] == "2027-01-05"
    assert december_task.data["due_pending_years"] == [2027]
    event = AuditEvent.objects.filter(action="task.assign").latest("id")
    assert event.after == f"团支部审核 → 陈支书，期限 2027-01-05{NOTE}"


def test_the_task_page_and_inbox_say_so_until_the_notice_is_imported(client, world, december_task):
    client.force_login(world.secretary_a)
    task_url = reverse("engine:task", args=[december_task.pk])
    assert NOTE in client.get(task_url).content.decode()
    assert NOTE in client.get(reverse("engine:inbox")).content.decode()

    notice = HolidayNotice.objects.create(
        year=2027, text="…", text_sha256="0" * 64, imported_by=UserFactory(username="sys")
    )
    CalendarOverrideFactory(date=datetime.date(2027, 1, 1), note="元旦", notice=notice)
    assert NOTE not in client.get(task_url).content.decode()
    assert NOTE not in client.get(reverse("engine:inbox")).content.decode()


def test_a_deadline_within_a_known_year_is_settled(world, round_a):
    june = LATE_DECEMBER.replace(month=6, day=10)
    with time_machine.travel(june, tick=False):
        application = application_submit(
            member=world.applicant, round=round_a, statement="申请", by=world.applicant_user
        )
    task = open_task(application, "branch_review")
    assert task.data["due_on"] == "2026-06-17" and "due_pending_years" not in task.data
    event = AuditEvent.objects.filter(action="task.assign").latest("id")
    assert event.after == f"团支部审核 → 陈支书，期限 {task.data['due_on']}"
