from django.db import migrations

from core.roles import sync_roles


def forwards(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    """Voorlichters lose access to the CMS: they see published points in the console."""

    dependencies = [
        ("points", "0007_move_reference_data"),
        ("reference", "0002_own_tables_and_permissions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
