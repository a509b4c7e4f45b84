from django.db import migrations


# Organisations are reference data now (`reference.Organisation`, same table until
# reference 0002 renames it): only Django's picture of the models changes here.
class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_initial_home_page"),
        ("points", "0007_move_reference_data"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="Organisation")],
        )
    ]
