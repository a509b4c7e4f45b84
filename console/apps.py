from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "console"
    verbose_name = "Contactcenter"

    def ready(self):
        # Models are loaded only now; the cache of rendered cards listens to them.
        from console import card_cache

        card_cache.connect_signals()
