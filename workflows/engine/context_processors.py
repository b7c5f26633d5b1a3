"""Counts for the navigation bar and the phone's tab bar: tasks, queue, unread notifications,
and what the processes say a person owes besides tasks (``engine.owed``), a few COUNT queries
per page whatever the data."""

from django.http import HttpRequest

from . import selectors


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav": selectors.navigation_for(user=user)}
