from django.db import migrations

from core.roles import sync_roles

REPORTS_PERMISSION_NAME = "Kan escalatierapporten bekijken"


def forwards(apps, schema_editor):
    """The role Teamleider, and the reports for Beheerder and Teamleider."""
    sync_roles(apps)
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="reports", codename="view_escalation_reports"
    ).update(name=REPORTS_PERMISSION_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("escalations", "0002_roles"),
        ("points", "0010_public_title_follows_editorial_title"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
