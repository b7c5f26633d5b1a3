"""Pages for logins: the committee's account page (unlock, password reset) and changing one's
own password."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from workflows.engine.errors import CaseError
from workflows.engine.views.common import report_error
from workflows.wording import person_name

from . import services
from .lockout import locked_logins
from .middleware import PASSWORD_CHANGE_SESSION_KEY
from .selectors import account_scope_paths, accounts_managed_by, committees_led

SEARCH_LIMIT = 20


def _managed(request):
    """Accounts the user looks after; 403 for anyone who holds no such committee office."""
    today = timezone.localdate()
    if not account_scope_paths(user=request.user, on=today):
        raise PermissionDenied
    return accounts_managed_by(user=request.user, on=today)


def _managed_or_404(request, pk: int):
    # Outside the subtree an account is not there at all: its existence is not revealed.
    account = _managed(request).filter(pk=pk).first()
    if account is None:
        raise Http404
    return account


class AccountsView(LoginRequiredMixin, View):
    """Locked-out accounts of the committee's people, and a search to reset a password."""

    def get(self, request):
        managed = _managed(request).select_related("member__branch")
        locked = locked_logins(usernames=managed.values("username"))
        users = managed.in_bulk([row.username for row in locked], field_name="username")
        query = request.GET.get("q", "").strip()
        found = (
            managed.filter(
                Q(username__icontains=query)
                | Q(first_name__icontains=query)
                | Q(member__name__icontains=query)
            ).order_by("username")[:SEARCH_LIMIT]
            if query
            else []
        )
        return render(
            request,
            "org/accounts.html",
            {
                "locked": [(row, users[row.username]) for row in locked],
                "query": query,
                "found": found,
                "search_limit": SEARCH_LIMIT,
                "imports_members": committees_led(
                    user=request.user, on=timezone.localdate()
                ).exists(),
            },
        )


class AccountUnlockView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        account = _managed_or_404(request, pk)
        try:
            services.account_unlock(user=account, by=request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(request, _("已解锁%(name)s的账号。") % {"name": person_name(account)})
        return HttpResponseRedirect(reverse("org:accounts"))


class AccountPasswordResetView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        account = _managed_or_404(request, pk)
        try:
            password = services.account_password_reset(user=account, by=request.user)
        except CaseError as error:
            report_error(request, error)
            return HttpResponseRedirect(reverse("org:accounts"))
        # Shown this once, to this office holder; the page must not linger in any cache.
        response = render(
            request, "org/password_reset_done.html", {"account": account, "password": password}
        )
        response["Cache-Control"] = "no-store"
        return response


class PasswordChangeView(LoginRequiredMixin, View):
    """Change one's own password; required after a committee reset."""

    template_name = "registration/password_change_form.html"

    def get(self, request):
        return render(
            request, self.template_name, self._context(request, PasswordChangeForm(request.user))
        )

    def post(self, request):
        form = PasswordChangeForm(request.user, request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self._context(request, form), status=400)
        services.account_password_change(
            user=request.user, password=form.cleaned_data["new_password1"], by=request.user
        )
        update_session_auth_hash(request, request.user)
        request.session.pop(PASSWORD_CHANGE_SESSION_KEY, None)
        messages.success(request, _("密码已修改。"))
        return HttpResponseRedirect(reverse(settings.LOGIN_REDIRECT_URL))

    @staticmethod
    def _context(request, form) -> dict:
        return {"form": form, "required": request.session.get(PASSWORD_CHANGE_SESSION_KEY, False)}
