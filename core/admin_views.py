"""CMS view sets every app uses: a missing right is a Dutch 403 page, never a redirect."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
)


class ForbiddenInsteadOfRedirectMixin:
    """A user without the right permission gets a 403 page, not a redirect to a form.

    Wagtail turns PermissionDenied into a redirect to the dashboard; for add, edit and
    delete we answer 403 so that nobody mistakes the missing right for a glitch.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(
                request,
                "core/forbidden.html",
                {"model_name": self.model._meta.verbose_name_plural},
                status=403,
            )


class GuardedCreateView(ForbiddenInsteadOfRedirectMixin, CreateView):
    pass


class GuardedEditView(ForbiddenInsteadOfRedirectMixin, EditView):
    pass


class GuardedDeleteView(ForbiddenInsteadOfRedirectMixin, DeleteView):
    pass


class GuardedSnippetViewSet(SnippetViewSet):
    add_view_class = GuardedCreateView
    edit_view_class = GuardedEditView
    delete_view_class = GuardedDeleteView
    inspect_view_enabled = True
