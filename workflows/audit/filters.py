"""The auditor's filter over the event list (shared by the page and the CSV export)."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.engine.fields import date_widget
from workflows.org.models import Organization

from .models import AuditAction, AuditEvent
from .selectors import orgs_visible_to


class AuditEventFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label=_("动作"), choices=AuditAction.choices)
    actor = django_filters.CharFilter(label=_("操作人"), method="filter_actor")
    case_label = django_filters.CharFilter(label=_("案件"), lookup_expr="icontains")
    date_from = django_filters.DateFilter(
        label=_("起始日期"),
        method="filter_date_from",
        widget=date_widget(),
    )
    date_to = django_filters.DateFilter(
        label=_("截止日期"),
        method="filter_date_to",
        widget=date_widget(),
    )
    org = django_filters.ModelChoiceFilter(
        label=_("组织（含下级）"), queryset=Organization.objects.none(), method="filter_org"
    )

    class Meta:
        model = AuditEvent
        fields = ["action", "actor", "case_label", "date_from", "date_to", "org"]

    def __init__(self, *args, request: HttpRequest, **kwargs) -> None:
        super().__init__(*args, request=request, **kwargs)
        self.filters["org"].queryset = orgs_visible_to(user=request.user)

    def filter_actor(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(actor_name__icontains=value) | Q(actor__username__icontains=value))

    # Local days become instants, so the column is compared as stored, not converted per row.
    def filter_date_from(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.filter(created_at__gte=_local_midnight(value))

    def filter_date_to(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.filter(created_at__lt=_local_midnight(value + datetime.timedelta(days=1)))

    def filter_org(self, queryset: QuerySet, name: str, value: Organization) -> QuerySet:
        return queryset.filter(org_path__startswith=value.path)


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
