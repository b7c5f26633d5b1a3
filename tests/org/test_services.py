"""The committee unlocks and resets its members' logins; a member changes their password."""

import json

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from tests.factories import MemberFactory, UserFactory
from workflows.audit.hashing import event_payload
from workflows.audit.models import AuditAction, AuditEvent
from workflows.engine.errors import CaseError, NotAllowed
from workflows.org.models import Member
from workflows.org.selectors import password_change_required
from workflows.org.services import (
    account_password_change,
    account_password_reset,
    account_unlock,
    id_numbers_reencrypt,
)

from .conftest import log_in

pytestmark = pytest.mark.django_db


def locked(client, username):
    for _ in range(5):
        log_in(client, username, "wrong")
    return log_in(client, username).status_code == 429


def test_the_committee_unlocks_a_member(client, world, lockouts):
    assert locked(client, "applicant")

    cleared = account_unlock(user=world.applicant_user, by=world.reviewer_1)

    assert cleared == 1
    assert log_in(client, "applicant").status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.AUTH_UNLOCKED)
    assert event.actor == world.reviewer_1
    assert event.org == world.branch_a
    assert event.after == "吉𠮷"
    assert event.data == {"user": world.applicant_user.pk, "username": "applicant", "cleared": 1}


def test_another_committee_may_not_unlock_or_reset(world, other_committee, lockouts):
    with pytest.raises(NotAllowed, match="所在团委的书记、副书记或组织委员"):
        account_unlock(user=world.applicant_user, by=other_committee.secretary)
    with pytest.raises(NotAllowed):
        account_password_reset(user=world.applicant_user, by=other_committee.secretary)
    with pytest.raises(NotAllowed):
        account_password_reset(user=world.applicant_user, by=world.secretary_a)
    assert not AuditEvent.objects.exists()


def test_a_reset_gives_a_temporary_password_shown_once_and_recorded_nowhere(
    client, world, lockouts
):
    assert locked(client, "applicant")

    password = account_password_reset(user=world.applicant_user, by=world.committee_secretary)

    assert len(password) == 12
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="192.0.2.10")
    assert authenticate(request, username="applicant", password=password)  # and no longer locked
    assert not world.applicant_user.check_password("pass")
    assert password_change_required(world.applicant_user)
    event = AuditEvent.objects.get(action=AuditAction.AUTH_PASSWORD_RESET)
    assert event.actor == world.committee_secretary
    assert event.org == world.branch_a
    stored = json.dumps(event_payload(event), ensure_ascii=False)
    assert password not in stored
    assert password not in world.applicant_user.password


def test_two_resets_give_different_passwords(world):
    first = account_password_reset(user=world.applicant_user, by=world.committee_secretary)
    second = account_password_reset(user=world.applicant_user, by=world.committee_secretary)
    assert first != second


def test_changing_the_password_ends_the_required_change(world):
    account_password_reset(user=world.applicant_user, by=world.committee_secretary)

    account_password_change(
        user=world.applicant_user, password="新的密码-𠮷-2026", by=world.applicant_user
    )

    assert not password_change_required(world.applicant_user)
    assert world.applicant_user.check_password("新的密码-𠮷-2026")
    changed = AuditEvent.objects.get(action="auth.password_changed")
    assert changed.actor == world.applicant_user
    assert "新的密码" not in json.dumps(event_payload(changed), ensure_ascii=False)


def test_nobody_changes_another_persons_password_this_way(world):
    someone = MemberFactory(branch=world.branch_a, user=UserFactory(username="other")).user
    with pytest.raises(NotAllowed):
        account_password_change(user=someone, password="x-very-long-1", by=world.applicant_user)


def test_rotated_keys_read_old_numbers_until_they_are_reencrypted(db, encryption_keys):
    encryption_keys(secret="old-secret", salts=["old-salt"])
    member = MemberFactory(id_number="11010120000315002X")
    encryption_keys(secret="new-secret", salts=["new-salt", "old-salt"], fallbacks=["old-secret"])
    assert Member.objects.get(pk=member.pk).id_number == "11010120000315002X"

    assert id_numbers_reencrypt() == 1

    encryption_keys(secret="new-secret", salts=["new-salt"])
    assert Member.objects.get(pk=member.pk).id_number == "11010120000315002X"


def test_numbers_no_key_opens_stop_the_reencryption(db, encryption_keys):
    encryption_keys(secret="old-secret", salts=["old-salt"])
    member = MemberFactory(id_number="11010120000315002X")
    encryption_keys(secret="new-secret", salts=["new-salt"])

    with pytest.raises(CaseError, match="1 个身份证号无法用当前密钥解密"):
        id_numbers_reencrypt()

    encryption_keys(secret="old-secret", salts=["old-salt"])
    assert Member.objects.get(pk=member.pk).id_number == "11010120000315002X"
