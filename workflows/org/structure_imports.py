"""A committee brings in its organisation tree and its office holders from spreadsheets: a dry
run that says what each row would do, then the import, all rows or none.

Organisations are found by name within the committee's subtree, offices by holder, unit, office
and start date: the same file imported again changes nothing, an updated file updates. An
organisation the sheet leaves out stays as it is; one it places under another parent moves
there with everything below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.errors import CaseError, NotAllowed
from workflows.engine.spreadsheets import SheetRow
from workflows.wording import person_name

from .accounts import OpenedAccount, member_accounts_create
from .imports import Outcome, RowOutcome, SheetImport
from .models import Appointment, Member, Organization, OrgKind
from .office_sheet import OfficeRow, office_rows_parse
from .org_sheet import ORG_FIELDS, OrgRow, org_rows_parse
from .selectors import committees_led, leads

IMPORT_KINDS = (OrgKind.LEAGUE_COMMITTEE, OrgKind.GENERAL_BRANCH)


@dataclass
class OrgImport(SheetImport):
    def summary(self) -> str:
        return _("新增组织 %(created)s 个，更新 %(updated)s 个，无变化 %(unchanged)s 个") % (
            self.counts()
        )


@dataclass
class OfficeImport(SheetImport):
    # Holders without a login: one is opened for each at the import.
    logins_needed: int = 0
    opened: list[OpenedAccount] = field(default_factory=list)

    def summary(self) -> str:
        text = _("新增任职 %(created)s 项，更新 %(updated)s 项，无变化 %(unchanged)s 项") % (
            self.counts()
        )
        if self.logins_needed:
            text += _("；为 %(count)s 名任职人开通账号") % {"count": self.logins_needed}
        return text


def _require_lead(*, committee: Organization, by: AbstractBaseUser, what: str) -> None:
    if committee.kind not in IMPORT_KINDS:
        raise CaseError(
            _("%(org)s不是团委或团总支，不能在其下导入%(what)s")
            % {"org": committee.name, "what": what}
        )
    if not leads(user=by, org=committee, on=timezone.localdate()):
        raise NotAllowed(
            _("只有%(org)s书记、副书记可以导入%(what)s") % {"org": committee.name, "what": what}
        )


# The organisation tree.
def org_move(*, org: Organization, parent: Organization, by: AbstractBaseUser) -> int:
    """``org`` moves under ``parent`` with everything below it, inside a committee ``by``
    leads; returns how many units below it moved along."""
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=org.pk)
        parent = Organization.objects.get(pk=parent.pk)
        led = committees_led(user=by, on=timezone.localdate())
        if not any(
            org.path.startswith(c.path) and org.pk != c.pk and parent.path.startswith(c.path)
            for c in led
        ):
            raise NotAllowed(
                _("只有同一团委或团总支的书记、副书记可以把%(org)s移到%(parent)s之下")
                % {"org": org.name, "parent": parent.name}
            )
        if parent.path.startswith(org.path):
            raise CaseError(
                _("%(parent)s是%(org)s自身或其下级组织，不能作为其上级组织")
                % {"org": org.name, "parent": parent.name}
            )
        old_path, before = org.path, org.parent.name if org.parent else ""
        org.parent = parent
        org.save(update_fields=["parent"])
        # A unit's path starts with its parent's: everything below keeps its tail and takes
        # the new head, in one statement however deep the subtree is.
        moved = (
            Organization.objects.filter(path__startswith=old_path)
            .exclude(pk=org.pk)
            .update(path=Concat(Value(org.path), Substr("path", len(old_path) + 1)))
        )
        audit_record(
            action="org.move",
            by=by,
            org=org,
            before=before,
            after=parent.name,
            data={"org": org.pk, "parent": parent.pk, "below": moved},
        )
    return moved


def orgs_import(
    *,
    committee: Organization,
    rows: Sequence[SheetRow],
    by: AbstractBaseUser,
    apply: bool,
) -> OrgImport:
    """Each row's outcome (``apply=False``: the dry run), or the import itself in one
    transaction. A wrong cell anywhere refuses the whole sheet (SheetInvalid names each)."""
    _require_lead(committee=committee, by=by, what=_("组织架构"))
    with transaction.atomic():
        if apply:
            list(committee.subtree().select_for_update().only("pk"))
        orgs = org_rows_parse(rows, committee=committee)
        by_name = {row.name: row for row in orgs}
        report = OrgImport(rows=[_org_outcome(row, by_name) for row in orgs])
        if apply:
            _orgs_apply(orgs, report.rows, committee=committee, by=by)
            report.applied = True
            audit_record(
                action="org.import",
                by=by,
                org=committee,
                after=report.summary(),
                data=report.counts(),
            )
    return report


def _parent_pk(row: OrgRow, by_name: dict[str, OrgRow]) -> int | None:
    """The pk of the row's new parent; None while that is a unit the import creates."""
    if row.parent in by_name:
        parent = by_name[row.parent].org
        return parent.pk if parent else None
    return row.parent_org.pk


