from django.db import migrations

from core.roles import sync_roles


def forwards(apps, schema_editor):
    sync_roles(apps)
    # Wagtail's own groups would sit beside ours and confuse a beheerder; drop them unused.
    group_model = apps.get_model("auth", "Group")
    group_model.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("points", "0004_closing_day_permissions"),
        ("knowledge", "0003_initial_home_page"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
