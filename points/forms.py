from wagtail.admin.forms import WagtailAdminModelForm

from points import phone_hours, rules
from points.widgets import WeeklyHoursField


class EscalationPointForm(WagtailAdminModelForm):
    """The admin form: publish-only rules run when the editor publishes, not on a draft."""

    weekly_hours = WeeklyHoursField(
        label="Telefonische bereikbaarheid",
        help_text=(
            "Uren waarin voorlichters mogen doorschakelen. 'Tijdslot toevoegen' maakt bijv. "
            "onderscheid tussen voor- en namiddag; 'Vorige dag kopiëren' neemt de uren van de "
            "vorige dag over. Een einde van 00:00 betekent middernacht."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "weekly_hours" in self.fields:
            self.initial["weekly_hours"] = phone_hours.week_from_slots(
                self.instance.time_slots.all()
            )
        if not self.instance.pk and "line_codes" in self.fields and not self.is_bound:
            self.initial.setdefault("line_codes", [code.pk for code in rules.default_line_codes()])

    def _post_clean(self):
        super()._post_clean()
        if self.is_deferred_validation:
            return
        line_codes = self.cleaned_data.get("line_codes")
        for field, messages in rules.publish_errors(self.instance, line_codes=line_codes).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)

    def save(self, commit=True):
        if "weekly_hours" in self.fields and "weekly_hours" in self.cleaned_data:
            self.instance.set_phone_hours(self.cleaned_data["weekly_hours"])
        return super().save(commit=commit)
