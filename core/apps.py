from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every part of the product shares: the roles and the CMS's guarded views."""

    name = "core"
    verbose_name = "Basis"
