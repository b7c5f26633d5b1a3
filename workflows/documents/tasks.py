"""Background jobs of documents (Celery with a broker; run in-process otherwise)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction

from .services import documents_issue_batch

# A process's builder: ``(*, ids, by) -> [document_issue arguments, ...]``, one per record.
Builder = Callable[..., list[dict]]

# Builders by name: a job names one (documents knows no process), and a message on the broker
# can run nothing but what a process registered.
_builders: dict[str, Builder] = {}


def batch_builders_register(builders: dict[str, Builder]) -> None:
    """A process's builders of batches of documents, by the names its jobs give."""
    _builders.update(builders)


@shared_task(name="workflows.documents.tasks.documents_render")
def documents_render(*, builder: str, ids: list[int], by_id: int | None) -> int:
    """Issue the documents the builder registered as ``builder`` describes for the records
    ``ids``; a failed one is recorded for retry and the rest go on. Returns how many were
    issued."""
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    return documents_issue_batch(
        batch=_builders[builder](ids=ids, by=by), workers=settings.PDF_WORKERS
    )


def documents_render_after_commit(
    *, builder: str, records: Iterable[models.Model], by: AbstractBaseUser | None
) -> None:
    """Run ``documents_render`` for ``records`` as one batch job once the decision commits: a
    failed render never undoes it."""
    ids = [record.pk for record in records]
    by_id = by.pk if by is not None else None
    transaction.on_commit(lambda: documents_render.delay(builder=builder, ids=ids, by_id=by_id))
