"""A committee's member pages: the list with search and filters, 入团, a member's record with its
actions (edit, 转接, 离团, 留团察看), and the transfers both sides see."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from workflows.audit.models import AuditEvent
from workflows.engine.errors import CaseError
from workflows.engine.pagination import CappedPaginator
from workflows.engine.views.common import FormActionView, report_error

from . import member_forms, membership
from .appointments import offices_managed
from .membership_rules import membership_rules
from .models import MemberTransfer, Organization
from .roster import (
    MemberFilter,
    age_limit_reached_on,
    branches_managed,
    member_scope_paths,
    members_filtered,
    members_managed,
    transfers_pending_for,
    transfers_seen_by,
)
from .selectors import committees_led

PAGE_SIZE = 50


def _scope(request) -> list[str]:
    paths = member_scope_paths(user=request.user, on=timezone.localdate())
    if not paths:
        raise PermissionDenied
    return paths


def _member_or_404(request, pk: int):
    _scope(request)
    # Outside the subtree a member is not there at all.
    member = members_managed(user=request.user, on=timezone.localdate()).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def _rules_org(paths: list[str]) -> Organization | None:
    """Whose rulebook sets the age limit on the list: the topmost unit the user looks after."""
    return Organization.objects.filter(path__in=paths).order_by("path").first()


class MembersView(LoginRequiredMixin, View):
    def get(self, request):
        paths = _scope(request)
        today = timezone.localdate()
        branches = branches_managed(user=request.user, on=today)
        form = member_forms.MemberFilterForm(request.GET or None, branches=branches)
        filters = form.cleaned_data if form.is_valid() else {}
        rules_org = _rules_org(paths) or branches.first()
        members = members_filtered(
            members_managed(user=request.user, on=today),
            rules_org=rules_org,
            on=today,
            query=filters.get("q", "").strip(),
            branch=filters.get("branch"),
            status=filters.get("status") or MemberFilter.ACTIVE,
        ).order_by("branch__path", "name", "pk")
        page = CappedPaginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
        limit = membership_rules(org=rules_org, on=today).int("league_age_limit")
        rows = [(m, age_limit_reached_on(member=m, age=limit)) for m in page]
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "org/members.html",
            {
                "form": form,
                "page": page,
                "rows": rows,
                "today": today,
                "age_limit": limit,
                "query": query.urlencode(),
                "incoming": transfers_pending_for(user=request.user, on=today).count(),
                "fills_offices": offices_managed(user=request.user, on=today).exists(),
                "imports": committees_led(user=request.user, on=today).exists(),
            },
        )


class MemberJoinView(LoginRequiredMixin, View):
    template_name = "org/member_join.html"

    def _form(self, request, data=None):
        branches = branches_managed(user=request.user, on=timezone.localdate())
        return member_forms.MemberJoinForm(data, branches=branches)

    def get(self, request):
        _scope(request)
        return render(request, self.template_name, {"form": self._form(request)})

    def post(self, request):
        _scope(request)
        form = self._form(request, request.POST)
        if form.is_valid():
            try:
                member = membership.member_join(member=form.save(commit=False), by=request.user)
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("已记录%(name)s入团") % {"name": member.name})
                return HttpResponseRedirect(reverse("org:member_detail", args=[member.pk]))
        return render(request, self.template_name, {"form": form}, status=400)


class MemberDetailView(LoginRequiredMixin, View):
    template_name = "org/member_detail.html"

    def get(self, request, pk: int):
        member = _member_or_404(request, pk)
        return render(request, self.template_name, self._context(member))

    def post(self, request, pk: int):
        member = _member_or_404(request, pk)
        form = member_forms.MemberForm(request.POST, instance=member)
        if form.is_valid():
            try:
                membership.member_update(
                    member=form.save(commit=False), changed=form.changed_data, by=request.user
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("已保存"))
                return HttpResponseRedirect(reverse("org:member_detail", args=[pk]))
        return render(request, self.template_name, self._context(member, form=form), status=400)

    @staticmethod
    def _context(member, form=None) -> dict:
        today = timezone.localdate()
        return {
            "member": member,
            "form": form or member_forms.MemberForm(instance=member),
            "transfer_form": member_forms.TransferForm(prefix=MemberTransferView.prefix),
            "leave_form": member_forms.LeaveForm(
                prefix=MemberLeaveView.prefix, initial={"on": today}
            ),
            "probation_form": member_forms.ProbationForm(
                prefix=MemberProbationView.prefix, initial={"since": today}
            ),
            "probation_end_form": member_forms.ProbationEndForm(
                prefix=MemberProbationEndView.prefix, initial={"on": today}
            ),
            "transfers": MemberTransfer.objects.filter(member=member).select_related(
                "from_branch", "to_branch", "requested_by", "decided_by"
            ),
            "events": AuditEvent.objects.filter(
                action__startswith="member.", data__member=member.pk
            ).order_by("-pk")[:50],
        }


class MemberActionView(FormActionView):
    """One action on a member's record from a small form on their page."""

    form_class: type
    # Several of these forms share the member's page: their field ids must differ.
    prefix: str
    done: str

    def target(self, request, pk):
        return _member_or_404(request, pk)

    def form(self, request, target):
        return self.form_class(request.POST, prefix=self.prefix)

    def act(self, target, data, by):
        self.record(target, data, by)
        return self.done % {"name": target.name}

    def record(self, member, data: dict, by) -> None:
        raise NotImplementedError

    def back(self, target):
        return HttpResponseRedirect(reverse("org:member_detail", args=[target.pk]))


