"""In a real browser: an auditor filters the event log and opens a case's timeline."""

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.factories import AppointmentFactory, UserFactory
from workflows.org.models import Role
from workflows.party_recommendation.services import application_act, application_submit

from .conftest import go_to, log_in

pytestmark = pytest.mark.e2e


def test_auditor_reads_a_case_history(page, live_server, e2e_world):
    world = e2e_world
    application = application_submit(
        member=world.applicant, round=world.round, statement="申请", by=world.applicant_user
    )
    task = application.process.task_set.get(flow_task_type="HUMAN")
    application_act(task=task, by=world.secretary_a, action="return", opinion="请补充志愿服务证明")
    auditor = UserFactory(username="shenji", first_name="孙审计")
    AppointmentFactory(user=auditor, org=world.committee, role=Role.AUDITOR)

    log_in(page, live_server, "shenji")
    go_to(page, "audit")
    page.click("details.filters > summary")
    page.fill("input[name=case_label]", application.reference)
    page.click("[data-testid=audit-filter] button[type=submit]")
    events = page.inner_text("[data-testid=audit-events]")
    assert "请补充志愿服务证明" in events and "吉𠮷" in events

    ct = ContentType.objects.get_for_model(application).pk
    page.goto(f"{live_server.url}/audit/case/{ct}/{application.pk}/")
    timeline = page.inner_text("main")
    assert "待团支部审核 → 退回修改" in timeline
