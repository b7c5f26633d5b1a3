"""Logins for members a committee brought in: one per member without one, each with a random
temporary password handed over once (in a sheet the committee downloads, stored nowhere else)
and changed by its owner at the first login."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.errors import NotAllowed
from workflows.engine.spreadsheets import workbook_bytes

from .models import Member, Organization
from .selectors import leads, members_under
from .services import issued_password_set, password_change_group, temporary_password

CREDENTIAL_HEADERS = ("姓名", "所在团支部", "用户名", "初始密码")


@dataclass(frozen=True)
class OpenedAccount:
    member: Member
    username: str
    password: str


def _username(member: Member, taken: set[str]) -> str:
    """The member's mobile number, which they know by heart, unless someone has it already;
    else ``ty<member id>``."""
    fallbacks = (f"ty{member.pk}" + (f"_{n}" if n > 1 else "") for n in itertools.count(1))
    candidates = itertools.chain([member.phone] if member.phone else [], fallbacks)
    username = next(candidate for candidate in candidates if candidate not in taken)
    taken.add(username)
    return username


def accounts_open(*, committee: Organization, by: AbstractBaseUser) -> list[OpenedAccount]:
    """A login for every member under ``committee`` without one."""
    if not leads(user=by, org=committee, on=timezone.localdate()):
        raise NotAllowed(_("只有%(org)s书记、副书记可以批量开通账号") % {"org": committee.name})
    with transaction.atomic():
        members = list(members_under(org=committee).filter(user=None).select_for_update())
        return member_accounts_create(members=members, org=committee, by=by)


def member_accounts_create(
    *, members: Sequence[Member], org: Organization, by: AbstractBaseUser
) -> list[OpenedAccount]:
    """A login for each of ``members`` (none has one; the caller locked them and checked that
    ``by`` may open them), audited under ``org``."""
    User = get_user_model()
    wanted = {m.phone for m in members if m.phone} | {f"ty{m.pk}" for m in members}
    taken = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    opened = [
        OpenedAccount(member, _username(member, taken), temporary_password()) for member in members
    ]
    users = []
    for account in opened:
        user = User(username=account.username, first_name=account.member.name)
        issued_password_set(user=user, password=account.password)
        users.append(user)
    with transaction.atomic():
        # A few statements for the whole committee, not three per member.
        User.objects.bulk_create(users, batch_size=500)
        password_change_group().user_set.add(*users)
        for member, user in zip(members, users, strict=True):
            member.user = user
        Member.objects.bulk_update(members, ["user"], batch_size=500)
        audit_record(
            action="account.open",
            by=by,
            org=org,
            after=_("开通账号 %(count)s 个") % {"count": len(opened)},
            data={"users": [account.member.user_id for account in opened]},
        )
    return opened


def credentials_workbook(opened: list[OpenedAccount]) -> bytes:
    """The sheet a committee hands out: who logs in as whom, with which first password."""
    return workbook_bytes(
        title="初始账号",
        headers=CREDENTIAL_HEADERS,
        rows=(
            [account.member.name, account.member.branch.name, account.username, account.password]
            for account in opened
        ),
    )
