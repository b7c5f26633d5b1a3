import io

import pytest
from pypdf import PdfReader

from workflows.documents.rendering import pdf_render
from workflows.documents.verification import verification_context

from .conftest import FORM_CONTEXT, OFFICIAL_CONTEXT, pdf_text

VERIFICATION = verification_context("ABCDEFGHJK")


def _embedded_font_files(data: bytes) -> list[str]:
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                found += [
                    key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor
                ]
    return found


@pytest.fixture
def official_pdf():
    context = {**OFFICIAL_CONTEXT, "title": "关于推荐吉𠮷同志的通知", "number": "院团发〔2026〕3号"}
    return pdf_render(
        template="pdf/official.html", context={**context, "verification": VERIFICATION}
    )


def test_official_document_keeps_chinese_number_and_page_number(official_pdf):
    text = pdf_text(official_pdf)

    assert official_pdf.startswith(b"%PDF")
    assert "共青团××市第一人民医院委员会文件" in text
    assert "院团发〔2026〕3号" in text
    assert "关于推荐吉𠮷同志的通知" in text
    assert "应到25人，实到22人，赞成20人" in text
    assert "2026年11月25日" in text
    assert "— 1 —" in text
    assert "核验码 ABCDEFGHJK" in text


def test_official_document_embeds_subset_fonts(official_pdf):
    assert _embedded_font_files(official_pdf)
    # Subsetting on: whole Noto CJK faces would weigh over 10 MB.
    assert len(official_pdf) < 1_000_000


def test_form_renders_characters_outside_the_bmp():
    data = pdf_render(
        template="pdf/form_base.html",
        context={**FORM_CONTEXT, "title": "推优入党登记表", "verification": VERIFICATION},
    )
    text = pdf_text(data)

    assert "吉𠮷" in text
    assert "推优入党登记表" in text
    assert "申请入党时间" in text
    assert "— 1 —" in text
    assert _embedded_font_files(data)


def test_summary_table_renders_records():
    data = pdf_render(
        template="pdf/form_base.html",
        context={
            "title": "推优入党汇总表",
            "landscape": True,
            "table": {"columns": ["序号", "姓名", "票数"], "records": [[1, "吉𠮷", "20/25"]]},
            "verification": VERIFICATION,
        },
    )
    page = PdfReader(io.BytesIO(data)).pages[0]

    assert "吉𠮷" in pdf_text(data)
    assert page.mediabox.width > page.mediabox.height
