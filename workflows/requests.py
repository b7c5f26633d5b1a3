"""The request being served, for code deep inside services that has no request argument:
the audit log records its origin, and reads that cannot change within one request are made
once per request."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

from django.http import HttpRequest

_current: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)

T = TypeVar("T")


class CurrentRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = _current.set(request)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


def current_request() -> HttpRequest | None:
    return _current.get()


def request_memo(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` once per request for ``key``; every time outside a request (the shell,
    background jobs, tests calling services), where nothing says the answer still holds."""
    request = _current.get()
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_request_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]
