"""The shell in a real browser: the phone's tab bar with a 待办 badge that counts an owed ballot,
更多 reaching every section, the desktop menu on one line, the home page by role, filters
folded on a phone, a running total on a score sheet and a draft kept across a reload."""

import pytest
from playwright.sync_api import expect

from tests.awards.helpers import act, approved, campaign_for, category, good_record, timers_fire
from tests.civilization_posts import helpers as post_helpers
from tests.civilization_posts.conftest import PostWorld, even_year  # noqa: F401
from workflows.awards import services
from workflows.awards.models import Category, Judging
from workflows.civilization_posts import services as posts
from workflows.civilization_posts.forms import score_field_name
from workflows.party_recommendation.services import application_submit

from .conftest import log_in

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def desktop(browser):
    context = browser.new_context(locale="zh-CN", viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def scoring_panel(world):
    """A campaign whose panel scores two nominees, 吉𠮷 (branch A) and the outsider (branch B);
    赵组织 (tw_zuzhi2) judges both."""
    campaign = campaign_for(world, judges=[world.reviewer_2], codes=["excellent_member"])
    Category.objects.filter(campaign=campaign).update(judging=Judging.SCORE)
    services.campaign_open(campaign=campaign, by=world.committee_secretary)
    honour = category(campaign, "excellent_member")
    nominations = []
    for member, user, secretary in (
        (world.applicant, world.applicant_user, world.secretary_a),
        (world.outsider, world.outsider_user, world.secretary_b),
    ):
        good_record(member)
        nomination = services.nomination_submit(
            category=honour, by=user, member=member, deeds="抗疫一线志愿服务。"
        )
        act(nomination, "branch_review", secretary, "approve", "同意推荐")
        approved(nomination, world)
        nominations.append(nomination)
    timers_fire(campaign)
    assert campaign.status == "panel"
    return campaign, nominations


def drafts(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('draft:'))")


def test_a_judge_on_a_phone_sees_the_owed_ballot_totals_and_keeps_a_draft(
    page, live_server, e2e_world
):
    _campaign, (first, second) = scoring_panel(e2e_world)
    log_in(page, live_server, "tw_zuzhi2")

    # The tab bar replaces the top menu on a phone; its 待办 counts the ballot (no tasks).
    assert page.is_visible("[data-testid=tabbar]")
    assert not page.is_visible(".topbar .nav")
    assert page.inner_text("[data-testid=tab-inbox-count]") == "1"
    page.click("[data-testid=tab-inbox]")
    page.click("[data-testid=owed] a:has-text('评审票')")

    progress = page.locator("[data-testid=ballot-progress]")
    expect(progress).to_have_text("已评 0 / 2 · 评分合计 0 / 200")
    page.fill(f"[data-testid=score-{first.pk}]", "80")
    expect(progress).to_have_text("已评 1 / 2 · 评分合计 80 / 200")
    page.fill(f"[data-testid=score-{second.pk}]", "90.5")
    expect(progress).to_have_text("已评 2 / 2 · 评分合计 170.5 / 200")

    # Nothing is lost on a reload: the draft comes back, with the total.
    for _ in range(50):  # the draft is written a moment after the last keystroke
        if drafts(page):
            break
        page.wait_for_timeout(100)
    page.reload()
    expect(page.locator("[data-testid=draft-note]")).to_contain_text("已恢复草稿")
    expect(page.locator(f"[data-testid=score-{second.pk}]")).to_have_value("90.5")
    expect(progress).to_have_text("已评 2 / 2 · 评分合计 170.5 / 200")

    page.click("[data-testid=draft-clear]")
    expect(page.locator(f"[data-testid=score-{first.pk}]")).to_have_value("")
    expect(progress).to_have_text("已评 0 / 2 · 评分合计 0 / 200")
    assert drafts(page) == []
    page.reload()
    expect(progress).to_have_text("已评 0 / 2 · 评分合计 0 / 200")  # the script has run
    assert not page.is_visible("[data-testid=draft-note]")

    # The last field of the sheet scrolls clear of the tab bar.
    page.fill(f"[data-testid=score-{first.pk}]", "88")
    page.fill(f"[data-testid=score-{second.pk}]", "92")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    submit = page.locator("[data-testid=submit-ballot]").bounding_box()
    bar = page.locator("[data-testid=tabbar]").bounding_box()
    assert submit["y"] + submit["height"] <= bar["y"]

    page.click("[data-testid=submit-ballot]")
    page.wait_for_selector(".message.success")
    assert drafts(page) == []
    assert page.locator("[data-testid=tab-inbox-count]").count() == 0


MORE = {
    "more-queue": "/queue/",
    "more-archive": "/archive/",
    "more-my-cases": "/my/",
    "more-cases": "/cases/",
    "more-elections": "/huanjie/",
    "more-awards": "/pingyou/",
    "more-civilization-posts": "/wenminghao/",
    "more-evaluations": "/evaluations/",
    "more-publicity": "/publicity/",
    "more-audit": "/audit/",
    "more-members": "/org/members/",
    "more-accounts": "/org/accounts/",
    "more-password": "/accounts/password_change/",
}


def test_more_reaches_every_section_on_a_phone(page, live_server, e2e_world):
    log_in(page, live_server, "tw_shuji")
    for testid, path in MORE.items():
        page.click("[data-testid=tab-more]")
        page.click(f"[data-testid={testid}]")
        page.wait_for_url(f"{live_server.url}{path}*")
        assert page.locator("main h1").count() >= 1, testid
    page.click("[data-testid=tab-more]")
    page.click("[data-testid=more-logout]")
    page.wait_for_selector("#id_username")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_desktop_menu_fits_one_line(desktop, live_server, e2e_world, language):
    page = desktop
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    log_in(page, live_server, "tw_shuji")  # every item: 审计, 团员, 账号 besides the rest
    assert not page.is_visible("[data-testid=tabbar]")
    nav = page.locator(".topbar .nav")
    assert nav.evaluate("n => n.scrollWidth <= n.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # One line: the brand, the menu and the user's name share a row.
    middles = page.evaluate(
        "[...document.querySelectorAll('.topbar > *')]"
        ".map(e => e.getBoundingClientRect()).map(r => r.top + r.height / 2)"
    )
    assert max(middles) - min(middles) < 12, middles
    page.click("[data-testid=nav-more]")
    page.click("[data-testid=nav-members]")
    page.wait_for_url(f"{live_server.url}/org/members/*")
    # Filters stay open on a desktop.
    assert page.locator("details.filters").evaluate("d => d.open")


def test_the_home_page_by_role(page, live_server, e2e_world):
    world = e2e_world
    log_in(page, live_server, "applicant")
    page.goto(f"{live_server.url}/")
    starts = page.locator("[data-testid=home-starts]")
    assert world.round.title in starts.inner_text()
    starts.locator("a:has-text('申请推优入党')").click()
    page.wait_for_url(f"{live_server.url}/tuiyou/apply/")
    page.click("form[action$='/logout/'] button")

    application_submit(
        member=world.applicant, round=world.round, statement="申请", by=world.applicant_user
    )
    log_in(page, live_server, "a_shuji")
    page.click("[data-testid=tab-mine]")
    assert page.inner_text("[data-testid=home-tasks] b") == "1"
    assert "团支部审核" in page.inner_text("[data-testid=home-owed]")
    assert page.is_visible("[data-testid=home-members]")


def test_filters_fold_on_a_phone_and_count_what_is_set(page, live_server, e2e_world):
    log_in(page, live_server, "a_shuji")
    page.goto(f"{live_server.url}/cases/?status=submitted")
    filters = page.locator("details.filters")
    expect(filters.locator("summary [data-filter-count]")).to_have_text("1")
    assert not filters.evaluate("d => d.open")
    filters.locator("summary").click()
    assert page.is_visible("#id_status")


@pytest.mark.usefixtures("even_year")
def test_a_reviewer_sees_the_rubric_add_up_as_they_score(page, live_server, e2e_world, settings):
    # The server lives in an even year, the browser today: see test_civilization_posts.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_USE_SESSIONS = True
    w = PostWorld(e2e_world)
    cycle = post_helpers.cycle_for(w)
    posts.cycle_open(cycle=cycle, by=w.committee_secretary)
    post_helpers.filed(w, cycle, w.er, w.leader_of(w.er))
    post_helpers.timers_fire(cycle, "filing_deadline")
    post_helpers.act(cycle, "open_applications", w.committee_secretary, "open_applications")
    post_helpers.applied(w, cycle, w.er, w.leader_of(w.er))
    post_helpers.timers_fire(cycle, "application_deadline")
    post_helpers.act(cycle, "start_peer_review", w.committee_secretary, "start_peer_review")
    rubric = cycle.rubric_version().rubric

    log_in(page, live_server, "xn_hz")
    # Her one score sheet is her 待办.
    assert page.inner_text("[data-testid=tab-inbox-count]") == "1"
    page.click("[data-testid=tab-inbox]")
    page.click("[data-testid=owed] a:has-text('互检互查评分')")
    page.click(f"[data-testid=review-{w.er.pk}]")
    total = page.locator("[data-testid=score-total]")
    expect(total).to_have_text(f"0 / {rubric.max:f}")
    first, second = rubric.sections[0].items[:2]
    page.fill(f"#id_{score_field_name(first.code)}", "3.5")
    page.fill(f"#id_{score_field_name(second.code)}", "2")
    expect(total).to_have_text(f"5.5 / {rubric.max:f}")
    expect(page.locator("#score-section-1")).to_have_text(f"5.5 / {rubric.sections[0].max:f}")
