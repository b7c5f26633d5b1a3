"""A committee brings in its members from a spreadsheet: a dry run that says what each row
would do, then the import, all rows or none.

A member is found by their 身份证号 (its keyed digest): the same file imported again changes
nothing, an updated file updates the members it names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.errors import NotAllowed
from workflows.engine.spreadsheets import SheetRow

from .identity import id_digest
from .member_sheet import MEMBER_FIELDS, MemberRow, member_rows_parse
from .models import Member, Organization
from .selectors import leads


class Outcome(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    SAME = "same"


@dataclass(frozen=True)
class RowOutcome:
    number: int
    name: str
    outcome: Outcome
    # The fields an update changes, by their labels.
    changes: tuple[str, ...] = ()


@dataclass
class SheetImport:
    """What an import did (or, in a dry run, would do) with each row."""

    rows: list[RowOutcome] = field(default_factory=list)
    applied: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    def counts(self) -> dict[str, int]:
        return {
            "created": self.count(Outcome.CREATE),
            "updated": self.count(Outcome.UPDATE),
            "unchanged": self.count(Outcome.SAME),
        }


@dataclass
class MemberImport(SheetImport):
    def summary(self) -> str:
        return _("新增 %(created)s 人，更新 %(updated)s 人，无变化 %(unchanged)s 人") % (
            self.counts()
        )


def members_import(
    *,
    committee: Organization,
    rows: Sequence[SheetRow],
    by: AbstractBaseUser,
    apply: bool,
) -> MemberImport:
    """Each row's outcome (``apply=False``: the dry run), or the import itself in one
    transaction. A wrong cell anywhere refuses the whole sheet (SheetInvalid names each)."""
    if not leads(user=by, org=committee, on=timezone.localdate()):
        raise NotAllowed(_("只有%(org)s书记、副书记可以导入团员") % {"org": committee.name})
    members = member_rows_parse(rows, committee=committee)
    with transaction.atomic():
        existing = _existing(members, lock=apply)
        report = MemberImport(rows=[_outcome(row, existing.get(row.id_number)) for row in members])
        if apply:
            _apply(members, report.rows, existing)
            report.applied = True
            audit_record(
                action="member.import",
                by=by,
                org=committee,
                after=report.summary(),
                data=report.counts(),
            )
    return report


def _existing(rows: Sequence[MemberRow], *, lock: bool) -> dict[str, Member]:
    """The members the rows name, by 身份证号; locked when the import is to change them."""
    digests = {id_digest(row.id_number): row.id_number for row in rows}
    found = Member.objects.filter(id_digest__in=list(digests)).select_related("branch")
    if lock:
        found = found.select_for_update()
    return {digests[member.id_digest]: member for member in found}


def _changes(row: MemberRow, member: Member) -> tuple[str, ...]:
    return tuple(
        str(Member._meta.get_field(name).verbose_name)
        for name, value in row.fields().items()
        if getattr(member, name) != value
    )


def _outcome(row: MemberRow, member: Member | None) -> RowOutcome:
    if member is None:
        return RowOutcome(row.number, row.name, Outcome.CREATE)
    changes = _changes(row, member)
    return RowOutcome(row.number, row.name, Outcome.UPDATE if changes else Outcome.SAME, changes)


def _apply(
    rows: Sequence[MemberRow], outcomes: Sequence[RowOutcome], existing: dict[str, Member]
) -> None:
    created, updated = [], []
    for row, outcome in zip(rows, outcomes, strict=True):
        if outcome.outcome == Outcome.CREATE:
            created.append(Member(id_number=row.id_number, **row.fields()))
        elif outcome.outcome == Outcome.UPDATE:
            member = existing[row.id_number]
            for name, value in row.fields().items():
                setattr(member, name, value)
            updated.append(member)
    Member.objects.bulk_create(created, batch_size=500)
    # Found by their 身份证号, which the row repeats: the digest stays as it is.
    Member.objects.bulk_update(updated, MEMBER_FIELDS, batch_size=500)
