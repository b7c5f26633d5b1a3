"""The structure import page as a committee secretary meets it: templates, exports in the
import's columns that import again unchanged, an upload that shows each row's outcome before
anything is written, wrong cells fixed on the page, the import once confirmed (with the first
passwords of new logins as a download) — only into a committee they lead."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import MemberFactory, UserFactory
from workflows.audit.models import AuditEvent
from workflows.org.models import Appointment, Organization
from workflows.org.office_sheet import OFFICE_HEADERS
from workflows.org.org_sheet import ORG_HEADERS

from .member_sheets import person_id
from .structure_sheets import TREE, office_csv, org_csv

pytestmark = pytest.mark.django_db

URL = reverse("org:structure_import")
JI = person_id("20000315")


def _upload(client, kind, sheet, committee):
    sheet.name = "表.csv"
    return client.post(
        URL, {"kind": kind, f"{kind}-committee": committee.pk, f"{kind}-file": sheet}
    )


def _confirm(client, kind, response, committee, **extra):
    return client.post(
        URL,
        {
            "kind": kind,
            f"{kind}-committee": committee.pk,
            "sheet": response.context["token"],
            "confirm": "1",
        },
        **extra,
    )


def _rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize(("kind", "headers"), [("orgs", ORG_HEADERS), ("offices", OFFICE_HEADERS)])
def test_the_templates_have_the_import_columns(client, world, kind, headers):
    client.force_login(world.committee_secretary)
    response = client.get(reverse("org:structure_template", args=[kind]))
    assert _rows(response) == [list(headers)]


def test_the_member_import_page_leads_to_this_page(client, world):
    client.force_login(world.committee_secretary)
    assert URL in client.get(reverse("org:member_import")).content.decode()
    page = client.get(URL).content.decode()
    assert "上传组织架构" in page and "上传任职名单" in page


def test_upload_shows_each_row_then_confirm_imports(client, world):
    client.force_login(world.committee_secretary)
    response = _upload(client, "orgs", org_csv(*TREE), world.committee)
    assert response.status_code == 200
    page = response.content.decode()
    assert "新增组织 2 个，更新 0 个，无变化 1 个" in page and "𠮷祥儿科团支部" in page
    assert not Organization.objects.filter(name="医技团总支").exists()
    response = _confirm(client, "orgs", response, world.committee, follow=True)
    assert "已导入委团委组织架构：新增组织 2 个" in response.content.decode()
    assert Organization.objects.get(name="𠮷祥儿科团支部").parent.name == "医技团总支"


def test_wrong_cells_are_shown_and_fixed_on_the_page(client, world):
    client.force_login(world.committee_secretary)
    typo = TREE[0].replace("医技团总支", "医技总支")
    response = _upload(client, "orgs", org_csv(typo, *TREE[1:]), world.committee)
    assert response.status_code == 400
    assert "第 2 行「上级组织」：「医技总支」不是委团委或其下级组织，表中也没有" in (
        response.content.decode()
    )
    fix = response.context["fix"]
    ((number, cells),) = fix.lines
    assert number == 2
    cell = next(cell for cell in cells if cell.column == "上级组织")
    response = client.post(
        URL,
        {
            "kind": "orgs",
            "orgs-committee": world.committee.pk,
            "sheet": fix.token,
            cell.name: "医技团总支",
        },
    )
    assert response.status_code == 200
    assert [row.name for row in response.context["report"].rows] == [
        "𠮷祥儿科团支部",
        "医技团总支",
        "心内科团支部",
    ]
    assert not Organization.objects.filter(name="医技团总支").exists()


def test_new_logins_come_as_the_credentials_download(client, world):
    ji = MemberFactory(
        branch=world.branch_a, user=None, name="吉𠮷婷", id_number=JI, phone="13800000001"
    )
    client.force_login(world.committee_secretary)
    sheet = office_csv(f"心内科团支部,副书记,吉𠮷婷,{JI},2026-1-5,")
    response = _confirm(
        client, "offices", _upload(client, "offices", sheet, world.committee), world.committee
    )
    assert response["Cache-Control"] == "no-store"
    assert _rows(response)[1][:3] == ["吉𠮷婷", "心内科团支部", "13800000001"]
    ji.refresh_from_db()
    assert Appointment.objects.get(user=ji.user).org == world.branch_a

    sheet = office_csv(f"心内科团支部,副书记,吉𠮷婷,{JI},2026-1-5,")
    response = _upload(client, "offices", sheet, world.committee)
    assert response.context["report"].summary() == "新增任职 0 项，更新 0 项，无变化 1 项"
    response = _confirm(client, "offices", response, world.committee)
    assert response.status_code == 302


def test_the_exports_import_again_unchanged(client, world):
    wang = MemberFactory(
        branch=world.branch_b,
        user=UserFactory(username="wxm", first_name="王小明"),
        name="王小明",
        id_number=person_id("19980701", "011"),
    )
    client.force_login(world.committee_secretary)
    _confirm(
        client, "orgs", _upload(client, "orgs", org_csv(*TREE), world.committee), world.committee
    )
    office = f"医技团总支,书记,王小明,{wang.id_number},2025-1-1,"
    _confirm(
        client,
        "offices",
        _upload(client, "offices", office_csv(office), world.committee),
        world.committee,
    )
    for kind, summary in (
        ("orgs", "新增组织 0 个，更新 0 个，无变化 4 个"),
        ("offices", "新增任职 0 项，更新 0 项，无变化 1 项"),
    ):
        response = client.get(
            reverse("org:structure_export", args=[kind]), {"committee": world.committee.pk}
        )
        exported = io.BytesIO(response.content)
        response = _upload(client, kind, exported, world.committee)
        assert response.context["report"].summary() == summary, kind
    assert AuditEvent.objects.filter(action="org.export", after="导出组织 4 个").exists()
    assert AuditEvent.objects.filter(action="appointment.export", after="导出任职 1 项").exists()


def test_only_a_committee_the_user_leads(client, world, other_committee):
    client.force_login(world.secretary_a)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("org:structure_template", args=["orgs"])).status_code == 403
    client.force_login(other_committee.secretary)
    assert _upload(client, "orgs", org_csv(*TREE), world.committee).status_code == 403
    export = reverse("org:structure_export", args=["offices"])
    assert client.get(export, {"committee": world.committee.pk}).status_code == 404
    assert not Organization.objects.filter(name="医技团总支").exists()


def test_another_committee_cannot_move_units_out_of_this_subtree(client, world, other_committee):
    """Its own sheet cannot name this committee's units as parents, nor take them in."""
    client.force_login(other_committee.secretary)
    response = _upload(
        client, "orgs", org_csv("外院团支部,,团支部,心内科团支部,,,否"), other_committee
    )
    assert response.status_code == 400
    assert "「心内科团支部」不是外院团委或其下级组织" in response.content.decode()
    response = _upload(client, "orgs", org_csv("外科团支部,,团支部,外院团委,,,否"), other_committee)
    _confirm(client, "orgs", response, other_committee)
    world.branch_b.refresh_from_db()
    assert world.branch_b.parent == world.committee
    assert world.branch_b.path == f"{world.committee.path}{world.branch_b.pk}/"
