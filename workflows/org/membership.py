"""A committee keeps its members' records: 入团, edits, 团员关系转接 between branches, 超龄离团 and
other departures, 留团察看 and its end. Each write is checked against the writer's subtree and
the membership rulebook, and audited."""

from __future__ import annotations

import calendar
import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.audit.services import audit_record
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation, StaleTask
from workflows.wording import person_name

from .identity import id_digest, id_number_problem
from .membership_rules import membership_rules
from .models import (
    Appointment,
    LeaveReason,
    Member,
    MemberTransfer,
    Organization,
    OrgKind,
    Standing,
    TransferStatus,
)
from .roster import age_limit_reached_on, manages_branch

OVER_AGE_TOO_EARLY = gettext_lazy(
    "超龄离团须年满 %(limit)s 周岁：%(name)s于 %(day)s 为 %(age)s 周岁（%(reached)s 年满）"
)
# The youngest a young person may join at (团章 第一章); the oldest is the rulebook age limit.
JOIN_AGE_MIN = 14


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the month's last day when it is shorter."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _require_manager(*, branch: Organization, by: AbstractBaseUser) -> None:
    if not manages_branch(user=by, branch=branch, on=timezone.localdate()):
        raise NotAllowed(
            _("只有%(branch)s或其上级团组织的书记、副书记、组织委员可以办理")
            % {"branch": branch.name}
        )


def _member_event(*, action: str, member: Member, by: AbstractBaseUser, **kwargs) -> None:
    audit_record(
        action=action,
        by=by,
        org=kwargs.pop("org", member.branch),
        data={"member": member.pk, **kwargs.pop("data", {})},
        **kwargs,
    )


def _id_number_check(member: Member) -> None:
    if not member.id_number:
        return
    problem = id_number_problem(member.id_number)
    if problem:
        raise CaseError(problem)
    other = Member.objects.filter(id_digest=id_digest(member.id_number)).exclude(pk=member.pk)
    if other.exists():
        raise CaseError(_("身份证号已属于团员 %(name)s") % {"name": other.first().name})


def member_join(*, member: Member, by: AbstractBaseUser) -> Member:
    """Records a new member (入团) in their branch; ``member`` is unsaved, its 入团时间 set."""
    if member.branch.kind != OrgKind.BRANCH:
        raise CaseError(_("团员须编入团支部"))
    _require_manager(branch=member.branch, by=by)
    if member.league_join_date is None:
        raise CaseError(_("请填写入团时间"))
    limit = membership_rules(org=member.branch, on=member.league_join_date).int("league_age_limit")
    age = member.age_on(member.league_join_date)
    if not JOIN_AGE_MIN <= age < limit:
        raise RuleViolation(
            _("入团时 %(age)s 周岁：入团年龄须满 %(min)s 周岁、未满 %(max)s 周岁")
            % {"age": age, "min": JOIN_AGE_MIN, "max": limit}
        )
    _id_number_check(member)
    with transaction.atomic():
        member.save()
        _member_event(
            action="member.join",
            member=member,
            by=by,
            after=_("%(name)s 于 %(day)s 入团，编入%(branch)s")
            % {"name": member.name, "day": member.league_join_date, "branch": member.branch.name},
        )
    return member


def member_update(*, member: Member, changed: list[str], by: AbstractBaseUser) -> None:
    """Saves edits to ``member`` (``changed``: the field names edited); the record names the
    fields, not the values, since one of them may be the 身份证号."""
    stored = Member.objects.select_related("branch").get(pk=member.pk)
    _require_manager(branch=stored.branch, by=by)
    if member.branch_id != stored.branch_id:
        raise CaseError(_("更换团支部请办理团员关系转接"))
    if "id_number" in changed:
        _id_number_check(member)
    if not changed:
        return
    labels = [str(Member._meta.get_field(name).verbose_name) for name in changed]
    with transaction.atomic():
        member.save()
        _member_event(
            action="member.update",
            member=member,
            by=by,
            before=member.name,
            after="、".join(labels),
            data={"fields": changed},
        )


