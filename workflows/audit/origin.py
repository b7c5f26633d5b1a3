"""Where a request came from, normalised so it reads back identically from any database."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

from workflows.requests import current_request


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
    request = request or current_request()
    if request is None:
        return None, ""
    return client_address(request), request.META.get("HTTP_USER_AGENT", "")
