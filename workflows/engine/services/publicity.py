"""公示: what was published and when, objections under the author's real name, and their
resolution by the committee."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.selectors import actor_withheld_from
from workflows.audit.services import audit_record
from workflows.org.models import Organization
from workflows.org.selectors import Role, role_holders
from workflows.rules.calendar import provisional_note, schedule_pending, working_days_window
from workflows.wording import site_language

from ..errors import CaseError, NotAllowed
from ..models import Objection, Publicity
from .cases import case_transition
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
    window = working_days_window(start=today, days=working_days)
    publicity = Publicity.objects.create(
        case=case,
        org=org,
        org_path=org.path,
        title=title,
        content=content,
        content_sha256=hashlib.sha256(content.encode()).hexdigest(),
        starts_on=today,
        ends_on=window.end,
        working_days=working_days,
        published_by=by,
    )
    with site_language():
        note = window.note
    audit_record(
        action="publicity.open",
        by=by,
        case=case,
        after=f"{title}（{publicity.starts_on} 至 {publicity.ends_on}，{working_days} 个工作日）"
        + note,
        data={
            "publicity": publicity.pk,
            "sha256": publicity.content_sha256,
            "provisional_years": list(window.pending_years),
        },
    )
    return publicity


def publicity_window_note(publicity: Publicity) -> str:
    """``（暂定：2028年放假安排尚未发布）`` while the window counts a year without its notice."""
    return provisional_note(schedule_pending(start=publicity.starts_on, end=publicity.ends_on))


def publicity_visible_to(*, publicity: Publicity, user: AbstractBaseUser) -> bool:
    """Members of the publishing unit's subtree, and its office holders, may read a notice; so may
    whoever may read the case it is about (the party organisation that decides it)."""
    from ..visibility import case_visible_to, visible_paths

    member = getattr(user, "member", None)
    if member is not None and member.branch.path.startswith(publicity.org_path):
        return True
    if any(
        publicity.org_path.startswith(prefix) or prefix.startswith(publicity.org_path)
        for prefix in visible_paths(user)
    ):
        return True
    # Notices of a review round (团员教育评议) are about no case.
    case = getattr(publicity, "case", None)
    return case is not None and case_visible_to(case=case, user=user)


def objection_authors_shown(*, publicity: Publicity, user: AbstractBaseUser) -> set[int]:
    """Ids of the objections on ``publicity`` whose author ``user`` may read. Objections are
    实名 to the committee that published the notice (and the units above it), and never to the
    person an objection is about, even one who sits on that committee."""
    from ..selectors import my_cases
    from ..visibility import visible_paths

    objections = list(publicity.objections.all())
    committee = user.is_superuser or any(
        publicity.org_path.startswith(prefix) for prefix in visible_paths(user)
    )
    if not objections or not committee:
        return set()
    listing = publicity.case
    about_me: set[int | None] = set()
    if user.pk in (listing.applicant_id, listing.subject_user_id):
        about_me.add(None)
    if any(o.about_id is not None for o in objections):
        about_me.update(case.pk for case in my_cases(user=user) if _listed_on(case, listing))
    return {o.pk for o in objections if o.about_id not in about_me}


def _listed_on(case: models.Model, listing: models.Model) -> bool:
    """Whether ``case`` is one of those a notice of ``listing`` lists (a campaign's nomination)."""
    return any(
        field.many_to_one
        and field.related_model is type(listing)
        and getattr(case, field.attname) == listing.pk
        for field in case._meta.concrete_fields
    )


def objection_file(
    *,
    publicity: Publicity,
    by: AbstractBaseUser,
    text: str,
    about: models.Model | None = None,
) -> Objection:
    """A 实名 objection to the notice's case, or to ``about``, one of the cases it lists. Its
    audit events keep the author from the people the objection is about."""
    about_id, about_label = (about.pk, about.headline) if about is not None else (None, "")
    concerned = about if about is not None else publicity.case
    withheld = objector_withheld(concerned)
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
        data={"objection": objection.pk, "about": about_id, **withheld},
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


def publicity_latest(case: models.Model) -> Publicity | None:
    """The case's most recent 公示."""
    return Publicity.objects.for_case(case).order_by("-published_at", "-pk").first()


# A notice may list several cases (a shortlist, the collectives to be named): an objection then
# names one of them, which alone pauses. Each listed case has the statuses IN_PUBLICITY and
# OBJECTION and the transitions ``object``, ``objection_uphold`` and
# ``objection_dismiss(publicity_open=...)``.
LISTED_STATUSES = ("in_publicity", "objection")


def objector_withheld(case: models.Model) -> dict:
    """Audit data keeping an objection's author from the people ``case`` is about."""
    return actor_withheld_from(case.applicant_id, case.subject_user_id)


def case_objected(*, case: models.Model, by: AbstractBaseUser, text: str) -> None:
    """The ``object`` transition that pauses a case under objection, its author kept from the
    people the case is about."""
    case_transition(
        case=case, transition="object", by=by, opinion=text, audit_data=objector_withheld(case)
    )


def listed_objections_open(*, case: models.Model, listing: models.Model):
    """Objections to ``case`` on ``listing``'s notices that nobody has resolved yet."""
    return Objection.objects.filter(
        about_id=case.pk,
        publicity__in=Publicity.objects.for_case(listing),
        resolved_at__isnull=True,
    )


def listed_objection_file(
    *,
    publicity: Publicity,
    case: models.Model | None,
    by: AbstractBaseUser,
    text: str,
) -> None:
    """A 实名 objection to ``case`` (None: nothing on the list was named) pauses that case."""
    if case is None or case.status not in LISTED_STATUSES:
        raise CaseError(_("请选择公示名单中的反映对象"))
    with case.process.flow_class.instance.lock(case.process_id):
        case.refresh_from_db()
        objection_file(publicity=publicity, by=by, text=text, about=case)
        if case.status == LISTED_STATUSES[0]:
            case_objected(case=case, by=by, text=text)


def listed_objection_decide(
    *, case: models.Model, listing: models.Model, by: AbstractBaseUser, upheld: bool, opinion: str
) -> None:
    """Resolve every open objection to ``case``: upheld, it leaves the list; dismissed, it goes
    back into the 公示 still running, or through it when the 公示 has closed."""
    for objection in listed_objections_open(case=case, listing=listing):
        objection_resolve(objection=objection, by=by, upheld=upheld, resolution=opinion)
    if upheld:
        case_transition(case=case, transition="objection_uphold", by=by, opinion=opinion)
        return
    case_transition(
        case=case,
        transition="objection_dismiss",
        by=by,
        opinion=opinion,
        publicity_open=publicity_latest(listing).closed_at is None,
    )
