"""Small helpers shared by the engine's views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from workflows.wording import list_text

from ..errors import CaseError
from ..registry import process_for_model_label
from ..visibility import case_visible_to


def visible_case_or_404(request: HttpRequest, label: str, pk: int):
    """The case, or 404 for anyone outside its scope: its existence is not revealed."""
    try:
        entry = process_for_model_label(label)
    except LookupError as error:
        raise Http404 from error
    case = entry.case_model.objects.select_related("subject", "org").filter(pk=pk).first()
    if case is None or not case_visible_to(case=case, user=request.user):
        raise Http404
    return entry, case


def report_error(request: HttpRequest, error: CaseError) -> None:
    for message in error.messages:
        messages.error(request, message)


def users_named(usernames: str) -> list:
    names = [name.strip() for name in usernames.replace("，", ",").split(",") if name.strip()]
    users = list(get_user_model().objects.filter(username__in=names))
    missing = set(names) - {user.username for user in users}
    if missing:
        raise CaseError(_("找不到用户：%(names)s") % {"names": list_text(sorted(missing))})
    return users
