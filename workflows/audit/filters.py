"""The auditor's filters: over the event list (the page and its exports) and over the cases of
every process (the case search and its export)."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.engine.fields import date_widget
from workflows.engine.registry import processes
from workflows.org.models import Organization

from .models import AuditAction, AuditEvent
from .search import CaseQuery
from .selectors import events_visible_to, orgs_visible_to

# What a status choice carries: the process it belongs to, then the status.
STATUS_SEPARATOR = ":"


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
        return queryset.filter(created_at__gte=local_midnight(value))

    def filter_date_to(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.filter(created_at__lt=local_midnight(value + datetime.timedelta(days=1)))

    def filter_org(self, queryset: QuerySet, name: str, value: Organization) -> QuerySet:
        return queryset.filter(org_path__startswith=value.path)


def events_filter(request: HttpRequest) -> AuditEventFilter:
    """The event list's filter over what ``request``'s user may read."""
    return AuditEventFilter(
        request.GET or None, queryset=events_visible_to(user=request.user), request=request
    )


class CaseSearchForm(forms.Form):
    q = forms.CharField(label=_("编号或姓名"), max_length=50, required=False)
    org = forms.ModelChoiceField(
        label=_("组织（含下级）"), queryset=Organization.objects.none(), required=False
    )
    process = forms.ChoiceField(label=_("流程"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False)
    date_from = forms.DateField(label=_("创建起始日期"), required=False, widget=date_widget())
    date_to = forms.DateField(label=_("创建截止日期"), required=False, widget=date_widget())

    def __init__(self, *args, user: AbstractBaseUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs_visible_to(user=user).order_by("path")
        entries = processes()
        self.fields["process"].choices = [
            ("", _("全部")),
            *((entry.key, entry.label) for entry in entries),
        ]
        self.fields["status"].choices = [
            ("", _("全部")),
            *(
                (
                    entry.label,
                    [
                        (f"{entry.key}{STATUS_SEPARATOR}{value}", label)
                        for value, label in entry.case_model._meta.get_field("status").choices
                    ],
                )
                for entry in entries
            ),
        ]

    def clean(self) -> dict:
        data = super().clean()
        status_process = (data.get("status") or "").partition(STATUS_SEPARATOR)[0]
        if status_process and data.get("process") and data["process"] != status_process:
            raise forms.ValidationError(_("所选状态不属于所选流程"))
        return data

    def query(self) -> CaseQuery | None:
        """The cases asked for: every case when nothing is asked, None when the form is wrong."""
        if not self.is_bound:
            return CaseQuery()
        if not self.is_valid():
            return None
        data = self.cleaned_data
        status_process, _separator, status = (data["status"] or "").partition(STATUS_SEPARATOR)
        return CaseQuery(
            text=data["q"].strip(),
            org=data["org"],
            process=data["process"] or status_process,
            status=status,
            created_from=local_midnight(data["date_from"]) if data["date_from"] else None,
            created_before=(
                local_midnight(data["date_to"] + datetime.timedelta(days=1))
                if data["date_to"]
                else None
            ),
        )


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
