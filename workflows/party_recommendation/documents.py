"""Issuing the 推优 documents: the 登记表 per member and the 汇总表 per round.

The documents are Chinese whatever the language of the person issuing them.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from workflows.documents.services import document_issue, document_issue_after_commit
from workflows.engine.errors import NotAllowed
from workflows.engine.selectors import case_decisions
from workflows.wording import document_language

from . import pdf, selectors
from .models import Application, Round


def registration_form_issue(*, application: Application, by: AbstractBaseUser) -> None:
    """Issued after the decision commits: a failed render is kept for retry, never undoes it."""
    with document_language():
        context = pdf.registration_form_context(application)
        decisions = case_decisions(case=application)
    document_issue_after_commit(
        kind="tuiyou_form",
        title=context["title"],
        template="party_recommendation/pdf/registration_form.html",
        context=context,
        subject=application,
        org=application.org,
        by=by,
        decisions=decisions,
    )


def round_summary_issue(*, round: Round, by: AbstractBaseUser):
    if not selectors.rounds_visible_to(user=by).filter(pk=round.pk).exists():
        raise NotAllowed(_("无权生成该批次的汇总表"))
    applications = list(selectors.round_applications(round=round))
    with document_language():
        context = pdf.round_summary_context(round, applications)
        decisions = [
            {
                "step": a.subject.name,
                "by": "",
                "at": "",
                "decision": a.get_status_display(),
                "opinion": "",
            }
            for a in applications
        ]
    return document_issue(
        kind="tuiyou_summary",
        title=context["title"],
        template="party_recommendation/pdf/round_summary.html",
        context=context,
        subject=round,
        org=round.branch,
        by=by,
        decisions=decisions,
    )
