import pytest
from django.urls import reverse

from tests.factories import AppointmentFactory
from workflows.audit.models import SavedFilter
from workflows.org.models import Role

pytestmark = pytest.mark.django_db

SAVE_URL = reverse("audit:saved_filter_save")


def _save(client, *, kind="cases", name="𠮷 本支部在办", query="q=%F0%A0%AE%B7&page=3&junk=1"):
    return client.post(SAVE_URL, {"kind": kind, "name": name, "query": query})


def test_saving_keeps_only_the_filter_fields_and_opens_the_list_with_them(client, auditor_a):
    client.force_login(auditor_a)

    response = _save(client)

    saved = SavedFilter.objects.get(user=auditor_a)
    assert saved.name == "𠮷 本支部在办"
    assert saved.query == "q=%F0%A0%AE%B7"
    assert response["Location"] == f"{reverse('audit:case_search')}?q=%F0%A0%AE%B7"
    listed = client.get(reverse("audit:case_search")).content.decode()
    assert "𠮷 本支部在办" in listed
    assert saved.get_absolute_url() in listed


def test_event_list_filters_are_listed_on_the_event_list_only(client, auditor_a):
    client.force_login(auditor_a)
    _save(client, kind="events", name="登录失败", query="action=auth.login_failed")

    assert "登录失败" in client.get(reverse("audit:event_list")).content.decode()
    assert "登录失败" not in client.get(reverse("audit:case_search")).content.decode()


def test_same_name_replaces(client, auditor_a):
    client.force_login(auditor_a)
    _save(client, name="常用", query="q=甲")
    _save(client, name="常用", query="q=乙")

    assert list(SavedFilter.objects.values_list("name", "query")) == [("常用", "q=%E4%B9%99")]


def test_saved_filters_are_private(client, auditor_a, branch_a):
    client.force_login(auditor_a)
    _save(client, name="只给自己")
    saved = SavedFilter.objects.get()
    colleague = AppointmentFactory(org=branch_a, role=Role.AUDITOR).user
    client.force_login(colleague)

    assert list(client.get(reverse("audit:case_search")).context["saved_filters"]) == []
    delete = client.post(reverse("audit:saved_filter_delete", args=[saved.pk]))
    assert delete.status_code == 404
    assert SavedFilter.objects.filter(pk=saved.pk).exists()


def test_owner_deletes(client, auditor_a):
    client.force_login(auditor_a)
    _save(client)
    saved = SavedFilter.objects.get()

    response = client.post(reverse("audit:saved_filter_delete", args=[saved.pk]))

    assert response.status_code == 302
    assert not SavedFilter.objects.exists()


def test_a_name_is_required(client, auditor_a):
    client.force_login(auditor_a)

    response = _save(client, name="  ", kind="events")

    assert response["Location"] == reverse("audit:event_list")
    assert not SavedFilter.objects.exists()


def test_only_workspace_users_save(client, branch_a):
    client.force_login(AppointmentFactory(org=branch_a, role=Role.COMMITTEE_MEMBER).user)

    assert _save(client).status_code == 403
    assert not SavedFilter.objects.exists()
