"""Steps several people sign: 会签 (all), 或签 (any) and k of n, set by a committee's rulebook.

Each signer decides on their own task; the step's one handler runs exactly once, when the
policy is met, and the seats no longer needed close."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests.awards.helpers import campaign_for, category, good_record
from tests.cases import to_committee_review
from tests.factories import AppointmentFactory, RulebookFactory, UserFactory
from tests.races import race
from workflows.audit.models import AuditEvent
from workflows.awards import services as awards_services
from workflows.civilization_posts import services as civilization_services
from workflows.engine.errors import CaseError, NotAllowed, StaleTask
from workflows.engine.models import Opinion, Publicity
from workflows.engine.selectors import inbox_tasks, queue_tasks
from workflows.engine.signers import Mode, Seat, State, outcome
from workflows.org.models import Role, Substitute
from workflows.party_recommendation.models import Status
from workflows.party_recommendation.services import application_act, application_submit
from workflows.rules.defaults import LABELS, settings_for
from workflows.rules.validation import settings_errors

AWARDS = awards_services.PROCESS_KEY
CIVILIZATION = civilization_services.PROCESS_KEY

pytestmark = pytest.mark.django_db

MODE = "signers_party_recommendation_committee_review"
K = "signers_k_party_recommendation_committee_review"
OPEN = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]


# --- the rule, without a database ----------------------------------------------------------


def _seats(*states, added=()):
    return [Seat(pk=i, added=i in added, state=state) for i, state in enumerate(states, 1)]


def test_all_needs_every_approval_and_any_refusal_decides():
    seats = _seats(State.OPEN, State.OPEN, State.OPEN)
    assert not outcome(mode=Mode.ALL, k=3, seats=seats, acting=1, approves=True).decides
    seats = _seats(State.APPROVED, State.APPROVED, State.OPEN)
    assert outcome(mode=Mode.ALL, k=3, seats=seats, acting=3, approves=True).decides
    seats = _seats(State.APPROVED, State.OPEN, State.OPEN)
    assert outcome(mode=Mode.ALL, k=3, seats=seats, acting=2, approves=False).decides


def test_any_is_decided_by_the_first_signature_either_way():
    seats = _seats(State.OPEN, State.OPEN)
    assert outcome(mode=Mode.ANY, k=1, seats=seats, acting=2, approves=True).decides
    assert outcome(mode=Mode.ANY, k=1, seats=seats, acting=2, approves=False).decides


def test_k_of_n_decides_at_k_approvals_or_once_k_is_out_of_reach():
    open3 = _seats(State.OPEN, State.OPEN, State.OPEN)
    assert not outcome(mode=Mode.K_OF_N, k=2, seats=open3, acting=1, approves=False).decides
    one_no = _seats(State.DECLINED, State.OPEN, State.OPEN)
    # Two refusals of three: two approvals can no longer be reached.
    assert outcome(mode=Mode.K_OF_N, k=2, seats=one_no, acting=2, approves=False).decides
    assert not outcome(mode=Mode.K_OF_N, k=2, seats=one_no, acting=2, approves=True).decides
    one_yes = _seats(State.APPROVED, State.OPEN, State.OPEN)
    assert outcome(mode=Mode.K_OF_N, k=2, seats=one_yes, acting=3, approves=True).decides
    # k above n means all of them.
    assert not outcome(mode=Mode.K_OF_N, k=5, seats=one_yes, acting=3, approves=True).decides


def test_added_signers_must_agree_and_their_refusal_decides():
    seats = _seats(State.APPROVED, State.OPEN, added=(2,))
    # Whom the acting holder adds after themself (``later``) must still agree.
    pending = outcome(mode=Mode.ANY, k=1, seats=seats[:1], acting=1, approves=True, later=1)
    assert not pending.decides
    assert outcome(mode=Mode.ALL, k=1, seats=seats, acting=2, approves=True).decides
    seats = _seats(State.OPEN, State.OPEN, State.OPEN, added=(3,))
    assert outcome(mode=Mode.K_OF_N, k=2, seats=seats, acting=3, approves=False).decides


def test_an_approval_that_meets_the_policy_drops_the_others_and_whom_they_added_before():
    seats = [
        Seat(pk=1, added=False, state=State.OPEN, waits_for=3),
        Seat(pk=2, added=False, state=State.OPEN),
        Seat(pk=3, added=True, state=State.OPEN),
    ]
    result = outcome(mode=Mode.ANY, k=1, seats=seats, acting=2, approves=True)
    assert result.decides
    seats.append(Seat(pk=4, added=True, state=State.OPEN))
    result = outcome(mode=Mode.ANY, k=1, seats=seats, acting=2, approves=True)
    assert not result.decides
    assert result.drop == {1, 3}


# --- the rulebook setting ------------------------------------------------------------------


def test_the_policy_is_a_rulebook_setting_a_committee_may_override():
    settings = settings_for("party_recommendation")
    assert settings[MODE].default == "single"
    assert settings[K].default == 2 and settings[K].minimum == 1
    assert LABELS[MODE] == "推优入党·团委审核签署方式"
    assert "signers_award_nomination_committee_review" in settings_for(AWARDS)
    assert "signers_post_application_committee_check" in settings_for(CIVILIZATION)
    errors = settings_errors(process="party_recommendation", settings={MODE: "most", K: 0})
    assert any("签署方式" in error and "k_of_n" in error for error in errors)
    assert any("不能小于 1" in error for error in errors)
    assert settings_errors(process="party_recommendation", settings={MODE: "all", K: 3}) == []


# --- through the 推优 团委审核 ----------------------------------------------------------------


def _third_reviewer(world):
    user = UserFactory(username="tw_zuzhi3", first_name="钱组织")
    AppointmentFactory(user=user, org=world.committee, role=Role.ORGANIZATION_MEMBER)
    return user


def _at_committee_review(world, round_a, **settings):
    RulebookFactory(committee=world.committee, settings=settings)
    application = application_submit(
        member=world.applicant, round=round_a, statement="志愿服务。", by=world.applicant_user
    )
    to_committee_review(world, application)
    return application


def _seat(application, user):
    return Task.objects.get(
        process_id=application.process_id, flow_task_type="HUMAN", owner=user, status__in=OPEN
    )


def _seat_status(application, user):
    return Task.objects.get(process_id=application.process_id, owner=user).status


def _sign(application, user, action="approve", opinion="同意"):
    application_act(task=_seat(application, user), by=user, action=action, opinion=opinion)
    application.refresh_from_db()


def _transitions(application):
    return AuditEvent.objects.filter(case_id=application.pk, action="case.transition")


def test_by_default_the_committee_review_stays_one_shared_task(world, submitted):
    to_committee_review(world, submitted)
    task = Task.objects.get(process_id=submitted.process_id, status=STATUS.NEW)
    assert task.owner_id is None and "sign" not in task.data
    assert [t.pk for t in queue_tasks(user=world.reviewer_2)] == [task.pk]


def test_all_gives_each_member_a_task_and_the_last_approval_decides_once(world, round_a):
    application = _at_committee_review(world, round_a, **{MODE: "all"})
    seats = {user: _seat(application, user) for user in (world.reviewer_1, world.reviewer_2)}
    assert (
        seats[world.reviewer_1].data["sign"]["group"]
        == seats[world.reviewer_2].data["sign"]["group"]
    )
    assert list(inbox_tasks(user=world.reviewer_2)) == [seats[world.reviewer_2]]
    assert list(queue_tasks(user=world.reviewer_2)) == []
    assert seats[world.reviewer_2].data["due_on"] == seats[world.reviewer_1].data["due_on"]
    signers_event = AuditEvent.objects.get(case_id=application.pk, action="task.signers")
    assert signers_event.after == (
        "团委审核：会签：2 人须全部同意，任一人不同意或退回即决定（李组织、赵组织）"
    )
    transitions_before = _transitions(application).count()

    _sign(application, world.reviewer_1, opinion="同意推荐")
    assert application.status == Status.MEETING_PASSED
    assert not Publicity.objects.for_case(application).exists()
    assert _transitions(application).count() == transitions_before
    seats[world.reviewer_1].refresh_from_db()
    assert seats[world.reviewer_1].status == STATUS.DONE
    assert not seats[world.reviewer_1].leading.exists()

    _sign(application, world.reviewer_2, opinion="同意")
    assert application.status == Status.IN_PUBLICITY
    assert _transitions(application).count() == transitions_before + 1
    assert Publicity.objects.for_case(application).count() == 1
    opinions = Opinion.objects.for_case(application).filter(step="团委审核")
    assert sorted(o.author.username for o in opinions) == ["tw_zuzhi1", "tw_zuzhi2"]
    # The process moved on once: one timer for the 公示, nobody left to sign.
    tasks = Task.objects.filter(process_id=application.process_id)
    assert tasks.filter(flow_task_type="TIMER").count() == 1
    assert not tasks.filter(flow_task_type="HUMAN", status__in=OPEN).exists()


def test_all_is_decided_at_once_by_a_return_and_the_other_seat_closes(world, round_a):
    application = _at_committee_review(world, round_a, **{MODE: "all"})
    other = _seat(application, world.reviewer_2)
    _sign(application, world.reviewer_1, "return", "材料不全，请补充。")
    assert application.status == Status.RETURNED
    other.refresh_from_db()
    assert other.status == STATUS.CANCELED
    with pytest.raises(StaleTask, match=r"该环节已由 李组织 于 .* 决定，无需您再签署"):
        application_act(task=other, by=world.reviewer_2, action="approve", opinion="同意")
    closed = AuditEvent.objects.get(case_id=application.pk, action="task.signers_close")
    assert closed.after == "团委审核：已由 李组织 决定，无需再签署：赵组织"
    assert world.reviewer_2.notifications.filter(text__startswith="无需办理").exists()


def test_any_is_decided_by_whoever_signs_first(world, round_a):
    application = _at_committee_review(world, round_a, **{MODE: "any"})
    other = _seat(application, world.reviewer_1)
    _sign(application, world.reviewer_2)
    assert application.status == Status.IN_PUBLICITY
    other.refresh_from_db()
    assert other.status == STATUS.CANCELED


def test_k_of_n_approves_at_k_in_spite_of_a_refusal(world, round_a):
    third = _third_reviewer(world)
    application = _at_committee_review(world, round_a, **{MODE: "k_of_n", K: 2})
    assert _seat(application, third).data["sign"] == {
        "group": _seat(application, world.reviewer_1).pk,
        "mode": "k_of_n",
        "k": 2,
        "n": 3,
    }
    _sign(application, world.reviewer_1, "reject", "不符合条件。")
    assert application.status == Status.MEETING_PASSED
    _sign(application, world.reviewer_2)
    assert application.status == Status.MEETING_PASSED
    _sign(application, third)
    assert application.status == Status.IN_PUBLICITY
    assert _transitions(application).filter(after="公示中").count() == 1


def test_k_of_n_refuses_once_k_approvals_are_out_of_reach(world, round_a):
    third = _third_reviewer(world)
    application = _at_committee_review(world, round_a, **{MODE: "k_of_n", K: 2})
    _sign(application, world.reviewer_1, "reject", "不符合条件。")
    _sign(application, world.reviewer_2, "reject", "同意上述意见。")
    assert application.status == Status.REJECTED
    assert _seat_status(application, third) == STATUS.CANCELED


def test_k_larger_than_the_office_means_everyone(world, round_a):
    application = _at_committee_review(world, round_a, **{MODE: "k_of_n", K: 5})
    assert _seat(application, world.reviewer_1).data["sign"]["k"] == 2
    _sign(application, world.reviewer_1)
    assert application.status == Status.MEETING_PASSED


def test_only_a_seats_holder_signs_it_and_nobody_outside_the_office(world, round_a):
    application = _at_committee_review(world, round_a, **{MODE: "all"})
    theirs = _seat(application, world.reviewer_2)
    for outsider in (world.reviewer_1, world.committee_secretary, world.secretary_b):
        with pytest.raises(CaseError):
            application_act(task=theirs, by=outsider, action="approve", opinion="同意")
    application.refresh_from_db()
    assert application.status == Status.MEETING_PASSED
    assert not Opinion.objects.filter(task_id=theirs.pk).exists()


def test_one_person_signs_once_even_standing_in_for_a_co_signer(world, round_a):
    application = _at_committee_review(world, round_a, **{MODE: "all"})
    today = timezone.localdate()
    Substitute.objects.create(
        principal=world.reviewer_2, substitute=world.reviewer_1, start_date=today, end_date=today
    )
    _sign(application, world.reviewer_1)
    with pytest.raises(NotAllowed, match="您已在本环节签署，每人只签一次"):
        application_act(
            task=_seat(application, world.reviewer_2),
            by=world.reviewer_1,
            action="approve",
            opinion="同意",
        )
    application.refresh_from_db()
    assert application.status == Status.MEETING_PASSED


def test_the_subject_holding_the_office_gets_no_seat(world, round_a):
    AppointmentFactory(
        user=world.applicant_user, org=world.committee, role=Role.ORGANIZATION_MEMBER
    )
    application = _at_committee_review(world, round_a, **{MODE: "all"})
    owners = Task.objects.filter(process_id=application.process_id, status__in=OPEN)
    assert sorted(owners.values_list("owner__username", flat=True)) == ["tw_zuzhi1", "tw_zuzhi2"]
    assert all(task.data["recused"] == world.applicant_user.pk for task in owners)


def test_a_single_holder_signs_as_usual(world, round_a):
    AppointmentFactory._meta.model.objects.filter(user=world.reviewer_2).delete()
    application = _at_committee_review(world, round_a, **{MODE: "all"})
    task = _seat(application, world.reviewer_1)
    assert "sign" not in task.data
    _sign(application, world.reviewer_1)
    assert application.status == Status.IN_PUBLICITY


def test_the_task_page_shows_the_policy_and_who_signed_what(client, world, round_a):
    application = _at_committee_review(world, round_a, **{MODE: "all"})
    _sign(application, world.reviewer_1, opinion="同意推荐𠮷")
    client.force_login(world.reviewer_2)
    page = client.get(reverse("engine:task", args=[_seat(application, world.reviewer_2).pk]))
    html = page.content.decode()
    assert 'data-testid="countersign"' in html
    assert "会签：2 人须全部同意" in html
    assert "同意推荐𠮷" in html and "待签署" in html
    assert 'data-testid="task-form"' in html
    # Someone outside the committee's tree does not see the task at all.
    client.force_login(world.secretary_b)
    url = reverse("engine:task", args=[_seat(application, world.reviewer_2).pk])
    assert client.get(url).status_code == 404


def test_a_signer_acts_through_the_api_the_same_way(world, round_a):
    application = _at_committee_review(world, round_a, **{MODE: "all"})
    for user, status in ((world.reviewer_1, "meeting_passed"), (world.reviewer_2, "in_publicity")):
        token, _ = Token.objects.get_or_create(user=user)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        response = api.post(
            reverse("api:task_act", args=[_seat(application, user).pk]),
            {"action": "approve", "opinion": "同意"},
            format="json",
        )
        assert response.status_code == 200, response.content
        assert response.json()["status"] == status


# --- two last signers at once (PostgreSQL row locks) -------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_last_signers_at_once_decide_the_step_exactly_once(world, round_a):
    application = _at_committee_review(world, round_a, **{MODE: "all"})
    seats = [(user, _seat(application, user)) for user in (world.reviewer_1, world.reviewer_2)]
    outcomes = race(
        [
            lambda user=user, seat=seat: application_act(
                task=seat, by=user, action="approve", opinion="同意"
            )
            for user, seat in seats
        ]
    )
    assert outcomes == ["ok", "ok"]
    application.refresh_from_db()
    assert application.status == Status.IN_PUBLICITY
    assert _transitions(application).filter(after="公示中").count() == 1
    assert Publicity.objects.for_case(application).count() == 1
    assert (
        Task.objects.filter(process_id=application.process_id, flow_task_type="TIMER").count() == 1
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_signers_reaching_k_at_once_one_decides_the_other_is_told(world, round_a):
    _third_reviewer(world)
    application = _at_committee_review(world, round_a, **{MODE: "k_of_n", K: 1})
    seats = list(Task.objects.filter(process_id=application.process_id, status__in=OPEN))
    outcomes = race(
        [
            lambda seat=seat: application_act(
                task=seat, by=seat.owner, action="approve", opinion="同意"
            )
            for seat in seats[:2]
        ]
    )
    assert outcomes.count("ok") == 1
    assert any("无需您再签署" in outcome for outcome in outcomes if outcome != "ok")
    application.refresh_from_db()
    assert application.status == Status.IN_PUBLICITY
    assert _transitions(application).filter(after="公示中").count() == 1


def test_the_awards_committee_review_takes_the_same_policy(
    world, django_capture_on_commit_callbacks
):
    RulebookFactory(
        committee=world.committee,
        process=AWARDS,
        settings={"signers_award_nomination_committee_review": "all"},
    )
    colleague = good_record(world.members_a[0])
    campaign = campaign_for(world, codes=["excellent_member"])
    with django_capture_on_commit_callbacks(execute=True):
        awards_services.campaign_open(campaign=campaign, by=world.committee_secretary)
    nomination = awards_services.nomination_submit(
        category=category(campaign, "excellent_member"),
        by=world.secretary_a,
        member=colleague,
        deeds="科室青年文明号骨干。",
    )
    signatures = [(world.reviewer_1, "branch_approved"), (world.reviewer_2, "committee_approved")]
    for user, status in signatures:
        awards_services.nomination_act(
            task=_seat(nomination, user), by=user, action="approve", opinion="同意"
        )
        nomination.refresh_from_db()
        assert nomination.status == status


def test_a_leaving_signers_seat_goes_to_a_holder_who_signs_nowhere_else(world, round_a):
    from workflows.engine.services.reroute import tasks_reroute
    from workflows.org.models import Appointment

    third = _third_reviewer(world)
    application = _at_committee_review(world, round_a, **{MODE: "all"})
    signers = [world.reviewer_1, world.reviewer_2, third]
    assert all(_seat(application, user) for user in signers)
    today = timezone.localdate()
    Appointment.objects.filter(user=third).update(end_date=today)
    tomorrow = today + datetime.timedelta(days=1)

    # Everyone left in the office already signs: the seat stays rather than double up.
    assert tasks_reroute(user_ids=[third.pk], on=tomorrow, by=None, reason="离任") == []

    newcomer = UserFactory(username="tw_zuzhi4", first_name="孙组织")
    AppointmentFactory(user=newcomer, org=world.committee, role=Role.ORGANIZATION_MEMBER)
    moved = tasks_reroute(user_ids=[third.pk], on=tomorrow, by=None, reason="离任")
    assert len(moved) == 1
    owners = Task.objects.filter(
        process_id=application.process_id, flow_task_type="HUMAN", status__in=OPEN
    ).values_list("owner_id", flat=True)
    assert sorted(owners) == sorted([world.reviewer_1.pk, world.reviewer_2.pk, newcomer.pk])
