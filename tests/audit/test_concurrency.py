import threading

import pytest
from django.db import connection, transaction

from workflows.audit.models import AuditAction, AuditEvent
from workflows.audit.services import audit_record
from workflows.audit.verification import chain_verify

WRITERS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_form_one_unbroken_chain():
    """Writers start together on an empty log, so they also race to create the chain head."""
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(number: int) -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                audit_record(action=AuditAction.COMMENT_ADD, by=None, opinion=f"并发{number}")
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AuditEvent.objects.count() == WRITERS
    result = chain_verify()
    assert result.ok, result
    assert result.checked == WRITERS
