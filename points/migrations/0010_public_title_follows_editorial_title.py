from django.db import migrations
from django.db.models import F


def forwards(apps, schema_editor):
    """R2: a public title equal to the editorial title is stored empty, so that it follows
    the editorial title from now on."""
    point_model = apps.get_model("points", "EscalationPoint")
    point_model.objects.filter(public_title=F("editorial_title")).update(public_title="")


class Migration(migrations.Migration):
    dependencies = [("points", "0009_beheerder_unlocks_logins")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
