"""Reads over the audit log, scoped by the organisation tree."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.org.models import Organization, Role
from workflows.org.selectors import orgs_with_role, path_filter, scope_paths

from .models import AuditEvent

WORKSPACE_ROLES = [Role.AUDITOR, Role.SECRETARY]
# Event data naming the users who must not learn who acted (a 实名 objection's author is known
# to the committee, never to the person it is about), whatever their office.
WITHHELD_FROM = "withheld_from"


def actor_withheld_from(*user_ids: int | None) -> dict:
    """The event data that keeps the actor from ``user_ids``."""
    return {WITHHELD_FROM: sorted({pk for pk in user_ids if pk is not None})}


def events_for_reader(
    events: Iterable[AuditEvent], *, user: AbstractBaseUser
) -> Iterator[AuditEvent]:
    """``events`` as ``user`` may read them: who acted, and from where, blanked where the
    event keeps that from them. In memory only; the stored event is untouched."""
    for event in events:
        if user.pk in event.data.get(WITHHELD_FROM, ()):
            event.actor = None
            event.actor_name = _("（实名反映人，不向当事人公开）")
            event.origin_ip, event.user_agent = None, ""
        yield event


def workspace_allowed(*, user: AbstractBaseUser) -> bool:
    """Superusers, and whoever is 纪检/审计 or 书记 of some organisation today."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return orgs_with_role(user=user, roles=WORKSPACE_ROLES, on=timezone.localdate()).exists()


def events_visible_to(*, user: AbstractBaseUser) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if user.is_superuser:
        return events
    return events.filter(path_filter(_scope_paths(user), "org_path"))


def in_audit_scope(*, user: AbstractBaseUser, field: str = "org_path") -> Q:
    """Rows whose ``field`` (an organisation path) lies in ``user``'s audit scope."""
    if user.is_superuser:
        return Q()
    return path_filter(_scope_paths(user), field)


def orgs_visible_to(*, user: AbstractBaseUser) -> QuerySet[Organization]:
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(path_filter(_scope_paths(user), "path"))


def _scope_paths(user: AbstractBaseUser) -> list[str]:
    return scope_paths(user=user, on=timezone.localdate())


def events_for_case(*, case: models.Model) -> QuerySet[AuditEvent]:
    return events_for_case_key(
        case_type_id=ContentType.objects.get_for_model(case).pk, case_id=case.pk
    )


def events_for_case_key(*, case_type_id: int, case_id: int) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(case_type_id=case_type_id, case_id=case_id).order_by("id")


def case_timeline_for(
    *, user: AbstractBaseUser, case_type_id: int, case_id: int
) -> QuerySet[AuditEvent] | None:
    """The whole history of a case, or None when no event of it lies in ``user``'s scope.

    Scope is decided per case, as for case pages: a case in scope shows every event about it,
    including those recorded against another organisation (a party decision, say).
    """
    events = events_for_case_key(case_type_id=case_type_id, case_id=case_id)
    if not events_visible_to(user=user).filter(case_type_id=case_type_id, case_id=case_id).exists():
        return None
    return events.select_related("actor", "org")


def events_for_print(events: Iterable[AuditEvent]) -> Iterator[AuditEvent]:
    """``events`` as a paper any reader of the case may be handed: an actor kept from anyone
    is blanked, origins are left out. In memory only; the stored event is untouched."""
    for event in events:
        if event.data.get(WITHHELD_FROM):
            event.actor = None
            event.actor_name = _("（实名反映人，不向当事人公开）")
        event.origin_ip, event.user_agent = None, ""
        yield event
