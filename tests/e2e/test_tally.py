"""On a phone-sized screen, the branch secretary types the 团员大会's count: 应到会 comes from
the roll, a number off the roll is pointed out, the outcome shows as the numbers are typed, and
a vote that ends the case is sent only once its outcome is confirmed."""

import pytest
from django.utils import timezone

from tests.cases import act, open_task
from workflows.party_recommendation.models import Status
from workflows.party_recommendation.services import application_submit

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_the_count_previews_its_outcome_and_a_failure_is_confirmed(page, live_server, e2e_world):
    world = e2e_world
    application = application_submit(
        member=world.applicant, round=world.round, statement="志愿服务。", by=world.applicant_user
    )
    act(application, "branch_review", world.secretary_a, "approve", "同意")
    task = open_task(application, "branch_meeting")

    log_in(page, live_server, "a_shuji")
    page.goto(f"{live_server.url}/tasks/{task.pk}/")
    assert page.input_value("#id_should_attend") == "50"
    page.fill("#id_meeting_date", timezone.localdate().isoformat())
    outcome = page.locator("[data-testid=tally-outcome]")
    for name, value in (("present", "40"), ("ballots", "40"), ("votes_against", "5")):
        page.fill(f"#id_{name}", value)
    page.fill("#id_votes_abstain", "5")
    page.fill("#id_votes_for", "30")
    assert outcome.inner_text() == (
        "赞成 30 票，超过应到会 50 人的二分之一，通过；提交后进入团委审核"
    )
    assert page.locator("[data-tally-confirm]").is_hidden()

    page.fill("#id_should_attend", "52")
    assert (
        page.inner_text("[data-testid=tally-roll-warning]")
        == "名册应到会 50 人，填写 52 人，请核对"
    )
    page.fill("#id_should_attend", "50")
    assert page.locator("[data-testid=tally-roll-warning]").is_hidden()

    page.fill("#id_votes_for", "25")
    page.fill("#id_votes_against", "10")
    assert outcome.inner_text() == (
        "赞成 25 票，未超过应到会 50 人的二分之一，未通过；提交后案件终止"
    )
    confirm = page.locator("input[name=confirm_outcome]")
    assert confirm.is_visible()
    page.screenshot(path="/tmp/tally-preview-390.png", full_page=True)

    # Sent without the box: the server answers with the same outcome and the box.
    page.click("[data-testid=act-record_vote]")
    page.wait_for_selector("[data-tally-confirm] .errorlist")
    assert "未通过；提交后案件终止" in page.inner_text("[data-tally-confirm] .errorlist")
    application.refresh_from_db()
    assert application.status == Status.BRANCH_APPROVED

    page.check("input[name=confirm_outcome]")
    page.click("[data-testid=act-record_vote]")
    page.wait_for_selector(".message")
    application.refresh_from_db()
    assert application.status == Status.REJECTED
