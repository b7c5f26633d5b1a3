"""Background jobs of 五四评优 (Celery with a broker; run in-process otherwise)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model

from workflows.documents.services import documents_issue_batch

from .documents import certificate_arguments
from .models import Nomination


@shared_task(name="workflows.awards.tasks.certificates_render")
def certificates_render(*, nomination_ids: list[int], by_id: int | None) -> int:
    """One 荣誉证书 per awardee; a failed one is recorded for retry and the rest go on."""
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    nominations = Nomination.objects.filter(pk__in=nomination_ids).select_related(
        "campaign__org", "subject", "nominee_org"
    )
    return documents_issue_batch(
        batch=[certificate_arguments(nomination, by) for nomination in nominations],
        workers=settings.PDF_WORKERS,
    )
