from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workflows.audit.checkpoints import export_path
from workflows.audit.models import AuditCheckpoint
from workflows.audit.verification import VerifyResult, chain_verify


class Command(BaseCommand):
    help = (
        "按密钥重新计算审计链，与已公布的检查点（文件、邮件副本、文书上印的默克尔根）比对，"
        "并核对每份已签发文书的文件与出具事件；"
        "列出每一处被改动、删除或截断之处，有问题时以状态 1 退出。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoints",
            action="append",
            type=Path,
            metavar="FILE",
            help="检查点副本（每行一个，如邮件中保存的行）；可重复。默认为系统导出的检查点文件。",
        )
        parser.add_argument(
            "--expect",
            action="append",
            default=[],
            metavar="ID:ROOT",
            help="文书上印的检查点编号与默克尔根（可只写开头若干位），如 12:3f2a9c1e；可重复。",
        )
        parser.add_argument("--no-documents", action="store_true", help="不核对文书文件。")

    def handle(self, *args, **options):
        files = options["checkpoints"] or [export_path()]
        result = chain_verify(checkpoint_files=files, documents=not options["no_documents"])
        for expected in options["expect"]:
            _expected_root_check(result, expected)
        for finding in result.findings:
            self.stderr.write(f"- {finding.message}")
        if not result.ok:
            head = (
                f"审计链在事件 #{result.broken_id} 处断裂：{result.reason}"
                if result.broken_id is not None
                else f"审计记录未通过核验：{result.reason}"
            )
            raise CommandError(f"{head}（共发现 {len(result.findings)} 处问题）")
        unkeyed = f"（其中 {result.unkeyed} 条为启用密钥前的事件）" if result.unkeyed else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"审计链完整：共 {result.checked} 条事件{unkeyed}；"
                f"核对检查点 {result.checkpoints} 个、文书 {result.documents} 份"
            )
        )


def _expected_root_check(result: VerifyResult, expected: str) -> None:
    checkpoint_id, _, root = expected.partition(":")
    if not checkpoint_id.isdigit():
        raise CommandError(f"--expect 应写作 编号:默克尔根，如 12:3f2a9c1e，而不是 {expected}")
    checkpoint = AuditCheckpoint.objects.filter(pk=int(checkpoint_id)).first()
    root = root.strip().lower()
    if checkpoint is None or len(root) < 8 or not checkpoint.root.startswith(root):
        result.add(
            "printed_root",
            f"检查点 #{checkpoint_id} 的默克尔根与纸面记录 {root} 不符（或检查点已不存在）",
        )