def _org_outcome(row: OrgRow, by_name: dict[str, OrgRow]) -> RowOutcome:
    if row.org is None:
        return RowOutcome(row.number, row.name, Outcome.CREATE)
    changes = [
        str(Organization._meta.get_field(name).verbose_name)
        for name, value in row.fields().items()
        if getattr(row.org, name) != value
    ]
    if _parent_pk(row, by_name) != row.org.parent_id:
        changes.insert(0, str(Organization._meta.get_field("parent").verbose_name))
    outcome = Outcome.UPDATE if changes else Outcome.SAME
    return RowOutcome(row.number, row.name, outcome, tuple(changes))


def _in_tree_order(rows: Sequence[OrgRow], committee: Organization) -> list[OrgRow]:
    """Parents before children in the tree the import leaves, so each unit is placed under
    a parent already where it belongs (rows come in any order; the sheet has no circles)."""
    parents = dict(committee.subtree().values_list("pk", "parent_id"))
    by_name = {row.name: row for row in rows}
    by_pk = {row.org.pk: row for row in rows if row.org}

    def depth(row: OrgRow) -> int:
        steps, node = 0, row
        while node != committee.pk:
            if isinstance(node, OrgRow):
                if node.parent in by_name:
                    node = by_name[node.parent]
                    steps += 1
                    continue
                pk = node.parent_org.pk
            else:
                pk = parents[node]
            node = by_pk.get(pk, pk)
            steps += 1
        return steps

    return sorted(rows, key=depth)


def _orgs_apply(
    rows: Sequence[OrgRow],
    outcomes: Sequence[RowOutcome],
    *,
    committee: Organization,
    by: AbstractBaseUser,
) -> None:
    outcome_of = {outcome.number: outcome for outcome in outcomes}
    placed: dict[str, Organization] = {}
    for row in _in_tree_order(rows, committee):
        parent = placed.get(row.parent, row.parent_org)
        # Read again: a unit above may have moved since, and its path with it.
        parent = Organization.objects.get(pk=parent.pk)
        outcome = outcome_of[row.number]
        if outcome.outcome == Outcome.CREATE:
            org = Organization(name=row.name, parent=parent, **row.fields())
            org.save()
        else:
            org = Organization.objects.get(pk=row.org.pk)
            if outcome.outcome == Outcome.UPDATE:
                for name, value in row.fields().items():
                    setattr(org, name, value)
                org.save(update_fields=list(ORG_FIELDS))
                if org.parent_id != parent.pk:
                    org_move(org=org, parent=parent, by=by)
        placed[row.name] = org


