"""The committee's account page, its unlock and reset, and the password change it requires."""

import pytest
from django.urls import reverse

from workflows.org.middleware import PASSWORD_CHANGE_SESSION_KEY

from .conftest import log_in

pytestmark = pytest.mark.django_db

ACCOUNTS = reverse("org:accounts")


def lock(client, username):
    for _ in range(5):
        log_in(client, username, "wrong")


def test_the_committee_sees_its_locked_members_and_unlocks_them(client, world, lockouts):
    lock(client, "applicant")
    client.force_login(world.committee_secretary)

    page = client.get(ACCOUNTS).content.decode()
    assert 'data-testid="nav-accounts"' in page
    assert 'data-username="applicant"' in page and "吉𠮷" in page and "192.0.2.10" in page

    unlock = reverse("org:account_unlock", args=[world.applicant_user.pk])
    assert client.post(unlock).status_code == 302
    assert 'data-username="applicant"' not in client.get(ACCOUNTS).content.decode()
    client.logout()
    assert log_in(client, "applicant").status_code == 302


def test_outside_the_subtree_the_account_is_not_there(client, world, other_committee, lockouts):
    lock(client, "applicant")
    client.force_login(other_committee.secretary)

    assert 'data-username="applicant"' not in client.get(ACCOUNTS).content.decode()
    assert "吉𠮷" not in client.get(ACCOUNTS, {"q": "applicant"}).content.decode()
    for name in ("org:account_unlock", "org:account_password_reset"):
        assert client.post(reverse(name, args=[world.applicant_user.pk])).status_code == 404
    assert log_in(client, "applicant").status_code == 429


def test_branch_office_holders_have_no_account_page(client, world):
    client.force_login(world.secretary_a)

    assert client.get(ACCOUNTS).status_code == 403
    reset = reverse("org:account_password_reset", args=[world.applicant_user.pk])
    assert client.post(reset).status_code == 403
    assert 'data-testid="nav-accounts"' not in client.get(reverse("engine:inbox")).content.decode()


def test_a_reset_shows_the_temporary_password_once_and_forces_a_change(client, world):
    client.force_login(world.reviewer_1)
    found = client.get(ACCOUNTS, {"q": "吉𠮷"}).content.decode()
    assert 'data-testid="reset-applicant"' in found

    shown = client.post(reverse("org:account_password_reset", args=[world.applicant_user.pk]))
    assert shown["Cache-Control"] == "no-store"
    password = shown.context["password"]
    assert password in shown.content.decode()
    client.logout()

    assert log_in(client, "applicant", password).status_code == 302
    assert client.session[PASSWORD_CHANGE_SESSION_KEY] is True
    assert client.get(reverse("engine:inbox")).url == reverse("password_change")
    form = client.get(reverse("password_change")).content.decode()
    assert "已由团委重置为临时密码" in form

    changed = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "新密码-𠮷-长一些",
            "new_password2": "新密码-𠮷-长一些",
        },
    )
    assert changed.url == reverse("home")
    assert client.get(reverse("engine:inbox")).status_code == 200
    client.logout()
    assert log_in(client, "applicant", "新密码-𠮷-长一些").status_code == 302
    assert PASSWORD_CHANGE_SESSION_KEY not in client.session


def test_a_wrong_old_password_changes_nothing(client, world):
    client.force_login(world.applicant_user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": "abcdefgh12", "new_password2": "abcdefgh12"},
    )
    assert response.status_code == 400
    world.applicant_user.refresh_from_db()
    assert world.applicant_user.check_password("pass")
