"""Case pages: my applications, the scoped case list, and case detail with its history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from workflows.audit.selectors import case_timeline_for

from .. import selectors
from ..errors import CaseError
from ..forms import AttachmentForm, CarbonCopyForm, CommentForm, WithdrawForm
from ..models import Attachment, MeetingVote, Publicity
from ..pagination import CappedPaginator
from ..registry import processes
from ..services.attachments import attachment_add
from ..services.cases import case_cc, case_comment, case_withdraw
from ..services.publicity import objection_authors_shown, publicity_window_note
from ..visibility import case_visible_to
from .common import form_errors_report, report_error, visible_case_or_404
from .lists import filters_query


def tracker(entry, case) -> list[dict]:
    """Milestones with done/current marks, from the case status."""
    steps, current = [], None
    for index, milestone in enumerate(entry.milestones):
        if case.status in milestone.statuses:
            current = index
    for index, milestone in enumerate(entry.milestones):
        state = "current" if index == current else ("done" if current and index < current else "")
        steps.append({"label": milestone.label, "state": state})
    return steps


def _publicities(case, user) -> list[Publicity]:
    """The case's notices, each with its provisional-window note and the objections whose
    author ``user`` may read."""
    publicities = list(Publicity.objects.for_case(case).prefetch_related("objections__author"))
    for publicity in publicities:
        publicity.window_note = publicity_window_note(publicity)
        publicity.authors_shown = objection_authors_shown(publicity=publicity, user=user)
    return publicities


def case_context(request, entry, case) -> dict:
    from workflows.documents.selectors import documents_for

    active_tasks = selectors.active_tasks_of(case=case)
    return {
        "entry": entry,
        "case": case,
        "case_label": case._meta.label_lower,
        "case_type_id": ContentType.objects.get_for_model(case).pk,
        "tracker": tracker(entry, case),
        "active_tasks": active_tasks,
        "timeline": selectors.case_timeline(case=case, active_tasks=active_tasks),
        "votes": MeetingVote.objects.for_case(case),
        "attachments": Attachment.objects.for_case(case).select_related("uploaded_by"),
        "publicities": _publicities(case, request.user),
        "documents": documents_for(subject=case),
        "is_applicant": request.user.pk == case.applicant_id,
    }


class MyCasesView(LoginRequiredMixin, View):
    def get(self, request):
        cases = selectors.my_cases(user=request.user)
        return render(
            request, "engine/case_list.html", {"title": _("我的申请"), "cases": cases, "mine": True}
        )


class CaseListView(LoginRequiredMixin, View):
    """Cases of one process in the user's scope, filtered by status and searched by reference
    or name, 50 a page."""

    def get(self, request):
        entries = processes()
        entry = next((e for e in entries if e.key == request.GET.get("process")), entries[0])
        status = request.GET.get("status") or None
        text = request.GET.get("q", "").strip()[:50]
        queryset = selectors.case_queryset(entry=entry, user=request.user, status=status, text=text)
        page = CappedPaginator(queryset, 50).get_page(request.GET.get("page"))
        return render(
            request,
            "engine/case_list.html",
            {
                "title": _("案件"),
                "cases": page.object_list,
                "page": page,
                "entries": entries,
                "entry": entry,
                "status": status,
                "statuses": entry.case_model._meta.get_field("status").choices,
                "q": text,
                "filters_query": filters_query(request),
            },
        )


class CaseDetailView(LoginRequiredMixin, View):
    def get(self, request, label: str, pk: int):
        entry, case = visible_case_or_404(request, label, pk)
        context = case_context(request, entry, case)
        context.update(
            {
                "comment_form": CommentForm(),
                "attachment_form": AttachmentForm(),
                "cc_form": CarbonCopyForm(people_url=reverse("engine:people_cc", args=[label, pk])),
                "withdraw_form": WithdrawForm(),
                "audit_visible": case_timeline_for(
                    user=request.user, case_type_id=context["case_type_id"], case_id=case.pk
                )
                is not None,
            }
        )
        return render(request, "engine/case_detail.html", context)


class CaseActionView(LoginRequiredMixin, View):
    """Comment, attach, CC or withdraw: each posts here and returns to the case page."""

    def post(self, request, label: str, pk: int, action: str):
        entry, case = visible_case_or_404(request, label, pk)
        try:
            self._perform(request, entry, case, action)
        except CaseError as error:
            report_error(request, error)
        return HttpResponseRedirect(reverse("engine:case_detail", args=[label, pk]))

    def _perform(self, request, entry, case, action: str) -> None:
        if action == "comment":
            form = CommentForm(request.POST)
            if not form.is_valid():
                raise CaseError(_("评论内容不能为空"))
            case_comment(case=case, by=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("已发表评论"))
        elif action == "attach":
            form = AttachmentForm(request.POST, request.FILES)
            if not form.is_valid():
                raise CaseError(_("请选择要上传的文件"))
            attachment_add(case=case, by=request.user, upload=form.cleaned_data["file"])
            messages.success(request, _("附件已上传"))
        elif action == "cc":
            form = CarbonCopyForm(request.POST)
            if not form.is_valid():
                form_errors_report(request, form)
                return
            case_cc(case=case, users=form.cleaned_data["usernames"], by=request.user)
            messages.success(request, _("已抄送"))
        elif action == "withdraw" and entry.withdraw_step:
            form = WithdrawForm(request.POST)
            form.is_valid()
            case_withdraw(
                case=case,
                by=request.user,
                reason=form.cleaned_data.get("reason", ""),
                step=entry.withdraw_step,
            )
            messages.success(request, _("已撤回：%(reference)s") % {"reference": case.reference})
        else:
            raise CaseError(_("不支持的操作"))


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Attachments are served only to those who may see their case."""

    def get(self, request, pk: int):
        attachment = Attachment.objects.filter(pk=pk).first()
        if attachment is None or not case_visible_to(case=attachment.case, user=request.user):
            raise Http404
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
