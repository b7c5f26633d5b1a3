"""The 待办 registry: what processes say a person owes besides tasks, added to the badge and
listed above the inbox."""

import re

import pytest
from django.urls import reverse

from workflows.engine import owed
from workflows.engine.owed import Owed, owed_for, owed_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers(monkeypatch):
    """Only the providers a test registers (the processes' own are tested in their apps)."""
    monkeypatch.setattr(owed, "_providers", [])


def sheets(*, user):
    return [Owed(label="互检互查评分", count=2, url="/wenminghao/reviews/")]


def nothing(*, user):
    return [Owed(label="评审票", count=0, url="/pingyou/")]


def badge(body: str, testid: str) -> str:
    return re.search(rf'data-testid="{testid}">(\d+)<', body).group(1)


def test_registering_twice_counts_once(providers, world):
    owed_register(sheets)
    owed_register(sheets)
    assert owed_for(user=world.secretary_a) == sheets(user=None)


def test_items_owed_nothing_are_left_out(providers, world):
    owed_register(nothing)
    owed_register(sheets)
    assert [item.label for item in owed_for(user=world.secretary_a)] == ["互检互查评分"]


def test_the_badge_adds_what_is_owed_to_the_tasks(providers, client, world, submitted):
    owed_register(sheets)
    client.force_login(world.secretary_a)
    body = client.get(reverse("engine:inbox")).content.decode()
    # One task (the branch review of the submitted application) and two score sheets.
    assert badge(body, "inbox-count") == badge(body, "tab-inbox-count") == "3"
    section = body[body.index('data-testid="owed"') :]
    assert "其他待办" in section
    assert '<a href="/wenminghao/reviews/">互检互查评分</a> <span class="badge">2</span>' in section


def test_without_anything_owed_the_badge_counts_tasks_and_no_section_shows(
    providers, client, world, submitted
):
    owed_register(nothing)
    client.force_login(world.secretary_a)
    body = client.get(reverse("engine:inbox")).content.decode()
    assert badge(body, "tab-inbox-count") == "1"
    assert 'data-testid="owed"' not in body


def test_the_section_is_on_the_inbox_only(providers, client, world):
    owed_register(sheets)
    client.force_login(world.secretary_a)
    assert 'data-testid="owed"' not in client.get(reverse("engine:queue")).content.decode()
    assert badge(client.get(reverse("engine:queue")).content.decode(), "tab-inbox-count") == "2"
