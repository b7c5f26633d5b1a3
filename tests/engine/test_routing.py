"""Assignment through dated appointments: one holder, a shared queue, substitutes, recusal."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import AppointmentFactory, UserFactory
from workflows.engine.routing import Office, Route, route_resolve
from workflows.org.models import Appointment, Role, Substitute
from workflows.org.selectors import acting_user_ids, holds_role, role_holders

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 25)


def test_role_holder_on_a_day_respects_appointment_dates(world):
    Appointment.objects.filter(user=world.secretary_a).update(end_date=datetime.date(2026, 6, 30))
    successor = UserFactory(username="new_shuji")
    AppointmentFactory(
        user=successor,
        org=world.branch_a,
        role=Role.SECRETARY,
        start_date=datetime.date(2026, 7, 1),
    )
    assert role_holders(role=Role.SECRETARY, org=world.branch_a, on=datetime.date(2026, 6, 30)) == [
        world.secretary_a
    ]
    assert role_holders(role=Role.SECRETARY, org=world.branch_a, on=datetime.date(2026, 7, 1)) == [
        successor
    ]


def test_single_holder_gets_the_task(world):
    route = Route(offices=(Office(Role.SECRETARY, world.branch_a),))
    assignment = route_resolve(route=route, recused_user_id=None, on=TODAY)
    assert assignment.owner == world.secretary_a and assignment.queue is None


def test_several_holders_share_a_queue(world):
    route = Route(offices=(Office(Role.ORGANIZATION_MEMBER, world.committee),))
    assignment = route_resolve(route=route, recused_user_id=None, on=TODAY)
    assert assignment.owner is None
    assert assignment.queue == Office(Role.ORGANIZATION_MEMBER, world.committee)


def test_recusal_passes_the_task_to_the_next_office(world):
    route = Route(
        offices=(
            Office(Role.SECRETARY, world.branch_a),
            Office(Role.DEPUTY_SECRETARY, world.branch_a),
        )
    )
    assignment = route_resolve(route=route, recused_user_id=world.secretary_a.pk, on=TODAY)
    assert assignment.owner == world.deputy_a


def test_substitute_acts_for_the_principal_within_the_dates(world):
    stand_in = UserFactory(username="daili")
    Substitute.objects.create(
        principal=world.secretary_a,
        substitute=stand_in,
        start_date=datetime.date(2026, 11, 20),
        end_date=datetime.date(2026, 11, 30),
    )
    assert world.secretary_a.pk in acting_user_ids(user=stand_in, on=TODAY)
    assert holds_role(user=stand_in, role=Role.SECRETARY, org=world.branch_a, on=TODAY)
    assert not holds_role(
        user=stand_in, role=Role.SECRETARY, org=world.branch_a, on=datetime.date(2026, 12, 1)
    )


def test_substitute_sees_the_principals_inbox(world, submitted):
    from workflows.engine.selectors import inbox_tasks

    stand_in = UserFactory(username="daili2")
    today = timezone.localdate()
    Substitute.objects.create(
        principal=world.secretary_a, substitute=stand_in, start_date=today, end_date=today
    )
    assert [t.flow_task.name for t in inbox_tasks(user=stand_in)] == ["branch_review"]


def test_a_holder_whose_substitute_is_the_subject_is_passed_over(world):
    """The secretary is away with her deputy standing in, and the deputy is the subject."""
    Substitute.objects.create(
        principal=world.secretary_a,
        substitute=world.deputy_a,
        start_date=datetime.date(2026, 11, 20),
        end_date=datetime.date(2026, 11, 30),
    )
    route = Route(
        offices=(
            Office(Role.SECRETARY, world.branch_a),
            Office(Role.DEPUTY_SECRETARY, world.branch_a),
            Office(Role.SECRETARY, world.committee),
        )
    )
    assignment = route_resolve(route=route, recused_user_id=world.deputy_a.pk, on=TODAY)
    assert assignment.owner == world.committee_secretary
    # Before the substitution starts the secretary is there to decide it herself.
    before = route_resolve(
        route=route, recused_user_id=world.deputy_a.pk, on=datetime.date(2026, 11, 19)
    )
    assert before.owner == world.secretary_a
    # Anyone else's case goes to the secretary as ever, for her substitute to act on.
    assert route_resolve(route=route, recused_user_id=None, on=TODAY).owner == world.secretary_a
