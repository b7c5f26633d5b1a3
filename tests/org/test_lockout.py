"""Login lockout (django-axes): per account at one address, per address across accounts,
the lockout page, the audit event, and the client address behind the proxy."""

import datetime

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone

from tests.factories import MemberFactory, UserFactory
from workflows.audit.models import AuditAction, AuditEvent
from workflows.audit.origin import client_address

from .conftest import log_in

pytestmark = pytest.mark.django_db


def fail(client, username, times, address="192.0.2.10", **extra):
    return [log_in(client, username, "wrong", address, **extra) for _ in range(times)]


def test_five_failures_lock_the_account_at_that_address_only(client, world, lockouts):
    responses = fail(client, "applicant", 5)

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    page = responses[-1].content.decode()
    assert "连续 5 次登录失败，该账号在本机已锁定 30 分钟" in page
    assert "请联系所在团委的书记、副书记或组织委员" in page
    # The right password does not get through the lock either.
    assert log_in(client, "applicant").status_code == 429
    # From another machine the member still logs in: an attacker cannot lock them out.
    assert log_in(client, "applicant", address="198.51.100.7").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, world, lockouts):
    fail(client, "applicant", 5)

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        assert log_in(client, "applicant").status_code == 302


def test_the_page_says_when_the_lock_lifts(client, world, lockouts):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        page = fail(client, "applicant", 5)[-1].content.decode()

    assert "将于 2026年3月2日 17:30 自动解锁" in page  # 09:00 UTC is 17:00 in Asia/Shanghai


def test_a_success_clears_earlier_failures(client, world, lockouts):
    fail(client, "applicant", 4)
    assert log_in(client, "applicant").status_code == 302
    client.logout()

    assert [r.status_code for r in fail(client, "applicant", 4)] == [200] * 4


def test_an_address_failing_across_many_accounts_is_locked(client, world, lockouts):
    lockouts.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for username in ("a_shuji", "b_shuji", "tw_zuzhi1"):
        fail(client, username, 1)

    refused = log_in(client, "applicant")
    assert refused.status_code == 429
    assert "本机登录失败次数过多" in refused.content.decode()
    assert log_in(client, "applicant", address="198.51.100.7").status_code == 302


def test_the_lockout_is_audited_once_against_the_members_branch(client, world, lockouts):
    fail(client, "applicant", 7)

    locked = AuditEvent.objects.get(action=AuditAction.AUTH_LOCKED_OUT)
    assert locked.data == {"username": "applicant", "failures": 5}
    assert locked.org == world.branch_a
    assert locked.origin_ip == "192.0.2.10"
    # Every attempt, refused ones included, stays a failed login of its own.
    assert AuditEvent.objects.filter(action=AuditAction.AUTH_LOGIN_FAILED).count() == 7


def test_the_admin_login_is_protected_the_same_way(client, world, lockouts):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    for _ in range(5):
        response = client.post(
            "/admin/login/", {"username": "root", "password": "wrong"}, REMOTE_ADDR="192.0.2.10"
        )
    assert response.status_code == 429


def test_behind_the_proxy_the_address_is_the_hop_the_proxy_added(settings):
    forged = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 192.0.2.77"
    )

    assert client_address(forged) == "127.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_address(forged) == "192.0.2.77"


def test_forged_forwarded_addresses_do_not_escape_the_lock(client, world, lockouts):
    lockouts.BEHIND_PROXY = True
    MemberFactory(branch=world.branch_a, user=UserFactory(username="𠮷祥"))
    for number in range(5):
        log_in(
            client,
            "𠮷祥",
            "wrong",
            "127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}, 192.0.2.77",
        )

    again = log_in(
        client, "𠮷祥", "pass", "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.77"
    )
    assert again.status_code == 429
