"""Signals of the escalations, for what is sent without a model's save (a queryset update)."""

from django.dispatch import Signal

# An escalation's state changed by an update (its message to the service delivered or
# failed); sent with `escalation_id`, inside the transaction that made the change.
escalation_state_changed = Signal()
