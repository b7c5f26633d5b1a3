"""Inbox, queue, archive and the task page where every decision is taken."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import RedirectView

from .. import selectors
from ..errors import CaseError
from ..forms import TaskActionForm, TaskFilterForm, TransferForm
from ..pagination import CappedPaginator
from ..phrases import phrases_of
from ..services.acting import task_act
from ..services.bulk import BulkItem, tasks_bulk_act
from ..services.tasks import task_claim, task_transfer, task_unclaim
from ..signers import waiting_on
from .cases import case_context
from .common import form_errors_report, report_error
from .lists import filters_query


class TaskRedirectView(RedirectView):
    """Viewflow's own task URL leads to the engine's task page."""

    def get_redirect_url(self, *args, **kwargs):
        return reverse("engine:task", args=[kwargs["task_pk"]])


class TaskListView(LoginRequiredMixin, View):
    title = ""
    template_name = "engine/task_list.html"
    tasks = None

    def get(self, request):
        filters = TaskFilterForm(request.GET, with_overdue=self.kind != "archive")
        chosen = filters.filters()
        tasks = selectors.tasks_filtered(self.tasks(user=request.user), **chosen)
        page = CappedPaginator(tasks, 50).get_page(request.GET.get("page"))
        tasks = selectors.tasks_with_cases(page.object_list)
        due_notes = selectors.task_due_notes(tasks)
        decisions = selectors.task_decisions(tasks) if self.kind == "archive" else {}
        for task in tasks:
            task.overdue = selectors.is_overdue(task)
            task.due_on = selectors.task_due_on(task)
            task.due_note = due_notes[task.pk]
            task.bulk_ok = self.kind == "inbox" and "approve" in task.flow_task.actions
            task.unclaimable = selectors.task_unclaimable(task=task, user=request.user)
            task.decision = decisions.get(task.pk)
        return render(
            request,
            self.template_name,
            {
                "title": self.title,
                "tasks": tasks,
                "page": page,
                "kind": self.kind,
                "filters": filters,
                "filters_query": filters_query(request),
                "filtered": any(chosen.values()),
                "phrases": phrases_of(user=request.user) if self.kind == "inbox" else [],
            },
        )


class InboxView(TaskListView):
    title = gettext_lazy("待办")
    kind = "inbox"
    tasks = staticmethod(selectors.inbox_tasks)


class QueueView(TaskListView):
    title = gettext_lazy("待认领")
    kind = "queue"
    tasks = staticmethod(selectors.queue_tasks)


class ArchiveView(TaskListView):
    title = gettext_lazy("已办")
    kind = "archive"
    tasks = staticmethod(selectors.archive_tasks)


def _task_or_404(request, task_pk: int):
    found = selectors.task_for_user(user=request.user, task_pk=task_pk)
    if found is None:
        raise Http404
    return found


def _step_form(task, case, data=None, files=None):
    """The step's own fields (a tally, an election's ballots), if its declaration has any."""
    declared = task.flow_task.spec.form
    if declared is None:
        return None
    form = declared.form_class(data, case=case, task=task)
    if files is not None:
        # Step forms take ``case`` and ``task``; uploads (会议记录) are bound beside the data.
        form.files = files
    return form


def _uploads(step_form) -> dict:
    if step_form is None:
        return {}
    return {
        name: value
        for name, value in step_form.cleaned_data.items()
        if isinstance(value, UploadedFile)
    }


class TaskView(LoginRequiredMixin, View):
    template_name = "engine/task.html"

    def get(self, request, task_pk: int):
        entry, task, case = _task_or_404(request, task_pk)
        step = task.flow_task.spec
        return self._render(
            request, entry, task, case, TaskActionForm(step=step), _step_form(task, case)
        )

    def post(self, request, task_pk: int):
        entry, task, case = _task_or_404(request, task_pk)
        form = TaskActionForm(request.POST, step=task.flow_task.spec)
        step_form = _step_form(task, case, request.POST, request.FILES)
        if form.is_valid() and (step_form is None or step_form.is_valid()):
            try:
                task_act(
                    task=task,
                    by=request.user,
                    action=form.cleaned_data["action"],
                    opinion=form.cleaned_data["opinion"],
                    data=step_form.service_data() if step_form is not None else {},
                    files=_uploads(step_form),
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(
                    request,
                    _("已办理：%(reference)s %(step)s")
                    % {"reference": case.reference, "step": task.flow_task.step},
                )
                return HttpResponseRedirect(reverse("engine:inbox"))
        task.refresh_from_db()
        case.refresh_from_db()
        return self._render(request, entry, task, case, form, step_form, status=400)

    def _render(self, request, entry, task, case, form, step_form, status=200):
        context = case_context(request, entry, case)
        declared = task.flow_task.spec.form
        context.update(
            {
                "task": task,
                "form": form,
                "step_form": step_form,
                "step_template": declared.template if declared else "",
                "transfer_form": TransferForm(
                    people_url=reverse("engine:people_transfer", args=[task.pk])
                ),
                "can_unclaim": selectors.task_unclaimable(task=task, user=request.user),
                "phrases": phrases_of(user=request.user),
                "recused": task.flow_task.is_recused(request.user, task),
                "can_execute": task.flow_task.can_execute(request.user, task),
                "can_claim": task.owner_id is None
                and task.flow_task.can_assign(request.user, task),
                "due_on": selectors.task_due_on(task),
                "due_note": selectors.task_due_notes([task])[task.pk],
                "overdue": selectors.is_overdue(task),
                # Its holder added someone before themself: the panel says whom it waits for.
                "waiting": waiting_on(task) is not None,
            }
        )
        return render(request, self.template_name, context, status=status)


def _back_to_list(request, default: str) -> HttpResponseRedirect:
    """Back to the list a row's button was pressed in (``next``: inbox or queue), else to
    ``default``."""
    lists = {"inbox": reverse("engine:inbox"), "queue": reverse("engine:queue")}
    return HttpResponseRedirect(lists.get(request.POST.get("next", ""), default))


class TaskClaimView(LoginRequiredMixin, View):
    def post(self, request, task_pk: int):
        task, case = _task_or_404(request, task_pk)[1:]
        try:
            task_claim(task=task, by=request.user)
            messages.success(
                request,
                _("已认领：%(reference)s %(step)s")
                % {"reference": case.reference, "step": task.flow_task.step},
            )
        except CaseError as error:
            report_error(request, error)
        return _back_to_list(request, reverse("engine:task", args=[task.pk]))


class TaskUnclaimView(LoginRequiredMixin, View):
    """退回队列 from the task page or an inbox row."""

    def post(self, request, task_pk: int):
        task, case = _task_or_404(request, task_pk)[1:]
        try:
            task_unclaim(task=task, by=request.user)
            messages.success(
                request,
                _("已退回队列：%(reference)s %(step)s")
                % {"reference": case.reference, "step": task.flow_task.step},
            )
        except CaseError as error:
            report_error(request, error)
        return _back_to_list(request, reverse("engine:queue"))


class TaskTransferView(LoginRequiredMixin, View):
    def post(self, request, task_pk: int):
        task, case = _task_or_404(request, task_pk)[1:]
        form = TransferForm(request.POST)
        if not form.is_valid():
            form_errors_report(request, form)
            return HttpResponseRedirect(reverse("engine:task", args=[task.pk]))
        try:
            task_transfer(
                task=task,
                to_user=form.cleaned_data["to"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except CaseError as error:
            report_error(request, error)
            return HttpResponseRedirect(reverse("engine:task", args=[task.pk]))
        messages.success(
            request,
            _("已转交：%(reference)s %(step)s")
            % {"reference": case.reference, "step": task.flow_task.step},
        )
        return HttpResponseRedirect(reverse("engine:inbox"))


class InboxBulkView(LoginRequiredMixin, View):
    """批量同意 from the inbox: the checked tasks with the opinion typed on each row are first
    listed for confirmation; only the confirmed list is decided, each item reporting back."""

    def post(self, request):
        items = [
            BulkItem(task_pk=int(pk), opinion=request.POST.get(f"opinion_{pk}", "").strip())
            for pk in dict.fromkeys(request.POST.getlist("task"))
            if pk.isdigit()
        ]
        if not items:
            messages.error(request, _("请勾选要批量同意的待办"))
            return HttpResponseRedirect(reverse("engine:inbox"))
        if "confirm" not in request.POST:
            return self._confirm(request, items)
        outcomes = tasks_bulk_act(items=items, by=request.user)
        return render(request, "engine/bulk_result.html", {"outcomes": outcomes})

    def _confirm(self, request, items: list[BulkItem]):
        opinions = {item.task_pk: item.opinion for item in items}
        chosen = selectors.inbox_tasks(user=request.user).filter(pk__in=opinions)
        tasks = [
            task
            for task in selectors.tasks_with_cases(chosen)
            if "approve" in task.flow_task.actions
        ]
        for task in tasks:
            task.bulk_opinion = opinions[task.pk]
        return render(
            request,
            "engine/bulk_confirm.html",
            {
                "tasks": tasks,
                "left_out": len(items) - len(tasks),
                "phrases": phrases_of(user=request.user),
            },
        )
