from django.db import migrations

from reference.defaults import ensure_defaults
from core.roles import sync_roles


def forwards(apps, schema_editor):
    ensure_defaults(apps, app_label="points")
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("points", "0001_initial"),
        ("knowledge", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
