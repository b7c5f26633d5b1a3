"""What every list page shares: its filters carried into the links to other pages."""

from __future__ import annotations

from django.http import HttpRequest


def filters_query(request: HttpRequest) -> str:
    """The list's query string without its page number, for the links to other pages."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
