"""A committee's member list at scale, for ``benchmark.py``: a sheet of N members typed as people
type them (.xlsx), read, checked and shown as a dry run, imported, and imported again unchanged;
then a login opened for each (with the site's password hashers, not the tests' fast one)."""

from __future__ import annotations

import datetime
import io
import time

from django.contrib.auth import get_user_model

from workflows.engine.spreadsheets import workbook_bytes
from workflows.org.accounts import accounts_open
from workflows.org.identity import id_check_digit
from workflows.org.imports import members_import
from workflows.org.member_sheet import HEADERS, member_sheet_rows
from workflows.org.models import Organization, OrgKind

BRANCHES = 40


def _sheet(committee: Organization, rows: int) -> bytes:
    branches = [
        Organization.objects.create(
            name=f"基准导入团支部{n}", kind=OrgKind.BRANCH, parent=committee
        )
        for n in range(BRANCHES)
    ]
    first = datetime.date(1990, 1, 1)

    def line(n: int) -> list:
        born = first + datetime.timedelta(days=n % 4000)
        first17 = f"310101{born:%Y%m%d}{n // 4000:03d}"
        return [
            f"吉𠮷{n}",
            "女" if n % 2 else "男",
            f"{born.year}年{born.month}月{born.day}日",
            first17 + id_check_digit(first17),
            "汉族",
            "共青团员",
            f"{born.year + 14}/5/4",
            "大学本科",
            "心内科",
            "",
            f"138{n:08d}",
            branches[n % BRANCHES].name,
        ]

    return workbook_bytes(title="团员", headers=HEADERS, rows=(line(n) for n in range(rows)))


def member_import_figures(committee: Organization, rows: int) -> None:
    secretary = get_user_model().objects.create_superuser("bench_import", password=None)
    content = _sheet(committee, rows)
    figures = []
    for label, apply in (("核对（试导入）", False), ("导入", True), ("再次导入（无变化）", True)):
        start = time.perf_counter()
        report = members_import(
            committee=committee,
            rows=member_sheet_rows(io.BytesIO(content)),
            by=secretary,
            apply=apply,
        )
        figures.append(f"{label} {time.perf_counter() - start:.1f} s（{report.summary()}）")
    print(f"团员导入 {rows} 行 .xlsx：" + "；".join(figures))
    start = time.perf_counter()
    opened = accounts_open(committee=committee, by=secretary)
    print(f"批量开通账号 {len(opened)} 个：{time.perf_counter() - start:.1f} s")
