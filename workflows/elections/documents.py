"""Issuing the 换届 documents: 请示, its 批复, the 选举结果报告 and its 批复.

Each is issued after the decision commits: a failed render is kept for retry and never undoes
the decision. The documents are Chinese whatever the language of the person issuing them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from workflows.documents.services import document_issue_after_commit
from workflows.engine.models import Opinion
from workflows.org.models import Organization
from workflows.org.selectors import league_committee_of
from workflows.wording import document_language, person_name

from . import pdf
from .models import Election

TEMPLATE = "pdf/official.html"


def reply_issuer(election: Election) -> Organization:
    return league_committee_of(election.org)


def _decisions(election: Election) -> list[dict]:
    return [
        {
            "step": opinion.step,
            "by": person_name(opinion.author),
            "at": timezone.localtime(opinion.created_at).strftime("%Y-%m-%d %H:%M"),
            "decision": opinion.get_decision_display(),
            "opinion": opinion.text,
        }
        for opinion in Opinion.objects.for_case(election).select_related("author")
    ]


def _issue(
    *,
    kind: str,
    election: Election,
    org: Organization,
    by: AbstractBaseUser,
    build: Callable[[], dict],
) -> None:
    with document_language():
        context = build()
        decisions = _decisions(election)
    document_issue_after_commit(
        kind=kind,
        title=context["title"],
        template=TEMPLATE,
        context=context,
        subject=election,
        org=org,
        by=by,
        decisions=decisions,
        number=context["number"],
    )


def request_issue(*, election: Election, by: AbstractBaseUser) -> None:
    _issue(
        kind="election_request",
        election=election,
        org=election.org,
        by=by,
        build=lambda: pdf.request_context(election),
    )


def plan_reply_issue(*, election: Election, by: AbstractBaseUser, opinion: str) -> None:
    _issue(
        kind="election_plan_reply",
        election=election,
        org=reply_issuer(election),
        by=by,
        build=lambda: pdf.plan_reply_context(election, opinion),
    )


def report_issue(*, election: Election, by: AbstractBaseUser) -> None:
    _issue(
        kind="election_report",
        election=election,
        org=election.org,
        by=by,
        build=lambda: pdf.report_context(election),
    )


def result_reply_issue(*, election: Election, by: AbstractBaseUser, opinion: str) -> None:
    _issue(
        kind="election_result_reply",
        election=election,
        org=reply_issuer(election),
        by=by,
        build=lambda: pdf.result_reply_context(election, opinion),
    )
