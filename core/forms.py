from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with every label in Dutch."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Wachtwoord"
        self.fields["password"].widget.attrs["placeholder"] = "Je wachtwoord"
