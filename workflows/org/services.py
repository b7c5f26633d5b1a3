"""Writes to the organisation tree: office holders changing on a date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from workflows.audit.services import audit_record
from workflows.wording import person_name

from .models import Appointment, Organization, Role

# The offices a branch's members elect; a new committee replaces all of them at once.
COMMITTEE_ROLES = (
    Role.SECRETARY,
    Role.DEPUTY_SECRETARY,
    Role.ORGANIZATION_MEMBER,
    Role.COMMITTEE_MEMBER,
)


@dataclass
class OfficeChange:
    started: list[Appointment] = field(default_factory=list)
    ended: list[Appointment] = field(default_factory=list)
    kept: list[Appointment] = field(default_factory=list)

    @property
    def leaving_user_ids(self) -> set[int]:
        staying = {a.user_id for a in self.started} | {a.user_id for a in self.kept}
        return {a.user_id for a in self.ended} - staying


def committee_replace(
    *,
    org: Organization,
    holders: list[tuple[AbstractBaseUser, str]],
    on: datetime.date,
    by: AbstractBaseUser | None,
    reason: str,
) -> OfficeChange:
    """The committee ``holders`` (user, role) takes office in ``org`` on ``on``.

    Current holders of committee roles who are not re-appointed to the same role leave on the
    day before; each start and end is an audit event.
    """
    wanted = {(user.pk, role) for user, role in holders}
    users = {user.pk: user for user, _role in holders}
    change = OfficeChange()
    with transaction.atomic():
        current = (
            Appointment.objects.on(on)
            .filter(org=org, role__in=COMMITTEE_ROLES)
            .select_related("user")
            .select_for_update()
        )
        for appointment in current:
            if (appointment.user_id, appointment.role) in wanted and appointment.start_date <= on:
                wanted.discard((appointment.user_id, appointment.role))
                change.kept.append(appointment)
                continue
            appointment.end_date = on - datetime.timedelta(days=1)
            appointment.save(update_fields=["end_date"])
            change.ended.append(appointment)
            audit_record(
                action="appointment.end",
                by=by,
                org=org,
                before=f"{person_name(appointment.user)} {appointment.get_role_display()}",
                after=str(appointment.end_date),
                opinion=reason,
                data={"appointment": appointment.pk, "user": appointment.user_id},
            )
        for user_id, role in sorted(wanted, key=lambda pair: COMMITTEE_ROLES.index(pair[1])):
            appointment = Appointment.objects.create(
                user=users[user_id], org=org, role=role, start_date=on
            )
            change.started.append(appointment)
            audit_record(
                action="appointment.start",
                by=by,
                org=org,
                after=f"{person_name(users[user_id])} {appointment.get_role_display()}（{on} 起）",
                opinion=reason,
                data={"appointment": appointment.pk, "user": user_id},
            )
    return change
