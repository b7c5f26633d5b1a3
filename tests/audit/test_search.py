import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.audit.search_cases import application, election
from tests.factories import AppointmentFactory, OrganizationFactory, UserFactory
from workflows.org.models import Role

pytestmark = pytest.mark.django_db

URL = reverse("audit:case_search")


def _references(response) -> list[str]:
    return [hit.case.reference for hit in response.context["hits"]]


@pytest.fixture
def cases(branch_a, branch_b):
    return {
        "a_app": application(branch_a, name="吉𠮷甲"),
        "a_election": election(branch_a),
        "b_app": application(branch_b, name="乙某"),
    }


def test_lists_the_cases_of_every_process_in_scope_newest_first(client, auditor_a, cases):
    client.force_login(auditor_a)

    response = client.get(URL)

    assert response.status_code == 200
    assert _references(response) == [cases["a_election"].reference, cases["a_app"].reference]
    content = response.content.decode()
    assert cases["a_app"].get_absolute_url() in content
    assert cases["a_election"].get_absolute_url() in content
    assert "吉𠮷甲" in content


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.SECRETARY])
def test_branch_a_never_sees_branch_b(client, branch_a, cases, role):
    user = AppointmentFactory(org=branch_a, role=role).user
    client.force_login(user)

    assert cases["b_app"].reference not in _references(client.get(URL))
    assert client.get(URL, {"q": "乙某"}).context["hits"] == []


def test_a_unit_outside_the_scope_cannot_be_chosen(client, auditor_a, branch_b, cases):
    client.force_login(auditor_a)

    response = client.get(URL, {"org": branch_b.pk})

    assert response.context["form"].errors["org"]
    assert response.context["hits"] == []


def test_committee_auditor_sees_both_branches(client, committee, cases):
    user = AppointmentFactory(org=committee, role=Role.AUDITOR).user
    client.force_login(user)

    assert set(_references(client.get(URL))) == {case.reference for case in cases.values()}


def test_unit_filter_includes_its_subtree(client, committee, branch_a, cases):
    group = OrganizationFactory(name="青年小组", parent=branch_a)
    below = application(group, name="小组成员")
    user = AppointmentFactory(org=committee, role=Role.AUDITOR).user
    client.force_login(user)

    found = _references(client.get(URL, {"org": branch_a.pk}))

    assert set(found) == {cases["a_app"].reference, cases["a_election"].reference, below.reference}


def test_search_by_number_or_name(client, auditor_a, cases):
    client.force_login(auditor_a)

    assert _references(client.get(URL, {"q": "𠮷"})) == [cases["a_app"].reference]
    by_number = client.get(URL, {"q": cases["a_election"].reference})
    assert _references(by_number) == [cases["a_election"].reference]


def test_status_is_per_process(client, auditor_a, branch_a, cases):
    withdrawn = election(branch_a, status="withdrawn")
    client.force_login(auditor_a)

    assert _references(client.get(URL, {"status": "election:withdrawn"})) == [withdrawn.reference]
    mismatch = client.get(URL, {"status": "election:withdrawn", "process": "party_recommendation"})
    assert mismatch.context["form"].non_field_errors()
    assert mismatch.context["hits"] == []


def test_process_filter(client, auditor_a, cases):
    client.force_login(auditor_a)

    found = _references(client.get(URL, {"process": "party_recommendation"}))

    assert found == [cases["a_app"].reference]


def test_created_between(client, auditor_a, branch_a):
    today = timezone.localdate()
    old = application(branch_a, created_at=timezone.now() - datetime.timedelta(days=40))
    recent = application(branch_a, name="新人")
    client.force_login(auditor_a)

    since = (today - datetime.timedelta(days=7)).isoformat()
    assert _references(client.get(URL, {"date_from": since})) == [recent.reference]
    until = (today - datetime.timedelta(days=30)).isoformat()
    assert _references(client.get(URL, {"date_to": until})) == [old.reference]


def test_pages_of_fifty(client, auditor_a, branch_a):
    for index in range(51):
        application(branch_a, name=f"团员{index}")
    client.force_login(auditor_a)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["hits"]) == 50
    assert len(second.context["hits"]) == 1
    assert first.context["page"].paginator.count == 51


def test_pages_merge_the_processes_in_creation_order(client, auditor_a, branch_a):
    start = timezone.now() - datetime.timedelta(days=1)
    made = []
    for index in range(60):
        when = start + datetime.timedelta(minutes=index)
        if index % 3:
            made.append(application(branch_a, name=f"团员{index}", created_at=when))
        else:
            made.append(election(branch_a, status="withdrawn", created_at=when))
    client.force_login(auditor_a)

    first = _references(client.get(URL))
    second = _references(client.get(URL, {"page": 2}))

    assert first + second == [case.reference for case in reversed(made)]


def test_query_count_does_not_grow_with_cases(client, auditor_a, branch_a):
    client.force_login(auditor_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    application(branch_a)
    election(branch_a)
    small = queries()
    for index in range(12):
        application(branch_a, name=f"团员{index}")
        election(branch_a, status="withdrawn")
    assert queries() == small


def test_people_without_an_audit_office_are_refused(client, branch_a):
    client.force_login(AppointmentFactory(org=branch_a, role=Role.COMMITTEE_MEMBER).user)
    assert client.get(URL).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("audit:case_export")).status_code == 403
