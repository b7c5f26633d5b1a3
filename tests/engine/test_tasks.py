"""Acting on tasks: who a second click is told handled it, and recusal (回避) when the person a
case is about would otherwise hold or see its task — as a 代理人 or in a shared queue."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.cases import act, open_task, passing_vote
from tests.factories import AppointmentFactory, MemberFactory, UserFactory
from workflows.audit.models import AuditEvent
from workflows.engine.errors import NotAllowed, StaleTask
from workflows.engine.selectors import inbox_tasks, queue_tasks
from workflows.engine.services.bulk import BulkItem, tasks_bulk_act
from workflows.engine.services.reroute import tasks_recusal_reroute
from workflows.engine.services.tasks import task_claim
from workflows.org.models import Role, Substitute
from workflows.party_recommendation.services import application_act, application_submit

pytestmark = pytest.mark.django_db

RECUSAL = "该案件与您本人有关，您须回避，不能办理"


def _stands_in(principal, substitute):
    today = timezone.localdate()
    Substitute.objects.create(
        principal=principal, substitute=substitute, start_date=today, end_date=today
    )


# --- who handled it -----------------------------------------------------------------


def test_a_second_click_names_the_substitute_who_acted(world, submitted):
    stand_in = UserFactory(username="daili", first_name="代理人甲")
    _stands_in(world.secretary_a, stand_in)
    task = open_task(submitted, "branch_review")
    application_act(task=task, by=stand_in, action="approve", opinion="同意")
    task.refresh_from_db()
    assert task.owner == world.secretary_a  # the task stays the principal's
    with pytest.raises(StaleTask, match=r"^该待办已由 代理人甲（代 陈支书）于 .* 处理$"):
        application_act(task=task, by=world.secretary_a, action="approve", opinion="同意")


def test_the_api_409_names_the_substitute_too(world, submitted):
    stand_in = UserFactory(username="daili", first_name="代理人甲")
    _stands_in(world.secretary_a, stand_in)
    task = open_task(submitted, "branch_review")
    application_act(task=task, by=stand_in, action="approve", opinion="同意")
    client = APIClient()
    client.force_authenticate(world.secretary_a)
    response = client.post(
        reverse("api:task_approve", args=[task.pk]), {"opinion": "同意"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith("该待办已由 代理人甲（代 陈支书）于 ")


def test_the_owner_acting_is_named_alone(world, submitted):
    task = open_task(submitted, "branch_review")
    application_act(task=task, by=world.secretary_a, action="approve", opinion="同意")
    with pytest.raises(StaleTask, match=r"^该待办已由 陈支书 于 .* 处理$"):
        application_act(task=task, by=world.secretary_a, action="approve", opinion="同意")


# --- recusal --------------------------------------------------------------------------


@pytest.fixture
def deputy_applies(world, round_a):
    """The branch's deputy secretary applies; she is also the secretary's 代理人."""
    member = MemberFactory(branch=world.branch_a, user=world.deputy_a, name="周副书记")

    def submit():
        return application_submit(
            member=member, round=round_a, statement="本人申请", by=world.deputy_a
        )

    return submit


def test_a_substitute_who_is_the_subject_never_gets_the_case(world, deputy_applies):
    _stands_in(world.secretary_a, world.deputy_a)
    application = deputy_applies()
    # The secretary is away and stands in nobody but the subject: the committee takes it.
    assert open_task(application, "branch_review").owner == world.committee_secretary
    assert list(inbox_tasks(user=world.deputy_a)) == []


def test_substitution_starting_later_hides_the_task_and_moves_it_when_she_tries(
    world, deputy_applies
):
    application = deputy_applies()
    task = open_task(application, "branch_review")
    assert task.owner == world.secretary_a
    _stands_in(world.secretary_a, world.deputy_a)
    assert list(inbox_tasks(user=world.deputy_a)) == []
    assert [t.pk for t in inbox_tasks(user=world.secretary_a)] == [task.pk]

    with pytest.raises(NotAllowed, match=RECUSAL):
        application_act(task=task, by=world.deputy_a, action="approve", opinion="同意")
    task.refresh_from_db()
    assert task.owner == world.committee_secretary
    event = AuditEvent.objects.get(action="task.reroute")
    assert (event.before, event.after) == ("团支部审核：陈支书", "团支部审核：王委书记")
    assert event.opinion == "周副书记 为案件当事人，须回避"
    application.refresh_from_db()
    assert application.status == "submitted"


def test_the_timer_sweep_moves_a_task_whose_holder_is_stood_in_for_by_the_subject(
    world, deputy_applies, submitted
):
    mine = deputy_applies()
    _stands_in(world.secretary_a, world.deputy_a)
    moved = tasks_recusal_reroute(on=timezone.localdate())
    assert [t.pk for t in moved] == [open_task(mine, "branch_review").pk]
    assert open_task(mine, "branch_review").owner == world.committee_secretary
    # Someone else's case stays with the secretary, for her substitute to decide.
    assert open_task(submitted, "branch_review").owner == world.secretary_a
    assert tasks_recusal_reroute(on=timezone.localdate()) == []


def test_bulk_approval_by_the_subject_is_refused_as_recusal(world, deputy_applies):
    application = deputy_applies()
    task = open_task(application, "branch_review")
    _stands_in(world.secretary_a, world.deputy_a)
    [outcome] = tasks_bulk_act(items=[BulkItem(task.pk, "同意")], by=world.deputy_a)
    assert not outcome.ok and RECUSAL in outcome.message
    task.refresh_from_db()
    assert task.owner == world.committee_secretary


def test_the_api_refuses_the_subject_naming_recusal(world, deputy_applies):
    application = deputy_applies()
    task = open_task(application, "branch_review")
    _stands_in(world.secretary_a, world.deputy_a)
    client = APIClient()
    client.force_authenticate(world.deputy_a)
    assert client.get(reverse("api:tasks"), {"box": "inbox"}).json()["results"] == []
    response = client.post(
        reverse("api:task_approve", args=[task.pk]), {"opinion": "同意"}, format="json"
    )
    assert response.status_code == 403 and RECUSAL in response.json()["detail"]


def test_the_task_page_tells_the_subject_to_recuse_and_offers_no_action(
    client, world, deputy_applies
):
    application = deputy_applies()
    task = open_task(application, "branch_review")
    _stands_in(world.secretary_a, world.deputy_a)
    client.force_login(world.deputy_a)
    body = client.get(reverse("engine:task", args=[task.pk])).content.decode()
    assert "该案件与您本人有关，您须回避，不能办理。" in body
    assert 'data-testid="task-form"' not in body
    inbox = client.get(reverse("engine:inbox")).content.decode()
    assert application.reference not in inbox and 'name="task"' not in inbox

    response = client.post(
        reverse("engine:task", args=[task.pk]), {"action": "approve", "opinion": "同意"}
    )
    assert response.status_code == 400 and RECUSAL in response.content.decode()
    task.refresh_from_db()
    assert task.owner == world.committee_secretary


def test_a_queue_member_never_sees_or_claims_their_own_case(world, submitted):
    """A third 组织委员 applies: the other two share the committee review queue."""
    third = UserFactory(username="tw_zuzhi3", first_name="钱组织")
    AppointmentFactory(user=third, org=world.committee, role=Role.ORGANIZATION_MEMBER)
    member = MemberFactory(branch=world.branch_a, user=third, name="钱组织")
    application = application_submit(
        member=member, round=submitted.round, statement="本人申请", by=third
    )
    act(application, "branch_review", world.secretary_a, "approve", "同意")
    act(application, "branch_meeting", world.secretary_a, "record_vote", "通过", passing_vote())
    task = open_task(application, "committee_review")
    assert task.owner is None
    assert [t.pk for t in queue_tasks(user=world.reviewer_1)] == [task.pk]
    assert list(queue_tasks(user=third)) == []
    with pytest.raises(NotAllowed, match=RECUSAL):
        task_claim(task=task, by=third)
    task.refresh_from_db()
    assert task.owner is None  # still the queue of the other two
    assert not AuditEvent.objects.filter(action="task.reroute").exists()


def test_the_applicants_own_revision_stays_in_their_inbox(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "return", "请补充材料")
    assert [t.flow_task.name for t in inbox_tasks(user=world.applicant_user)] == ["revise"]


def test_a_case_of_theirs_without_a_process_hides_nothing_else(world, submitted):
    from workflows.party_recommendation.models import Application

    member = MemberFactory(branch=world.branch_a, user=world.secretary_a, name="陈支书")
    Application.objects.create(
        reference="TY-NOPROCESS",
        org=world.branch_a,
        org_path=world.branch_a.path,
        subject=member,
        applicant=world.secretary_a,
        round=submitted.round,
        track=submitted.track,
        statement="未进入流程",
    )
    assert [t.flow_task.name for t in inbox_tasks(user=world.secretary_a)] == ["branch_review"]


def test_the_api_task_offers_the_subject_no_action(world, deputy_applies):
    task = open_task(deputy_applies(), "branch_review")
    client = APIClient()

    client.force_authenticate(world.deputy_a)
    assert client.get(reverse("api:task", args=[task.pk])).json()["actions"] == []
    client.force_authenticate(world.secretary_a)
    assert "approve" in client.get(reverse("api:task", args=[task.pk])).json()["actions"]
