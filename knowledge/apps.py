from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = "Kennis"

    def ready(self):
        # The agents' search index follows every publish, unpublish, move and delete in the
        # same transaction (knowledge.search_index).
        from knowledge import search_index

        search_index.connect_signals()
