"""常用语: a person's own list, to add to and remove from."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from ..errors import CaseError
from ..forms import PhraseForm
from ..phrases import phrases_of
from ..services.phrases import phrase_add, phrase_delete
from .common import form_errors_report, report_error


class PhrasesView(LoginRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "engine/phrases.html",
            {"phrases": phrases_of(user=request.user), "form": PhraseForm()},
        )


class PhraseAddView(LoginRequiredMixin, View):
    def post(self, request):
        form = PhraseForm(request.POST)
        if not form.is_valid():
            form_errors_report(request, form)
        else:
            try:
                phrase_add(text=form.cleaned_data["text"], by=request.user)
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("已添加常用语"))
        return HttpResponseRedirect(reverse("engine:phrases"))


class PhraseDeleteView(LoginRequiredMixin, View):
    def post(self, request):
        try:
            phrase_delete(text=request.POST.get("text", ""), by=request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(request, _("已删除常用语"))
        return HttpResponseRedirect(reverse("engine:phrases"))
