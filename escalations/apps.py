from datetime import timedelta

from django.apps import AppConfig


class EscalationsConfig(AppConfig):
    name = "escalations"
    verbose_name = "Escalaties"

    def ready(self):
        from core import periodic
        from escalations import tasks  # noqa: F401 - registers the outbox sweep with the worker
        from escalations.services import erase_expired_personal_data

        periodic.register(
            "escalaties: persoonsgegevens wissen na de bewaartermijn",
            timedelta(hours=1),
            erase_expired_personal_data,
        )
