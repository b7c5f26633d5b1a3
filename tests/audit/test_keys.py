import pytest

from workflows.audit.keys import key_id_of, signing_key_id
from workflows.audit.models import AuditAction
from workflows.audit.services import audit_record
from workflows.audit.verification import chain_verify

pytestmark = pytest.mark.django_db


def test_events_name_the_key_that_signed_them(settings):
    settings.AUDIT_HMAC_KEYS = ["first-key"]

    event = audit_record(action=AuditAction.COMMENT_ADD, by=None)

    assert event.key_id == key_id_of("first-key") == signing_key_id()
    assert "first-key" not in event.key_id


def test_rotation_signs_with_the_new_key_and_still_verifies_the_old(settings):
    settings.AUDIT_HMAC_KEYS = ["old-key"]
    old = audit_record(action=AuditAction.COMMENT_ADD, by=None)

    settings.AUDIT_HMAC_KEYS = ["new-key", "old-key"]
    new = audit_record(action=AuditAction.COMMENT_ADD, by=None)

    assert (old.key_id, new.key_id) == (key_id_of("old-key"), key_id_of("new-key"))
    assert chain_verify().ok


def test_a_key_removed_too_early_is_named(settings):
    settings.AUDIT_HMAC_KEYS = ["old-key"]
    old = audit_record(action=AuditAction.COMMENT_ADD, by=None)
    settings.AUDIT_HMAC_KEYS = ["new-key"]

    result = chain_verify()

    assert [(f.kind, f.event_id) for f in result.findings] == [("unknown_key", old.pk)]
    assert key_id_of("old-key") in result.reason


def test_same_content_under_another_key_has_another_hash(settings):
    settings.AUDIT_HMAC_KEYS = ["key-a"]
    a = audit_record(action=AuditAction.COMMENT_ADD, by=None, opinion="同意")
    settings.AUDIT_HMAC_KEYS = ["key-b", "key-a"]
    b = audit_record(action=AuditAction.COMMENT_ADD, by=None, opinion="同意")

    assert a.hash != b.hash
