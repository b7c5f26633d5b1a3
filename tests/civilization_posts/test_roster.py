"""Collectives and their rosters: registering, one person at a time, a spreadsheet in (.xlsx or
.csv, through the shared streamed reader) and out, review groups — and who may change them."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from tests.factories import OrganizationFactory
from workflows.audit.models import AuditEvent
from workflows.civilization_posts import roster
from workflows.civilization_posts.models import Collective, CollectiveMember
from workflows.civilization_posts.roster_file import (
    ROSTER_COLUMNS,
    roster_parse,
    roster_rows,
    roster_workbook,
)
from workflows.engine.errors import CaseError, NotAllowed
from workflows.engine.spreadsheets import SheetInvalid, SpreadsheetRefused, fix_sheet
from workflows.org.models import OrgKind

HEADER = ["姓名", "性别", "出生日期", "岗位", "职责"]


def _xlsx(*rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv(*rows, encoding="utf-8-sig", delimiter=",") -> bytes:
    lines = [delimiter.join(HEADER), *(delimiter.join(map(str, row)) for row in rows)]
    return "\r\n".join(lines).encode(encoding)


def _read(content: bytes):
    return roster_parse(roster_rows(io.BytesIO(content)))


def _refusal(content: bytes) -> list[str]:
    with pytest.raises(CaseError) as refused:
        _read(content)
    return refused.value.messages


def test_register_a_collective_in_ones_own_unit(post_world):
    w = post_world
    collective = roster.collective_register(
        org=w.branch_a, name="门诊导医班组", kind="team", by=w.secretary_a
    )
    assert collective.org_path == w.branch_a.path
    assert AuditEvent.objects.filter(action="collective.register", after="门诊导医班组").exists()
    with pytest.raises(NotAllowed):
        roster.collective_register(org=w.branch_a, name="外来班组", kind="team", by=w.secretary_b)
    with pytest.raises(CaseError, match="已有名为「门诊导医班组」的集体"):
        roster.collective_register(
            org=w.branch_a, name="门诊导医班组", kind="team", by=w.committee_secretary
        )


def test_one_leader_at_a_time(post_world):
    w = post_world
    with pytest.raises(CaseError, match="急诊科已有号长"):
        roster.person_add(
            collective=w.er,
            name="吉𠮷",
            gender="女",
            birth_date=datetime.date(1990, 1, 1),
            post="护士长",
            role="leader",
            by=w.secretary_a,
        )
    person = roster.person_add(
        collective=w.er,
        name="吉𠮷",
        gender="女",
        birth_date=datetime.date(1990, 1, 1),
        post="护士",
        role="member",
        by=w.secretary_a,
    )
    assert person in w.er.roster()
    roster.person_remove(person=person, by=w.secretary_a)
    assert person not in w.er.roster()
    assert CollectiveMember.objects.filter(pk=person.pk, is_active=False).exists()


def test_an_excel_roster_replaces_the_old_one_and_keeps_accounts(post_world):
    w = post_world
    leader = w.er.leader
    content = _xlsx(
        (leader.name, "女", leader.birth_date, "护士长", "号长"),
        ("吉𠮷", "女", "1996-05-04", "护士", "成员"),
        *[(f"新成员{n}", "男", f"199{n}-01-02", "医师", "") for n in range(5)],
    )
    rows = _read(content)
    assert len(rows) == 7 and rows[1].name == "吉𠮷" and rows[2].role == "member"
    assert roster.roster_replace(collective=w.er, rows=rows, by=w.secretary_a) == 7
    people = w.er.roster()
    assert len(people) == 7
    assert w.er.leader.user == leader.user  # the 号长 keeps her account
    back = _read(roster_workbook(people))
    assert [r.name for r in back] == [p.name for p in people]


def test_cells_are_read_as_people_type_them():
    content = _xlsx(
        ("  张三 ", "男", datetime.datetime(2001, 3, 5), 120, "成员"),
        ("李四", " 女", "2001-3-5", "护士", "副号长 "),
        ("王五", "女", "2001/03/05", "", ""),
        ("赵六", "男", "2001.3.5", "", None),
        ("钱七", "女", "2001年3月5日", "", "号长"),
        ("孙八", "女", "２００１－３－５", "", ""),
        (None, None, None, None, None),
        ("", "", "", "", ""),
    )
    rows = _read(content)
    assert [r.name for r in rows] == ["张三", "李四", "王五", "赵六", "钱七", "孙八"]
    assert {r.birth_date for r in rows} == {datetime.date(2001, 3, 5)}
    assert rows[0].post == "120"  # a number where text is expected
    assert [r.role for r in rows] == ["member", "deputy", "member", "member", "leader", "member"]


def test_every_wrong_cell_is_named_by_row_and_column_all_at_once():
    content = _xlsx(
        ("", "女", "1990-01-01", "", ""),
        ("张三", "男的", "1990/13/01", "", "队长"),
        ("李四", "女", "0001-01-01", "", "号长"),
        ("王五", "女", "#VALUE!", "", "号长"),
        ("赵六", "男", timezone.localdate() + datetime.timedelta(days=1), "", ""),
        ("李四", "女", "0001-01-01", "", ""),
    )
    assert _refusal(content) == [
        "第 2 行「姓名」：不能为空",
        "第 3 行「性别」：「男的」应为男或女",
        "第 3 行「出生日期」：「1990/13/01」不是日期（可写作 1990-05-04、1990/5/4、1990年5月4日）",
        "第 3 行「职责」：「队长」应为号长、副号长或成员",
        "第 4 行「出生日期」：出生日期 0001-01-01 早于 1900-01-01",
        "第 4 行「职责」：名册中有 2 名号长，只能有一名",
        "第 5 行「出生日期」：公式错误 #VALUE!，请改为实际的值",
        "第 5 行「职责」：名册中有 2 名号长，只能有一名",
        f"第 6 行「出生日期」：出生日期 {timezone.localdate() + datetime.timedelta(days=1)} "
        f"晚于 {timezone.localdate()}",
        "第 7 行「出生日期」：出生日期 0001-01-01 早于 1900-01-01",
        "第 7 行「姓名」：与第 4 行的姓名和出生日期相同",
    ]


def test_birth_dates_at_the_window_edges():
    today = timezone.localdate()
    rows = _read(_xlsx(("甲", "女", "1900-01-01", "", ""), ("乙", "男", today, "", "")))
    assert [r.birth_date for r in rows] == [datetime.date(1900, 1, 1), today]
    assert _refusal(_xlsx(("甲", "女", "1899-12-31", "", ""))) == [
        "第 2 行「出生日期」：出生日期 1899-12-31 早于 1900-01-01"
    ]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8", ","), ("gbk", ","), ("utf-16", "\t")],
)
def test_csv_as_excel_saves_it(encoding, delimiter):
    name = "张三" if encoding == "gbk" else "吉𠮷"  # GBK has no 𠮷; GB18030 and UTF-8 do
    content = _csv(
        (name, "女", "1996/5/4", "护士", "号长"),
        ("李四", "男", "1995年1月2日", "", ""),
        encoding=encoding,
        delimiter=delimiter,
    )
    rows = _read(content)
    assert [(r.name, r.birth_date) for r in rows] == [
        (name, datetime.date(1996, 5, 4)),
        ("李四", datetime.date(1995, 1, 2)),
    ]


def test_a_wrong_header_names_what_is_missing():
    messages = _refusal(_xlsx(("甲", "女", "1990-01-01"), header=["姓名", "性别", "生日"]))
    assert messages == ["表头（第一行）应为：姓名、性别、出生日期、岗位、职责；缺少：出生日期"]
    # Optional columns may be left out, and columns in another order are found by name.
    rows = _read(_xlsx(("1990-01-01", "女", "甲"), header=["出生日期", "性别", "姓名"]))
    assert [(r.name, r.post, r.role) for r in rows] == [("甲", "", "member")]


def test_a_file_above_the_size_cap_is_refused_before_parsing(settings):
    settings.SPREADSHEET_MAX_BYTES = 4 * 1024
    content = _xlsx(*[(f"成员{n}", "男", "1990-01-01", "医师" * 20, "") for n in range(200)])
    assert len(content) > 4 * 1024
    upload = SimpleUploadedFile("名册.xlsx", content)
    with pytest.raises(SpreadsheetRefused) as refused:
        roster_rows(upload)
    size = f"{len(content) / 1024:.1f}\xa0KB"
    assert refused.value.messages == [f"文件大小 {size}，超过 4.0\xa0KB 的上限"]


def test_reading_stops_as_soon_as_the_row_limit_is_passed(settings):
    settings.SPREADSHEET_MAX_ROWS = 3
    assert len(_read(_xlsx(*[(f"成员{n}", "男", "1990-01-01", "", "") for n in range(3)]))) == 3
    assert _refusal(_csv(*[(f"成员{n}", "男", "1990-01-01", "", "") for n in range(4)])) == [
        "超过 3 行的上限（第 5 行起），请分开导入"
    ]
    # Past the limit the sheet is damaged: had the reader gone on, it would have said so.
    content = _xlsx(*[(f"成员{n}", "男", "1990-01-01", "", "") for n in range(10)])
    assert _refusal(_damaged_after_row(content, 6)) == ["超过 3 行的上限（第 5 行起），请分开导入"]
    settings.SPREADSHEET_MAX_ROWS = 20
    assert _refusal(_damaged_after_row(content, 6)) == ["第 6 行之后的内容已损坏，无法读取"]


def _damaged_after_row(content: bytes, row: int) -> bytes:
    """The workbook with its sheet's XML cut off after ``row``."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                cut = data.index(b"</row>", data.index(f'<row r="{row}"'.encode())) + 6
                data = data[:cut] + b"<row r=<<garbage"
            target.writestr(member, data)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_what_is_not_a_spreadsheet_is_refused_with_a_message(settings):
    settings.SPREADSHEET_MAX_BYTES = 200 * 1024
    workbook = _xlsx(("甲", "女", "1990-01-01", "", ""))
    cases = {
        _zip({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<x/>"}): (
            "这是 Word 文档，请上传 Excel（.xlsx）或 CSV 文件"
        ),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj": "这是 PDF 文件，请上传 Excel（.xlsx）或 CSV 文件",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100): (
            "这是旧版 Excel（.xls）或 Word 文件，请在 Excel 中另存为 .xlsx 或 CSV 后上传"
        ),
        _zip({"notes.txt": b"hello"}): "不是 Excel 工作簿（.xlsx），请上传 .xlsx 或 CSV 文件",
        workbook[: len(workbook) // 2]: "文件已损坏，无法作为 Excel 工作簿读取",
        _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"<garbage"}): (
            "文件已损坏，无法作为 Excel 工作簿读取"
        ),
        bytes(range(256)) * 4: "不是 Excel（.xlsx）或 CSV 文件",
        "姓名,性别\r\n张三,男".encode()[:-1] + b"\xff\xfe\xfd": (
            "无法识别文件的文字编码，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后上传"
        ),
    }
    for content, message in cases.items():
        assert _refusal(content) == [message], message


