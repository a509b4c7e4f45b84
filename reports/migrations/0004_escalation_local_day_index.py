"""An expression index on the local day of an escalation (PostgreSQL only).

The reports group a year of escalations per local day (`TruncDay(..., tzinfo=Brussels)`,
the same expression). Without statistics on that expression the planner expects about as
many groups as rows, and plans one slow, single-process aggregate with spilling partitions;
ANALYZE keeps statistics for an expression index, so with it the planner knows there are
some 365 days and aggregates in parallel (measured with a million escalations in
`manage.py bench_reports`: see docs/operations.md). It lives here because the reports need
it; the escalations app does not know about it. SQLite plans without it.
"""

from django.db import migrations

INDEX = "reports_escalation_local_day"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON escalations_escalation "
    "((date_trunc('day', created_at AT TIME ZONE 'Europe/Brussels')))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_confirmation_link_in_default_template")]

    operations = [migrations.RunPython(create, drop)]
