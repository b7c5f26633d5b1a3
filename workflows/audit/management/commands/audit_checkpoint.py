from django.core.management.base import BaseCommand

from workflows.audit.checkpoints import checkpoint_create, export_path


class Command(BaseCommand):
    help = "立即为审计链生成一个签名检查点，写入检查点文件并发送给审计人员。"

    def handle(self, *args, **options):
        checkpoint = checkpoint_create()
        if checkpoint is None:
            self.stdout.write("自上一检查点以来没有新的审计事件，未生成检查点。")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"检查点 #{checkpoint.pk}：事件 {checkpoint.event_count} 条，"
                f"默克尔根 {checkpoint.root}，已写入 {export_path()}"
            )
        )
