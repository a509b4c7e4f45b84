from django import forms

from core.forms import LoginForm

VIEW_POINTS = "points.view_escalationpoint"
NO_ACCESS = (
    "Je hebt geen toegang tot de contactcentersite. Vraag een beheerder om de rol Voorlichter."
)


class ConsoleLoginForm(LoginForm):
    """The CMS's login form (so django-axes throttles it the same way), refusing users
    who may not read escalation points."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.has_perm(VIEW_POINTS):
            raise forms.ValidationError(NO_ACCESS, code="no_access")
