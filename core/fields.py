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


class ShownAs:
    """str(row) is the value of its field `shown_as`: what the CMS shows in lists, choosers
    and history."""

    shown_as = "name"

    def __str__(self):
        return str(getattr(self, self.shown_as))


def choice_field(label: str, choices, *, default, help_text: str = "") -> models.CharField:
    """One of a few coded choices (a TextChoices, or (value, label) pairs)."""
    choices = getattr(choices, "choices", choices)
    return models.CharField(
        label, max_length=10, choices=choices, default=default, help_text=help_text
    )
