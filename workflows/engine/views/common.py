"""Small helpers shared by the engine's views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.views import View

from ..errors import CaseError
from ..registry import process_for_model_label
from ..visibility import case_visible_to


def visible_case_or_404(request: HttpRequest, label: str, pk: int):
    """The case, or 404 for anyone outside its scope: its existence is not revealed."""
    try:
        entry = process_for_model_label(label)
    except LookupError as error:
        raise Http404 from error
    case = entry.case_model.objects.select_related("subject", "org").filter(pk=pk).first()
    if case is None or not case_visible_to(case=case, user=request.user):
        raise Http404
    return entry, case


def report_error(request: HttpRequest, error: CaseError) -> None:
    for message in error.messages:
        messages.error(request, message)


def form_errors_report(request: HttpRequest, form) -> None:
    """A small form posted from a page that redirects back: its errors become messages."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


class FormActionView(LoginRequiredMixin, View):
    """One action from a small form on an object's page: the form's errors or the service's
    refusal become messages, and the page is shown again."""

    def target(self, request: HttpRequest, pk: int):
        raise NotImplementedError

    def form(self, request: HttpRequest, target):
        raise NotImplementedError

    def act(self, target, data: dict, by) -> str:
        """Calls the service; returns the message that says it was done."""
        raise NotImplementedError

    def back(self, target) -> HttpResponseRedirect:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponseRedirect:
        target = self.target(request, pk)
        form = self.form(request, target)
        if not form.is_valid():
            form_errors_report(request, form)
            return self.back(target)
        try:
            done = self.act(target, form.cleaned_data, request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(request, done)
        return self.back(target)
