from wagtail.snippets.models import register_snippet

from core.admin_views import GuardedSnippetViewSet
from knowledge.models import Question


class QuestionViewSet(GuardedSnippetViewSet):
    model = Question
    icon = "help"
    menu_label = "Vragen"
    menu_order = 155
    add_to_admin_menu = True
    list_display = ["question", "topic"]


register_snippet(QuestionViewSet)
