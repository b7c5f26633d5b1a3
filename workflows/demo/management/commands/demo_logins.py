"""Print the demo logins, their offices and the shared password."""

from __future__ import annotations

import unicodedata

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from workflows.demo.logins import DEMO_LOGINS, DEMO_PASSWORD


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = "列出演示账号（用户名、姓名、职务、组织）和统一的演示密码"

    def handle(self, *args, **options):
        existing = set(
            get_user_model()
            .objects.filter(username__in=[login.username for login in DEMO_LOGINS])
            .values_list("username", flat=True)
        )
        header = ("用户名", "姓名", "职务", "组织", "说明")
        rows = [
            (
                login.username,
                login.name,
                login.role_label,
                login.org or "全部",
                login.note if login.username in existing else "（尚未创建）",
            )
            for login in DEMO_LOGINS
        ]
        widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
        self.stdout.write("演示账号")
        for row in [header, *rows]:
            self.stdout.write(
                ("  " + "  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True))).rstrip()
            )
        self.stdout.write(f"所有演示账号的密码：{DEMO_PASSWORD}")
        if len(existing) < len(DEMO_LOGINS):
            self.stdout.write("演示数据尚未生成：请先运行 manage.py seed_demo")
