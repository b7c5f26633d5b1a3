"""Issuing the 青年文明号 documents: the 创建通知 when the cycle opens, the 申报通知 with the
rubric, the 命名决定 and a plaque certificate per recognised collective.

All are issued after the decision commits: a failed render is kept for retry and never undoes
the decision. Plaques render as one batch job (a Celery task with a broker, in-process
otherwise).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from workflows.documents.services import document_issue_after_commit, document_number_next
from workflows.documents.tasks import documents_render_after_commit
from workflows.engine.selectors import case_decisions
from workflows.wording import document_language

from . import pdf
from .conditions import rules_of
from .models import Cycle, PostApplication, Recognition

OFFICIAL = "pdf/official.html"
PLAQUE = "pdf/plaque.html"
PLAQUE_KIND = "post_plaque"
NOTICE_KIND = "post_notice"
APPLICATION_NOTICE_KIND = "post_application_notice"
DECISION_KIND = "post_decision"
SUPPLEMENTARY_KIND = "post_supplementary_decision"
CIRCULATED = (NOTICE_KIND, APPLICATION_NOTICE_KIND, DECISION_KIND, SUPPLEMENTARY_KIND)


def _numbered(cycle: Cycle, field: str) -> str:
    number = document_number_next(issuer=cycle.org, year=timezone.localdate().year)
    setattr(cycle, field, number)
    Cycle.objects.filter(pk=cycle.pk).update(**{field: number})
    return number


def _issue(cycle: Cycle, *, kind: str, context: dict, number: str, by, decisions=()) -> None:
    document_issue_after_commit(
        kind=kind,
        title=context["title"],
        template=OFFICIAL,
        context=context,
        subject=cycle,
        org=cycle.org,
        by=by,
        decisions=list(decisions),
        number=number,
    )


def notice_issue(*, cycle: Cycle, by: AbstractBaseUser) -> None:
    number = _numbered(cycle, "notice_number")
    with document_language():
        context = pdf.notice_context(cycle, rules_of(cycle))
    _issue(cycle, kind=NOTICE_KIND, context=context, number=number, by=by)


def application_notice_issue(*, cycle: Cycle, by: AbstractBaseUser) -> None:
    number = _numbered(cycle, "application_notice_number")
    with document_language():
        context = pdf.application_notice_context(cycle, cycle.rubric_version().rubric)
    _issue(cycle, kind=APPLICATION_NOTICE_KIND, context=context, number=number, by=by)


def decision_issue(
    *,
    cycle: Cycle,
    applications: list[PostApplication],
    by: AbstractBaseUser,
    supplementary: bool,
) -> str:
    """Number and issue the 命名决定 (or a 补充 one for a late recognition); returns its 文号."""
    if supplementary:
        number = document_number_next(issuer=cycle.org, year=timezone.localdate().year)
    else:
        number = _numbered(cycle, "decision_number")
    with document_language():
        context = pdf.decision_context(cycle, applications, supplementary=supplementary)
        decisions = case_decisions(case=cycle)
    kind = SUPPLEMENTARY_KIND if supplementary else DECISION_KIND
    _issue(cycle, kind=kind, context=context, number=number, by=by, decisions=decisions)
    return number


def plaques_issue(*, recognitions: list[Recognition], by: AbstractBaseUser | None) -> None:
    documents_render_after_commit(builder="post_plaques", records=recognitions, by=by)


def plaques_arguments(*, ids: list[int], by: AbstractBaseUser | None) -> list[dict]:
    """The batch job's builder: one plaque certificate per recognised collective."""
    recognitions = Recognition.objects.filter(pk__in=ids).select_related(
        "collective__org", "awarded_by", "application"
    )
    return [plaque_arguments(recognition, by) for recognition in recognitions]


def plaque_arguments(recognition: Recognition, by: AbstractBaseUser | None) -> dict:
    serial = f"{recognition.document_number}-{recognition.pk}"
    with document_language():
        context = pdf.plaque_context(recognition, serial=serial)
    return {
        "kind": PLAQUE_KIND,
        "title": context["title"],
        "template": PLAQUE,
        "context": context,
        # Filed under the collective's own unit, so its league organisation (and everyone
        # above it) can download it, as can whoever sent the application.
        "subject": recognition.application,
        "org": recognition.collective.org,
        "by": by,
        "decisions": [],
        "number": "",
    }
