"""Issuing the 换届 documents: 请示, its 批复, the 选举结果报告 and its 批复.

Each is issued after the decision commits: a failed render is kept for retry and never undoes
the decision. The documents are Chinese whatever the language of the person issuing them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser

from workflows.documents.services import document_issue_after_commit
from workflows.engine.selectors import case_decisions
from workflows.org.models import Organization
from workflows.org.selectors import league_committee_of
from workflows.wording import document_language

from . import pdf
from .models import Election

TEMPLATE = "pdf/official.html"


def reply_issuer(election: Election) -> Organization:
    return league_committee_of(election.org)


def _own(election: Election) -> Organization:
    return election.org


Builder = Callable[[Election, str, AbstractBaseUser], dict]

# kind → (issuer, context builder of (election, opinion, by)): the branch writes up and whoever
# sends it signs it off (签发人), the committee replies.
KINDS: dict[str, tuple[Callable[[Election], Organization], Builder]] = {
    "election_request": (_own, lambda election, _opinion, by: pdf.request_context(election, by=by)),
    "election_plan_reply": (
        reply_issuer,
        lambda election, opinion, _by: pdf.plan_reply_context(election, opinion),
    ),
    "election_report": (_own, lambda election, _opinion, by: pdf.report_context(election, by=by)),
    "election_result_reply": (
        reply_issuer,
        lambda election, opinion, _by: pdf.result_reply_context(election, opinion),
    ),
}


def election_document_issue(
    *, kind: str, election: Election, by: AbstractBaseUser, opinion: str = ""
) -> None:
    issuer, build = KINDS[kind]
    with document_language():
        context = build(election, opinion, by)
        decisions = case_decisions(case=election)
    document_issue_after_commit(
        kind=kind,
        title=context["title"],
        template=TEMPLATE,
        context=context,
        subject=election,
        org=issuer(election),
        by=by,
        decisions=decisions,
        number=context["number"],
    )
