"""公示: a window that counts a year without its holiday notice says so; objections are 实名 to
the committee and never show their author to the person they are about."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from tests.cases import open_task, to_committee_review, to_publicity
from tests.factories import AppointmentFactory, CalendarOverrideFactory, MemberFactory, UserFactory
from workflows.audit.models import AuditEvent
from workflows.engine.models import Publicity
from workflows.engine.services.publicity import publicity_latest
from workflows.org.models import Role
from workflows.party_recommendation.services import application_act, application_object
from workflows.rules import calendar
from workflows.rules.models import HolidayNotice

pytestmark = pytest.mark.django_db

NOTE = "（暂定：2027年放假安排尚未发布）"
OBJECTOR = "举报人丙"


def _objector(world):
    """A member of branch B: inside the committee's 公示 range."""
    return MemberFactory(
        branch=world.branch_b, user=UserFactory(username="jubao", first_name=OBJECTOR)
    ).user


# --- provisional windows ---------------------------------------------------------------


@pytest.fixture
def december_publicity(world, submitted, monkeypatch):
    """The committee approves on 2026-12-28: the five working days run into 2027."""
    monkeypatch.setattr(calendar, "_warned_years", {2027})
    to_committee_review(world, submitted)
    task = open_task(submitted, "committee_review")
    moment = datetime.datetime(2026, 12, 28, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        application_act(task=task, by=world.reviewer_1, action="approve", opinion="同意")
    return publicity_latest(submitted)


def test_the_audit_event_of_a_provisional_window_says_so(december_publicity):
    assert (december_publicity.starts_on, december_publicity.ends_on) == (
        datetime.date(2026, 12, 28),
        datetime.date(2027, 1, 5),
    )
    event = AuditEvent.objects.get(action="publicity.open")
    assert event.after.endswith(f"（2026-12-28 至 2027-01-05，5 个工作日）{NOTE}")
    assert event.data["provisional_years"] == [2027]


def test_the_notice_and_case_pages_say_so_until_the_year_is_imported(
    client, world, submitted, december_publicity
):
    client.force_login(world.applicant_user)
    notice_url = reverse("engine:publicity_detail", args=[december_publicity.pk])
    assert NOTE in client.get(notice_url).content.decode()
    assert NOTE in client.get(submitted.get_absolute_url()).content.decode()

    notice = HolidayNotice.objects.create(
        year=2027, text="…", text_sha256="0" * 64, imported_by=UserFactory(username="sys")
    )
    CalendarOverrideFactory(date=datetime.date(2027, 1, 1), note="元旦", notice=notice)
    assert NOTE not in client.get(notice_url).content.decode()
    assert NOTE not in client.get(submitted.get_absolute_url()).content.decode()


def test_a_window_inside_a_known_year_has_no_note(client, world, submitted):
    to_committee_review(world, submitted)
    task = open_task(submitted, "committee_review")
    with time_machine.travel(datetime.datetime(2026, 6, 10, 10), tick=False):
        application_act(task=task, by=world.reviewer_1, action="approve", opinion="同意")
    publicity = publicity_latest(submitted)
    client.force_login(world.applicant_user)
    body = client.get(reverse("engine:publicity_detail", args=[publicity.pk])).content.decode()
    assert "暂定" not in body
    assert "暂定" not in AuditEvent.objects.get(action="publicity.open").after


# --- objector privacy ------------------------------------------------------------------


@pytest.fixture
def objected(world, submitted):
    to_publicity(world, submitted)
    application_object(
        publicity=publicity_latest(submitted), by=_objector(world), text="志愿服务时长不实。"
    )
    submitted.refresh_from_db()
    return submitted


def test_the_committee_reads_who_objected(client, world, objected):
    client.force_login(world.committee_secretary)
    body = client.get(objected.get_absolute_url()).content.decode()
    assert "志愿服务时长不实。" in body and OBJECTOR in body
    task = open_task(objected, "objection_review")
    assert OBJECTOR in client.get(reverse("engine:task", args=[task.pk])).content.decode()


@pytest.mark.parametrize("page", ["case", "publicity", "notifications", "my_cases"])
def test_the_nominee_never_sees_who_objected(client, world, objected, page):
    client.force_login(world.applicant_user)
    urls = {
        "case": objected.get_absolute_url(),
        "publicity": reverse(
            "engine:publicity_detail", args=[Publicity.objects.for_case(objected).get().pk]
        ),
        "notifications": reverse("engine:notifications"),
        "my_cases": reverse("engine:my_cases"),
    }
    response = client.get(urls[page])
    assert response.status_code == 200
    body = response.content.decode()
    assert OBJECTOR not in body and "jubao" not in body
    if page == "case":
        assert "志愿服务时长不实。（实名反映，反映人仅团委可见）" in body


def test_the_nominee_reads_no_objector_through_the_api_case_detail(world, objected):
    client = APIClient()
    client.force_authenticate(world.applicant_user)
    response = client.get(reverse("api:case", args=[objected._meta.label_lower, objected.pk]))
    assert response.status_code == 200
    assert OBJECTOR not in response.content.decode()


def test_a_branch_secretary_below_the_committee_does_not_read_the_name(client, world, objected):
    client.force_login(world.secretary_a)
    body = client.get(objected.get_absolute_url()).content.decode()
    assert "志愿服务时长不实。" in body and OBJECTOR not in body


def test_a_committee_member_who_is_the_nominee_does_not_read_it_either(client, world, objected):
    AppointmentFactory(user=world.applicant_user, org=world.committee, role=Role.COMMITTEE_MEMBER)
    client.force_login(world.applicant_user)
    body = client.get(objected.get_absolute_url()).content.decode()
    assert OBJECTOR not in body


def test_on_a_shortlist_a_committee_nominee_reads_the_others_objectors_not_their_own(
    client, world, django_capture_on_commit_callbacks
):
    from tests.awards.test_services import in_publicity, object_to

    campaign, _party, applicant, colleague, _outsider = in_publicity(
        world, django_capture_on_commit_callbacks
    )
    objector = _objector(world)
    other = UserFactory(username="jubao2", first_name="举报人丁")
    MemberFactory(branch=world.branch_b, user=other)
    object_to(campaign, applicant, objector)
    object_to(campaign, colleague, other)
    AppointmentFactory(user=world.applicant_user, org=world.committee, role=Role.COMMITTEE_MEMBER)

    client.force_login(world.applicant_user)
    body = client.get(campaign.get_absolute_url()).content.decode()
    assert OBJECTOR not in body  # the objection about themself
    assert "举报人丁" in body  # the one about a colleague, as the committee reads it
    client.force_login(world.committee_secretary)
    body = client.get(campaign.get_absolute_url()).content.decode()
    assert OBJECTOR in body and "举报人丁" in body
