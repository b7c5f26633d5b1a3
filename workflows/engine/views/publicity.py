"""公示 notices for the members of the publishing unit, and 实名 objections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from ..errors import CaseError
from ..forms import ObjectionForm
from ..models import Publicity
from ..registry import process_for_model_label
from ..services.publicity import publicity_visible_to, publicity_window_note
from .common import report_error


class PublicityListView(LoginRequiredMixin, View):
    def get(self, request):
        today = timezone.localdate()
        current = Publicity.objects.filter(
            ends_on__gte=today, closed_at__isnull=True
        ).select_related("org")
        notices = [p for p in current if publicity_visible_to(publicity=p, user=request.user)]
        return render(request, "engine/publicity_list.html", {"notices": notices})


class PublicityDetailView(LoginRequiredMixin, View):
    def _get(self, request, pk: int) -> Publicity:
        publicity = get_object_or_404(Publicity.objects.select_related("org"), pk=pk)
        if not publicity_visible_to(publicity=publicity, user=request.user):
            raise Http404
        return publicity

    @staticmethod
    def _entry(publicity: Publicity):
        return process_for_model_label(publicity.case_type.model_class()._meta.label_lower)

    def _targets(self, publicity: Publicity) -> list[tuple[int, str]]:
        entry = self._entry(publicity)
        return entry.objection_targets(publicity) if entry.objection_targets else []

    def get(self, request, pk: int):
        publicity = self._get(request, pk)
        return render(
            request,
            "engine/publicity_detail.html",
            {
                "notice": publicity,
                "window_note": publicity_window_note(publicity),
                "form": ObjectionForm(targets=self._targets(publicity)),
                "is_open": not publicity.closed_at and timezone.localdate() <= publicity.ends_on,
                "my_objections": publicity.objections.filter(author=request.user),
            },
        )

    def post(self, request, pk: int):
        publicity = self._get(request, pk)
        targets = self._targets(publicity)
        form = ObjectionForm(request.POST, targets=targets)
        if form.is_valid():
            about = {"about": form.cleaned_data["about"]} if targets else {}
            try:
                self._entry(publicity).objection(
                    publicity=publicity, by=request.user, text=form.cleaned_data["text"], **about
                )
                messages.success(request, _("您的实名反映已提交，团委将核查处理"))
            except CaseError as error:
                report_error(request, error)
        else:
            messages.error(request, _("请填写反映内容"))
        return HttpResponseRedirect(reverse("engine:publicity_detail", args=[pk]))