def test_a_zip_bomb_is_refused_from_its_directory(settings):
    settings.SPREADSHEET_MAX_BYTES = 100 * 1024
    bomb = _zip({"xl/workbook.xml": b"<workbook/>", "xl/sharedStrings.xml": bytes(20 * 2**20)})
    assert len(bomb) < 100 * 1024
    assert _refusal(bomb) == ["工作簿解压后达 20.0\xa0MB，超过 1000.0\xa0KB 的上限"]


def test_the_page_shows_a_refused_sheet_back_and_takes_the_corrections(client, post_world):
    w = post_world
    before = [p.name for p in w.er.roster()]
    url = reverse("civilization_posts:roster_upload", args=[w.er.pk])
    client.force_login(w.secretary_a)
    good = [(f"成员{n}", "男", "1990-01-02", "医师", "") for n in range(5)]
    content = _xlsx(
        ("吉𠮷", "女", "1996-05-04", "护士长", "号长"), *good, ("王五", "男的", "1890-1-1")
    )
    response = client.post(url, {"file": SimpleUploadedFile("名册.xlsx", content)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "第 8 行「性别」：「男的」应为男或女" in page
    assert "第 8 行「出生日期」：出生日期 1890-01-01 早于 1900-01-01" in page
    assert [p.name for p in w.er.roster()] == before  # nothing applied
    # Only the wrong row is shown for correction; the others travel with the page.
    fix = response.context["sheet"]
    assert [number for number, _cells in fix.lines] == [8]
    assert [cell.text for cell in fix.lines[0][1]] == ["王五", "男的", "1890-1-1", "", ""]
    corrected = {"sheet": fix.token, "cell-8-1": "男", "cell-8-2": "1990年1月1日"}
    response = client.post(url, corrected, follow=True)
    assert "已导入名册 7 人" in response.content.decode()
    people = Collective.objects.get(pk=w.er.pk).roster()
    assert len(people) == 7 and {"吉𠮷", "王五"} <= {p.name for p in people}
    assert next(p for p in people if p.name == "王五").birth_date == datetime.date(1990, 1, 1)
    tampered = {**corrected, "sheet": fix.token[:-2] + "xx"}
    response = client.post(url, tampered, follow=True)
    assert "修改页已过期，请重新上传文件" in response.content.decode()


def test_a_sheet_wrong_almost_everywhere_goes_back_to_excel():
    rows = [(f"成员{n}", "男的", "1990-01-01", "", "") for n in range(101)]
    with pytest.raises(SheetInvalid) as refused:
        _read(_xlsx(*rows))
    assert len(refused.value.messages) == 101
    assert not fix_sheet(refused.value, ROSTER_COLUMNS).fixable
    with pytest.raises(SheetInvalid) as refused:
        _read(_xlsx(*rows[:100]))
    assert fix_sheet(refused.value, ROSTER_COLUMNS).fixable


def test_only_who_manages_the_unit_imports(client, post_world):
    w = post_world
    before = [p.name for p in w.er.roster()]
    client.force_login(w.leader_of(w.er))
    content = _xlsx(*[(f"成员{n}", "男", "1990-01-02", "", "") for n in range(6)])
    url = reverse("civilization_posts:roster_upload", args=[w.er.pk])
    response = client.post(url, {"file": SimpleUploadedFile("名册.csv", content)}, follow=True)
    assert "只有" in response.content.decode()
    assert [p.name for p in w.er.roster()] == before


def test_groups_belong_to_the_committee(post_world):
    w = post_world
    group = roster.group_create(
        committee=w.committee, name="第二小组", division="医院大组", by=w.committee_secretary
    )
    with pytest.raises(NotAllowed):
        roster.group_create(committee=w.committee, name="第三小组", division="", by=w.secretary_a)
    roster.collective_group_set(collective=w.er, group=group, by=w.committee_secretary)
    w.er.refresh_from_db()
    assert w.er.group == group
    elsewhere = OrganizationFactory(name="外单位团委", kind=OrgKind.LEAGUE_COMMITTEE)
    stranger = Collective.objects.create(name="外单位科室", kind="department", org=elsewhere)
    with pytest.raises(CaseError, match="外单位科室不在委团委范围内"):
        roster.collective_group_set(collective=stranger, group=group, by=w.committee_secretary)
