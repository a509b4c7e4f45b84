from django.db import migrations

from core.roles import sync_roles


def forwards(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("escalations", "0001_initial"),
        ("points", "0010_public_title_follows_editorial_title"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