class MemberTransferView(MemberActionView):
    form_class = member_forms.TransferForm
    prefix = "transfer"
    done = gettext_lazy("已发起%(name)s的团员关系转接，待转入团支部接收")

    def record(self, member, data, by):
        membership.member_transfer_request(
            member=member, to_branch=data["to_branch"], reason=data["reason"], by=by
        )


class MemberLeaveView(MemberActionView):
    form_class = member_forms.LeaveForm
    prefix = "leave"
    done = gettext_lazy("已办理%(name)s离团")

    def record(self, member, data, by):
        membership.member_leave(member=member, reason=data["reason"], on=data["on"], by=by)


class MemberProbationView(MemberActionView):
    form_class = member_forms.ProbationForm
    prefix = "probation"
    done = gettext_lazy("已记录%(name)s留团察看")

    def record(self, member, data, by):
        membership.member_probation_start(
            member=member, since=data["since"], months=data["months"], reason=data["reason"], by=by
        )


class MemberProbationEndView(MemberActionView):
    form_class = member_forms.ProbationEndForm
    prefix = "probation_end"
    done = gettext_lazy("已解除%(name)s留团察看")

    def record(self, member, data, by):
        membership.member_probation_end(member=member, on=data["on"], note=data["note"], by=by)


class TransfersView(LoginRequiredMixin, View):
    def get(self, request):
        _scope(request)
        today = timezone.localdate()
        seen = transfers_seen_by(user=request.user, on=today)
        pending = transfers_pending_for(user=request.user, on=today)
        return render(
            request,
            "org/transfers.html",
            {
                "incoming": pending,
                "transfers": seen[:200],
                "decision_form": member_forms.TransferDecisionForm(),
            },
        )


def _transfer_or_404(request, pk: int) -> MemberTransfer:
    _scope(request)
    transfer = transfers_seen_by(user=request.user, on=timezone.localdate()).filter(pk=pk).first()
    if transfer is None:
        raise Http404
    return transfer


class TransferDecideView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        transfer = _transfer_or_404(request, pk)
        accept = request.POST.get("decision") == "accept"
        form = member_forms.TransferDecisionForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            membership.member_transfer_decide(
                transfer=transfer, accept=accept, note=note, by=request.user
            )
        except CaseError as error:
            report_error(request, error)
        else:
            done = _("已接收%(name)s") if accept else _("已退回%(name)s的转接")
            messages.success(request, done % {"name": transfer.member.name})
        return HttpResponseRedirect(reverse("org:transfers"))


class TransferCancelView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        transfer = _transfer_or_404(request, pk)
        try:
            membership.member_transfer_cancel(transfer=transfer, by=request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(request, _("已撤回%(name)s的转接") % {"name": transfer.member.name})
        return HttpResponseRedirect(reverse("org:transfers"))
