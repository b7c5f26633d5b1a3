"""Where a request came from, normalised so it reads back identically from any database."""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar

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


def request_origin(request: HttpRequest | None) -> tuple[str | None, str]:
    """(client IP, user agent): the first X-Forwarded-For hop, else REMOTE_ADDR."""
    request = request or _current_request.get()
    if request is None:
        return None, ""
    meta = request.META
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "").split(",")[0]
    ip = ip_normalise(forwarded) or ip_normalise(meta.get("REMOTE_ADDR"))
    return ip, meta.get("HTTP_USER_AGENT", "")
