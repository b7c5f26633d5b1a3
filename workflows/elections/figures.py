"""换届 on time for the committee's analytics (``engine.figures``)."""

from __future__ import annotations

import datetime

from workflows.engine.figures import TermRenewal
from workflows.org.selectors import path_filter

from .models import Term


def term_renewals(
    *, paths: list[str], start: datetime.date, end: datetime.date
) -> list[TermRenewal]:
    """Terms due for renewal in the period, with the day the elected successor took over (the
    term's end), in one query."""
    terms = (
        Term.objects.filter(path_filter(paths, "branch__path"), due_on__range=(start, end))
        .order_by("due_on", "branch__path", "pk")
        .values_list("branch__name", "due_on", "ended_on")
    )
    return [
        TermRenewal(unit=name, term_ended_on=due_on, completed_on=ended_on)
        for name, due_on, ended_on in terms
    ]
