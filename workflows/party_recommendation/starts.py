"""What a person may start in 推优入党: an application in an open round of their branch, and,
as a branch secretary, a new round."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.engine.starts import Start
from workflows.org.models import Role
from workflows.org.selectors import orgs_with_role
from workflows.wording import list_text

from .models import Round


def recommendation_starts(*, user: AbstractBaseUser) -> list[Start]:
    starts = []
    rounds = list(
        Round.objects.filter(
            branch__members__user=user, branch__members__is_active=True, is_open=True
        ).values_list("title", flat=True)[:3]
    )
    if rounds:
        starts.append(
            Start(
                label=_("申请推优入党"),
                url=reverse("party_recommendation:apply"),
                note=list_text(rounds),
            )
        )
    if orgs_with_role(user=user, roles=[Role.SECRETARY], on=timezone.localdate()).exists():
        starts.append(Start(label=_("发起推优批次"), url=reverse("party_recommendation:rounds")))
    return starts
