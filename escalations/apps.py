from django.apps import AppConfig


class EscalationsConfig(AppConfig):
    name = "escalations"
    verbose_name = "Escalaties"

    def ready(self):
        from escalations import tasks  # noqa: F401 - registers the outbox sweep with the worker
