"""Many issued documents in one download: a ZIP of their stored PDFs."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from django.http import FileResponse, Http404

from .models import IssuedDocument


def documents_zip_response(
    *, files: Iterable[tuple[str, IssuedDocument]], filename: str, empty: str
) -> FileResponse:
    """A ZIP attachment ``filename`` holding each ``(name, document)``'s PDF under ``name``;
    a 404 saying ``empty`` when there is none. Stored, not deflated: PDFs hardly shrink."""
    files = list(files)
    if not files:
        raise Http404(empty)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, document in files:
            with document.file.open("rb") as handle:
                archive.writestr(name, handle.read())
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=filename)
