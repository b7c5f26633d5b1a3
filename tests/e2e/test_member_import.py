"""In a real browser at phone size: a committee secretary fills in the template sheet, is shown
the cell they got wrong, fixes it on the page, checks each row and imports; opens the new
members' accounts and hands out the first passwords; a new member logs in with hers, chooses her
own password and applies for 推优."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.org.member_sheets import person_id
from workflows.org.member_sheet import HEADERS
from workflows.org.models import Member
from workflows.party_recommendation.models import Application

from .conftest import go_to, log_in

pytestmark = pytest.mark.e2e


def _sheet() -> bytes:
    rows = [
        ",".join(HEADERS),
        f"吉𠮷婷,女,2000年3月15日,{person_id('20000315')},汉族,共青团员,2014/5/4,本科,心内科,,"
        "13800000001,心内科团支部,2024年1月10日",
        f"王小明,男,1998-7-1,{person_id('19980701', '011')},回族,,2012.5.4,硕士研究生,外科,,,"
        "外科团支布,",
    ]
    return "\r\n".join(rows).encode("utf-8-sig")


def test_a_committee_brings_in_its_members_and_one_applies(page, live_server, e2e_world):
    log_in(page, live_server, "tw_shuji")
    go_to(page, "accounts")
    page.click("[data-testid=member-import]")
    with page.expect_download() as template:
        page.click("[data-testid=member-template]")
    assert template.value.suggested_filename == "members-template.xlsx"

    page.set_input_files(
        "#id_file", files=[{"name": "团员.csv", "mimeType": "text/csv", "buffer": _sheet()}]
    )
    page.click("[data-testid=upload-members]")
    problems = page.inner_text("[data-testid=sheet-problems]")
    assert "第 3 行「所在团支部」：「外科团支布」不是委团委下的团支部" in problems
    page.fill("[data-testid=sheet-fix] input[aria-invalid=true]", "外科团支部")
    page.click("[data-testid=sheet-fix] button[type=submit]")
    assert page.inner_text("[data-testid=import-summary]") == "新增 2 人，更新 0 人，无变化 0 人"
    assert not Member.objects.filter(name="吉𠮷婷").exists()
    page.click("[data-testid=confirm-import]")
    assert "新增 2 人" in page.inner_text(".message")

    with page.expect_download() as sheet:
        page.click("[data-testid=open-accounts]")
    rows = load_workbook(io.BytesIO(Path(sheet.value.path()).read_bytes())).active.iter_rows()
    first = {row[2].value: row[3].value for row in rows}["13800000001"]
    page.click("form[action$='/logout/'] button")

    log_in(page, live_server, "13800000001", first)
    page.wait_for_selector("[data-testid=password-change-required]")
    page.fill("#id_old_password", first)
    page.fill("#id_new_password1", "我的新密码-𠮷-2026")
    page.fill("#id_new_password2", "我的新密码-𠮷-2026")
    page.click("main button[type=submit]")
    go_to(page, "my-cases")
    page.click("[data-testid=new-application]")
    page.select_option("#id_round", label="2026年第二批推优")
    page.fill("#id_statement", "参加抗疫志愿服务 120 小时。")
    page.click("[data-testid=apply-form] button[type=submit]")
    page.wait_for_selector("[data-testid=case-status]")
    assert page.inner_text("[data-testid=case-status]") == "待团支部审核"
    assert Application.objects.get().subject.name == "吉𠮷婷"
