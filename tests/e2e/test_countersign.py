"""In a real browser on a phone-sized screen: the committee's rulebook asks for 会签 at its
review, so each of its two 组织委员 finds the case in their own inbox; the first signature leaves
the step open, the second completes it."""

import pytest

from tests.cases import to_committee_review
from tests.factories import RulebookFactory
from workflows.party_recommendation.models import Status
from workflows.party_recommendation.services import application_submit

from .conftest import log_in

pytestmark = pytest.mark.e2e


def _open_my_task(page, live_server, username):
    log_in(page, live_server, username)
    page.goto(f"{live_server.url}/inbox/")
    page.click("[data-testid=task-table] a[href*='/tasks/']")
    page.wait_for_selector("[data-testid=countersign]")


def _approve(page, opinion):
    page.fill("#id_opinion", opinion)
    page.click("[data-testid=act-approve]")
    page.wait_for_selector(".message")


def test_two_committee_members_sign_and_the_second_completes_the_step(
    browser, page, live_server, e2e_world
):
    world = e2e_world
    RulebookFactory(
        committee=world.committee,
        settings={"signers_party_recommendation_committee_review": "all"},
    )
    application = application_submit(
        member=world.applicant, round=world.round, statement="志愿服务。", by=world.applicant_user
    )
    to_committee_review(world, application)

    _open_my_task(page, live_server, "tw_zuzhi1")
    _approve(page, "同意推荐。")
    assert f"已办理：{application.reference}" in page.inner_text(".message")
    application.refresh_from_db()
    assert application.status == Status.MEETING_PASSED

    second = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    other = second.new_page()
    other.set_default_timeout(15000)
    _open_my_task(other, live_server, "tw_zuzhi2")
    panel = other.inner_text("[data-testid=countersign]")
    assert "会签：2 人须全部同意" in panel
    assert "李组织" in panel and "同意推荐。" in panel and "待签署" in panel
    # The panel fits the phone: no sideways scrolling.
    assert other.evaluate("document.documentElement.scrollWidth") <= 390
    _approve(other, "同意。")
    assert f"已办理：{application.reference}" in other.inner_text(".message")
    second.close()

    application.refresh_from_db()
    assert application.status == Status.IN_PUBLICITY
