"""The member import page as a committee secretary meets it: the template, an upload that shows
each row's outcome before anything is written, the wrong cells to fix on the page, and the
import once confirmed — only into a committee they lead."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from workflows.audit.models import AuditEvent
from workflows.org.member_sheet import HEADERS
from workflows.org.models import Member

from .member_sheets import GOOD, csv_sheet

pytestmark = pytest.mark.django_db


def _upload(client, world, sheet, committee=None):
    sheet.name = "团员.csv"
    return client.post(
        reverse("org:member_import"),
        {"committee": (committee or world.committee).pk, "file": sheet},
    )


def test_the_template_has_the_import_columns(client, world):
    client.force_login(world.committee_secretary)
    response = client.get(reverse("org:member_template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == list(HEADERS)


def test_upload_shows_each_row_then_confirm_imports(client, world):
    client.force_login(world.committee_secretary)
    response = _upload(client, world, csv_sheet(*GOOD))
    page = response.content.decode()
    assert response.status_code == 200
    assert "新增 2 人，更新 0 人，无变化 0 人" in page and "吉𠮷婷" in page
    assert not Member.objects.filter(name="吉𠮷婷").exists()

    token = response.context["token"]
    response = client.post(
        reverse("org:member_import"),
        {"committee": world.committee.pk, "sheet": token, "confirm": "1"},
        follow=True,
    )
    assert "已导入委团委团员：新增 2 人，更新 0 人，无变化 0 人" in response.content.decode()
    assert Member.objects.get(name="吉𠮷婷").branch == world.branch_a


def test_wrong_cells_are_shown_and_fixed_on_the_page(client, world):
    client.force_login(world.committee_secretary)
    typo = GOOD[1].replace("外科团支部", "外科团支布")
    response = _upload(client, world, csv_sheet(GOOD[0], typo))
    assert response.status_code == 400
    assert "第 3 行「所在团支部」：「外科团支布」不是委团委下的团支部" in response.content.decode()
    sheet = response.context["sheet"]
    ((number, cells),) = sheet.lines
    assert number == 3
    branch_cell = next(cell for cell in cells if cell.column == "所在团支部")
    response = client.post(
        reverse("org:member_import"),
        {"committee": world.committee.pk, "sheet": sheet.token, branch_cell.name: "外科团支部"},
    )
    assert response.status_code == 200
    assert [row.name for row in response.context["report"].rows] == ["吉𠮷婷", "王小明"]
    assert not Member.objects.filter(name="王小明").exists()


def test_only_a_committee_the_user_leads(client, world, other_committee):
    client.force_login(world.secretary_a)
    assert client.get(reverse("org:member_import")).status_code == 403
    assert client.get(reverse("org:member_template")).status_code == 403
    client.force_login(other_committee.secretary)
    assert _upload(client, world, csv_sheet(*GOOD)).status_code == 403
    assert not Member.objects.filter(name="吉𠮷婷").exists()


def test_the_account_page_leads_a_committee_secretary_to_the_import(client, world):
    client.force_login(world.committee_secretary)
    assert reverse("org:member_import") in client.get(reverse("org:accounts")).content.decode()
    client.force_login(world.reviewer_1)
    page = client.get(reverse("org:accounts")).content.decode()
    assert reverse("org:member_import") not in page


def test_an_exported_list_imports_again_unchanged(client, world, other_committee):
    client.force_login(other_committee.secretary)
    lines = [
        line.replace("心内科团支部", "外院团支部").replace("外科团支部", "外院团支部")
        for line in GOOD
    ]
    token = _upload(client, world, csv_sheet(*lines), committee=other_committee).context["token"]
    client.post(
        reverse("org:member_import"),
        {"committee": other_committee.pk, "sheet": token, "confirm": "1"},
    )
    response = client.get(reverse("org:member_export"), {"committee": other_committee.pk})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == list(HEADERS)
    assert [row[0] for row in rows[1:]] == ["吉𠮷婷", "王小明"]
    assert AuditEvent.objects.filter(action="member.export", after="导出团员 2 人").exists()

    exported = io.BytesIO(response.content)
    exported.name = "团员.xlsx"
    response = client.post(
        reverse("org:member_import"), {"committee": other_committee.pk, "file": exported}
    )
    assert response.context["report"].summary() == "新增 0 人，更新 0 人，无变化 2 人"


def test_nobody_exports_a_committee_they_do_not_lead(client, world, other_committee):
    client.force_login(other_committee.secretary)
    response = client.get(reverse("org:member_export"), {"committee": world.committee.pk})
    assert response.status_code == 404
    client.force_login(world.secretary_a)
    response = client.get(reverse("org:member_export"), {"committee": world.committee.pk})
    assert response.status_code == 403


def test_opening_accounts_downloads_the_first_passwords_once(client, world):
    client.force_login(world.committee_secretary)
    token = _upload(client, world, csv_sheet(*GOOD)).context["token"]
    client.post(
        reverse("org:member_import"),
        {"committee": world.committee.pk, "sheet": token, "confirm": "1"},
    )
    response = client.post(reverse("org:member_accounts"), {"committee": world.committee.pk})
    assert response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "吉𠮷婷" in [row[0].value for row in sheet.iter_rows()]
    response = client.post(
        reverse("org:member_accounts"), {"committee": world.committee.pk}, follow=True
    )
    assert "委团委的团员都已开通账号" in response.content.decode()
