"""Re-encrypts the stored 身份证号 after a key or salt rotation (README: Production)."""

from django.core.management.base import BaseCommand, CommandError

from workflows.engine.errors import CaseError
from workflows.org.services import id_numbers_reencrypt


class Command(BaseCommand):
    help = "用当前 SECRET_KEY 和第一个 FIELD_ENCRYPTION_SALT 重新加密所有身份证号"

    def handle(self, *args, **options) -> None:
        try:
            count = id_numbers_reencrypt()
        except CaseError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"已重新加密 {count} 个身份证号"))
