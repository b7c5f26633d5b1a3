from django.db import migrations

# Viewflow's task table is not ours to declare indexes on in a model; the archive ("tasks I
# finished, newest first") needs one for approvers with hundreds of thousands of tasks.
CREATE = "CREATE INDEX IF NOT EXISTS engine_task_owner_finished ON viewflow_task (owner_id, finished)"
DROP = "DROP INDEX IF EXISTS engine_task_owner_finished"


class Migration(migrations.Migration):
    dependencies = [
        ("engine", "0001_initial"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
