"""Member records: the encrypted ID number is optional, stored encrypted and shown masked."""

import pytest
from django.db import connection

from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_member_without_an_id_number_can_be_saved():
    member = MemberFactory(id_number="")
    member.refresh_from_db()
    assert member.id_number in ("", None)
    assert member.id_number_masked == ""


def test_id_number_is_encrypted_at_rest_and_masked_for_display():
    member = MemberFactory(id_number="11010120000315002X")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM org_member WHERE id = %s", [member.pk])
        stored = cursor.fetchone()[0]
    assert "11010120000315002X" not in stored
    member.refresh_from_db()
    assert member.id_number == "11010120000315002X"
    assert member.id_number_masked == "1101**********002X"
