"""Signal receivers that feed the audit log."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from workflows.org.selectors import home_org

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


def lockout_record(
    sender, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs
) -> None:
    # django-axes signals every attempt refused while locked, too (each already recorded as a
    # failed login); only the failure that set the lock has counted its failures.
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    account = get_user_model().objects.filter(username=username).first() if username else None
    audit_record(
        action=AuditAction.AUTH_LOCKED_OUT,
        by=None,
        org=home_org(account) if account else None,
        data={"username": str(username or "")[:150], "failures": request.axes_failures_since_start},
        request=request,
    )
