"""The auditor's case search across processes, the workspace's XLSX exports, and saved
filters."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from workflows.engine.errors import CaseError
from workflows.engine.pagination import CappedPaginator
from workflows.engine.views.common import report_error
from workflows.engine.views.lists import filters_query

from .exports import XLSX_CONTENT_TYPE, cases_xlsx, events_xlsx
from .filters import CaseSearchForm, events_filter
from .models import SavedFilter
from .saved_filters import saved_filter_delete, saved_filter_save, saved_filters_of
from .search import case_rows, cases_iter, cases_resolve
from .views import AuditorRequiredMixin

PAGE_SIZE = 50


def _case_rows(request, form: CaseSearchForm):
    query = form.query()
    if query is None:
        return None
    return case_rows(user=request.user, query=query)


def _xlsx_response(file, *, name: str) -> FileResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return FileResponse(
        file, as_attachment=True, filename=f"{name}-{stamp}.xlsx", content_type=XLSX_CONTENT_TYPE
    )


class CaseSearchView(AuditorRequiredMixin, View):
    """Cases of every process in the auditor's scope, 50 a page."""

    def get(self, request):
        form = CaseSearchForm(request.GET or None, user=request.user)
        rows = _case_rows(request, form)
        page = None
        if rows is not None:
            page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "audit/case_search.html",
            {
                "form": form,
                "page": page,
                "hits": cases_resolve(page.object_list) if page else [],
                "filters_query": filters_query(request),
                "saved_filters": saved_filters_of(user=request.user, kind=SavedFilter.Kind.CASES),
                "saved_kind": SavedFilter.Kind.CASES,
            },
        )


class CaseExportView(AuditorRequiredMixin, View):
    def get(self, request):
        rows = _case_rows(request, CaseSearchForm(request.GET or None, user=request.user))
        if rows is None:
            messages.error(request, _("筛选条件有误，请修改后再导出"))
            return redirect(f"{reverse('audit:case_search')}?{request.GET.urlencode()}")
        return _xlsx_response(cases_xlsx(cases_iter(rows)), name="cases")


class EventXlsxExportView(AuditorRequiredMixin, View):
    def get(self, request):
        file = events_xlsx(events=events_filter(request).qs, reader=request.user)
        return _xlsx_response(file, name="audit")


class SavedFilterSaveView(AuditorRequiredMixin, View):
    def post(self, request):
        try:
            saved = saved_filter_save(
                kind=request.POST.get("kind", ""),
                name=request.POST.get("name", ""),
                query=request.POST.get("query", ""),
                by=request.user,
            )
        except CaseError as error:
            report_error(request, error)
            return HttpResponseRedirect(_back(request))
        messages.success(request, _("已保存筛选「%(name)s」") % {"name": saved.name})
        return HttpResponseRedirect(saved.get_absolute_url())


class SavedFilterDeleteView(AuditorRequiredMixin, View):
    def post(self, request, pk: int):
        saved = saved_filter_delete(saved_filter_id=pk, by=request.user)
        if saved is None:
            raise Http404
        messages.success(request, _("已删除筛选「%(name)s」") % {"name": saved.name})
        return HttpResponseRedirect(SavedFilter(kind=saved.kind).get_absolute_url())


def _back(request) -> str:
    kind = request.POST.get("kind", "")
    page = SavedFilter(kind=kind if kind in SavedFilter.Kind.values else SavedFilter.Kind.EVENTS)
    return page.get_absolute_url()
