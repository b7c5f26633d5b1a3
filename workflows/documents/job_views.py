"""A ZIP job's progress page and its download, for the job's requester only (404 to others)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .jobs import zip_job_visible_to
from .models import ZipJob


def _own_job(request: HttpRequest, pk: int) -> ZipJob:
    job = get_object_or_404(ZipJob, pk=pk)
    if not zip_job_visible_to(job=job, user=request.user):
        raise Http404
    return job


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "documents/job.html", {"job": _own_job(request, pk)})


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _own_job(request, pk)
    if job.status != ZipJob.Status.DONE or not job.file:
        raise Http404
    name = f"{job.title}.zip".replace("/", "_").replace("\\", "_")
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=name)
