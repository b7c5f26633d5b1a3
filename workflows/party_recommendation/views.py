"""Pages for 推优入党: applying, and the rounds a branch secretary runs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from workflows.engine.errors import CaseError
from workflows.engine.views.common import report_error
from workflows.org.models import Member, Role
from workflows.org.selectors import orgs_with_role

from . import selectors, services
from .documents import round_summary_issue
from .forms import ApplicationForm, RoundForm
from .models import Round


class ApplyView(LoginRequiredMixin, View):
    template_name = "party_recommendation/apply.html"

    def _member(self, request) -> Member | None:
        return Member.objects.select_related("branch").filter(user=request.user).first()

    def get(self, request):
        member = self._member(request)
        rounds = selectors.open_rounds_for(member=member) if member else Round.objects.none()
        return render(
            request, self.template_name, {"member": member, "form": ApplicationForm(rounds=rounds)}
        )

    def post(self, request):
        member = self._member(request)
        if member is None:
            raise Http404
        form = ApplicationForm(request.POST, rounds=selectors.open_rounds_for(member=member))
        if form.is_valid():
            try:
                application = services.application_submit(
                    member=member,
                    round=form.cleaned_data["round"],
                    statement=form.cleaned_data["statement"],
                    by=request.user,
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(
                    request, _("申请已提交：%(reference)s") % {"reference": application.reference}
                )
                return HttpResponseRedirect(application.get_absolute_url())
        return render(request, self.template_name, {"member": member, "form": form}, status=400)


class RoundListView(LoginRequiredMixin, View):
    template_name = "party_recommendation/rounds.html"

    def _branches(self, request):
        return orgs_with_role(user=request.user, roles=[Role.SECRETARY], on=timezone.localdate())

    def get(self, request):
        return self._render(request, RoundForm())

    def post(self, request):
        form = RoundForm(request.POST)
        branch = self._branches(request).filter(pk=request.POST.get("branch")).first()
        if form.is_valid() and branch is not None:
            try:
                services.round_create(branch=branch, by=request.user, **form.cleaned_data)
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(
                    request,
                    _("已发起推优批次：%(title)s") % {"title": form.cleaned_data["title"]},
                )
                return HttpResponseRedirect(reverse("party_recommendation:rounds"))
        elif branch is None:
            messages.error(request, _("请选择您任书记的团支部"))
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        rounds = (
            selectors.rounds_visible_to(user=request.user)
            .select_related("branch")
            .order_by("-meeting_date")[:100]
        )
        return render(
            request,
            self.template_name,
            {"rounds": rounds, "form": form, "branches": self._branches(request)},
            status=status,
        )


class RoundDetailView(LoginRequiredMixin, View):
    template_name = "party_recommendation/round_detail.html"

    def _round(self, request, pk: int) -> Round:
        return get_object_or_404(
            selectors.rounds_visible_to(user=request.user).select_related("branch"), pk=pk
        )

    def get(self, request, pk: int):
        round_ = self._round(request, pk)
        from workflows.documents.selectors import documents_for

        return render(
            request,
            self.template_name,
            {
                "round": round_,
                "applications": selectors.round_applications(round=round_),
                "documents": documents_for(subject=round_),
            },
        )

    def post(self, request, pk: int):
        round_ = self._round(request, pk)
        try:
            document = round_summary_issue(round=round_, by=request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(
                request, _("已生成汇总表（核验码 %(code)s）") % {"code": document.short_code}
            )
        return HttpResponseRedirect(reverse("party_recommendation:round_detail", args=[pk]))
