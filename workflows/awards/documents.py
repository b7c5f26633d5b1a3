"""Issuing the 五四评优 documents: the 通知 when the campaign opens, the 表彰决定 and a 荣誉证书
per awardee when it is decided.

All are issued after the decision commits: a failed render is kept for retry and never undoes
the decision. Certificates render as one batch job (a Celery task with a broker, in-process
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
from .models import Campaign, Nomination
from .records import quota_for

OFFICIAL = "pdf/official.html"
CERTIFICATE = "pdf/certificate.html"
CERTIFICATE_KIND = "award_certificate"


def notice_issue(*, campaign: Campaign, by: AbstractBaseUser) -> None:
    rules = rules_of(campaign)
    campaign.notice_number = document_number_next(
        issuer=campaign.org, year=timezone.localdate().year
    )
    Campaign.objects.filter(pk=campaign.pk).update(notice_number=campaign.notice_number)
    with document_language():
        quotas = [
            (category, quota_for(category=category, unit=campaign.org, rules=rules, whole=True))
            for category in campaign.categories.all()
        ]
        context = pdf.notice_context(campaign, quotas)
    document_issue_after_commit(
        kind="award_notice",
        title=context["title"],
        template=OFFICIAL,
        context=context,
        subject=campaign,
        org=campaign.org,
        by=by,
        decisions=[],
        number=campaign.notice_number,
    )


def decision_issue(
    *, campaign: Campaign, nominations: list[Nomination], by: AbstractBaseUser, supplementary: bool
) -> str:
    """Number and issue the 表彰决定 (or a 补充 one for late awardees); returns its 文号."""
    number = document_number_next(issuer=campaign.org, year=timezone.localdate().year)
    if not supplementary:
        campaign.decision_number = number
        Campaign.objects.filter(pk=campaign.pk).update(decision_number=number)
    with document_language():
        context = pdf.decision_context(campaign, nominations, supplementary=supplementary)
        decisions = case_decisions(case=campaign)
    document_issue_after_commit(
        kind="award_supplementary_decision" if supplementary else "award_decision",
        title=context["title"],
        template=OFFICIAL,
        context=context,
        subject=campaign,
        org=campaign.org,
        by=by,
        decisions=decisions,
        number=number,
    )
    return number


def certificates_issue(*, nominations: list[Nomination], by: AbstractBaseUser) -> None:
    documents_render_after_commit(builder="award_certificates", records=nominations, by=by)


def certificates_arguments(*, ids: list[int], by: AbstractBaseUser | None) -> list[dict]:
    """The batch job's builder: one 荣誉证书 per awardee."""
    nominations = Nomination.objects.filter(pk__in=ids).select_related(
        "campaign__org", "subject", "nominee_org"
    )
    return [certificate_arguments(nomination, by) for nomination in nominations]


def certificate_arguments(nomination: Nomination, by: AbstractBaseUser | None) -> dict:
    serial = f"{nomination.campaign.reference}-{nomination.pk}"
    with document_language():
        context = pdf.certificate_context(nomination, serial=serial)
    return {
        "kind": CERTIFICATE_KIND,
        "title": context["title"],
        "template": CERTIFICATE,
        "context": context,
        "subject": nomination,
        "org": nomination.campaign.org,
        "by": by,
        "decisions": [],
        "number": "",
    }
