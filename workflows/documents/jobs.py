"""ZIP jobs: many documents issued one by one into one archive, in the background (Celery with a
broker; in-process otherwise), with their progress kept on the job for its page to show."""

from __future__ import annotations

import logging
import tempfile
import zipfile
from collections.abc import Callable

from celery import shared_task
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from .models import IssuedDocument, ZipJob

logger = logging.getLogger(__name__)

# A kind's builder of one part: ``(*, item, by) -> (name in the archive, IssuedDocument)``; it
# raises to fail the job with its message.
Part = Callable[..., tuple[str, IssuedDocument]]

# Parts by kind: a job names one, so a message on the broker can run nothing but what an app
# registered.
_parts: dict[str, Part] = {}


def zip_job_kinds_register(parts: dict[str, Part]) -> None:
    _parts.update(parts)


def zip_job_start(*, kind: str, title: str, items: list, by: AbstractBaseUser) -> ZipJob:
    """Record the job and run it once the request's transaction commits."""
    if kind not in _parts:
        raise KeyError(kind)
    job = ZipJob.objects.create(
        kind=kind, title=title, items=items, total=len(items), requested_by=by
    )
    transaction.on_commit(lambda: zip_job_run.delay(job_id=job.pk))
    return job


@shared_task(name="workflows.documents.jobs.zip_job_run")
def zip_job_run(*, job_id: int) -> str:
    """Build the job's archive, counting each part; a failure is kept on the job. Returns the
    job's final status."""
    job = ZipJob.objects.select_related("requested_by").get(pk=job_id)
    if job.finished:
        return job.status
    job.status = ZipJob.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        _archive_build(job)
    except Exception as error:
        logger.exception("zip job %s failed", job.pk)
        job.status, job.error = ZipJob.Status.FAILED, str(error) or error.__class__.__name__
    else:
        job.status = ZipJob.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])
    return job.status


def _archive_build(job: ZipJob) -> None:
    part = _parts[job.kind]
    # Spooled to disk: a batch of PDFs need not sit in memory. Stored, not deflated: PDFs
    # hardly shrink.
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as archive:
            for item in job.items:
                name, document = part(item=item, by=job.requested_by)
                with document.file.open("rb") as handle:
                    archive.writestr(name, handle.read())
                job.done += 1
                job.save(update_fields=["done"])
        spool.seek(0)
        job.file.save(f"job-{job.pk}.zip", File(spool), save=False)
    job.save(update_fields=["file"])


def zip_job_visible_to(*, job: ZipJob, user: AbstractBaseUser) -> bool:
    return user.is_authenticated and (user.is_superuser or job.requested_by_id == user.pk)
