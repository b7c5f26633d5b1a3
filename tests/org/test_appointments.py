"""A committee appoints and relieves office holders of the units below it and names dated
stand-ins; its own offices are filled from above."""

import datetime

import pytest
from django.utils import timezone

from workflows.audit.models import AuditEvent
from workflows.engine.errors import CaseError, NotAllowed
from workflows.org.appointments import (
    appointment_end,
    appointment_start,
    offices_managed,
    substitute_add,
)
from workflows.org.models import Appointment, Role
from workflows.org.selectors import acting_user_ids, role_holders

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_the_committee_manages_the_offices_below_it_not_its_own(world, other_committee):
    units = set(offices_managed(user=world.reviewer_1, on=TODAY()))
    assert {world.branch_a, world.branch_b} <= units
    assert world.committee not in units and other_committee not in units
    assert not offices_managed(user=world.secretary_b, on=TODAY()).filter(pk=world.branch_a.pk)


def test_an_appointment_starts_on_its_date_and_ends_on_another_audited(world):
    user = world.applicant_user
    appointment = appointment_start(
        org=world.branch_a,
        user=user,
        role=Role.ORGANIZATION_MEMBER,
        start_date=TODAY(),
        by=world.committee_secretary,
    )
    assert user in role_holders(role=Role.ORGANIZATION_MEMBER, org=world.branch_a, on=TODAY())
    with pytest.raises(CaseError, match="已任心内科团支部组织委员"):
        appointment_start(
            org=world.branch_a,
            user=user,
            role=Role.ORGANIZATION_MEMBER,
            start_date=TODAY(),
            by=world.committee_secretary,
        )
    with pytest.raises(CaseError, match="早于任职日期"):
        appointment_end(
            appointment=appointment,
            end_date=TODAY() - datetime.timedelta(days=1),
            reason="",
            by=world.committee_secretary,
        )
    appointment_end(
        appointment=appointment, end_date=TODAY(), reason="工作调动", by=world.reviewer_1
    )
    tomorrow = TODAY() + datetime.timedelta(days=1)
    assert user not in role_holders(role=Role.ORGANIZATION_MEMBER, org=world.branch_a, on=tomorrow)
    assert list(
        AuditEvent.objects.filter(action__startswith="appointment.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["appointment.start", "appointment.end"]


def test_a_branch_secretary_cannot_appoint_in_their_own_branch(world):
    with pytest.raises(NotAllowed, match="只有心内科团支部的上级团组织"):
        appointment_start(
            org=world.branch_a,
            user=world.applicant_user,
            role=Role.COMMITTEE_MEMBER,
            start_date=TODAY(),
            by=world.secretary_a,
        )


def test_a_substitute_acts_for_the_office_holder_between_the_dates(world):
    appointment = Appointment.objects.get(user=world.secretary_a, org=world.branch_a)
    with pytest.raises(CaseError, match="代理人不能是本人"):
        substitute_add(
            appointment=appointment,
            substitute=world.secretary_a,
            start_date=TODAY(),
            end_date=TODAY(),
            reason="",
            by=world.committee_secretary,
        )
    substitute_add(
        appointment=appointment,
        substitute=world.applicant_user,
        start_date=TODAY(),
        end_date=TODAY() + datetime.timedelta(days=10),
        reason="外出学习",
        by=world.committee_secretary,
    )
    assert world.secretary_a.pk in acting_user_ids(user=world.applicant_user, on=TODAY())
    later = TODAY() + datetime.timedelta(days=11)
    assert world.secretary_a.pk not in acting_user_ids(user=world.applicant_user, on=later)
    assert AuditEvent.objects.get(action="substitute.start").opinion == "外出学习"
