import json

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory
from workflows.audit.hashing import event_payload
from workflows.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_failed_login_is_recorded_without_the_password(client):
    UserFactory(username="zhangsan")

    response = client.post(
        reverse("login"),
        {"username": "zhangsan", "password": "s3cret-口令"},
        REMOTE_ADDR="192.0.2.44",
        HTTP_USER_AGENT="Firefox",
    )

    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.AUTH_LOGIN_FAILED)
    assert event.data == {"username": "zhangsan"}
    assert event.actor is None
    assert event.origin_ip == "192.0.2.44"
    assert event.user_agent == "Firefox"
    stored = json.dumps(event_payload(event), ensure_ascii=False)
    assert "s3cret" not in stored
    assert "****" not in stored


def test_failed_authenticate_for_unknown_user_is_recorded():
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.1")

    assert authenticate(request, username="不存在的用户", password="x") is None

    event = AuditEvent.objects.get()
    assert event.data == {"username": "不存在的用户"}
    assert event.origin_ip == "198.51.100.1"


def test_successful_login_records_nothing(client):
    UserFactory(username="lisi")

    assert client.login(username="lisi", password="pass")
    assert not AuditEvent.objects.exists()
