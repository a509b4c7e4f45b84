from django import forms
from wagtail.admin.panels import FieldPanel


def radio(field_name: str) -> FieldPanel:
    """A field with few choices (Ja/Nee, Gesloten/Open) as radio buttons."""
    return FieldPanel(field_name, widget=forms.RadioSelect)
