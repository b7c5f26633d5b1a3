"""换届请示 a branch secretary owes: the branch's term ends within the rulebook's notice period
(or is past its end) and no election is under way."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.engine.owed import Owed
from workflows.rules.selectors import rules_resolve

from .models import OPEN, Election, Term
from .selectors import branches_led_by
from .terms import PROCESS_KEY


def _request_due(term: Term, today: datetime.date) -> bool:
    if term.due_on <= today:
        return True
    # The notice period is a committee's setting: read only for a term not yet overdue.
    rules = rules_resolve(process=PROCESS_KEY, org=term.branch, on=today)
    return term.due_on <= today + relativedelta(months=rules.int("remind_months"))


def requests_owed(*, user: AbstractBaseUser) -> list[Owed]:
    today = timezone.localdate()
    terms = (
        Term.objects.filter(ended_on__isnull=True, branch__in=branches_led_by(user=user, on=today))
        .exclude(branch_id__in=Election.objects.filter(status__in=OPEN).values("org_id"))
        .select_related("branch")
    )
    count = sum(1 for term in terms if _request_due(term, today))
    return [Owed(label=_("换届请示"), count=count, url=reverse("elections:new"))]
