from django.db import migrations

from core.roles import sync_roles


def forwards(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("points", "0003_closing_days_and_exception_hours")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
