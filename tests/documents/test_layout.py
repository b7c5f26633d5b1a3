"""Where GB/T 9704-2012 puts things, measured on the rendered pages: the documents are
rasterised and their inks and words located, in millimetres from the page's top-left corner."""

import pytest
from django.utils import timezone

from tests.awards.helpers import campaign_for
from tests.elections.helpers import candidates_for, submit
from tests.pdf import (
    BLACK,
    GOLD,
    PX_PER_MM,
    RED,
    Box,
    ink,
    ink_box,
    pages_png,
    rules_in,
    word_with,
    words_of,
)
from workflows.awards import pdf as award_pdf
from workflows.documents.formatting import date_cn
from workflows.documents.models import IssuedDocument
from workflows.documents.rendering import pdf_render
from workflows.documents.titles import title_lines
from workflows.documents.verification import verification_context
from workflows.wording import document_language

# A4: the text block is 156 × 225 mm, 37 mm from the top and 28 mm from the binding edge.
TOP, LEFT, RIGHT, BOTTOM = 37, 28, 184, 262
CHARACTER = 16 * 25.4 / 72  # one 3号 character, in mm
# Half a pixel of rasterising either way, and the side bearings of a glyph.
NEAR = 1.0

VERIFICATION = verification_context("ABCDEFGHJK")


def _render(template: str, context: dict) -> bytes:
    today = date_cn(timezone.localdate())
    return pdf_render(
        template=template,
        context={
            "date": today,
            "issued_on": today,
            "printer": "委团委",
            **context,
            "verification": VERIFICATION,
        },
    )


@pytest.fixture
def decision(world):
    """The 表彰决定 as the awards process words it, with a list of awardees long enough to run
    onto a second page."""
    campaign = campaign_for(world, codes=["excellent_member"])
    with document_language():
        context = award_pdf.decision_context(campaign, [], supplementary=True)
    context["body"] += [
        {"level": 1, "text": "一、优秀共青团员（40名）"},
        *[
            {"level": 0, "text": f"吉𠮷{i}（心内科团支部）、张三{i}（外科团支部）"}
            for i in range(20)
        ],
    ]
    data = _render("pdf/official.html", {**context, "number": "卫团发〔2026〕7号"})
    return data, pages_png(data), context["title"]


def test_letterhead_sits_where_the_standard_puts_it(decision):
    data, pages, _title = decision
    red = ink(pages[0], RED)

    mark = ink_box(red, Box(0, 0, 210, 95))
    # The issuer mark's top edge 35 mm below the text block, centred on it.
    assert mark.top == pytest.approx(TOP + 35, abs=NEAR)
    assert (mark.left + mark.right) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=NEAR)
    # The red rule: the text block's width, 4 mm under the number.
    (rule,) = rules_in(red, left=LEFT, right=RIGHT)
    full = ink_box(red, Box(0, rule.top - 0.5, 210, rule.bottom + 0.5))
    assert full.left == pytest.approx(LEFT, abs=NEAR)
    assert full.right == pytest.approx(RIGHT, abs=NEAR)
    number = word_with(data, 1, "卫团发〔2026〕7号")
    assert rule.top - number.box.bottom == pytest.approx(4, abs=NEAR)
    assert mark.bottom < number.box.top


def test_text_keeps_to_the_text_block(decision):
    data, pages, _title = decision
    assert len(pages) >= 2
    for page in pages:
        # The block itself, not the page numbers and verification strip in the bottom margin.
        text = ink_box(ink(page, BLACK), Box(0, 0, 210, BOTTOM))
        assert text.left >= LEFT - 0.5 and text.right <= RIGHT + 0.5
        assert text.top >= TOP
    # 主送 starts at the left edge of the block; a page of running text at its top.
    addressee = word_with(data, 1, "各基层团组织：")
    assert addressee.box.left == pytest.approx(LEFT, abs=NEAR)
    second = ink_box(ink(pages[1], BLACK), Box(0, 0, 210, BOTTOM))
    assert second.top == pytest.approx(TOP + 2, abs=1.5)


def test_title_breaks_into_balanced_lines(decision):
    data, _pages, title = decision
    lines = title_lines(title)
    printed = [word.text for word in words_of(data, 1) if word.text in lines]

    assert len(lines) == 2 and "".join(lines) == title
    assert printed == lines


