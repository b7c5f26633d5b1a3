"""In a real browser, on a phone-sized screen: an applicant submits, the branch secretary
approves from the inbox, and the case moves on to the branch meeting."""

import pytest

from workflows.party_recommendation.models import Application, Status

from .conftest import go_to, log_in

pytestmark = pytest.mark.e2e


def test_submit_then_secretary_approves_from_inbox(page, live_server, e2e_world):
    log_in(page, live_server, "applicant")
    go_to(page, "my-cases")
    page.click("[data-testid=new-application]")
    page.select_option("#id_round", label="2026年第二批推优")
    page.fill("#id_statement", "参加抗疫志愿服务 120 小时，获院级优秀团员。")
    page.click("[data-testid=apply-form] button[type=submit]")
    page.wait_for_selector("[data-testid=case-status]")
    assert page.inner_text("[data-testid=case-status]") == "待团支部审核"
    reference = Application.objects.get().reference

    page.click("form[action$='/logout/'] button")
    log_in(page, live_server, "a_shuji")
    assert page.inner_text("[data-testid=inbox-count]") == "1"
    page.click(f"text={reference}")
    page.fill("#id_opinion", "符合推优条件，同意提交团员大会表决。")
    page.click("[data-testid=act-approve]")
    page.wait_for_selector(".message")
    assert f"已办理：{reference}" in page.inner_text(".message")

    application = Application.objects.get()
    assert application.status == Status.BRANCH_APPROVED
    page.goto(f"{live_server.url}{application.get_absolute_url()}")
    assert page.inner_text("[data-testid=case-status]") == "待团员大会表决"
    pending = page.inner_text("[data-testid=timeline] .timeline-pending").split()
    assert pending[:4] == ["团员大会表决", "·", "办理中", "陈支书"]
