"""Background jobs of documents (Celery with a broker; run in-process otherwise)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils.module_loading import import_string

from .services import documents_issue_batch

# A process's builder: ``(*, ids, by) -> [document_issue arguments, ...]``, one per record.
Builder = Callable[..., list[dict]]


@shared_task(name="workflows.documents.tasks.documents_render")
def documents_render(*, builder: str, ids: list[int], by_id: int | None) -> int:
    """Issue the documents ``builder`` (a dotted path: documents knows no process) describes for
    the records ``ids``; a failed one is recorded for retry and the rest go on. Returns how many
    were issued."""
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    build: Builder = import_string(builder)
    return documents_issue_batch(batch=build(ids=ids, by=by), workers=settings.PDF_WORKERS)


def documents_render_after_commit(
    *, builder: Builder, records: Iterable[models.Model], by: AbstractBaseUser | None
) -> None:
    """Run ``documents_render`` for ``records`` as one batch job once the decision commits: a
    failed render never undoes it. ``builder`` is a module-level function of the process."""
    path = f"{builder.__module__}.{builder.__qualname__}"
    ids = [record.pk for record in records]
    by_id = by.pk if by is not None else None
    transaction.on_commit(lambda: documents_render.delay(builder=path, ids=ids, by_id=by_id))
