"""The CMS side of planned changes (R25): plan, edit and cancel a point's changes, and the
calendar of every upcoming change.

The form shows the parts an editor plans most (handling term and its info, phone number and
transfer, e-mail address, instructions, phone hours) with the same labels, help texts and
widgets as the point's own form, filled in with the published values. What the editor
changes there is the planned change: the parts left as they are stay out of it, so they
keep whatever value they have when the change takes effect. Any other part can be planned
through API v1.
"""

import copy
from datetime import datetime, timedelta
from itertools import groupby

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.widgets import AdminDateTimeInput

from points import planning
from points.document import DocumentError, only_parts, to_data
from points.forms import EscalationPointForm
from points.models import ChangeState, EscalationPoint, ScheduledChange

# The parts the form offers: JSON path -> the point's form field.
FORM_PARTS = {
    "handling_term.working_days": "handling_working_days",
    "handling_term.info": "handling_info",
    "phone.number": "phone_number",
    "phone.transfer_allowed": "phone_transfer_allowed",
    "email.address": "email_address",
    "instructions": "instructions",
    "phone_hours": "weekly_hours",
}
FIELDSETS = (
    ("Behandeltermijn", ("handling_working_days", "handling_info")),
    ("Telefoon en e-mail", ("phone_number", "phone_transfer_allowed", "email_address")),
    ("Telefonische bereikbaarheid", ("weekly_hours",)),
    ("Instructies", ("instructions",)),
)
CALENDAR_DAYS = 92

PLANNED = "De wijziging is gepland op {moment}."
SAVED = "De geplande wijziging is bewaard."
CANCELLED = "De geplande wijziging is geannuleerd: ze wordt nooit toegepast."
NO_RIGHTS = "geplande wijzigingen"


def may_plan(user) -> bool:
    """Planning publishes at the moment: it needs the rights to change and to publish."""
    return user.has_perm("points.change_escalationpoint") and user.has_perm(
        "points.publish_escalationpoint"
    )


def _forbidden(request):
    return TemplateResponse(request, "core/forbidden.html", {"model_name": NO_RIGHTS}, status=403)


def _moment_field(label: str, *, required: bool, help_text: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, help_text=help_text, widget=AdminDateTimeInput
    )


