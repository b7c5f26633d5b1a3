import pytest

from tests.factories import OrganizationFactory
from workflows.org.models import OrgKind
from workflows.rules import calendar


@pytest.fixture
def tree(db):
    """委团委 → 院团委 → 团支部, plus a sibling hospital with its own branch."""
    city = OrganizationFactory(
        name="市卫生健康委团委", short_name="委团委", kind=OrgKind.LEAGUE_COMMITTEE
    )
    hospital = OrganizationFactory(
        name="市第一人民医院团委", short_name="院团委", kind=OrgKind.LEAGUE_COMMITTEE, parent=city
    )
    branch = OrganizationFactory(name="心内科团支部", parent=hospital)
    other_hospital = OrganizationFactory(
        name="市中医院团委", short_name="中医院团委", kind=OrgKind.LEAGUE_COMMITTEE, parent=city
    )
    other_branch = OrganizationFactory(name="针灸科团支部", parent=other_hospital)
    return {
        "city": city,
        "hospital": hospital,
        "branch": branch,
        "other_hospital": other_hospital,
        "other_branch": other_branch,
    }


@pytest.fixture
def fresh_coverage_warnings(monkeypatch):
    """The coverage warning fires once per year per process; give each test its own process."""
    monkeypatch.setattr(calendar, "_warned_years", set())
