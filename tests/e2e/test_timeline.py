"""In a real browser, on a phone-sized screen: a returned applicant reads the case's record as
a timeline — who acted, when, what they wrote, and who holds the case now — that fits the
screen's width."""

import pytest

from tests.cases import act
from workflows.party_recommendation.services import application_submit

from .conftest import log_in

pytestmark = pytest.mark.e2e


def lines(locator) -> list[str]:
    return [line for line in locator.inner_text().splitlines() if line.strip()]


def test_the_record_reads_top_down_on_a_phone(page, live_server, e2e_world):
    world = e2e_world
    application = application_submit(
        member=world.applicant, round=world.round, statement="申请", by=world.applicant_user
    )
    opinion = "请补充𠮷的志愿服务证明，" + "材料须加盖科室公章" * 6
    act(application, "branch_review", world.secretary_a, "return", opinion)

    log_in(page, live_server, "applicant")
    page.goto(f"{live_server.url}{application.get_absolute_url()}")
    entries = page.locator("[data-testid=timeline-entry]")
    assert entries.count() == 3
    submission, returned, pending = (lines(entries.nth(index)) for index in range(3))
    assert submission[0] == "提交" and submission[1].startswith("吉𠮷 · ")
    assert returned[0] == "团支部审核 · 退回修改" and returned[1].startswith("陈支书 · ")
    assert returned[2] == opinion
    assert pending[0] == "申请人修改 · 办理中" and pending[1].startswith("吉𠮷 · 期限 ")
    tops = [entries.nth(index).bounding_box()["y"] for index in range(3)]
    assert tops == sorted(tops) and len(set(tops)) == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
