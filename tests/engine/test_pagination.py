"""Counting stops at the cap, so huge lists page as fast as short ones."""

import pytest

from tests.factories import OrganizationFactory
from workflows.engine import pagination
from workflows.engine.pagination import CappedPaginator
from workflows.org.models import Organization

pytestmark = pytest.mark.django_db


def test_count_stops_at_the_cap(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    for index in range(5):
        OrganizationFactory(name=f"支部{index}")
    paginator = CappedPaginator(Organization.objects.order_by("pk"), 2)
    assert paginator.count == 4
    assert paginator.count_display == "3+"
    assert [o.name for o in paginator.page(2).object_list] == ["支部2", "支部3"]


def test_short_lists_show_their_exact_count():
    OrganizationFactory(name="唯一支部")
    assert CappedPaginator(Organization.objects.all(), 50).count_display == "1"
