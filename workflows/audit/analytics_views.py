"""The analytics page (/audit/analytics/) and its exports, for the user's organisation subtree."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook

from workflows.engine.registry import processes
from workflows.engine.visibility import visible_paths

from .analytics import FIGURES, Scope, months_of, throughput_totals
from .analytics_forms import AnalyticsFilterForm
from .analytics_snapshot import analytics_snapshot
from .charts import bar_chart, line_chart
from .exports import FORMULA_PREFIXES
from .views import AuditorRequiredMixin

# The column each figure's bar chart measures.
BAR_COLUMNS = {
    "cycle": 2,
    "waiting_steps": 1,
    "waiting_holders": 1,
    "overdue": 1,
    "decisions": 4,
    "quota": 5,
}


def _scope(request) -> tuple[AnalyticsFilterForm, Scope]:
    form = AnalyticsFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else form.defaults()
    entry = next((e for e in processes() if e.key == data.get("process")), None)
    paths = visible_paths(request.user)
    return form, Scope(paths=paths, start=data["start"], end=data["end"], entry=entry)


class AnalyticsView(AuditorRequiredMixin, TemplateView):
    template_name = "audit/analytics.html"

    def get_context_data(self, **kwargs) -> dict:
        form, scope = _scope(self.request)
        snapshot = analytics_snapshot(scope=scope, recount="recount" in self.request.GET)
        figures = []
        for table in snapshot.tables:
            chart = None
            if table.key in BAR_COLUMNS and table.rows:
                chart = bar_chart(table.rows, value=BAR_COLUMNS[table.key])
            elif table.key == "throughput" and table.rows:
                months = months_of(scope)
                chart = line_chart(months, throughput_totals(table, months))
            figures.append({"table": table, "chart": chart})
        query = self.request.GET.copy()
        query.pop("recount", None)
        return super().get_context_data(
            form=form,
            scope=scope,
            figures=figures,
            counted_at=snapshot.counted_at,
            query=query.urlencode(),
            **kwargs,
        )


class AnalyticsExportView(AuditorRequiredMixin, View):
    def get(self, request, *args, **kwargs) -> HttpResponse:
        key, kind = kwargs["key"], kwargs["kind"]
        if key not in FIGURES:
            raise Http404
        _form, scope = _scope(request)
        table = analytics_snapshot(scope=scope).table(key)
        header = [str(title) for title in table.header]
        rows = [[_safe(value) for value in row] for row in table.rows]
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        if kind == "xlsx":
            response = HttpResponse(
                _xlsx(str(table.title), header, rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(header)
            writer.writerows(rows)
            response = HttpResponse(
                "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
            )
        response["Content-Disposition"] = f'attachment; filename="analytics-{key}-{stamp}.{kind}"'
        return response


def _safe(value: object) -> object:
    # Spreadsheet programs run cells starting with these as formulas.
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) else value


def _xlsx(title: str, header: list[str], rows: list[list[object]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
