from django.db import migrations

from core.roles import sync_roles

# model -> the app it lived in before it moved here
MOVED_FROM = {
    "editorialdomain": "points",
    "emailtemplate": "points",
    "linecode": "points",
    "reportingtheme": "points",
    "closingday": "points",
    "organisation": "knowledge",
}


def move_content_types(apps, schema_editor):
    """Permissions, revisions and the reference index follow a model through its content
    type: rename it in place, or merge into one a later step already created."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    for model, old_app in MOVED_FROM.items():
        old = content_type_model.objects.filter(app_label=old_app, model=model).first()
        if old is None:
            continue
        new = content_type_model.objects.filter(app_label="reference", model=model).first()
        if new is None:
            old.app_label = "reference"
            old.save(update_fields=["app_label"])
            continue
        for permission in permission_model.objects.filter(content_type=old):
            twin = permission_model.objects.filter(
                content_type=new, codename=permission.codename
            ).first()
            if twin is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            for group in permission.group_set.all():
                group.permissions.add(twin)
            for user in permission.user_set.all():
                user.user_permissions.add(twin)
            permission.delete()
        old.delete()


def forwards(apps, schema_editor):
    move_content_types(apps, schema_editor)
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0001_initial"),
        ("points", "0007_move_reference_data"),
        ("knowledge", "0004_delete_organisation"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        *(migrations.AlterModelTable(name=model, table=None) for model in MOVED_FROM),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
