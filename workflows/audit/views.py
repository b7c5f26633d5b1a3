"""The auditor workspace: filterable event list, CSV export, per-case timeline."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.views import View
from django.views.generic import ListView

from workflows.engine.pagination import CappedPaginator

from .exports import events_csv_rows
from .filters import events_filter
from .models import SavedFilter
from .saved_filters import saved_filters_of
from .selectors import case_timeline_for, events_for_reader, workspace_allowed


class AuditorRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not workspace_allowed(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EventListView(AuditorRequiredMixin, ListView):
    template_name = "audit/event_list.html"
    context_object_name = "events"
    paginate_by = 50
    paginator_class = CappedPaginator

    def get_queryset(self) -> QuerySet:
        self.filterset = events_filter(self.request)
        return self.filterset.qs.select_related("actor", "org").order_by("-id")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(filter=self.filterset, **kwargs)
        context["events"] = list(events_for_reader(context["events"], user=self.request.user))
        context["saved_filters"] = saved_filters_of(
            user=self.request.user, kind=SavedFilter.Kind.EVENTS
        )
        context["saved_kind"] = SavedFilter.Kind.EVENTS
        return context


class EventExportView(AuditorRequiredMixin, View):
    def get(self, request, *args, **kwargs) -> StreamingHttpResponse:
        response = StreamingHttpResponse(
            events_csv_rows(events=events_filter(request).qs, reader=request.user),
            content_type="text/csv; charset=utf-8",
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
        return response


class CaseTimelineView(AuditorRequiredMixin, ListView):
    template_name = "audit/case_timeline.html"
    context_object_name = "events"

    def get_queryset(self) -> QuerySet:
        events = case_timeline_for(
            user=self.request.user, case_type_id=self.kwargs["ct"], case_id=self.kwargs["pk"]
        )
        if events is None:
            raise Http404
        return list(events_for_reader(events, user=self.request.user))

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        events = context["events"]
        context["case_label"] = events[len(events) - 1].case_label if events else ""
        return context
