"""Model fields the apps declare alike, so each is written once."""

from django.db import models

from core.choices import YES_NO


def yes_no_field(label: str, *, default: bool, help_text: str) -> models.BooleanField:
    """A Ja/Nee question as the guideline asks it; the CMS shows two radio buttons."""
    return models.BooleanField(label, choices=YES_NO, default=default, help_text=help_text)


def optional_reference(
    to, label: str, *, on_delete, related_name: str, help_text: str = "", **options
) -> models.ForeignKey:
    """A reference that may be left empty."""
    options.update(verbose_name=label, null=True, blank=True, help_text=help_text)
    return models.ForeignKey(to, on_delete=on_delete, related_name=related_name, **options)
