"""In a real browser at phone size: a committee member finds who is about to age out, places a
member under 留团察看; a branch secretary sends a member to another branch, whose secretary sees
the request waiting and takes the member in."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import MemberFactory
from workflows.org.models import Member, Standing

from .conftest import go_to, log_in

pytestmark = pytest.mark.e2e


def _log_out(page):
    page.click("button:has-text('退出')")


def test_a_committee_keeps_its_members_current(page, live_server, e2e_world):
    world = e2e_world
    today = timezone.localdate()
    soon = MemberFactory(
        branch=world.branch_b,
        name="吉𠮷将满",
        user=None,
        birth_date=today.replace(year=today.year - 28) + datetime.timedelta(days=20),
    )
    log_in(page, live_server, "tw_zuzhi1")
    go_to(page, "members")
    page.click("summary:has-text('查找与筛选')")
    page.select_option("#id_status", "over_age_soon")
    page.click("button:has-text('筛选')")
    rows = page.locator("[data-testid=members] tbody tr")
    assert rows.count() == 1 and "吉𠮷将满" in rows.first.inner_text()

    page.click("text=吉𠮷将满")
    page.click("summary:has-text('留团察看')")
    page.fill("#id_probation-months", "6")
    page.fill("#id_probation-reason", "经支部大会讨论，给予留团察看处分")
    page.click("[data-testid=probation-form] button")
    assert "已记录吉𠮷将满留团察看" in page.locator(".message").first.inner_text()
    assert "留团察看" in page.locator("[data-testid=member-standing]").inner_text()
    assert Member.objects.get(pk=soon.pk).standing == Standing.PROBATION
    _log_out(page)

    log_in(page, live_server, "a_shuji")
    go_to(page, "members")
    page.click(f"[data-member='{world.applicant.pk}'] a")
    page.click("summary:has-text('团员关系转接')")
    page.select_option("#id_transfer-to_branch", label="外科团支部")
    page.fill("#id_transfer-reason", "调至外科工作")
    page.click("[data-testid=transfer-form] button")
    assert "待转入团支部接收" in page.locator(".message").first.inner_text()
    _log_out(page)

    log_in(page, live_server, "b_shuji")
    go_to(page, "members")
    assert page.locator("[data-testid=incoming-count]").inner_text() == "1"
    page.click("[data-testid=transfers]")
    page.click("button:has-text('接收')")
    assert "已接收吉𠮷" in page.locator(".message").first.inner_text()
    assert Member.objects.get(pk=world.applicant.pk).branch == world.branch_b
