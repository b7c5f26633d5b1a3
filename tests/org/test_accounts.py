"""Logins for imported members: one each, the mobile number as the user name where it is free,
a first password handed over once in a sheet and changed at the first login."""

import io

import pytest
from django.contrib.auth import authenticate
from openpyxl import load_workbook

from tests.factories import UserFactory
from workflows.audit.models import AuditEvent
from workflows.engine.errors import NotAllowed
from workflows.org.accounts import CREDENTIAL_HEADERS, accounts_open, credentials_workbook
from workflows.org.imports import members_import
from workflows.org.member_sheet import member_sheet_rows
from workflows.org.models import Member
from workflows.org.selectors import password_change_required

from .member_sheets import GOOD, csv_sheet

pytestmark = pytest.mark.django_db


def _imported(world):
    members_import(
        committee=world.committee,
        rows=member_sheet_rows(csv_sheet(*GOOD)),
        by=world.committee_secretary,
        apply=True,
    )
    return Member.objects.get(name="吉𠮷婷"), Member.objects.get(name="王小明")


def test_each_member_without_a_login_gets_one_to_change_at_first_login(world):
    jixi, wang = _imported(world)
    opened = {
        a.member.name: a
        for a in accounts_open(committee=world.committee, by=world.committee_secretary)
    }
    assert opened["吉𠮷婷"].username == "13800000001"
    assert opened["王小明"].username == f"ty{wang.pk}"
    jixi.refresh_from_db()
    user = authenticate(username="13800000001", password=opened["吉𠮷婷"].password)
    assert user == jixi.user and user.first_name == "吉𠮷婷"
    assert password_change_required(user)
    assert AuditEvent.objects.filter(action="account.open", org=world.committee).exists()

    again = accounts_open(committee=world.committee, by=world.committee_secretary)
    assert {a.member.name for a in again} & {"吉𠮷婷", "王小明"} == set()


def test_a_first_password_is_stored_unstretched_until_its_first_use(world):
    """Random first passwords need no million rounds; the first login re-hashes with the
    site's own hasher."""
    jixi, _wang = _imported(world)
    opened = accounts_open(committee=world.committee, by=world.committee_secretary)
    account = next(a for a in opened if a.member == jixi)
    jixi.refresh_from_db()
    assert jixi.user.password.startswith("pbkdf2_issued$1000$")
    assert authenticate(username=account.username, password=account.password) == jixi.user
    jixi.user.refresh_from_db()
    assert not jixi.user.password.startswith("pbkdf2_issued$")
    assert jixi.user.check_password(account.password)


def test_a_taken_mobile_number_falls_back_to_the_member_id(world):
    UserFactory(username="13800000001")
    jixi, _wang = _imported(world)
    opened = accounts_open(committee=world.committee, by=world.committee_secretary)
    assert next(a for a in opened if a.member == jixi).username == f"ty{jixi.pk}"


def test_the_credentials_sheet_lists_who_logs_in_as_whom(world):
    _imported(world)
    opened = accounts_open(committee=world.committee, by=world.committee_secretary)
    sheet = load_workbook(io.BytesIO(credentials_workbook(opened))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == list(CREDENTIAL_HEADERS)
    assert ["吉𠮷婷", "心内科团支部", "13800000001"] in [row[:3] for row in rows[1:]]


def test_only_the_committee_leads_open_accounts(world):
    _imported(world)
    with pytest.raises(NotAllowed):
        accounts_open(committee=world.committee, by=world.secretary_a)
    assert Member.objects.get(name="吉𠮷婷").user is None
