"""In a real browser at phone size: a committee secretary uploads its organisation tree, is shown
the cell they got wrong, fixes it on the page and imports; then uploads the office holders,
imports them and downloads the first password of the new branch secretary, who logs in."""

import io
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import MemberFactory
from tests.org.member_sheets import person_id
from workflows.org.models import Appointment, Organization, Role
from workflows.org.office_sheet import OFFICE_HEADERS
from workflows.org.org_sheet import ORG_HEADERS

from .conftest import log_in

pytestmark = pytest.mark.e2e

ID = person_id("19990520", "031")


def _csv(headers, *lines) -> bytes:
    return "\r\n".join([",".join(headers), *lines]).encode("utf-8-sig")


def _upload(page, kind: str, content: bytes) -> None:
    page.set_input_files(
        f"#id_{kind}-file",
        files=[{"name": f"{kind}.csv", "mimeType": "text/csv", "buffer": content}],
    )
    page.click(f"[data-testid=upload-{kind}-button]")


def test_a_committee_brings_in_its_tree_and_a_new_branch_secretary_logs_in(
    page, live_server, e2e_world
):
    holder = MemberFactory(
        branch=e2e_world.branch_a, user=None, name="𠮷祥", id_number=ID, phone="13900000031"
    )
    log_in(page, live_server, "tw_shuji")
    page.goto(f"{live_server.url}/org/members/import/")
    page.click("[data-testid=structure-import]")

    _upload(
        page,
        "orgs",
        _csv(
            ORG_HEADERS,
            "𠮷祥儿科团支部,儿科,团支部,医技团总之,心内科党支部,,否",
            "医技团总支,医技,团总支,委团委,,,否",
        ),
    )
    problems = page.inner_text("[data-testid=sheet-problems]")
    assert "第 2 行「上级组织」：「医技团总之」不是委团委或其下级组织，表中也没有" in problems
    page.fill("[data-testid=sheet-fix] input[aria-invalid=true]", "医技团总支")
    page.click("[data-testid=sheet-fix] button[type=submit]")
    assert (
        page.inner_text("[data-testid=import-summary]") == "新增组织 2 个，更新 0 个，无变化 0 个"
    )
    assert not Organization.objects.filter(name="医技团总支").exists()
    page.click("[data-testid=confirm-import]")
    assert "新增组织 2 个" in page.inner_text(".message")
    branch = Organization.objects.get(name="𠮷祥儿科团支部")
    assert branch.parent.name == "医技团总支"

    today = timezone.localdate().isoformat()
    _upload(page, "offices", _csv(OFFICE_HEADERS, f"𠮷祥儿科团支部,书记,𠮷祥,{ID},{today},"))
    summary = page.inner_text("[data-testid=import-summary]")
    assert summary == "新增任职 1 项，更新 0 项，无变化 0 项；为 1 名任职人开通账号"
    with page.expect_download() as download:
        page.click("[data-testid=confirm-import]")
    rows = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active.iter_rows()
    password = {row[2].value: row[3].value for row in rows}["13900000031"]
    holder.refresh_from_db()
    assert Appointment.objects.get(user=holder.user).org == branch
    assert Appointment.objects.get(user=holder.user).role == Role.SECRETARY

    page.click("form[action$='/logout/'] button")
    log_in(page, live_server, "13900000031", password)
    page.wait_for_selector("[data-testid=password-change-required]")
