"""What a branch secretary (or deputy) may start in 换届: the branch's 换届请示."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.engine.starts import Start
from workflows.wording import list_text

from .selectors import branches_led_by


def election_starts(*, user: AbstractBaseUser) -> list[Start]:
    branches = list(
        branches_led_by(user=user, on=timezone.localdate()).values_list("name", flat=True)[:3]
    )
    if not branches:
        return []
    return [Start(label=_("报送换届请示"), url=reverse("elections:new"), note=list_text(branches))]
