"""The committee's member list as a spreadsheet: the template to fill in, the export in the same
columns, an upload that shows what each row would do (or every wrong cell, to fix on the page),
and the import once confirmed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from workflows.audit.services import audit_record
from workflows.engine.errors import CaseError
from workflows.engine.spreadsheets import SheetInvalid, fix_sheet, fixed_rows, sheet_token
from workflows.engine.views.common import report_error

from .accounts import accounts_open, credentials_workbook
from .forms import MemberImportForm
from .imports import members_import
from .member_sheet import MEMBER_COLUMNS, member_sheet_rows, member_workbook
from .selectors import committees_led, members_under

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows listed in the preview; the counts cover them all.
PREVIEW_ROWS_MAX = 500


def committees_or_403(request):
    committees = committees_led(user=request.user, on=timezone.localdate())
    if not committees.exists():
        raise PermissionDenied
    return committees


class MemberTemplateView(LoginRequiredMixin, View):
    def get(self, request):
        committees_or_403(request)
        response = HttpResponse(member_workbook([]), content_type=XLSX)
        response["Content-Disposition"] = "attachment; filename*=UTF-8''members-template.xlsx"
        return response


class MemberExportView(LoginRequiredMixin, View):
    """The committee's members in the import's columns: edit in Excel, import again."""

    def get(self, request):
        committee = committees_or_403(request).filter(pk=request.GET.get("committee") or 0).first()
        if committee is None:
            raise Http404
        members = list(members_under(org=committee))
        content = member_workbook(members)
        # The sheet holds every member's 身份证号: who took it, and when, is on the record.
        audit_record(
            action="member.export",
            by=request.user,
            org=committee,
            after=_("导出团员 %(count)s 人") % {"count": len(members)},
        )
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = "attachment; filename*=UTF-8''members.xlsx"
        return response


class MemberAccountsView(LoginRequiredMixin, View):
    """Logins for the committee's members without one, and the sheet of first passwords (shown
    once, as this download)."""

    def post(self, request):
        committee = committees_or_403(request).filter(pk=request.POST.get("committee") or 0).first()
        if committee is None:
            raise Http404
        try:
            opened = accounts_open(committee=committee, by=request.user)
        except CaseError as error:
            report_error(request, error)
            return HttpResponseRedirect(reverse("org:member_import"))
        if not opened:
            messages.info(request, _("%(org)s的团员都已开通账号") % {"org": committee.name})
            return HttpResponseRedirect(reverse("org:member_import"))
        response = HttpResponse(credentials_workbook(opened), content_type=XLSX)
        response["Content-Disposition"] = "attachment; filename*=UTF-8''accounts.xlsx"
        response["Cache-Control"] = "no-store"
        return response


class MemberImportView(LoginRequiredMixin, View):
    template_name = "org/member_import.html"

    def get(self, request):
        form = MemberImportForm(committees=committees_or_403(request))
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        committees = committees_or_403(request)
        form = MemberImportForm(request.POST, request.FILES, committees=committees)
        committee = committees.filter(pk=request.POST.get("committee") or 0).first()
        if committee is None:
            raise PermissionDenied
        confirm = "confirm" in request.POST
        try:
            rows = self._rows(request, form)
            if rows is None:
                messages.error(request, _("请选择团员名单文件"))
                return render(request, self.template_name, {"form": form}, status=400)
            report = members_import(committee=committee, rows=rows, by=request.user, apply=confirm)
        except SheetInvalid as error:
            context = {
                "form": form,
                "committee": committee,
                "problems": error.messages,
                "sheet": fix_sheet(error, MEMBER_COLUMNS),
                "sheet_hidden": [("committee", committee.pk)],
            }
            return render(request, self.template_name, context, status=400)
        except CaseError as error:
            report_error(request, error)
            return render(request, self.template_name, {"form": form}, status=400)
        if confirm:
            messages.success(
                request,
                _("已导入%(committee)s团员：%(summary)s")
                % {"committee": committee.name, "summary": report.summary()},
            )
            return HttpResponseRedirect(reverse("org:member_import"))
        context = {
            "form": form,
            "committee": committee,
            "report": report,
            "shown": report.rows[:PREVIEW_ROWS_MAX],
            "token": sheet_token(rows, MEMBER_COLUMNS),
        }
        return render(request, self.template_name, context)

    def _rows(self, request, form):
        if "sheet" in request.POST:
            return fixed_rows(request.POST["sheet"], request.POST, MEMBER_COLUMNS)
        return member_sheet_rows(form.cleaned_data["file"]) if form.is_valid() else None
