"""Counts for the navigation bar, computed with three small queries per page."""

from django.http import HttpRequest

from . import selectors


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav": selectors.navigation_for(user=user)}
