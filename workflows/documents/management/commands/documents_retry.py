from django.core.management.base import BaseCommand
from django.db import transaction

from workflows.documents.models import DocumentFailure
from workflows.documents.services import document_failure_retry


class Command(BaseCommand):
    help = "重新生成此前失败的文书（按保存的参数）"

    def handle(self, *args, **options):
        pending = DocumentFailure.objects.filter(resolved_at__isnull=True).order_by("pk")
        issued = failed = 0
        for pk in pending.values_list("pk", flat=True):
            with transaction.atomic():
                # Locked so two workers never issue the same document twice.
                failure = (
                    DocumentFailure.objects.select_for_update(skip_locked=True)
                    .filter(pk=pk, resolved_at__isnull=True)
                    .first()
                )
                if failure is None:
                    continue
                if document_failure_retry(failure=failure):
                    issued += 1
                else:
                    failed += 1
        self.stdout.write(f"issued {issued}, still failing {failed}")
