"""Writes to the organisation tree: office holders changing on a date; members' logins
looked after by their committee (unlock, password reset)."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field

from axes.utils import reset as axes_reset
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.models import AuditAction
from workflows.audit.services import audit_record
from workflows.engine.errors import CaseError, NotAllowed
from workflows.wording import person_name

from .hashers import IssuedPasswordHasher
from .models import Appointment, Member, Organization, Role
from .selectors import PASSWORD_CHANGE_GROUP, accounts_managed_by, home_org

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


# No 0/O, 1/l/I: the committee reads the password out or writes it down for the member.
TEMPORARY_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TEMPORARY_PASSWORD_LENGTH = 12


def temporary_password() -> str:
    """A random password to hand over once; its owner must choose their own at first login."""
    return "".join(
        secrets.choice(TEMPORARY_PASSWORD_ALPHABET) for _index in range(TEMPORARY_PASSWORD_LENGTH)
    )


def issued_password_set(*, user: AbstractBaseUser, password: str) -> None:
    """Stores a first password handed out by the committee (not saved: the caller saves)."""
    user.password = make_password(password, hasher=IssuedPasswordHasher.algorithm)


def password_change_group() -> Group:
    return Group.objects.get_or_create(name=PASSWORD_CHANGE_GROUP)[0]


def _require_manager(*, user: AbstractBaseUser, by: AbstractBaseUser) -> None:
    managed = accounts_managed_by(user=by, on=timezone.localdate())
    if not managed.filter(pk=user.pk).exists():
        raise NotAllowed(_("只有其所在团委的书记、副书记或组织委员可以为该账号解锁或重置密码。"))


def _account_event(*, action: str, user: AbstractBaseUser, by: AbstractBaseUser, **data) -> None:
    audit_record(
        action=action,
        by=by,
        org=home_org(user),
        after=person_name(user),
        data={"user": user.pk, "username": user.get_username(), **data},
    )


def account_unlock(*, user: AbstractBaseUser, by: AbstractBaseUser) -> int:
    """Lifts every login lockout of ``user`` (at any address); returns the records cleared."""
    _require_manager(user=user, by=by)
    with transaction.atomic():
        cleared = axes_reset(username=user.get_username())
        _account_event(action=AuditAction.AUTH_UNLOCKED, user=user, by=by, cleared=cleared)
    return cleared


def account_password_reset(*, user: AbstractBaseUser, by: AbstractBaseUser) -> str:
    """Gives ``user`` a random temporary password and returns it, for ``by`` to hand over: it
    is stored nowhere else (not in the audit event). ``user`` must change it at the next login;
    their lockouts are lifted, or the new password could not be used."""
    _require_manager(user=user, by=by)
    password = temporary_password()
    with transaction.atomic():
        issued_password_set(user=user, password=password)
        user.save(update_fields=["password"])
        user.groups.add(password_change_group())
        cleared = axes_reset(username=user.get_username())
        _account_event(action=AuditAction.AUTH_PASSWORD_RESET, user=user, by=by, cleared=cleared)
    return password


def account_password_change(*, user: AbstractBaseUser, password: str, by: AbstractBaseUser) -> None:
    """``user`` sets their own password (already validated), which ends a required change."""
    if by.pk != user.pk:
        raise NotAllowed(_("只能修改自己的密码。"))
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.remove(*Group.objects.filter(name=PASSWORD_CHANGE_GROUP))
        _account_event(action="auth.password_changed", user=user, by=by)


# Every Fernet token starts so (its version byte); no 身份证号 does.
FERNET_TOKEN_PREFIX = "gAAAAA"


def id_numbers_reencrypt() -> int:
    """Writes every stored 身份证号 again, so it is encrypted with the current SECRET_KEY and
    first FIELD_ENCRYPTION_SALT; after it the old key or salt can leave the settings. Returns
    how many were rewritten; writes nothing while any number cannot be read."""
    with transaction.atomic():
        members = list(
            Member.objects.exclude(id_number=None).only("pk", "id_number").select_for_update()
        )
        # The field hands back the stored token itself when no configured key opens it:
        # encrypting that again would bury the number under a key nobody kept.
        unreadable = [m for m in members if m.id_number.startswith(FERNET_TOKEN_PREFIX)]
        if unreadable:
            raise CaseError(
                _(
                    "%(count)s 个身份证号无法用当前密钥解密，未做任何改动：请把旧的 SECRET_KEY "
                    "列入 SECRET_KEY_FALLBACKS、旧的盐保留在 FIELD_ENCRYPTION_SALT 中后再运行。"
                )
                % {"count": len(unreadable)}
            )
        for member in members:
            member.save(update_fields=["id_number"])
    return len(members)
