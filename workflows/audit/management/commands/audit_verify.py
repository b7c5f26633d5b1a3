from django.core.management.base import BaseCommand, CommandError

from workflows.audit.verification import chain_verify


class Command(BaseCommand):
    help = "重新计算审计链哈希，报告第一处断裂；断裂时以状态 1 退出。"

    def handle(self, *args, **options):
        result = chain_verify()
        if not result.ok:
            raise CommandError(f"审计链在事件 #{result.broken_id} 处断裂：{result.reason}")
        self.stdout.write(self.style.SUCCESS(f"审计链完整：共 {result.checked} 条事件"))
