import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import AppointmentFactory, MemberFactory, UserFactory
from workflows.audit.models import AuditAction
from workflows.audit.services import audit_record
from workflows.org.models import Role

pytestmark = pytest.mark.django_db

LIST_URL = reverse("audit:event_list")
EXPORT_URL = reverse("audit:event_export")


def _timeline_url(case) -> str:
    ct = ContentType.objects.get_for_model(case)
    return reverse("audit:case_timeline", args=[ct.pk, case.pk])


@pytest.fixture
def events(approver, case_a, case_b, branch_a, branch_b):
    return {
        "a": audit_record(
            action=AuditAction.OPINION_ADD,
            by=approver,
            org=branch_a,
            case=case_a,
            opinion="同意推荐吉𠮷甲",
        ),
        "b": audit_record(
            action=AuditAction.CASE_TRANSITION,
            by=approver,
            org=branch_b,
            case=case_b,
            before="待审",
            after="退回",
            opinion="材料不全乙方",
        ),
    }


def test_anonymous_is_sent_to_login(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("role", [Role.COMMITTEE_MEMBER, Role.ORGANIZATION_MEMBER, None])
def test_users_without_auditor_or_secretary_office_are_refused(client, branch_a, role):
    user = AppointmentFactory(org=branch_a, role=role).user if role else UserFactory()
    client.force_login(user)

    assert client.get(LIST_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 403


def test_ended_appointment_no_longer_opens_the_workspace(client, branch_a):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    user = AppointmentFactory(org=branch_a, role=Role.AUDITOR, end_date=yesterday).user
    client.force_login(user)

    assert client.get(LIST_URL).status_code == 403


def test_auditor_sees_only_events_of_their_subtree(client, auditor_a, events):
    client.force_login(auditor_a)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert list(response.context["events"]) == [events["a"]]
    content = response.content.decode()
    assert "同意推荐吉𠮷甲" in content
    assert "材料不全乙方" not in content
    assert 'class="responsive"' in content
    assert 'data-label="操作人"' in content


def test_secretary_of_the_committee_sees_both_branches(client, committee, events):
    secretary = AppointmentFactory(org=committee, role=Role.SECRETARY).user
    client.force_login(secretary)

    response = client.get(LIST_URL)

    assert {event.pk for event in response.context["events"]} == {e.pk for e in events.values()}


def test_superuser_also_sees_events_without_organisation(client, events):
    system = audit_record(action=AuditAction.AUTH_LOGIN_FAILED, by=None, data={"username": "x"})
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(LIST_URL)

    assert system in response.context["events"]
    assert len(response.context["events"]) == 3


def test_timeline_of_a_case_outside_scope_is_404(client, auditor_a, events, case_b):
    client.force_login(auditor_a)

    assert client.get(_timeline_url(case_b)).status_code == 404


def test_timeline_of_a_case_without_events_is_404(client, auditor_a, branch_a):
    client.force_login(auditor_a)

    assert client.get(_timeline_url(MemberFactory(branch=branch_a))).status_code == 404


def test_timeline_lists_the_case_history_in_order(client, auditor_a, approver, case_a, events):
    later = audit_record(
        action=AuditAction.CASE_TRANSITION,
        by=approver,
        case=case_a,
        org=case_a.branch,
        before="团支部审议",
        after="团委审查",
    )
    client.force_login(auditor_a)

    response = client.get(_timeline_url(case_a))

    assert response.status_code == 200
    assert list(response.context["events"]) == [events["a"], later]
    content = response.content.decode()
    assert "吉𠮷甲" in content
    assert "团支部审议 → 团委审查" in content


def test_filters(client, auditor_a, approver, branch_a, case_a):
    other = UserFactory(username="wangwu", first_name="王五")
    opinion = audit_record(action=AuditAction.OPINION_ADD, by=approver, case=case_a, org=branch_a)
    transfer = audit_record(action=AuditAction.TASK_TRANSFER, by=other, org=branch_a)
    client.force_login(auditor_a)
    today = timezone.localdate()

    def listed(**params):
        return list(client.get(LIST_URL, params).context["events"])

    assert listed(action=AuditAction.TASK_TRANSFER) == [transfer]
    assert listed(actor="wangw") == [transfer]
    assert listed(actor="王五") == [transfer]
    assert listed(case_label="𠮷甲") == [opinion]
    assert listed(date_from=today.isoformat(), date_to=today.isoformat()) == [transfer, opinion]
    assert listed(date_to=(today - datetime.timedelta(days=1)).isoformat()) == []
    assert listed(date_from=(today + datetime.timedelta(days=1)).isoformat()) == []
    assert listed(org=branch_a.pk) == [transfer, opinion]


def test_org_filter_offers_only_organisations_in_scope(client, auditor_a, branch_b, events):
    client.force_login(auditor_a)

    response = client.get(LIST_URL, {"org": branch_b.pk})

    assert list(response.context["events"]) == [events["a"]]
    assert "org" in response.context["filter"].form.errors


def test_pagination_fifty_per_page(client, auditor_a, branch_a):
    for number in range(55):
        audit_record(action=AuditAction.COMMENT_ADD, by=None, org=branch_a, opinion=f"第{number}条")
    client.force_login(auditor_a)

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})

    assert len(first.context["events"]) == 50
    assert len(second.context["events"]) == 5
    assert "page=2" in first.content.decode()


