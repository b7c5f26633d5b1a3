"""Where a request came from, normalised so it reads back identically from any database."""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

# The request being served, so events written deep inside services still record their origin.
_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


class RequestOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def ip_normalise(raw: str | None) -> str | None:
    try:
        address = ipaddress.ip_address((raw or "").strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.compressed


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR or, behind our proxy (BEHIND_PROXY), the last X-Forwarded-For hop: the one
    the proxy appended. Earlier hops come from the client, who could write anything there."""
    if settings.BEHIND_PROXY:
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address := ip_normalise(hops[-1]):
            return address
    return ip_normalise(request.META.get("REMOTE_ADDR"))


def request_origin(request: HttpRequest | None) -> tuple[str | None, str]:
    """(client IP, user agent) of the request being served, if any."""
    request = request or _current_request.get()
    if request is None:
        return None, ""
    return client_address(request), request.META.get("HTTP_USER_AGENT", "")
