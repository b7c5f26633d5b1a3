"""公示: what was published and when, objections under the author's real name, and their
resolution by the committee."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.org.models import Organization
from workflows.org.selectors import Role, role_holders
from workflows.rules.calendar import working_days_add

from ..errors import CaseError, NotAllowed
from ..models import Objection, Publicity
from .notifications import notification_send


def publicity_open(
    *,
    case: models.Model,
    org: Organization,
    title: str,
    content: str,
    working_days: int,
    by: AbstractBaseUser,
) -> Publicity:
    today = timezone.localdate()
    publicity = Publicity.objects.create(
        case=case,
        org=org,
        org_path=org.path,
        title=title,
        content=content,
        content_sha256=hashlib.sha256(content.encode()).hexdigest(),
        starts_on=today,
        ends_on=working_days_add(start=today, days=working_days),
        working_days=working_days,
        published_by=by,
    )
    audit_record(
        action="publicity.open",
        by=by,
        case=case,
        after=f"{title}（{publicity.starts_on} 至 {publicity.ends_on}，{working_days} 个工作日）",
        data={"publicity": publicity.pk, "sha256": publicity.content_sha256},
    )
    return publicity


def publicity_visible_to(*, publicity: Publicity, user: AbstractBaseUser) -> bool:
    """Members of the publishing unit's subtree, and its office holders, may read a notice."""
    from ..visibility import visible_paths

    member = getattr(user, "member", None)
    if member is not None and member.branch.path.startswith(publicity.org_path):
        return True
    return any(
        publicity.org_path.startswith(prefix) or prefix.startswith(publicity.org_path)
        for prefix in visible_paths(user)
    )


def objection_file(
    *,
    publicity: Publicity,
    by: AbstractBaseUser,
    text: str,
    about_id: int | None = None,
    about_label: str = "",
) -> Objection:
    if not publicity_visible_to(publicity=publicity, user=by):
        raise NotAllowed(_("您不在该公示范围内"))
    today = timezone.localdate()
    if publicity.closed_at or today > publicity.ends_on:
        raise CaseError(
            _("公示已于 %(ends_on)s 截止，不再受理异议") % {"ends_on": publicity.ends_on}
        )
    if not text.strip():
        raise CaseError(_("请写明反映的具体情况"))
    objection = Objection.objects.create(
        publicity=publicity, author=by, text=text, about_id=about_id, about_label=about_label
    )
    case = publicity.case
    audit_record(
        action="publicity.objection",
        by=by,
        case=case,
        after=about_label,
        opinion=text,
        data={"objection": objection.pk, "about": about_id},
    )
    committee_holders = role_holders(role=Role.SECRETARY, org=publicity.org, on=today)
    notification_send(
        users=committee_holders,
        text=f"公示异议：{publicity.title}",
        url=reverse("engine:publicity_detail", args=[publicity.pk]),
    )
    return objection


def objection_resolve(
    *, objection: Objection, by: AbstractBaseUser, upheld: bool, resolution: str
) -> Objection:
    if objection.resolved_at:
        when = timezone.localtime(objection.resolved_at).strftime("%Y-%m-%d %H:%M")
        raise CaseError(_("该异议已于 %(when)s 处理") % {"when": when})
    if not resolution.strip():
        raise CaseError(_("请填写核查结论"))
    objection.resolved_by = by
    objection.resolved_at = timezone.now()
    objection.upheld = upheld
    objection.resolution = resolution
    objection.save()
    audit_record(
        action="publicity.objection_resolved",
        by=by,
        case=objection.publicity.case,
        after="反映属实" if upheld else "反映不属实",
        opinion=resolution,
        data={"objection": objection.pk},
    )
    return objection


def publicity_close(*, publicity: Publicity) -> None:
    Publicity.objects.filter(pk=publicity.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
