"""Database triggers that keep the audit tables append-only.

Events and checkpoints refuse UPDATE, DELETE and TRUNCATE. The chain head may only move
forward, to an event that exists with the hash it names, and is never deleted.

SQLite drops a table's triggers when a migration rebuilds the table: a later migration that
alters one of these tables must call ``triggers_install`` again.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

EVENTS = "audit_auditevent"
CHECKPOINTS = "audit_auditcheckpoint"
HEAD = "audit_auditchainhead"
APPEND_ONLY = (EVENTS, CHECKPOINTS)
MESSAGE = "audit records are append-only"
HEAD_MESSAGE = "the audit chain head only moves forward"

# Refused: another row, a step back or sideways, or a head naming no event with that hash.
HEAD_REFUSED_WHEN = (
    "NEW.id <> OLD.id"
    " OR (OLD.last_id IS NOT NULL AND (NEW.last_id IS NULL OR NEW.last_id <= OLD.last_id))"
    f" OR NOT EXISTS (SELECT 1 FROM {EVENTS} WHERE id = NEW.last_id AND hash = NEW.last_hash)"
)


def _sqlite_install(tables: set[str]) -> list[str]:
    statements = []
    for table in APPEND_ONLY:
        if table not in tables:
            continue
        for verb in ("update", "delete"):
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb} BEFORE {verb.upper()} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
            )
    statements += [
        f"CREATE TRIGGER IF NOT EXISTS {HEAD}_no_delete BEFORE DELETE ON {HEAD} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
        f"CREATE TRIGGER IF NOT EXISTS {HEAD}_forward_only BEFORE UPDATE ON {HEAD} "
        f"WHEN {HEAD_REFUSED_WHEN} BEGIN SELECT RAISE(ABORT, '{HEAD_MESSAGE}'); END;",
    ]
    return statements


def _sqlite_remove(tables: set[str]) -> list[str]:
    names = [f"{table}_no_{verb}" for table in APPEND_ONLY for verb in ("update", "delete")]
    names += [f"{HEAD}_no_delete", f"{HEAD}_forward_only"]
    return [f"DROP TRIGGER IF EXISTS {name};" for name in names]


# restrict_violation (SQLSTATE 23001) surfaces as IntegrityError, as SQLite's RAISE(ABORT) does.
def _postgresql_install(tables: set[str]) -> list[str]:
    statements = [
        "CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation'; END; $$;",
        "CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql "
        f"AS $$ BEGIN IF {HEAD_REFUSED_WHEN} THEN RAISE EXCEPTION '{HEAD_MESSAGE}' "
        "USING ERRCODE = 'restrict_violation'; END IF; RETURN NEW; END; $$;",
    ]
    for table in (*APPEND_ONLY, HEAD):
        if table not in tables:
            continue
        row_function = "audit_head_forward_only" if table == HEAD else "audit_refuse_change"
        row_events = "UPDATE" if table == HEAD else "UPDATE OR DELETE"
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_no_change ON {table};",
            f"CREATE TRIGGER {table}_no_change BEFORE {row_events} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {row_function}();",
            f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table};",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();",
        ]
        if table == HEAD:
            statements.append(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();"
            )
    return statements


def _postgresql_remove(tables: set[str]) -> list[str]:
    statements = []
    for table in (*APPEND_ONLY, HEAD):
        if table not in tables:
            continue
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_{name} ON {table};"
            for name in ("no_change", "no_delete", "no_truncate")
        ]
    return [
        *statements,
        "DROP FUNCTION IF EXISTS audit_refuse_change();",
        "DROP FUNCTION IF EXISTS audit_head_forward_only();",
    ]


STATEMENTS = {
    "sqlite": (_sqlite_install, _sqlite_remove),
    "postgresql": (_postgresql_install, _postgresql_remove),
}


def triggers_install(connection: BaseDatabaseWrapper) -> None:
    """Guard every audit table that exists (migrations add them one by one)."""
    if connection.vendor in STATEMENTS:
        _execute(connection, STATEMENTS[connection.vendor][0](_existing(connection)))


def triggers_remove(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor in STATEMENTS:
        _execute(connection, STATEMENTS[connection.vendor][1](_existing(connection)))


def _existing(connection: BaseDatabaseWrapper) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor)) & {*APPEND_ONLY, HEAD}


def _execute(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
