from django.db import migrations

from workflows.audit.triggers import triggers_install, triggers_remove


def install(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        triggers_install(schema_editor.connection)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        triggers_remove(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, remove),
    ]