def member_transfer_request(
    *, member: Member, to_branch: Organization, reason: str, by: AbstractBaseUser
) -> MemberTransfer:
    """The sending side asks ``to_branch`` to take ``member`` in; until it does, the member
    stays where they are."""
    _require_manager(branch=member.branch, by=by)
    if not member.is_active:
        raise CaseError(_("%(name)s已不在册，不能转接") % {"name": member.name})
    if to_branch.kind != OrgKind.BRANCH:
        raise CaseError(_("只能转入团支部"))
    if to_branch.pk == member.branch_id:
        raise CaseError(_("转入团支部与现所在团支部相同"))
    if not reason.strip():
        raise CaseError(_("请填写转接原因"))
    with transaction.atomic():
        Member.objects.select_for_update().get(pk=member.pk)
        pending = MemberTransfer.objects.filter(member=member, status=TransferStatus.PENDING)
        if pending.exists():
            raise CaseError(
                _("%(name)s已有待接收的转接（转入%(branch)s）")
                % {"name": member.name, "branch": pending.first().to_branch.name}
            )
        transfer = MemberTransfer.objects.create(
            member=member,
            from_branch=member.branch,
            to_branch=to_branch,
            reason=reason.strip(),
            requested_by=by,
        )
        _member_event(
            action="member.transfer_request",
            member=member,
            by=by,
            before=member.branch.name,
            after=to_branch.name,
            opinion=transfer.reason,
            data={"transfer": transfer.pk, "to_branch": to_branch.pk},
        )
    return transfer


def _pending(transfer: MemberTransfer) -> MemberTransfer:
    locked = (
        MemberTransfer.objects.select_for_update(of=("self",))
        .select_related("decided_by")
        .get(pk=transfer.pk)
    )
    if locked.status != TransferStatus.PENDING:
        when = timezone.localtime(locked.decided_at).strftime("%Y-%m-%d %H:%M")
        raise StaleTask(
            _("该转接已由 %(name)s 于 %(when)s 办理（%(status)s）")
            % {
                "name": person_name(locked.decided_by),
                "when": when,
                "status": locked.get_status_display(),
            }
        )
    return locked


def member_transfer_decide(
    *, transfer: MemberTransfer, accept: bool, note: str, by: AbstractBaseUser
) -> MemberTransfer:
    """The receiving side takes the member in (they move now) or declines, saying why."""
    _require_manager(branch=transfer.to_branch, by=by)
    if not accept and not note.strip():
        raise CaseError(_("不接收时请填写原因"))
    with transaction.atomic():
        locked = _pending(transfer)
        locked.status = TransferStatus.ACCEPTED if accept else TransferStatus.REFUSED
        locked.decided_by, locked.decided_at, locked.note = by, timezone.now(), note.strip()
        locked.save(update_fields=["status", "decided_by", "decided_at", "note"])
        member = Member.objects.select_for_update().get(pk=locked.member_id)
        if accept:
            member.branch = locked.to_branch
            member.save(update_fields=["branch"])
        _member_event(
            action="member.transfer_accept" if accept else "member.transfer_refuse",
            member=member,
            by=by,
            org=locked.to_branch,
            before=locked.from_branch.name,
            after=locked.to_branch.name,
            opinion=locked.note,
            data={"transfer": locked.pk},
        )
    return locked


def member_transfer_cancel(*, transfer: MemberTransfer, by: AbstractBaseUser) -> MemberTransfer:
    """The sending side withdraws a transfer the other side has not handled yet."""
    _require_manager(branch=transfer.from_branch, by=by)
    with transaction.atomic():
        locked = _pending(transfer)
        locked.status, locked.decided_by, locked.decided_at = (
            TransferStatus.CANCELLED,
            by,
            timezone.now(),
        )
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        _member_event(
            action="member.transfer_cancel",
            member=locked.member,
            by=by,
            org=locked.from_branch,
            after=locked.to_branch.name,
            data={"transfer": locked.pk},
        )
    return locked


def _offices_held(member: Member, on: datetime.date) -> list[str]:
    if member.user_id is None:
        return []
    held = Appointment.objects.on(on).filter(user_id=member.user_id).select_related("org")
    return [f"{a.org.name}{a.get_role_display()}" for a in held]