class PlannedChangeForm(forms.Form):
    effective_at = _moment_field(
        "Gaat in op",
        required=True,
        help_text="Het moment waarop de wijziging gepubliceerd wordt, bijv. maandag 08:00.",
    )
    revert_at = _moment_field(
        "Terugdraaien op",
        required=False,
        help_text=(
            "Optioneel: het moment waarop de vorige waarden terugkomen, bijv. na een tijdelijke "
            "behandeltermijn. Leeg = de wijziging blijft."
        ),
    )

    def __init__(self, *args, point: EscalationPoint, planned: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.point = point
        self.published = to_data(point, only=FORM_PARTS)
        for path, name in FORM_PARTS.items():
            self.fields[name] = self._part_field(name)
            self.initial[name] = self._value(planned or {}, path)

    def _part_field(self, name: str) -> forms.Field:
        if name == "weekly_hours":
            return copy.deepcopy(EscalationPointForm.base_fields["weekly_hours"])
        field = EscalationPoint._meta.get_field(name).formfield(required=False)
        if isinstance(field, forms.TypedChoiceField):  # Ja/Nee as in the point's form
            field.widget = forms.RadioSelect(choices=field.choices)
        return field

    def _value(self, planned: dict, path: str):
        """The value the form starts from: the planned one, else the published one."""
        for values in (planned, self.published):
            value = only_parts(values, [path])
            if value:
                for key in path.split("."):
                    value = value[key]
                return value
        return None

    def fieldsets(self):
        return [(title, [self[name] for name in names]) for title, names in FIELDSETS]

    def changes(self) -> dict:
        """The parts whose value differs from the published one."""
        proposed: dict = {}
        for path, name in FORM_PARTS.items():
            value = self.cleaned_data.get(name)
            if value is None and name == "handling_working_days":
                continue
            if value != self._value({}, path):
                keys = path.split(".")
                target = proposed
                for key in keys[:-1]:
                    target = target.setdefault(key, {})
                target[keys[-1]] = value
        return proposed

    def add_document_errors(self, errors: dict[str, list[str]]) -> None:
        fields = {f"changes.{path}": name for path, name in FORM_PARTS.items()}
        fields.update(effective_at="effective_at", revert_at="revert_at")
        for path, messages_ in errors.items():
            name = fields.get(path)
            for message in messages_:
                if name:
                    self.add_error(name, message)
                else:
                    label = planning.part_label(path.removeprefix("changes."))
                    prefix = "" if path in ("changes", "point") else f"{label.capitalize()}: "
                    self.add_error(None, prefix + message)


def _edit_url(point_id: int) -> str:
    url = reverse("wagtailsnippets_points_escalationpoint:edit", args=[point_id])
    return f"{url}#tab-geplande_wijzigingen"


def _save(request, form: PlannedChangeForm, change: ScheduledChange | None):
    arguments = {
        "user": request.user,
        "effective_at": form.cleaned_data["effective_at"],
        "revert_at": form.cleaned_data.get("revert_at"),
        "changes": form.changes(),
    }
    if change is None:
        change = planning.plan_change(point=form.point, **arguments)
        moment = timezone.localtime(change.effective_at)
        messages.success(request, PLANNED.format(moment=f"{moment:%d-%m-%Y %H:%M}"))
    else:
        planning.update_change(change=change, **arguments)
        messages.success(request, SAVED)
    return change


def _form_view(request, point: EscalationPoint, change: ScheduledChange | None):
    planned = change.changes if change else None
    initial = {"effective_at": change.effective_at, "revert_at": change.revert_at} if change else {}
    form = PlannedChangeForm(request.POST or None, point=point, planned=planned, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, form, change)
        except DocumentError as error:
            form.add_document_errors(error.errors)
        except planning.ChangeNotEditable as error:
            messages.error(request, error.message)
        else:
            return redirect(_edit_url(point.pk))
    return TemplateResponse(
        request,
        "points/planned/form.html",
        {"form": form, "point": point, "change": change, "back_url": _edit_url(point.pk)},
    )


def plan_view(request, point_id: int):
    if not may_plan(request.user):
        return _forbidden(request)
    point = get_object_or_404(EscalationPoint, pk=point_id)
    return _form_view(request, point, None)


def edit_view(request, change_id: int):
    if not may_plan(request.user):
        return _forbidden(request)
    change = get_object_or_404(ScheduledChange.objects.select_related("point"), pk=change_id)
    if not change.is_editable:
        messages.error(request, planning.ChangeNotEditable(change).message)
        return redirect(_edit_url(change.point_id))
    return _form_view(request, change.point, change)


def cancel_view(request, change_id: int):
    if not may_plan(request.user):
        return _forbidden(request)
    change = get_object_or_404(ScheduledChange.objects.select_related("point"), pk=change_id)
    if request.method == "POST":
        try:
            planning.cancel_change(change=change)
        except planning.ChangeNotEditable as error:
            messages.error(request, error.message)
        else:
            messages.success(request, CANCELLED)
        return redirect(_edit_url(change.point_id))
    return TemplateResponse(
        request,
        "points/planned/cancel.html",
        {
            "change": change,
            "parts": planning.describe(change.changes),
            "back_url": _edit_url(change.point_id),
        },
    )


# --- Calendar ---------------------------------------------------------------------------------


class Moment:
    """One moment of the calendar: a change takes effect, or is undone."""

    def __init__(self, change: ScheduledChange, at: datetime, *, undo: bool):
        self.change = change
        self.at = timezone.localtime(at)
        self.undo = undo
        if undo and change.previous:
            self.parts = planning.describe(change.previous)
        elif undo:  # known once the change has taken effect
            self.parts = [
                (label, "de waarde van vlak ervoor") for label in planning.change_labels(change)
            ]
        else:
            self.parts = planning.describe(change.changes)

    @property
    def what(self) -> str:
        return "Terugdraaien" if self.undo else "Ingaan"


def upcoming_moments(changes, *, since: datetime, until: datetime) -> list[Moment]:
    """Every moment to come of the given changes between `since` and `until`, in order."""
    moments = []
    for change in changes:
        if change.state == ChangeState.PLANNED and change.effective_at < until:
            moments.append(Moment(change, change.effective_at, undo=False))
        if change.revert_at and since <= change.revert_at < until:
            moments.append(Moment(change, change.revert_at, undo=True))
    return sorted(moments, key=lambda moment: (moment.at, moment.change.pk))


def calendar_view(request):
    if not may_plan(request.user):
        return _forbidden(request)
    now = timezone.now()
    until = now + timedelta(days=CALENDAR_DAYS)
    changes = ScheduledChange.objects.pending().select_related("point", "planned_by")
    moments = upcoming_moments(changes, since=now, until=until)
    days = [(day, list(items)) for day, items in groupby(moments, key=lambda m: m.at.date())]
    failed = ScheduledChange.objects.filter(
        state=ChangeState.FAILED, failed_at__gte=now - timedelta(days=14)
    ).select_related("point", "planned_by")
    return TemplateResponse(
        request,
        "points/planned/calendar.html",
        {"days": days, "failed": failed, "until": until, "today": timezone.localdate()},
    )
