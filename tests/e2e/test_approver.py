"""In a real browser on a phone (390×844), an approver's tools: search, claim from the queue,
the task page's action bar and 常用语, 转交 through the people picker, and 批量同意 with its
confirmation."""

import pytest
from viewflow.workflow.models import Task

from tests.cases import open_task, to_committee_review
from tests.factories import MemberFactory
from workflows.party_recommendation.models import Application, Status
from workflows.party_recommendation.services import application_submit

from .conftest import log_in

pytestmark = pytest.mark.e2e


def apply(world, member):
    return application_submit(
        member=member, round=world.round, statement="参加志愿服务 120 小时。", by=member.user
    )


@pytest.fixture
def two(e2e_world):
    """吉𠮷's application and 王小明's, both in the branch secretary's inbox."""
    member = MemberFactory(branch=e2e_world.branch_a, name="王小明")
    return apply(e2e_world, e2e_world.applicant), apply(e2e_world, member)


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect();"
        " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }",
    )


def test_search_finds_a_case_by_a_name_outside_the_bmp(page, live_server, e2e_world, two):
    mine, other = two
    log_in(page, live_server, "a_shuji")
    page.goto(f"{live_server.url}/inbox/")
    page.fill("[data-testid=task-filters] [data-testid=search]", "吉𠮷")
    page.press("[data-testid=task-filters] [data-testid=search]", "Enter")
    page.wait_for_url("**q=*")
    table = page.inner_text("[data-testid=task-table]")
    assert mine.reference in table and other.reference not in table
    # The search stays at hand; the process and overdue filters fold away on a phone.
    assert not page.is_visible("[data-testid=task-filters] select[name=process]")
    page.click("[data-testid=task-filters] details.filters > summary")
    assert page.is_visible("[data-testid=task-filters] select[name=process]")
    assert page.input_value("[data-testid=task-filters] [data-testid=search]") == "吉𠮷"


def test_claim_from_the_queue_list(page, live_server, e2e_world):
    application = apply(e2e_world, e2e_world.applicant)
    to_committee_review(e2e_world, application)
    task = open_task(application)
    log_in(page, live_server, "tw_zuzhi1")
    page.goto(f"{live_server.url}/queue/")
    page.click(f"[data-testid=claim-{task.pk}]")
    page.wait_for_selector(".message")
    assert f"已认领：{application.reference}" in page.inner_text(".message")
    assert page.url.endswith("/queue/")
    task.refresh_from_db()
    assert task.owner.username == "tw_zuzhi1"


def test_the_action_bar_stays_in_view_and_a_phrase_fills_the_opinion(
    page, live_server, e2e_world, two
):
    application = two[0]
    task = open_task(application)
    log_in(page, live_server, "a_shuji")
    page.goto(f"{live_server.url}/tasks/{task.pk}/")
    bar = "[data-testid=action-bar]"
    assert in_viewport(page, bar)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert in_viewport(page, bar)
    page.evaluate("window.scrollTo(0, Math.floor(document.body.scrollHeight / 2))")
    assert in_viewport(page, bar)
    assert page.inner_text(f"{bar} [data-testid=act-approve]") == "同意"

    # 退回 without reasons is stopped by the browser before anything is sent.
    page.click(f"{bar} [data-testid=act-return]")
    assert page.eval_on_selector("#id_opinion", "el => el.validationMessage") != ""
    assert page.url.endswith(f"/tasks/{task.pk}/")

    page.click("[data-testid=phrases] button:has-text('情况属实，同意推荐')")
    assert page.input_value("#id_opinion") == "情况属实，同意推荐"
    page.click(f"{bar} [data-testid=act-approve]")
    page.wait_for_selector(".message")
    assert f"已办理：{application.reference}" in page.inner_text(".message")
    application.refresh_from_db()
    assert application.status == Status.BRANCH_APPROVED


def test_transfer_through_the_people_picker(page, live_server, e2e_world, two):
    task = open_task(two[0])
    log_in(page, live_server, "a_shuji")
    page.goto(f"{live_server.url}/tasks/{task.pk}/")
    page.click("[data-testid=transfer] summary")
    page.fill("#id_to", "周副")
    option = page.wait_for_selector("[data-testid=picker-option]")
    assert "周副书记" in option.inner_text() and "心内科团支部" in option.inner_text()
    option.click()
    assert "周副书记" in page.inner_text("[data-testid=picked]")
    assert page.input_value("#id_to") == ""
    page.fill("#id_reason", "出差一周")
    page.click("[data-testid=transfer-submit]")
    page.wait_for_selector(".message")
    assert "已转交" in page.inner_text(".message")
    task.refresh_from_db()
    assert task.owner.username == "a_fushuji"


def test_select_all_then_confirm_approves_both(page, live_server, e2e_world, two):
    log_in(page, live_server, "a_shuji")
    page.goto(f"{live_server.url}/inbox/")
    page.check("[data-testid=check-all]")
    assert page.eval_on_selector_all("input[name=task]", "boxes => boxes.every(b => b.checked)")
    page.click("[data-testid=bulk-approve]")
    page.wait_for_selector("[data-testid=bulk-confirm-table]")
    listed = page.inner_text("[data-testid=bulk-confirm-table]")
    assert all(application.reference in listed for application in two)
    decided = Task.objects.filter(status="DONE", flow_task_type="HUMAN", owner__username="a_shuji")
    assert not decided.exists()
    page.click("[data-testid=bulk-confirm]")
    page.wait_for_selector("[data-testid=bulk-results]")
    results = page.inner_text("[data-testid=bulk-results]")
    assert all(f"{application.reference}：已同意" in results for application in two)
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == {Status.BRANCH_APPROVED}
