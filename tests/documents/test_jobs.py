"""ZIP jobs: progress counted per part, a failure kept on the job, and only the requester (or a
superuser) sees or downloads it."""

import io
import zipfile

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from workflows.documents.jobs import zip_job_kinds_register, zip_job_run, zip_job_start
from workflows.documents.models import IssuedDocument, ZipJob
from workflows.documents.services import document_issue

pytestmark = pytest.mark.django_db


def _part(*, item, by):
    if item == "broken":
        raise OSError("字体缺失")
    document = IssuedDocument.objects.get(pk=item)
    return f"{document.title}.pdf", document


zip_job_kinds_register({"test_documents": _part})


@pytest.fixture
def documents(committee, secretary):
    return [
        document_issue(
            kind="job_test",
            title=f"吉𠮷登记表{number}",
            template="pdf/form_base.html",
            context={"rows": [[{"label": "姓名", "value": "吉𠮷"}]]},
            subject=None,
            org=committee,
            by=secretary,
            decisions=[],
        )
        for number in (1, 2)
    ]


def _zip_names(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_a_job_counts_its_parts_and_stores_the_archive(
    secretary, documents, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = zip_job_start(
            kind="test_documents",
            title="登记表打包",
            items=[d.pk for d in documents],
            by=secretary,
        )

    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == ("done", 2, 2, 100)
    assert job.finished_at is not None and job.error == ""
    with job.file.open("rb") as handle:
        assert _zip_names(handle.read()) == ["吉𠮷登记表1.pdf", "吉𠮷登记表2.pdf"]


def test_a_failed_part_fails_the_job_and_keeps_the_error(secretary, documents):
    job = ZipJob.objects.create(
        kind="test_documents",
        title="登记表打包",
        items=[documents[0].pk, "broken", documents[1].pk],
        total=3,
        requested_by=secretary,
    )

    assert zip_job_run(job_id=job.pk) == "failed"

    job.refresh_from_db()
    assert job.status == ZipJob.Status.FAILED and job.done == 1
    assert "字体缺失" in job.error and not job.file


def test_an_unknown_kind_is_refused(secretary):
    with pytest.raises(KeyError):
        zip_job_start(kind="workflows.documents.tasks", title="x", items=[], by=secretary)


def test_the_page_refreshes_while_running_and_offers_the_download_when_done(
    client, secretary, documents
):
    job = ZipJob.objects.create(
        kind="test_documents",
        title="登记表打包",
        items=[d.pk for d in documents],
        total=2,
        requested_by=secretary,
    )
    client.force_login(secretary)
    url = reverse("documents:job", args=[job.pk])

    pending = client.get(url).content.decode()
    assert "data-job-refresh" in pending and "0 / 2" in pending
    assert client.get(reverse("documents:job_download", args=[job.pk])).status_code == 404

    zip_job_run(job_id=job.pk)
    done = client.get(url).content.decode()
    assert "data-job-refresh" not in done and "2 / 2" in done
    response = client.get(reverse("documents:job_download", args=[job.pk]))
    assert response.status_code == 200
    assert _zip_names(b"".join(response.streaming_content)) == [
        "吉𠮷登记表1.pdf",
        "吉𠮷登记表2.pdf",
    ]


def test_only_the_requester_or_a_superuser_sees_the_job(client, secretary, documents):
    job = ZipJob.objects.create(
        kind="test_documents",
        title="登记表打包",
        items=[documents[0].pk],
        total=1,
        requested_by=secretary,
    )
    zip_job_run(job_id=job.pk)
    page = reverse("documents:job", args=[job.pk])
    download = reverse("documents:job_download", args=[job.pk])

    client.force_login(UserFactory(username="other"))
    assert client.get(page).status_code == 404
    assert client.get(download).status_code == 404

    client.force_login(UserFactory(username="root", is_superuser=True))
    assert client.get(page).status_code == 200
    assert client.get(download).status_code == 200
