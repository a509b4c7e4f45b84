"""The weekly phone-hours editor (R17): per weekday its slots, 'Tijdslot toevoegen' and
'Vorige dag kopiëren', without a page reload. Works as plain inputs without JavaScript.

Times are text inputs that always read 24-hour HH:MM: a browser's <input type="time">
shows 13:00 as "01:00" under a 12-hour locale. Short forms are understood: 9 is 09:00,
930 is 09:30."""

from django import forms
from django.utils.functional import cached_property

from calendar_engine import WEEKDAY_KEYS, WEEKDAY_NAMES, tidy_time_text
from points.phone_hours import WeekData, week_errors

DAY_LABELS = dict(zip(WEEKDAY_KEYS, (name.capitalize() for name in WEEKDAY_NAMES), strict=True))


def empty_week() -> WeekData:
    return {key: [] for key in WEEKDAY_KEYS}


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
                [tidy_time_text(start), tidy_time_text(end)]
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
                "slots": week.get(key, []),
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
