"""``flush`` that lifts the audit table's append-only triggers for the duration of the wipe.

Django's test runner flushes the database after every transactional test; on PostgreSQL the
TRUNCATE trigger would refuse that. The triggers are dropped and recreated inside one
transaction, so nothing else ever sees the table unguarded.
"""

from django.core.management.commands import flush
from django.db import connections, transaction

from workflows.audit.triggers import triggers_install, triggers_remove


class Command(flush.Command):
    def handle(self, **options):
        database = options["database"]
        connection = connections[database]
        with transaction.atomic(using=database):
            triggers_remove(connection)
            super().handle(**options)
            triggers_install(connection)
