import pytest
from wagtail.models import Page

from knowledge.models import HomePage, TopicPage
from points.services import create_or_update_point


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def point(point_data):
    return create_or_update_point(data=point_data, user=None)


@pytest.fixture
def other_point(point_data):
    point_data.update(editorial_title="VMM - Dienst Grondwater", search_terms=["grondwater"])
    point_data["reporting"]["organisation"] = "VMM"
    return create_or_update_point(data=point_data, user=None)


@pytest.fixture
def topic(home) -> Page:
    page = TopicPage(title="Jagen", slug="jagen", intro="Alles over jagen.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