def test_list_query_count_does_not_grow_with_events(client, auditor_a, branch_a, committee):
    def add_events(count: int) -> None:
        for number in range(count):
            actor = UserFactory(first_name=f"审批人{number}")
            case = MemberFactory(branch=branch_a)
            audit_record(action=AuditAction.OPINION_ADD, by=actor, case=case, org=branch_a)

    client.force_login(auditor_a)
    add_events(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST_URL).status_code == 200
    add_events(29)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(LIST_URL)

    assert len(response.context["events"]) == 30
    assert len(thirty) == len(one)


def test_csv_export_is_utf8_with_bom_and_scoped(client, auditor_a, events):
    client.force_login(auditor_a)

    response = client.get(EXPORT_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("编号,时间,操作人")
    assert "同意推荐吉𠮷甲" in text
    assert "填写意见" in text
    assert events["a"].hash in text
    assert "材料不全乙方" not in text


def test_csv_export_applies_filters_and_defuses_formulas(client, auditor_a, branch_a):
    audit_record(action=AuditAction.COMMENT_ADD, by=None, org=branch_a, opinion="=HYPERLINK(1)")
    audit_record(action=AuditAction.OPINION_ADD, by=None, org=branch_a, opinion="同意")
    client.force_login(auditor_a)

    response = client.get(EXPORT_URL, {"action": AuditAction.COMMENT_ADD})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert "同意" not in text
    assert len(text.splitlines()) == 2


def test_admin_is_read_only(client, events):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    changelist = client.get(reverse("admin:audit_auditevent_changelist"))
    add = client.get(reverse("admin:audit_auditevent_add"))
    delete = client.get(reverse("admin:audit_auditevent_delete", args=[events["a"].pk]))

    assert changelist.status_code == 200
    assert add.status_code == 403
    assert delete.status_code == 403


# --- a 实名 objection's author, kept from the person it is about --------------------------

OBJECTOR = "举报人丁"


@pytest.fixture
def objected(world, submitted):
    from tests.cases import to_publicity
    from workflows.engine.services.publicity import publicity_latest
    from workflows.party_recommendation.services import application_object

    to_publicity(world, submitted)
    objector = MemberFactory(
        branch=world.branch_b, user=UserFactory(username="jubao", first_name=OBJECTOR)
    ).user
    application_object(publicity=publicity_latest(submitted), by=objector, text="材料不实𠮷")
    # The applicant also keeps the branch's books: the audit workspace opens for them.
    AppointmentFactory(user=world.applicant_user, org=world.branch_a, role=Role.AUDITOR)
    return submitted


def test_the_person_objected_to_never_reads_the_objectors_name(client, world, objected):
    client.force_login(world.applicant_user)

    pages = [
        client.get(LIST_URL).content.decode(),
        client.get(_timeline_url(objected)).content.decode(),
        b"".join(client.get(EXPORT_URL).streaming_content).decode("utf-8-sig"),
    ]

    for page in pages:
        assert "材料不实𠮷" in page
        assert OBJECTOR not in page and "jubao" not in page
        assert "不向当事人公开" in page


def test_the_committee_reads_the_objectors_name_in_the_audit_log(client, world, objected):
    client.force_login(world.committee_secretary)

    assert OBJECTOR in client.get(_timeline_url(objected)).content.decode()
    assert OBJECTOR in b"".join(client.get(EXPORT_URL).streaming_content).decode("utf-8-sig")


def test_the_api_keeps_the_objectors_name_from_the_person_objected_to(world, objected):
    from rest_framework.test import APIClient

    client = APIClient()
    url = reverse("api:case_events", args=[objected._meta.label_lower, objected.pk])

    client.force_authenticate(world.applicant_user)
    for answer in (client.get(url).json(), client.get(reverse("api:audit_events")).json()):
        assert OBJECTOR not in str(answer) and "材料不实𠮷" in str(answer)
    client.force_authenticate(world.committee_secretary)
    assert OBJECTOR in str(client.get(url).json())