# Office holders.
def offices_import(
    *,
    committee: Organization,
    rows: Sequence[SheetRow],
    by: AbstractBaseUser,
    apply: bool,
) -> OfficeImport:
    """Each row's outcome (``apply=False``: the dry run), or the import itself in one
    transaction: offices started and ended, and a login for each holder without one (in
    ``opened``, with its first password, to hand over once)."""
    _require_lead(committee=committee, by=by, what=_("任职名单"))
    offices = office_rows_parse(rows, committee=committee)
    with transaction.atomic():
        holders = _holders(offices, lock=apply)
        existing = _appointments(offices, holders)
        report = OfficeImport(
            rows=[_office_outcome(row, existing.get(_key(row, holders))) for row in offices],
            logins_needed=len(_without_login(offices, holders)),
        )
        if apply:
            _offices_apply(offices, report, holders, existing, committee=committee, by=by)
            report.applied = True
            audit_record(
                action="appointment.import",
                by=by,
                org=committee,
                after=report.summary(),
                data={**report.counts(), "logins": len(report.opened)},
            )
    return report


def _holders(offices: Sequence[OfficeRow], *, lock: bool) -> dict[int, Member]:
    """The holders' member records by pk; locked when the import may give them a login."""
    found = Member.objects.filter(pk__in={row.member.pk for row in offices})
    if lock:
        # Only the members: PostgreSQL locks no nullable side of a join (the user).
        found = found.select_for_update(of=("self",))
    return {member.pk: member for member in found.select_related("branch", "user")}


def _without_login(offices: Sequence[OfficeRow], holders: dict[int, Member]) -> list[Member]:
    members = {row.member.pk: holders[row.member.pk] for row in offices}
    return [member for member in members.values() if member.user_id is None]


def _key(row: OfficeRow, holders: dict[int, Member]) -> tuple:
    return (holders[row.member.pk].user_id, row.org.pk, row.role, row.start_date)


def _appointments(
    offices: Sequence[OfficeRow], holders: dict[int, Member]
) -> dict[tuple, Appointment]:
    users = {member.user_id for member in holders.values()} - {None}
    found = Appointment.objects.filter(
        user_id__in=users, org_id__in={row.org.pk for row in offices}
    ).order_by("pk")
    existing: dict[tuple, Appointment] = {}
    for appointment in found:
        key = (appointment.user_id, appointment.org_id, appointment.role, appointment.start_date)
        existing.setdefault(key, appointment)
    return existing


def _office_outcome(row: OfficeRow, appointment: Appointment | None) -> RowOutcome:
    if appointment is None:
        return RowOutcome(row.number, row.label, Outcome.CREATE)
    if appointment.end_date == row.end_date:
        return RowOutcome(row.number, row.label, Outcome.SAME)
    label = str(Appointment._meta.get_field("end_date").verbose_name)
    return RowOutcome(row.number, row.label, Outcome.UPDATE, (label,))


def _offices_apply(
    offices: Sequence[OfficeRow],
    report: OfficeImport,
    holders: dict[int, Member],
    existing: dict[tuple, Appointment],
    *,
    committee: Organization,
    by: AbstractBaseUser,
) -> None:
    newcomers = _without_login(offices, holders)
    if newcomers:
        report.opened = member_accounts_create(members=newcomers, org=committee, by=by)
    reason = _("导入任职名单")
    for row, outcome in zip(offices, report.rows, strict=True):
        user = holders[row.member.pk].user
        if outcome.outcome == Outcome.CREATE:
            appointment = Appointment.objects.create(
                user=user,
                org=row.org,
                role=row.role,
                start_date=row.start_date,
                end_date=row.end_date,
            )
            audit_record(
                action="appointment.start",
                by=by,
                org=row.org,
                after=f"{person_name(user)} {appointment.get_role_display()}"
                f"（{row.start_date} 起）",
                opinion=reason,
                data={"appointment": appointment.pk, "user": user.pk},
            )
        elif outcome.outcome == Outcome.UPDATE:
            appointment = existing[_key(row, holders)]
            appointment.end_date = row.end_date
            appointment.save(update_fields=["end_date"])
        else:
            continue
        if outcome.outcome == Outcome.UPDATE or row.end_date is not None:
            audit_record(
                action="appointment.end",
                by=by,
                org=row.org,
                before=f"{person_name(user)} {appointment.get_role_display()}",
                after=str(row.end_date) if row.end_date else _("在任，不再有离任日期"),
                opinion=reason,
                data={"appointment": appointment.pk, "user": user.pk},
            )
