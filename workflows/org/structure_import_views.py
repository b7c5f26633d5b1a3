"""The committee's organisation tree and office holders as spreadsheets, on one page: for each,
the template to fill in, the export in the same columns, an upload that shows what each row
would do (or every wrong cell, to fix on the page), and the import once confirmed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from workflows.audit.services import audit_record
from workflows.engine.errors import CaseError
from workflows.engine.spreadsheets import (
    Column,
    SheetInvalid,
    fix_sheet,
    fixed_rows,
    sheet_token,
)
from workflows.engine.views.common import report_error

from .accounts import credentials_workbook
from .forms import OfficeSheetForm, OrgSheetForm
from .member_import_views import PREVIEW_ROWS_MAX, XLSX, committees_or_403
from .models import Organization
from .office_sheet import OFFICE_COLUMNS, office_sheet_rows, office_workbook, offices_held
from .org_sheet import ORG_COLUMNS, org_sheet_rows, org_workbook, orgs_below
from .structure_imports import offices_import, orgs_import


@dataclass(frozen=True)
class _Sheet:
    """One of the page's two sheets, and what each step does with it."""

    kind: str
    title: Promise
    columns: tuple[Column, ...]
    form: type[forms.Form]
    read: Callable
    run: Callable
    workbook: Callable[[list], bytes]
    listed: Callable[[Organization], list]
    exported: str  # the export's audit action
    exported_count: Promise  # its wording, with %(count)s

    def filename(self, suffix: str = "") -> str:
        return f"attachment; filename*=UTF-8''{self.kind}{suffix}.xlsx"


SHEETS = {
    sheet.kind: sheet
    for sheet in (
        _Sheet(
            kind="orgs",
            title=gettext_lazy("组织架构"),
            columns=ORG_COLUMNS,
            form=OrgSheetForm,
            read=org_sheet_rows,
            run=orgs_import,
            workbook=org_workbook,
            listed=lambda committee: orgs_below(committee=committee),
            exported="org.export",
            exported_count=gettext_lazy("导出组织 %(count)s 个"),
        ),
        _Sheet(
            kind="offices",
            title=gettext_lazy("任职名单"),
            columns=OFFICE_COLUMNS,
            form=OfficeSheetForm,
            read=office_sheet_rows,
            run=offices_import,
            workbook=office_workbook,
            listed=lambda committee: offices_held(committee=committee, on=timezone.localdate()),
            exported="appointment.export",
            exported_count=gettext_lazy("导出任职 %(count)s 项"),
        ),
    )
}


def _sheet(kind: str | None) -> _Sheet:
    if kind not in SHEETS:
        raise Http404
    return SHEETS[kind]


def _download(content: bytes, disposition: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = disposition
    return response


class StructureTemplateView(LoginRequiredMixin, View):
    def get(self, request, kind):
        sheet = _sheet(kind)
        committees_or_403(request)
        return _download(sheet.workbook([]), sheet.filename("-template"))


class StructureExportView(LoginRequiredMixin, View):
    """The committee's units or current office holders in the import's columns: edit in
    Excel, import again."""

    def get(self, request, kind):
        sheet = _sheet(kind)
        committee = committees_or_403(request).filter(pk=request.GET.get("committee") or 0).first()
        if committee is None:
            raise Http404
        listed = sheet.listed(committee)
        content = sheet.workbook(listed)
        # The office holders' sheet holds their 身份证号: who took it, and when, is on record.
        audit_record(
            action=sheet.exported,
            by=request.user,
            org=committee,
            after=sheet.exported_count % {"count": len(listed)},
        )
        return _download(content, sheet.filename())


class StructureImportView(LoginRequiredMixin, View):
    template_name = "org/structure_import.html"

    def get(self, request):
        return render(request, self.template_name, self._context(committees_or_403(request)))

    def _context(self, committees, bound: forms.Form | None = None, **extra) -> dict[str, Any]:
        uploads = [
            (sheet, bound if bound and bound.prefix == sheet.kind else None)
            for sheet in SHEETS.values()
        ]
        return {
            "uploads": [
                (sheet, form or sheet.form(committees=committees, prefix=sheet.kind))
                for sheet, form in uploads
            ],
            "committees": committees,
            **extra,
        }

    def post(self, request):
        committees = committees_or_403(request)
        sheet = _sheet(request.POST.get("kind"))
        form = (
            None
            if "sheet" in request.POST
            else sheet.form(request.POST, request.FILES, committees=committees, prefix=sheet.kind)
        )
        committee = committees.filter(pk=request.POST.get(f"{sheet.kind}-committee") or 0).first()
        if committee is None:
            raise PermissionDenied
        confirm = "confirm" in request.POST
        context = self._context(committees, form, sheet=sheet, committee=committee)
        try:
            rows = self._rows(request, form, sheet)
            if rows is None:
                messages.error(request, _("请选择%(what)s文件") % {"what": sheet.title})
                return render(request, self.template_name, context, status=400)
            report = sheet.run(committee=committee, rows=rows, by=request.user, apply=confirm)
        except SheetInvalid as error:
            context |= {
                "problems": error.messages,
                "fix": fix_sheet(error, sheet.columns),
                "fix_hidden": [("kind", sheet.kind), (f"{sheet.kind}-committee", committee.pk)],
            }
            return render(request, self.template_name, context, status=400)
        except CaseError as error:
            report_error(request, error)
            return render(request, self.template_name, context, status=400)
        if confirm:
            messages.success(
                request,
                _("已导入%(committee)s%(what)s：%(summary)s")
                % {"committee": committee.name, "what": sheet.title, "summary": report.summary()},
            )
            opened = getattr(report, "opened", None)
            if opened:
                # The first passwords are shown once, as this download.
                response = _download(
                    credentials_workbook(opened), "attachment; filename*=UTF-8''accounts.xlsx"
                )
                response["Cache-Control"] = "no-store"
                return response
            return HttpResponseRedirect(reverse("org:structure_import"))
        context |= {
            "report": report,
            "shown": report.rows[:PREVIEW_ROWS_MAX],
            "token": sheet_token(rows, sheet.columns),
        }
        return render(request, self.template_name, context)

    def _rows(self, request, form: forms.Form | None, sheet: _Sheet):
        """The uploaded file's rows (None: no file), or those shown for fixing, as fixed."""
        if form is None:
            return fixed_rows(request.POST["sheet"], request.POST, sheet.columns)
        return sheet.read(form.cleaned_data["file"]) if form.is_valid() else None
