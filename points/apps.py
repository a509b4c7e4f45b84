from django.apps import AppConfig


class PointsConfig(AppConfig):
    name = "points"
    verbose_name = "Escalatiepunten"

    def ready(self):
        # Models are loaded only now; the cache of published schedules listens to them.
        from points import schedules

        schedules.connect_signals()
