"""R18: the default template '1700' as installed gets the link with which the service
confirms it handled the question ({bevestigingslink}); a template an editor changed is left
alone (a beheerder adds the variable where wanted)."""

from django.db import migrations

from reference.defaults import SERVICE_BODY

REFERENCE_LINE = "Referentie: {referentie}\n\n"
WITH_LINK = SERVICE_BODY.replace(
    REFERENCE_LINE,
    REFERENCE_LINE + "Behandeld? Bevestig het met deze link (zonder aanmelden):\n"
    "{bevestigingslink}\n\n",
)


def forwards(apps, schema_editor):
    template_model = apps.get_model("reference", "EmailTemplate")
    template_model.objects.filter(code="1700", body=SERVICE_BODY).update(body=WITH_LINK)


def backwards(apps, schema_editor):
    template_model = apps.get_model("reference", "EmailTemplate")
    template_model.objects.filter(code="1700", body=WITH_LINK).update(body=SERVICE_BODY)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_roles"),
        ("reference", "0005_default_template_sends_everything"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
