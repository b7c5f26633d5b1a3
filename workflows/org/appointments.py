"""A committee appoints and relieves office holders of the units below it, and names dated
stand-ins (代理人) for them; each is audited. Elections replace a whole committee through
``services.committee_replace``; these are the single changes between elections."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.errors import CaseError, NotAllowed
from workflows.wording import person_name

from .models import Appointment, Organization, Role, Substitute
from .roster import member_scope_paths
from .selectors import path_filter


def offices_managed(*, user: AbstractBaseUser, on: datetime.date):
    """Units whose office holders ``user`` appoints: those strictly below a unit where they are
    书记, 副书记 or 组织委员 (a unit's own offices are filled from above or by election)."""
    if user.is_superuser:
        return Organization.objects.all()
    paths = member_scope_paths(user=user, on=on)
    return Organization.objects.filter(path_filter(paths, "path")).exclude(path__in=paths)


def _require_office_manager(*, org: Organization, by: AbstractBaseUser) -> None:
    if not offices_managed(user=by, on=timezone.localdate()).filter(pk=org.pk).exists():
        raise NotAllowed(
            _("只有%(org)s的上级团组织书记、副书记、组织委员可以任免其职务") % {"org": org.name}
        )


def _office(appointment: Appointment) -> str:
    return f"{person_name(appointment.user)} {appointment.get_role_display()}"


def appointment_start(
    *,
    org: Organization,
    user: AbstractBaseUser,
    role: str,
    start_date: datetime.date,
    by: AbstractBaseUser,
) -> Appointment:
    _require_office_manager(org=org, by=by)
    if role not in Role.values:
        raise CaseError(_("请选择职务"))
    overlapping = Appointment.objects.on(start_date).filter(org=org, role=role, user=user)
    if overlapping.exists():
        raise CaseError(
            _("%(name)s在 %(day)s 已任%(org)s%(role)s")
            % {
                "name": person_name(user),
                "day": start_date,
                "org": org.name,
                "role": Role(role).label,
            }
        )
    with transaction.atomic():
        appointment = Appointment.objects.create(
            user=user, org=org, role=role, start_date=start_date
        )
        audit_record(
            action="appointment.start",
            by=by,
            org=org,
            after=f"{_office(appointment)}（{start_date} 起）",
            data={"appointment": appointment.pk, "user": user.pk},
        )
    return appointment


def appointment_end(
    *, appointment: Appointment, end_date: datetime.date, reason: str, by: AbstractBaseUser
) -> None:
    _require_office_manager(org=appointment.org, by=by)
    if appointment.end_date is not None and appointment.end_date < timezone.localdate():
        raise CaseError(_("该任职已于 %(day)s 结束") % {"day": appointment.end_date})
    if end_date < appointment.start_date:
        raise CaseError(
            _("离任日期 %(end)s 早于任职日期 %(start)s")
            % {"end": end_date, "start": appointment.start_date}
        )
    with transaction.atomic():
        appointment.end_date = end_date
        appointment.save(update_fields=["end_date"])
        audit_record(
            action="appointment.end",
            by=by,
            org=appointment.org,
            before=_office(appointment),
            after=str(end_date),
            opinion=reason,
            data={"appointment": appointment.pk, "user": appointment.user_id},
        )


def substitute_add(
    *,
    appointment: Appointment,
    substitute: AbstractBaseUser,
    start_date: datetime.date,
    end_date: datetime.date,
    reason: str,
    by: AbstractBaseUser,
) -> Substitute:
    """``substitute`` acts for the holder of ``appointment`` between the dates (leave, study)."""
    _require_office_manager(org=appointment.org, by=by)
    if substitute.pk == appointment.user_id:
        raise CaseError(_("代理人不能是本人"))
    if end_date < start_date:
        raise CaseError(
            _("结束日期 %(end)s 早于开始日期 %(start)s") % {"end": end_date, "start": start_date}
        )
    with transaction.atomic():
        record = Substitute.objects.create(
            principal=appointment.user,
            substitute=substitute,
            start_date=start_date,
            end_date=end_date,
            reason=reason,
        )
        audit_record(
            action="substitute.start",
            by=by,
            org=appointment.org,
            before=_office(appointment),
            after=_("%(name)s 代理（%(start)s 至 %(end)s）")
            % {"name": person_name(substitute), "start": start_date, "end": end_date},
            opinion=reason,
            data={"substitute": record.pk, "user": substitute.pk},
        )
    return record
