"""Background jobs of 青年文明号 (Celery with a broker; run in-process otherwise)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model

from workflows.documents.services import documents_issue_batch

from .documents import plaque_arguments
from .models import Recognition


@shared_task(name="workflows.civilization_posts.tasks.plaques_render")
def plaques_render(*, recognition_ids: list[int], by_id: int | None) -> int:
    """One plaque certificate per recognised collective; a failed one is kept for retry."""
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    recognitions = Recognition.objects.filter(pk__in=recognition_ids).select_related(
        "collective__org", "awarded_by", "application"
    )
    return documents_issue_batch(
        batch=[plaque_arguments(recognition, by) for recognition in recognitions],
        workers=settings.PDF_WORKERS,
    )
