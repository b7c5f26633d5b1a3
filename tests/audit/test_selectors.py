import datetime

import pytest
from django.utils import timezone

from tests.factories import AppointmentFactory, UserFactory
from workflows.audit.models import AuditAction
from workflows.audit.selectors import events_for_case, events_visible_to, workspace_allowed
from workflows.audit.services import audit_record
from workflows.org.models import Member, Role, Substitute

pytestmark = pytest.mark.django_db


def test_events_for_case_in_order(approver, case_a, case_b):
    first = audit_record(action=AuditAction.CASE_CREATE, by=approver, case=case_a)
    audit_record(action=AuditAction.CASE_CREATE, by=approver, case=case_b)
    second = audit_record(action=AuditAction.OPINION_ADD, by=approver, case=case_a)

    assert list(events_for_case(case=case_a)) == [first, second]


def test_scope_follows_the_org_path_snapshot(auditor_a, approver, branch_a, branch_b, committee):
    inside = audit_record(action=AuditAction.COMMENT_ADD, by=approver, org=branch_a)
    audit_record(action=AuditAction.COMMENT_ADD, by=approver, org=branch_b)
    audit_record(action=AuditAction.COMMENT_ADD, by=approver, org=committee)
    audit_record(action=AuditAction.AUTH_LOGIN_FAILED, by=None)

    assert list(events_visible_to(user=auditor_a)) == [inside]
    assert events_visible_to(user=UserFactory(is_superuser=True)).count() == 4
    assert not events_visible_to(user=UserFactory()).exists()


def test_workspace_is_open_to_a_substitute_of_an_auditor(auditor_a):
    today = timezone.localdate()
    stand_in = UserFactory()
    Substitute.objects.create(
        principal=auditor_a,
        substitute=stand_in,
        start_date=today,
        end_date=today + datetime.timedelta(days=7),
    )

    assert workspace_allowed(user=auditor_a)
    assert workspace_allowed(user=stand_in)


def test_workspace_closed_to_other_offices(branch_a):
    member = AppointmentFactory(org=branch_a, role=Role.DEPUTY_SECRETARY).user

    assert not workspace_allowed(user=member)


def test_unsaved_case_is_refused(approver, branch_a):
    with pytest.raises(ValueError, match="saved case"):
        audit_record(action=AuditAction.CASE_CREATE, by=approver, case=Member(branch=branch_a))
