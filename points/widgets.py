"""The weekly phone-hours editor (R17): per weekday its slots, 'Tijdslot toevoegen' and
'Vorige dag kopiëren', without a page reload. Works as plain inputs without JavaScript."""

from django import forms
from django.utils.functional import cached_property

from calendar_engine import WEEKDAY_KEYS, WEEKDAY_NAMES
from points.phone_hours import WeekData, week_errors

DAY_LABELS = dict(zip(WEEKDAY_KEYS, (name.capitalize() for name in WEEKDAY_NAMES), strict=True))


def empty_week() -> WeekData:
    return {key: [] for key in WEEKDAY_KEYS}


def as_time_input(value: str) -> str:
    """An <input type="time"> cannot hold 24:00; 00:00 as an end means midnight."""
    return "00:00" if value == "24:00" else value


class WeeklyHoursWidget(forms.Widget):
    template_name = "points/widgets/weekly_hours.html"

    class Media:
        js = ["points/js/weekly-hours.js"]
        css = {"all": ["points/css/weekly-hours.css"]}

    def input_name(self, name: str, day: str, part: str) -> str:
        return f"{name}__{day}__{part}"

    def value_from_datadict(self, data, files, name) -> WeekData:
        week = empty_week()
        for day in WEEKDAY_KEYS:
            starts = data.getlist(self.input_name(name, day, "start"))
            ends = data.getlist(self.input_name(name, day, "end"))
            week[day] = [
                [start.strip(), end.strip()]
                for start, end in zip(starts, ends, strict=False)
                if start.strip() or end.strip()
            ]
        return week

    def value_omitted_from_data(self, data, files, name) -> bool:
        return not any(key.startswith(f"{name}__") for key in data)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        week = value if isinstance(value, dict) else empty_week()
        context["days"] = [
            {
                "key": key,
                "label": label,
                "index": index,
                "slots": [[start, as_time_input(end)] for start, end in week.get(key, [])],
                "start_name": self.input_name(name, key, "start"),
                "end_name": self.input_name(name, key, "end"),
            }
            for index, (key, label) in enumerate(DAY_LABELS.items())
        ]
        return context


class WeeklyHoursField(forms.Field):
    widget = WeeklyHoursWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> WeekData:
        return value if isinstance(value, dict) else empty_week()

    def validate(self, value: WeekData) -> None:
        super().validate(value)
        errors = [
            f"{DAY_LABELS[day]}: {message}"
            for day, messages in week_errors(value).items()
            for message in messages
        ]
        if errors:
            raise forms.ValidationError(errors)

    @cached_property
    def empty_value(self):
        return empty_week()

    def has_changed(self, initial, data) -> bool:
        return (initial or empty_week()) != (data or empty_week())
