import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import RequestFactory

from tests.factories import AppointmentFactory, UserFactory
from workflows.audit.hashing import event_hash
from workflows.audit.models import (
    GENESIS_HASH,
    AppendOnlyError,
    AuditAction,
    AuditChainHead,
    AuditEvent,
)
from workflows.audit.services import audit_record
from workflows.audit.triggers import triggers_install, triggers_remove
from workflows.audit.verification import chain_verify

pytestmark = pytest.mark.django_db


def test_chain_links_each_event_to_the_previous(approver, case_a):
    first = audit_record(action=AuditAction.OPINION_ADD, by=approver, case=case_a)
    second = audit_record(action=AuditAction.COMMENT_ADD, by=approver, case=case_a)
    third = audit_record(action=AuditAction.TASK_ASSIGN, by=None)

    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert len({first.hash, second.hash, third.hash}) == 3
    head = AuditChainHead.objects.get()
    assert (head.last_hash, head.last_id) == (third.hash, third.pk)


def test_case_snapshot_and_org_taken_from_case_org(approver, branch_a):
    appointment = AppointmentFactory(org=branch_a)

    event = audit_record(
        action=AuditAction.CASE_TRANSITION,
        by=approver,
        case=appointment,
        before="submitted",
        after="branch_approved",
        opinion="同意推荐",
    )

    assert event.org == branch_a
    assert event.org_path == branch_a.path
    assert event.case_type == ContentType.objects.get_for_model(appointment)
    assert event.case_id == appointment.pk
    assert event.case_label == str(appointment)
    assert event.actor == approver
    assert event.actor_name == "审批人"


def test_explicit_org_wins_over_case(approver, case_a, branch_b):
    event = audit_record(action=AuditAction.OPINION_ADD, by=approver, org=branch_b, case=case_a)

    assert event.org_path == branch_b.path


def test_non_bmp_text_round_trips_and_rehashes_identically(branch_a, case_a):
    actor = UserFactory(first_name="吉𠮷", last_name="")
    event = audit_record(
        action=AuditAction.OPINION_ADD,
        by=actor,
        org=branch_a,
        case=case_a,
        opinion="同意。𠮷野家𩸽\n第二行",
        before="待审",
        after="通过",
        data={"姓名": "吉𠮷", "得分": 98.88, "big": 1e20, "day": datetime.date(2026, 5, 4)},
    )

    stored = AuditEvent.objects.get(pk=event.pk)

    assert stored.actor_name == "吉𠮷"
    assert stored.case_label == "吉𠮷甲"
    assert stored.opinion == "同意。𠮷野家𩸽\n第二行"
    assert stored.data == {"姓名": "吉𠮷", "得分": "98.88", "big": "1e+20", "day": "2026-05-04"}
    assert stored.created_at == event.created_at
    assert event_hash(stored) == stored.hash == event.hash
    assert chain_verify().ok


def test_request_origin_is_the_hop_our_proxy_appended_and_the_user_agent(approver, settings):
    settings.BEHIND_PROXY = True
    request = RequestFactory().post(
        "/",
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.7",
        HTTP_USER_AGENT="Mozilla/5.0 微信",
    )

    event = audit_record(action=AuditAction.COMMENT_ADD, by=approver, request=request)

    assert event.origin_ip == "203.0.113.7"
    assert event.user_agent == "Mozilla/5.0 微信"


def test_a_forwarded_header_without_our_proxy_is_not_believed(approver, settings):
    settings.BEHIND_PROXY = False
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert audit_record(action=AuditAction.COMMENT_ADD, by=None, request=request).origin_ip == (
        "10.0.0.1"
    )


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "198.51.100.9"}, "198.51.100.9"),
        ({"REMOTE_ADDR": "2001:0DB8:0000::0001"}, "2001:db8::1"),
        ({"REMOTE_ADDR": "::ffff:192.0.2.5"}, "192.0.2.5"),
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "unknown"}, "10.0.0.1"),
        ({"REMOTE_ADDR": "not-an-ip"}, None),
    ],
)
def test_origin_ip_is_normalised_and_rehashes_after_reload(approver, meta, expected):
    event = audit_record(
        action=AuditAction.COMMENT_ADD, by=approver, request=RequestFactory().get("/", **meta)
    )

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.origin_ip == expected
    assert event_hash(stored) == stored.hash


def test_overlong_and_nul_text_is_stored_as_hashed(approver):
    request = RequestFactory().get("/", HTTP_USER_AGENT="界" * 300 + "\x00")

    event = audit_record(
        action=AuditAction.COMMENT_ADD, by=approver, opinion="a\x00b", request=request
    )

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.user_agent == "界" * 255
    assert stored.opinion == "ab"
    assert event_hash(stored) == stored.hash


def test_anonymous_actor_is_recorded_as_system():
    event = audit_record(action=AuditAction.TASK_ASSIGN, by=AnonymousUser())

    assert event.actor is None
    assert event.actor_name == ""


def test_event_rolls_back_with_the_callers_transaction(approver):
    kept = audit_record(action=AuditAction.COMMENT_ADD, by=approver)

    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action=AuditAction.COMMENT_ADD, by=approver)
        raise RuntimeError("the change being recorded failed")

    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    assert AuditChainHead.objects.get().last_hash == kept.hash
    assert audit_record(action=AuditAction.COMMENT_ADD, by=approver).prev_hash == kept.hash


def test_chain_head_is_rebuilt_from_the_last_event_when_missing(approver):
    first = audit_record(action=AuditAction.COMMENT_ADD, by=approver)
    # Only a flush (which lifts the triggers) leaves a log without its head.
    triggers_remove(connection)
    AuditChainHead.objects.all().delete()
    triggers_install(connection)

    second = audit_record(action=AuditAction.COMMENT_ADD, by=approver)

    assert second.prev_hash == first.hash
    assert chain_verify().ok


def test_model_refuses_changing_or_deleting_an_event(approver):
    event = audit_record(action=AuditAction.COMMENT_ADD, by=approver, opinion="原意见")

    event.opinion = "改过的意见"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).opinion == "原意见"


def test_events_written_during_a_request_record_its_origin(client, world, submitted):
    from django.urls import reverse

    from tests.cases import open_task
    from workflows.audit.models import AuditEvent

    client.force_login(world.secretary_a)
    task = open_task(submitted, "branch_review")
    client.post(
        reverse("engine:task", args=[task.pk]),
        {"action": "approve", "opinion": "同意"},
        REMOTE_ADDR="10.1.2.3",
        HTTP_USER_AGENT="Mobile Safari",
    )
    event = AuditEvent.objects.filter(action="case.transition").latest("id")
    assert (event.origin_ip, event.user_agent) == ("10.1.2.3", "Mobile Safari")
