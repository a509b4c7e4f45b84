from django.db import migrations

HOME_INTRO = (
    "Informatie van de Vlaamse overheid over wonen, werk, mobiliteit, natuur en milieu. "
    "Vragen? Bel gratis 1700."
)


def forwards(apps, schema_editor):
    """Turn Wagtail's placeholder page into the public site's home page."""
    page_model = apps.get_model("wagtailcore", "Page")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    home_type, _ = content_type_model.objects.get_or_create(app_label="knowledge", model="homepage")
    page = page_model.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    ).first()
    if page is None:
        return
    page.title = "Vlaanderen.be (demo)"
    page.draft_title = page.title
    page.content_type = home_type
    page.save()
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO knowledge_homepage (page_ptr_id, intro) VALUES (%s, %s)",
            [page.pk, HOME_INTRO],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0002_articlepage_homepage_productpage_topicpage_and_more"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
