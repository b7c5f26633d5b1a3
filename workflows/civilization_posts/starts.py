"""What a person may start in 青年文明号: the 创建备案 or 申报 of a collective they send for,
while a cycle accepts it, and, as a committee's secretary or deputy, a new cycle."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.engine.starts import Start
from workflows.wording import date_text

from .models import Cycle, CycleStatus
from .selectors import committees_led_by, cycles_visible_to, sendable_collectives

# A committee runs one cycle at a time: a handful is every cycle anyone can send to.
CYCLES_SHOWN = 3


def _start(cycle: Cycle) -> Start:
    if cycle.status == CycleStatus.FILING:
        label, name, deadline = _("青年文明号创建备案"), "file", cycle.filing_deadline
    else:
        label, name, deadline = _("青年文明号申报"), "apply", cycle.application_deadline
    return Start(
        label=label,
        url=reverse(f"civilization_posts:{name}", args=[cycle.pk]),
        note=_("%(title)s，%(deadline)s 截止")
        % {"title": cycle.title, "deadline": date_text(deadline)},
    )


def post_starts(*, user: AbstractBaseUser) -> list[Start]:
    today = timezone.localdate()
    cycles = cycles_visible_to(user=user).filter(
        Q(status=CycleStatus.FILING, filing_deadline__gte=today)
        | Q(status=CycleStatus.APPLYING, application_deadline__gte=today)
    )[:CYCLES_SHOWN]
    starts = [
        _start(cycle) for cycle in cycles if sendable_collectives(user=user, cycle=cycle).exists()
    ]
    if committees_led_by(user=user).exists():
        starts.append(
            Start(label=_("发起青年文明号创建评审"), url=reverse("civilization_posts:new"))
        )
    return starts
