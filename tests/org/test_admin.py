"""Every admin list opens for a superuser, and the ID number shows masked."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_admin_changelist_opens(client, submitted):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_member_list_masks_the_id_number(client, world):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    body = client.get(reverse("admin:org_member_changelist")).content.decode()
    assert "1101**********0027" in body
    assert "110101200003150027" not in body
