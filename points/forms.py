from wagtail.admin.forms import WagtailAdminModelForm

from points import rules


class EscalationPointForm(WagtailAdminModelForm):
    """The admin form: publish-only rules run when the editor publishes, not on a draft."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
