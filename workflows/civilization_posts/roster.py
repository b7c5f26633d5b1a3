"""Writes for collectives: registering one, its roster (one person at a time or a whole Excel
sheet), and the committee's review groups. Every change is an audit event of the unit."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.bounds import PAST_DATES
from workflows.engine.errors import CaseError, NotAllowed
from workflows.engine.spreadsheets import SheetRow
from workflows.org.models import Organization, OrgKind
from workflows.org.selectors import leads

from .models import Collective, CollectiveMember, ReviewGroup
from .roster_file import RosterRow, roster_parse


def manages(*, user: AbstractBaseUser, org: Organization) -> bool:
    """Secretaries and deputies of ``org`` or of any league organisation above it."""
    today = timezone.localdate()
    return any(leads(user=user, org=unit, on=today) for unit in [org, *org.ancestors()])


def _manager_or_refuse(user: AbstractBaseUser, org: Organization) -> None:
    if not manages(user=user, org=org):
        raise NotAllowed(_("只有%(org)s及上级团组织的书记、副书记可以办理") % {"org": org.name})


def collective_register(
    *, org: Organization, name: str, kind: str, by: AbstractBaseUser
) -> Collective:
    _manager_or_refuse(by, org)
    name = name.strip()
    if not name:
        raise CaseError(_("请填写集体名称"))
    if Collective.objects.filter(name=name).exists():
        raise CaseError(_("已有名为「%(name)s」的集体") % {"name": name})
    with transaction.atomic():
        collective = Collective.objects.create(name=name, kind=kind, org=org)
        audit_record(action="collective.register", by=by, org=org, after=name)
    return collective


def _roster_changed(collective: Collective, by, after: str) -> None:
    collective.roster_forget()
    audit_record(
        action="collective.roster",
        by=by,
        org=collective.org,
        after=f"{collective.name}：{after}",
        data={"collective": collective.pk},
    )


def person_add(
    *,
    collective: Collective,
    name: str,
    gender: str,
    birth_date: datetime.date,
    post: str,
    role: str,
    by: AbstractBaseUser,
    user: AbstractBaseUser | None = None,
) -> CollectiveMember:
    _manager_or_refuse(by, collective.org)
    if not name.strip():
        raise CaseError(_("请填写姓名"))
    PAST_DATES.check(birth_date, _("出生日期"))
    try:
        with transaction.atomic():
            person = CollectiveMember.objects.create(
                collective=collective,
                name=name.strip(),
                gender=gender,
                birth_date=birth_date,
                post=post.strip(),
                role=role,
                user=user,
            )
            _roster_changed(collective, by, f"增加 {person.name}（{person.get_role_display()}）")
    except IntegrityError as error:
        raise CaseError(
            _("%(name)s已有号长，请先调整原号长") % {"name": collective.name}
        ) from error
    return person


def person_remove(*, person: CollectiveMember, by: AbstractBaseUser) -> None:
    """The person leaves the roster; the row stays for the record."""
    collective = person.collective
    _manager_or_refuse(by, collective.org)
    with transaction.atomic():
        CollectiveMember.objects.filter(pk=person.pk).update(is_active=False)
        _roster_changed(collective, by, f"减少 {person.name}")


def roster_replace(*, collective: Collective, rows: list[RosterRow], by: AbstractBaseUser) -> int:
    """The whole roster from a sheet: current people leave, the sheet's people join (an
    account stays linked to whoever keeps the same name and birth date)."""
    _manager_or_refuse(by, collective.org)
    current = {(p.name, p.birth_date): p for p in collective.people.filter(is_active=True)}
    with transaction.atomic():
        CollectiveMember.objects.filter(collective=collective, is_active=True).update(
            is_active=False
        )
        for row in rows:
            kept = current.get((row.name, row.birth_date))
            CollectiveMember.objects.create(
                collective=collective,
                name=row.name,
                gender=row.gender,
                birth_date=row.birth_date,
                post=row.post,
                role=row.role,
                user=kept.user if kept else None,
                member=kept.member if kept else None,
            )
        _roster_changed(collective, by, f"导入名册 {len(rows)} 人")
    return len(rows)


def roster_import(*, collective: Collective, rows: list[SheetRow], by: AbstractBaseUser) -> int:
    """The whole roster from a sheet's rows (an upload, or the rows corrected on the page):
    every row is checked, and nothing changes unless all of them are good."""
    _manager_or_refuse(by, collective.org)
    return roster_replace(collective=collective, rows=roster_parse(rows), by=by)


def group_create(
    *, committee: Organization, name: str, division: str, by: AbstractBaseUser
) -> ReviewGroup:
    if committee.kind != OrgKind.LEAGUE_COMMITTEE or not leads(
        user=by, org=committee, on=timezone.localdate()
    ):
        raise NotAllowed(_("只有团委书记、副书记可以设立评审小组"))
    name = name.strip()
    if not name:
        raise CaseError(_("请填写小组名称"))
    if ReviewGroup.objects.filter(committee=committee, name=name).exists():
        raise CaseError(_("已有名为「%(name)s」的评审小组") % {"name": name})
    order = ReviewGroup.objects.filter(committee=committee).count()
    with transaction.atomic():
        group = ReviewGroup.objects.create(
            committee=committee, name=name, division=division.strip(), order=order
        )
        audit_record(action="collective.group", by=by, org=committee, after=str(group))
    return group


def collective_group_set(
    *, collective: Collective, group: ReviewGroup | None, by: AbstractBaseUser
) -> None:
    """Put a collective in one of its committee's review groups (or in none)."""
    if group is not None:
        if not leads(user=by, org=group.committee, on=timezone.localdate()):
            raise NotAllowed(_("只有设立该评审小组的团委可以分组"))
        if not collective.org_path.startswith(group.committee.path):
            raise CaseError(
                _("%(name)s不在%(org)s范围内")
                % {"name": collective.name, "org": group.committee.name}
            )
    elif collective.group is not None:
        _manager_or_refuse(by, collective.group.committee)
    before = str(collective.group or "")
    with transaction.atomic():
        Collective.objects.filter(pk=collective.pk).update(group=group)
        collective.group = group
        audit_record(
            action="collective.group",
            by=by,
            org=collective.org,
            before=before,
            after=f"{collective.name} → {group or '—'}",
        )
