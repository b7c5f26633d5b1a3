"""The 自评, 测评 ballots and branch ratings a person still owes, for the 待办 count."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils.translation import gettext as _

from workflows.engine.owed import Owed

from .selectors import evaluations_owed


def evaluations_owed_items(*, user: AbstractBaseUser) -> list[Owed]:
    return [
        Owed(
            label=_("评议测评"),
            count=evaluations_owed(user=user),
            url=reverse("evaluations:index"),
        )
    ]
