from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "console"
    verbose_name = "Contactcenter"

    def ready(self):
        # Models are loaded only now; the console's caches listen to them.
        from console import access, card_cache, escalation_views, invalidation

        invalidation.connect_signals()
        access.connect_signals()
        card_cache.connect_signals()
        escalation_views.connect_signals()
