"""An account given a temporary password changes it before it does anything else."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse

PASSWORD_CHANGE_SESSION_KEY = "org.password_change_required"
# What a user who must change their password may still open.
OPEN_URL_NAMES = ("password_change", "logout", "set_language")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.session.get(PASSWORD_CHANGE_SESSION_KEY) and not self._open(request):
            return redirect("password_change")
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        path = request.path_info
        return path.startswith("/" + settings.STATIC_URL.lstrip("/")) or path in {
            reverse(name) for name in OPEN_URL_NAMES
        }
