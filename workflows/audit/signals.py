"""Signal receivers that feed the audit log."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from .models import AuditAction
from .services import audit_record


def login_failure_record(
    sender, credentials: dict, request: HttpRequest | None = None, **kwargs
) -> None:
    # Only the attempted name is kept; Django has already masked the password, but it has
    # no place in the log even masked.
    field = get_user_model().USERNAME_FIELD
    username = str(credentials.get(field) or credentials.get("username") or "")[:150]
    audit_record(
        action=AuditAction.AUTH_LOGIN_FAILED,
        by=None,
        data={"username": username},
        request=request,
    )
