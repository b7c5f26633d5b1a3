"""Seed the demo: organisations, ~1000 members, office holders, 推优 cases in every status,
branch terms and 换届 elections."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from workflows.demo.plan import MEMBERS_DEFAULT
from workflows.demo.seed import seed, summary_lines


class Command(BaseCommand):
    help = (
        "生成演示数据：委团委组织树、团员、任职与演示账号、各状态的推优入党案件、"
        "团支部任期与换届选举。"
        "可重复运行：已有的数据不会重复创建。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--members",
            type=int,
            default=MEMBERS_DEFAULT,
            help=f"团员总数（默认 {MEMBERS_DEFAULT}；办案所需的团支部人数不受其限制）",
        )

    def handle(self, *args, members: int, **options):
        if members < 1:
            raise CommandError("--members 须为正数")
        result = seed(members=members)
        for line in summary_lines(result):
            self.stdout.write(line)
        self.stdout.write("")
        call_command("demo_logins", stdout=self.stdout)