def test_imprint_closes_the_last_page_between_rules(decision):
    data, pages, _title = decision
    last = len(pages)
    rules = rules_in(ink(pages[-1], BLACK), left=LEFT, right=RIGHT)

    assert len(rules) == 3
    first, middle, closing = rules
    # The last rule on the text block's bottom edge, all in the lower part of the page.
    assert closing.bottom == pytest.approx(BOTTOM, abs=NEAR)
    assert first.top > 200
    copies, printed = word_with(data, last, "抄送："), word_with(data, last, "印发")
    assert first.bottom < copies.box.top < copies.box.bottom < middle.top
    assert middle.bottom < printed.box.top < printed.box.bottom < closing.top
    # 印发机关 one character in from the left, 印发日期 one in from the right.
    printer = next(w for w in words_of(data, last) if w.text == "委团委" and w.box.top > middle.top)
    assert printer.box.left == pytest.approx(LEFT + 14 * 25.4 / 72, abs=NEAR)
    assert printed.box.right == pytest.approx(RIGHT - 14 * 25.4 / 72, abs=NEAR)
    # Nothing of the imprint on the pages before.
    for page in pages[:-1]:
        assert rules_in(ink(page, BLACK), left=LEFT, right=RIGHT) == []


def test_seal_area_presses_on_the_issuer_and_date(decision):
    data, pages, _title = decision
    last = len(pages)
    seal = ink_box(ink(pages[-1], RED), Box(0, 0 if last > 1 else 120, 210, BOTTOM))
    date = word_with(data, last, date_cn(timezone.localdate()))
    signer = next(w for w in words_of(data, last) if w.text == "委团委" and w.box.bottom < 200)
    body_end = max(w.box.bottom for w in words_of(data, last) if w.box.bottom < signer.box.top - 1)

    assert seal.right - seal.left == pytest.approx(42, abs=NEAR)
    assert seal.bottom - seal.top == pytest.approx(42, abs=NEAR)
    assert seal.overlaps(date.box)
    # Centred on the date, which ends four characters in from the right.
    assert (seal.left + seal.right) / 2 == pytest.approx(
        (date.box.left + date.box.right) / 2, abs=NEAR
    )
    assert date.box.right == pytest.approx(RIGHT - 4 * CHARACTER, abs=NEAR)
    # Issuer and date below the seal's centre; its top within a line of the text above.
    centre = (seal.top + seal.bottom) / 2
    assert signer.box.top > centre - 2 and date.box.top > centre
    assert 0 < seal.top - body_end < 28.9 * 25.4 / 72


def test_upward_document_names_its_signatory_beside_the_number(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        election = submit(world, candidates_for(world.branch_a, 6))
    with IssuedDocument.objects.get(kind="election_request").file.open("rb") as handle:
        data = handle.read()

    number = word_with(data, 1, election.request_number)
    signatory = word_with(data, 1, "签发人：")
    assert number.box.left == pytest.approx(LEFT + CHARACTER, abs=NEAR)
    assert signatory.box.right == pytest.approx(RIGHT - CHARACTER, abs=NEAR)
    assert signatory.box.top == pytest.approx(number.box.top, abs=0.5)


def test_certificate_qr_code_stays_inside_the_border():
    data = _render(
        "pdf/certificate.html",
        {
            "holder": "吉𠮷同志",
            "citation": "在2026年度工作中表现突出，经2026年度五四评优评审，被授予",
            "honour": "优秀共青团员",
            "signer": "委团委",
            "serial": "WS2026-1",
        },
    )
    (page,) = pages_png(data)
    frame = ink_box(ink(page, GOLD))
    # Inside the inner line of the 3 mm double border.
    inner = Box(frame.left + 3, frame.top + 3, frame.right - 3, frame.bottom - 3)
    # The code's modules are the only pure black in the bottom 35 mm of the frame's left half.
    corner = Box(frame.left, frame.bottom - 35, (frame.left + frame.right) / 2, frame.bottom)
    code = ink_box(ink(page, ((0, 30), (0, 30), (0, 30))), corner)

    assert code.right - code.left == pytest.approx(15, abs=NEAR)
    assert code.inside(inner)
    assert page.width / PX_PER_MM > page.height / PX_PER_MM
