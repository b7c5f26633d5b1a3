"""Viewflow's own task and process pages are not scoped per object: only superusers reach them."""

import pytest
from django.urls import reverse

from tests.cases import open_task
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _viewflow_urls(task):
    base = f"/workflow/partyrecommendation/{task.process_id}/"
    node = f"{base}{task.flow_task.name}/{task.pk}/"
    return [
        base,
        node,
        f"{node}detail/",
        f"{node}execute/",
        f"{node}assign/",
        f"{node}unassign/",
        f"{node}undo/",
        f"{node}cancel/",
        "/workflow/partyrecommendation/",
    ]


@pytest.mark.parametrize("who", ["secretary_b", "secretary_a"])
def test_office_holders_are_refused_viewflow_pages(client, world, submitted, who):
    client.force_login(getattr(world, who))
    for url in _viewflow_urls(open_task(submitted)):
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url


def test_superuser_reaches_the_process_admin(client, world, submitted):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    base = f"/workflow/partyrecommendation/{submitted.process_id}/"
    assert client.get(base).status_code == 200
    assert client.get(reverse("engine:inbox")).status_code == 200
