"""Pages for 换届: the terms dashboard, reporting a 请示, and term actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from workflows.engine.errors import CaseError
from workflows.engine.views.common import report_error
from workflows.rules.selectors import rules_resolve

from . import selectors, services, terms
from .forms import PlanForm, TermChangeForm, TermStartForm
from .models import Term
from .services import PROCESS_KEY


class DashboardView(LoginRequiredMixin, View):
    """换届 dashboard: branches due within the notice period or overdue come first."""

    def get(self, request):
        today = timezone.localdate()
        notice = rules_resolve(process=PROCESS_KEY, org=None, on=today).int("remind_months")
        state = request.GET.get("state") or None
        rows = selectors.terms_dashboard(
            user=request.user, on=today, notice_months=notice, state=state
        )
        led = set(
            selectors.branches_led_by(user=request.user, on=today).values_list("pk", flat=True)
        )
        return render(
            request,
            "elections/dashboard.html",
            {
                "rows": rows,
                "state": state,
                "notice_months": notice,
                "led": led,
                "start_form": TermStartForm(),
                "change_form": TermChangeForm(),
            },
        )


def _branch_or_404(request, pk: int):
    branch = selectors.branches_visible_to(user=request.user).filter(pk=pk).first()
    if branch is None:
        raise Http404
    return branch


def _term_or_404(request, pk: int) -> Term:
    term = Term.objects.select_related("branch").filter(pk=pk, ended_on__isnull=True).first()
    if term is None:
        raise Http404
    _branch_or_404(request, term.branch_id)
    return term


class ElectionNewView(LoginRequiredMixin, View):
    """A branch secretary reports the 换届请示."""

    template_name = "elections/new.html"

    def _branches(self, request):
        return selectors.branches_led_by(user=request.user, on=timezone.localdate())

    def _branch(self, request):
        branches = self._branches(request)
        wanted = request.POST.get("branch") or request.GET.get("branch")
        branch = branches.filter(pk=wanted).first() if wanted and wanted.isdigit() else None
        return branch or branches.first(), branches

    def get(self, request):
        branch, branches = self._branch(request)
        form = PlanForm(branch=branch) if branch else None
        return render(
            request, self.template_name, {"form": form, "branch": branch, "branches": branches}
        )

    def post(self, request):
        branch, branches = self._branch(request)
        if branch is None:
            raise Http404
        form = PlanForm(request.POST, branch=branch)
        if form.is_valid():
            try:
                election = services.election_submit(
                    branch=branch,
                    plan=services.plan_from_data(form.plan_data(), branch=branch),
                    by=request.user,
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(
                    request, _("换届请示已报送：%(reference)s") % {"reference": election.reference}
                )
                return HttpResponseRedirect(election.get_absolute_url())
        context = {"form": form, "branch": branch, "branches": branches}
        return render(request, self.template_name, context, status=400)


class TermStartView(LoginRequiredMixin, View):
    """Record when a branch's current term began (branches new to the system)."""

    def post(self, request, branch_pk: int):
        branch = _branch_or_404(request, branch_pk)
        form = TermStartForm(request.POST)
        try:
            if not form.is_valid():
                raise CaseError(_("请填写本届任期开始日期"))
            terms.term_register(
                branch=branch, starts_on=form.cleaned_data["starts_on"], by=request.user
            )
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(request, _("已登记%(branch)s的任期") % {"branch": branch.name})
        return HttpResponseRedirect(reverse("elections:dashboard"))


class TermRemindView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        term = _term_or_404(request, pk)
        try:
            told = terms.term_remind_by(term=term, by=request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(
                request,
                _("已提醒%(branch)s（%(count)s 人）") % {"branch": term.branch.name, "count": told},
            )
        return HttpResponseRedirect(reverse("elections:dashboard"))


class TermChangeView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        term = _term_or_404(request, pk)
        form = TermChangeForm(request.POST)
        try:
            if not form.is_valid():
                raise CaseError(_("请填写申请换届日期和理由"))
            change = terms.term_change_request(
                term=term,
                due_after=form.cleaned_data["due_after"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except CaseError as error:
            report_error(request, error)
            return HttpResponseRedirect(reverse("elections:dashboard"))
        messages.success(request, _("已报送：%(reference)s") % {"reference": change.reference})
        return HttpResponseRedirect(change.get_absolute_url())
