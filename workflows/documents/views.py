"""Public verification page and scoped download of issued documents."""

from __future__ import annotations

import contextlib

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.dateparse import parse_datetime

from .forms import VerifyUploadForm
from .models import IssuedDocument
from .selectors import document_kind_label, document_visible_to
from .verification import sha256_of


def _decision_rows(decisions: list[dict]) -> list[dict]:
    rows = []
    for decision in decisions or []:
        row = dict(decision)
        if isinstance(row.get("at"), str):
            # Stored as ISO text in JSON; shown in local time like every other timestamp.
            with contextlib.suppress(ValueError):
                row["at"] = parse_datetime(row["at"]) or row["at"]
        rows.append(row)
    return rows


def verify(request: HttpRequest, short_code: str) -> HttpResponse:
    document = get_object_or_404(
        IssuedDocument.objects.select_related("org", "superseded_by"),
        short_code=short_code.upper(),
    )
    matches = None
    form = VerifyUploadForm()
    if request.method == "POST":
        form = VerifyUploadForm(request.POST, request.FILES)
        if form.is_valid():
            matches = sha256_of(form.cleaned_data["file"]) == document.sha256
    # Anyone holding the paper may check it; who decided and what they wrote stays with those
    # who may see the case.
    full = document_visible_to(document=document, user=request.user)
    return render(
        request,
        "documents/verify.html",
        {
            "document": document,
            "kind_label": document_kind_label(document.kind),
            "successor": document.successor,
            "decisions": _decision_rows(document.decisions),
            "full": full,
            "form": form,
            "matches": matches,
        },
    )


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(IssuedDocument, pk=pk)
    if not document_visible_to(document=document, user=request.user):
        raise Http404
    name = f"{document.title}（第{document.version}版）.pdf".replace("/", "_").replace("\\", "_")
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )
