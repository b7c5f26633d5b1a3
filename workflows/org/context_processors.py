"""Whether the navigation offers the committee's member and account pages (computed only if
shown)."""

from django.http import HttpRequest
from django.utils import timezone

from .roster import member_scope_paths
from .selectors import account_scope_paths


def accounts(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # A callable: the template calls it where the link is drawn, and nowhere else.
    return {
        "manages_accounts": lambda: bool(account_scope_paths(user=user, on=timezone.localdate())),
        "manages_members": lambda: bool(member_scope_paths(user=user, on=timezone.localdate())),
    }
