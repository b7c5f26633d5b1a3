"""Filters an auditor keeps under a name, each private to its owner."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from workflows.engine.errors import CaseError

from .filters import AuditEventFilter, CaseSearchForm
from .models import SavedFilter

# Enough for anyone's standing questions, and a bound on what each page lists.
SAVED_FILTERS_MAX = 30
FIELDS = {
    SavedFilter.Kind.EVENTS: set(AuditEventFilter.base_filters),
    SavedFilter.Kind.CASES: set(CaseSearchForm.base_fields),
}


def saved_filters_of(*, user: AbstractBaseUser, kind: str) -> QuerySet[SavedFilter]:
    return SavedFilter.objects.filter(user=user, kind=kind)


def saved_filter_save(*, kind: str, name: str, query: str, by: AbstractBaseUser) -> SavedFilter:
    """Keep the filter fields of ``query`` (a list's query string) under ``name``; a filter of
    the same name is replaced."""
    if kind not in FIELDS:
        raise CaseError(_("无法保存这个列表的筛选"))
    name = name.strip()[:60]
    if not name:
        raise CaseError(_("请填写筛选名称"))
    given = QueryDict(query)
    kept = QueryDict(mutable=True)
    for field in sorted(FIELDS[kind]):
        values = [value for value in given.getlist(field) if value]
        if values:
            kept.setlist(field, values)
    stored = kept.urlencode()
    if len(stored) > SavedFilter._meta.get_field("query").max_length:
        raise CaseError(_("筛选条件过长，无法保存"))
    existing = saved_filters_of(user=by, kind=kind)
    if not existing.filter(name=name).exists() and existing.count() >= SAVED_FILTERS_MAX:
        raise CaseError(
            _("最多保存 %(count)s 个筛选，请先删除不用的") % {"count": SAVED_FILTERS_MAX}
        )
    saved, _created = SavedFilter.objects.update_or_create(
        user=by, kind=kind, name=name, defaults={"query": stored}
    )
    return saved


def saved_filter_delete(*, saved_filter_id: int, by: AbstractBaseUser) -> SavedFilter | None:
    """Delete ``by``'s own saved filter; None when they have none of that id."""
    saved = SavedFilter.objects.filter(pk=saved_filter_id, user=by).first()
    if saved is not None:
        saved.delete()
    return saved
