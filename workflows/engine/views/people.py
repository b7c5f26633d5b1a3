"""The people picker's searches: each answers only with people the asker may pick there."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.views import View

from workflows.wording import person_name

from .. import selectors
from ..people import cc_candidates, people_search, transfer_candidates
from ..visibility import case_acted_on_by
from .common import visible_case_or_404

QUERY_MAX = 50


def people_response(
    request: HttpRequest, people: QuerySet, *, key: Callable[..., int] | None = None
) -> JsonResponse:
    """``{"results": [{id, name, username, unit}]}`` for ``?q=``: a name, username or unit.
    ``id`` is the user's, or ``key(user)`` where the form picks another row (a member)."""
    text = request.GET.get("q", "").strip()[:QUERY_MAX]
    found = people_search(people=people, text=text)
    return JsonResponse(
        {
            "results": [
                {
                    "id": key(user) if key else user.pk,
                    "name": person_name(user),
                    "username": user.get_username(),
                    "unit": user.unit,
                }
                for user in found
            ]
        }
    )


class TransferPeopleView(LoginRequiredMixin, View):
    """Whom the holder of a task may hand it to (转交)."""

    def get(self, request, task_pk: int):
        found = selectors.task_for_user(user=request.user, task_pk=task_pk)
        if found is None:
            raise Http404
        task, case = found[1:]
        if not task.flow_task.can_execute(request.user, task):
            raise PermissionDenied
        people = transfer_candidates(case=case, by=request.user).exclude(pk=task.owner_id)
        return people_response(request, people)


class CopyPeopleView(LoginRequiredMixin, View):
    """Whom someone acting on a case may copy it to (抄送)."""

    def get(self, request, label: str, pk: int):
        case = visible_case_or_404(request, label, pk)[1]
        if not case_acted_on_by(case=case, user=request.user):
            raise PermissionDenied
        return people_response(request, cc_candidates(case=case))
