"""The FSM is the only way a case's status changes, in the shell and the admin alike."""

import pytest
from django_fsm import TransitionNotAllowed

from workflows.party_recommendation.models import Application, Status

pytestmark = pytest.mark.django_db


def test_status_cannot_be_assigned_directly(submitted):
    with pytest.raises(AttributeError):
        submitted.status = Status.ACCEPTED


def test_transition_conditions_hold_outside_the_services(submitted):
    # Skipping the branch meeting: the condition "meeting passed" refuses it.
    case = Application.objects.get(pk=submitted.pk)
    case.branch_approve()
    with pytest.raises(TransitionNotAllowed):
        case.meeting_pass()


def test_ineligible_member_cannot_be_approved_even_from_the_shell(world, submitted):
    world.applicant.party_application_date = None
    world.applicant.save()
    case = Application.objects.select_related("subject").get(pk=submitted.pk)
    with pytest.raises(TransitionNotAllowed):
        case.branch_approve()


def test_concurrent_saves_of_a_stale_copy_are_refused(submitted):
    from django_fsm import ConcurrentTransition

    first = Application.objects.get(pk=submitted.pk)
    second = Application.objects.get(pk=submitted.pk)
    first.branch_approve()
    first.save()
    second.return_to_applicant()
    with pytest.raises(ConcurrentTransition):
        second.save()
