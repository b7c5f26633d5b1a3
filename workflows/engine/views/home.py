"""The home page, shaped by who is looking, and the phone's 更多 page."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.views import View

from .. import selectors
from ..starts import starts_for

# The home page shows the head of each list; the full lists are a tap away.
SHOWN = 5


class HomeView(LoginRequiredMixin, View):
    """What the person can start, what they owe, their own cases and what they decided last;
    the auditor's and the committee's pages. The navigation's counts are reused, not
    recounted."""

    def get(self, request):
        user = request.user
        return render(
            request,
            "engine/home.html",
            {
                "starts": starts_for(user=user),
                "tasks": selectors.tasks_with_cases(selectors.inbox_tasks(user=user)[:SHOWN]),
                "my_cases": selectors.my_cases(user=user)[:SHOWN],
                "recent": selectors.tasks_with_cases(selectors.archive_tasks(user=user)[:SHOWN]),
            },
        )


class MoreView(LoginRequiredMixin, View):
    """Every section beyond the phone's four tabs."""

    def get(self, request):
        return render(request, "engine/more.html")
