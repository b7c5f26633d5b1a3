"""Signal receivers of the organisation app."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest

from .middleware import PASSWORD_CHANGE_SESSION_KEY
from .selectors import password_change_required


def password_change_note(sender, request: HttpRequest, user: AbstractBaseUser, **kwargs) -> None:
    # Read once at login and kept in the session, so pages pay no query for it.
    if request is not None and password_change_required(user):
        request.session[PASSWORD_CHANGE_SESSION_KEY] = True
