"""The default template '1700' as first installed named only {titel}, {vraag}, {burger},
{behandeltermijn} and {referentie}; now that escalations are sent, an unchanged default gets
the full message (a template an editor changed is left alone)."""

from django.db import migrations

from reference.defaults import DEFAULT_TEMPLATE, SERVICE_BODY


def forwards(apps, schema_editor):
    template_model = apps.get_model("reference", "EmailTemplate")
    template_model.objects.filter(code="1700", body=DEFAULT_TEMPLATE["body"]).update(
        body=SERVICE_BODY
    )


class Migration(migrations.Migration):
    dependencies = [("reference", "0004_email_template_citizen_confirmation")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
