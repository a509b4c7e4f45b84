from datetime import timedelta

from django.apps import AppConfig

# How often a worker looks for planned changes that are due (R25): a change takes effect
# within this time (plus the worker's housekeeping pause) after its moment.
PLANNED_CHANGES_EVERY = timedelta(seconds=5)


class PointsConfig(AppConfig):
    name = "points"
    verbose_name = "Escalatiepunten"

    def ready(self):
        # Models are loaded only now; the cache of published schedules listens to them.
        from core import periodic
        from points import schedules
        from points.planning import apply_due_changes

        schedules.connect_signals()
        periodic.register(
            "escalatiepunten: geplande wijzigingen toepassen",
            PLANNED_CHANGES_EVERY,
            apply_due_changes,
        )