def member_leave(*, member: Member, reason: str, on: datetime.date, by: AbstractBaseUser) -> None:
    """Takes ``member`` off the rolls on ``on``. 超龄离团 only from the rulebook age, and not
    while they hold a league office (团章: they keep their membership while in office)."""
    _require_manager(branch=member.branch, by=by)
    if not member.is_active:
        raise CaseError(
            _("%(name)s已于 %(day)s 离团") % {"name": member.name, "day": member.left_on}
        )
    if reason not in LeaveReason.values:
        raise CaseError(_("请选择离团原因"))
    if reason == LeaveReason.OVER_AGE:
        limit = membership_rules(org=member.branch, on=on).int("league_age_limit")
        if member.age_on(on) < limit:
            raise RuleViolation(
                OVER_AGE_TOO_EARLY
                % {
                    "name": member.name,
                    "day": on,
                    "age": member.age_on(on),
                    "limit": limit,
                    "reached": age_limit_reached_on(member=member, age=limit),
                }
            )
        offices = _offices_held(member, on)
        if offices:
            raise RuleViolation(
                _("%(name)s现任%(offices)s，在团内担任职务期间保留团籍")
                % {"name": member.name, "offices": "、".join(offices)}
            )
    with transaction.atomic():
        member.is_active, member.left_on, member.left_reason = False, on, reason
        member.save(update_fields=["is_active", "left_on", "left_reason"])
        _member_event(
            action="member.leave",
            member=member,
            by=by,
            before=member.branch.name,
            after=f"{LeaveReason(reason).label}（{on}）",
        )


def member_probation_start(
    *,
    member: Member,
    since: datetime.date,
    months: int,
    reason: str,
    by: AbstractBaseUser,
) -> None:
    """Places ``member`` under 留团察看 for ``months`` (at most the rulebook's maximum)."""
    _require_manager(branch=member.branch, by=by)
    maximum = membership_rules(org=member.branch, on=since).int("probation_months_max")
    if member.standing == Standing.PROBATION:
        raise CaseError(
            _("%(name)s正在留团察看（至 %(until)s）")
            % {"name": member.name, "until": member.probation_until}
        )
    if not 1 <= months <= maximum:
        raise RuleViolation(
            _("留团察看期限 %(months)s 个月：最长不超过 %(max)s 个月")
            % {"months": months, "max": maximum}
        )
    if not reason.strip():
        raise CaseError(_("请填写留团察看的事由和决定"))
    with transaction.atomic():
        member.standing = Standing.PROBATION
        member.probation_since = since
        member.probation_until = months_after(since, months)
        member.save(update_fields=["standing", "probation_since", "probation_until"])
        _member_event(
            action="member.probation_start",
            member=member,
            by=by,
            after=_("留团察看 %(since)s 至 %(until)s")
            % {"since": since, "until": member.probation_until},
            opinion=reason.strip(),
        )


def member_probation_end(
    *, member: Member, on: datetime.date, note: str, by: AbstractBaseUser
) -> None:
    """Ends 留团察看 (at its end or earlier by decision): the member is in good standing again."""
    _require_manager(branch=member.branch, by=by)
    if member.standing != Standing.PROBATION:
        raise CaseError(_("%(name)s未在留团察看期内") % {"name": member.name})
    if on < member.probation_since:
        raise CaseError(
            _("解除日期 %(on)s 早于察看起始 %(since)s")
            % {"on": on, "since": member.probation_since}
        )
    before = _("留团察看 %(since)s 至 %(until)s") % {
        "since": member.probation_since,
        "until": member.probation_until,
    }
    with transaction.atomic():
        member.standing = Standing.GOOD
        member.probation_since = member.probation_until = None
        member.save(update_fields=["standing", "probation_since", "probation_until"])
        _member_event(
            action="member.probation_end",
            member=member,
            by=by,
            before=before,
            after=_("%(on)s 恢复团员权利") % {"on": on},
            opinion=note.strip(),
        )
