"""In a real browser at phone size: a committee opens the year's 团员教育评议 and 满意度测评; a
member writes her 自评 and rates her branch secretary; the secretary rates the branch (one
member 不合格, with the reason); the committee confirms and closes; the 不合格 member is on the
公示, and the survey table shows who took part."""

import pytest
from django.utils import timezone

from tests.factories import UserFactory, World
from workflows.evaluations import services
from workflows.evaluations.models import ReviewRound, SurveyBallot

from .conftest import go_to, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(transactional_db):
    world = World(members_per_branch=3)
    for index, member in enumerate(world.members_a):
        if member.user_id is None:
            member.user = UserFactory(username=f"a_member{index}", first_name=member.name)
            member.save()
    return world


def log_out(page):
    page.click("form[action$='/logout/'] button")


def test_a_year_of_evaluations_at_phone_size(page, live_server, world):
    today = timezone.localdate()
    log_in(page, live_server, "tw_shuji")
    go_to(page, "evaluations")
    page.click("[data-testid=round-open] button[type=submit]")
    assert page.inner_text("[data-testid=round-status]") == "评议中"
    go_to(page, "evaluations")
    page.click("[data-testid=survey-open] button[type=submit]")
    page.wait_for_selector("[data-testid=survey-results]")
    log_out(page)

    log_in(page, live_server, "applicant")
    go_to(page, "evaluations")
    page.click("[data-testid=my-review]")
    page.fill("#id_text", "全年参加组织生活 12 次，志愿服务 𠮷 40 小时。")
    page.click("[data-testid=self-assessment-save]")
    assert "自评已保存" in page.inner_text(".message")
    go_to(page, "evaluations")
    page.click("[data-testid=my-ballot]")
    assert "请评价心内科团支部书记 陈支书" in page.inner_text("[data-testid=ballot-form]")
    for index in range(5):
        page.check(f"input[name=item-{index}][value='{100 if index else 60}']")
    page.click("[data-testid=ballot-submit]")
    page.wait_for_selector("[data-testid=ballot-done]")
    assert SurveyBallot.objects.get().scores == [60, 100, 100, 100, 100]
    log_out(page)

    log_in(page, live_server, "a_shuji")
    go_to(page, "evaluations")
    page.click("[data-testid=led-review]")
    assert "全年参加组织生活 12 次" in page.inner_text("[data-testid=ratings-form]")
    page.fill("#id_meeting_date", today.isoformat())
    page.fill("#id_present", "3")
    applicant, *others = [world.applicant, *world.members_a[:2]]
    page.select_option(f"[data-testid=rate-{applicant.pk}]", "unqualified")
    for member in others:
        page.select_option(f"[data-testid=rate-{member.pk}]", "qualified")
    page.click("[data-testid=ratings-submit]")
    assert "评为「不合格」须写明理由：吉𠮷" in page.inner_text(".message.error")
    page.fill(f"[data-testid=reason-{applicant.pk}]", "全年未参加组织生活，经教育仍不改正")
    page.click("[data-testid=ratings-submit]")
    assert page.inner_text("[data-testid=branch-status]") == "待团委确认"
    log_out(page)

    review_round = ReviewRound.objects.get()
    other = review_round.branches.get(branch=world.branch_b)
    member_b = world.outsider
    services.branch_ratings_record(
        branch_review=other,
        meeting_date=today,
        should_attend=1,
        present=1,
        ratings={member_b.pk: ("qualified", "")},
        by=world.secretary_b,
    )
    services.branch_review_submit(branch_review=other, by=world.secretary_b)
    services.branch_review_confirm(branch_review=other, by=world.committee_secretary)

    log_in(page, live_server, "tw_shuji")
    go_to(page, "evaluations")
    page.click("[data-testid=round-link]")
    page.click("text=心内科团支部")
    page.fill("#id_opinion", "同意")
    page.click("[data-testid=branch-confirm]")
    go_to(page, "evaluations")
    page.click("[data-testid=round-link]")
    page.click("[data-testid=round-close]")
    assert page.inner_text("[data-testid=round-status]") == "公示中"
    page.click("[data-testid=publicity-link]")
    notice = page.inner_text("[data-testid=publicity]")
    assert "吉𠮷（心内科团支部）" in notice
    assert "组织生活" not in notice

    go_to(page, "evaluations")
    page.click("[data-testid=survey-link]")
    rows = page.inner_text("[data-testid=survey-results]")
    assert "1/3（33.33%）" in rows  # 吉𠮷 voted, of the three members who rate 陈支书
    page.click("[data-testid=survey-close]")
    assert "测评已结束" in page.inner_text(".message")
    row = page.locator("[data-testid=survey-row]", has_text="心内科团支部")
    assert row.locator("[data-testid=overall]").inner_text() == "92.00%"
    assert (
        "参与率 33.33%（1/3 人），低于三分之二"
        in row.locator("[data-testid=validity]").inner_text()
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
