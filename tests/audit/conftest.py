import pytest

from tests.factories import AppointmentFactory, MemberFactory, OrganizationFactory, UserFactory
from workflows.org.models import OrgKind, Role


@pytest.fixture
def committee():
    return OrganizationFactory(name="市卫健委团委", kind=OrgKind.LEAGUE_COMMITTEE)


@pytest.fixture
def branch_a(committee):
    return OrganizationFactory(name="心内科团支部", parent=committee)


@pytest.fixture
def branch_b(committee):
    return OrganizationFactory(name="急诊科团支部", parent=committee)


@pytest.fixture
def auditor_a(branch_a):
    return AppointmentFactory(org=branch_a, role=Role.AUDITOR, user__first_name="纪检𠮷").user


@pytest.fixture
def case_a(branch_a):
    return MemberFactory(branch=branch_a, name="吉𠮷甲")


@pytest.fixture
def case_b(branch_b):
    return MemberFactory(branch=branch_b, name="乙某")


@pytest.fixture
def approver():
    return UserFactory(first_name="审批人")
