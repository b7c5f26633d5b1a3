"""Login lockout on django-axes (settings: AXES_*, LOGIN_ADDRESS_FAILURE_LIMIT).

Axes counts failures per account at one address (the address the audit log records,
``audit.origin.client_address``); this module adds the limit for a whole address, answers a
locked login with the login page saying until when, and tells the committee which of its
members are locked out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def _recent_from(request: HttpRequest) -> QuerySet[AccessAttempt]:
    return AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )


def address_locked(request: HttpRequest) -> bool:
    return _failures(_recent_from(request)) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler; an address past its own limit counts as locked for every
    account tried from it."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if failures < limit and address_locked(request):
            return limit
        return failures


def lock_end(request: HttpRequest, credentials: dict | None) -> datetime.datetime:
    """When the lock on this login lifts: the cool-off after the last failure that counts."""
    recent = _recent_from(request)
    account = recent.filter(username=get_client_username(request, credentials))
    counted = account if _failures(account) >= get_failure_limit(request, credentials) else recent
    last = counted.aggregate(last=Max("attempt_time"))["last"] or timezone.now()
    return last + get_cool_off(request)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The login page again, saying the login is locked, until when and whom to ask."""
    username = get_client_username(request, credentials) or ""
    return render(
        request,
        "registration/login.html",
        {
            "form": AuthenticationForm(request, initial={"username": username}),
            "next": request.POST.get("next", ""),
            "lockout": {
                "until": lock_end(request, credentials),
                "minutes": int(get_cool_off(request).total_seconds() // 60),
                "limit": get_failure_limit(request, credentials),
                "address": address_locked(request),
            },
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


@dataclass(frozen=True)
class LockedLogin:
    username: str
    address: str | None
    failures: int
    until: datetime.datetime


def locked_logins(*, usernames: QuerySet | list[str]) -> list[LockedLogin]:
    """Accounts among ``usernames`` locked at some address now, latest lock first."""
    since = timezone.now() - get_cool_off()
    rows = (
        AccessAttempt.objects.filter(username__in=usernames, attempt_time__gte=since)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    return [
        LockedLogin(
            username=row["username"],
            address=row["ip_address"],
            failures=row["failures"],
            until=row["last"] + get_cool_off(),
        )
        for row in rows
    ]
