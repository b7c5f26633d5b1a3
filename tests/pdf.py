"""Reading issued PDFs back as text, the way the tests check what was printed."""

import io

from pypdf import PdfReader

from workflows.documents.models import IssuedDocument


def text_of(document: IssuedDocument) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    # Table cells wrap long words onto several lines; compare the text without layout breaks.
    return "".join("".join(page.extract_text() for page in reader.pages).split())
