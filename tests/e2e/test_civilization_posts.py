"""In a real browser, on a phone-sized screen: a collective's 号长 applies with a
self-assessment and evidence, its unit and the committee check it, a reviewer from another
collective scores it on the 互检互查 sheet, the committee assesses, and after the 公示 the
命名决定 and the plaques are issued."""

from decimal import Decimal

import pytest

from tests.civilization_posts.conftest import PostWorld, even_year  # noqa: F401
from tests.civilization_posts.helpers import (
    act,
    cycle_for,
    filed,
    score_all,
    scores_totalling,
    timers_fire,
)
from workflows.civilization_posts import services
from workflows.civilization_posts.forms import score_field_name
from workflows.civilization_posts.models import PostApplication

from .conftest import go_to, log_in
from .test_elections import decide, log_out, open_task

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("even_year")]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_application_to_recognition(page, live_server, e2e_world, settings):
    # The server lives in an even year (see ``even_year``), the browser in today: cookies that
    # carry an expiry date would look stale to it, so the session ends with the browser and
    # the CSRF token lives in the session.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_USE_SESSIONS = True
    w = PostWorld(e2e_world)
    cycle = cycle_for(w)
    services.cycle_open(cycle=cycle, by=w.committee_secretary)
    filed(w, cycle, w.er, w.leader_of(w.er))
    timers_fire(cycle, "filing_deadline")
    act(cycle, "open_applications", w.committee_secretary, "open_applications")
    rubric = cycle.rubric_version().rubric

    log_in(page, live_server, "jz_hz")
    go_to(page, "civilization-posts")
    page.click(f"text={cycle.title}")
    page.click("[data-testid=apply-link]")
    page.fill("#id_summary", "围绕“急救零延误”开展创建，患者满意度 99.2%。")
    for code, value in scores_totalling(rubric, Decimal(92)).items():
        page.fill(f"#id_{score_field_name(code)}", value)
    page.set_input_files(
        "#id_evidence",
        files=[{"name": "创建台账.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click("[data-testid=submit-application]")
    page.wait_for_selector("[data-testid=case-status]")
    assert page.inner_text("[data-testid=case-status]") == "待单位团组织审核"
    application = PostApplication.objects.get()
    assert application.self_total == 92
    log_out(page)

    log_in(page, live_server, "a_shuji")
    open_task(page, live_server, application.reference, "单位团组织审核")
    decide(page, "approve", "同意申报。")
    log_out(page)

    log_in(page, live_server, "tw_zuzhi1")
    page.goto(f"{live_server.url}/queue/")
    page.click(f"tr:has-text('{application.reference}') a")
    page.click("[data-testid=claim]")
    decide(page, "approve", "资格审查通过。")
    log_out(page)

    timers_fire(cycle, "application_deadline")
    log_in(page, live_server, "tw_shuji")
    open_task(page, live_server, cycle.reference, "组织互检互查")
    decide(page, "start_peer_review", "请各评审集体按期评分。")
    log_out(page)

    log_in(page, live_server, "xn_hz")
    go_to(page, "civilization-posts")
    page.click("[data-testid=my-reviews]")
    page.click(f"[data-testid=review-{w.er.pk}]")
    for code, value in scores_totalling(rubric, Decimal(90)).items():
        page.fill(f"#id_{score_field_name(code)}", value)
    page.fill("#id_comment", "台账规范，服务流程清晰。")
    page.click("[data-testid=submit-review]")
    page.wait_for_selector(".message")
    assert "已评 90.0 分" in page.inner_text("main")
    log_out(page)
    application.refresh_from_db()
    score_all(application, Decimal(94))  # the three surgical wards

    log_in(page, live_server, "tw_shuji")
    open_task(page, live_server, cycle.reference, "团委评定")
    assert "心内科：90.0" in page.inner_text("[data-testid=peer-results]")
    assert "去掉最高分 94.0、最低分 90.0 后平均 94.00 分" in page.inner_text("main")
    decide(page, "publish_assessment", "综合评定，拟命名。")
    log_out(page)
    application.refresh_from_db()
    assert (application.status, application.stars) == ("in_publicity", 2)

    timers_fire(cycle)
    log_in(page, live_server, "tw_shuji")
    open_task(page, live_server, cycle.reference, "印发命名决定")
    decide(page, "issue_recognition", "同意命名。")
    page.goto(f"{live_server.url}/wenminghao/{cycle.pk}/")
    link = page.locator("[data-testid=doc-post_decision]")
    assert "命名" in link.inner_text()
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.ok and response.body().startswith(b"%PDF")
    with page.expect_download() as download:
        page.click("[data-testid=plaques-zip]")
    assert download.value.suggested_filename.endswith(".zip")
    application.refresh_from_db()
    assert application.status == "recognised"


def test_a_roster_with_a_wrong_cell_is_fixed_on_the_page(page, live_server, e2e_world, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_USE_SESSIONS = True
    w = PostWorld(e2e_world)
    rows = ["姓名,性别,出生日期,岗位,职责", "吉𠮷,女,1996/5/4,护士长,号长"]
    rows += [f"成员{n},男,1990年1月{n + 1}日,医师," for n in range(5)]
    rows += ["王五,男的,1890-1-1,护士,"]
    log_in(page, live_server, w.secretary_a.username)
    page.goto(f"{live_server.url}/wenminghao/collectives/{w.er.pk}/")
    page.click("text=导入名册（替换现有名册）")
    page.set_input_files(
        "#id_file",
        files=[{"name": "名册.csv", "mimeType": "text/csv", "buffer": "\r\n".join(rows).encode()}],
    )
    page.click("form[enctype] button[type=submit]")
    problems = page.inner_text("[data-testid=sheet-problems]")
    assert "第 8 行「性别」：「男的」应为男或女" in problems
    assert "第 8 行「出生日期」：出生日期 1890-01-01 早于 1900-01-01" in problems
    # Only the wrong row comes back, as typed; the page keeps the other six.
    assert page.input_value("[name=cell-8-0]") == "王五"
    page.fill("[name=cell-8-1]", "男")
    page.fill("[name=cell-8-2]", "1990-01-01")
    page.click("[data-testid=sheet-fix] button[type=submit]")
    page.wait_for_selector("[data-testid=roster]")
    assert "已导入名册 7 人" in page.content()
    assert "吉𠮷" in page.inner_text("[data-testid=roster]")
