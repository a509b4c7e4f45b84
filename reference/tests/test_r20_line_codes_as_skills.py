"""R20: line codes are agents' skills. A beheerder gives a line to agents or to a group
(team) of agents on the line code's form in the CMS; the console and the API then know the
agent's own lines."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser, Group, User

from core import roles
from reference.factories import LineCodeFactory
from reference.models import LineCode

pytestmark = pytest.mark.django_db


def edit_url(line: LineCode) -> str:
    return f"/cms/snippets/reference/linecode/edit/{line.pk}/"


def form_data(line: LineCode, *, agents=(), groups=()) -> dict:
    return {
        "code": line.code,
        "name": line.name,
        "agents": [agent.pk for agent in agents],
        "groups": [group.pk for group in groups],
    }


@pytest.fixture
def manager(client, beheerder):
    client.force_login(beheerder)
    return client


def test_r20_a_beheerder_gives_a_line_to_an_agent(manager, voorlichter):
    wonen = LineCodeFactory(code="WONEN", name="Wonen en energie")

    response = manager.post(edit_url(wonen), form_data(wonen, agents=[voorlichter]))

    assert response.status_code == 302
    assert list(LineCode.objects.of_agent(voorlichter).values_list("code", flat=True)) == ["WONEN"]


def test_r20_a_line_given_to_a_team_reaches_every_agent_in_it(manager, voorlichter):
    team = Group.objects.create(name="Team Wonen")
    voorlichter.groups.add(team)
    wonen = LineCodeFactory(code="WONEN", name="Wonen en energie")
    werk = LineCodeFactory(code="WERK", name="Werk en sociale economie")
    werk.agents.add(voorlichter)

    manager.post(edit_url(wonen), form_data(wonen, groups=[team]))

    codes = list(LineCode.objects.of_agent(voorlichter).values_list("code", flat=True))
    assert codes == ["WERK", "WONEN"]


def test_r20_the_console_marks_the_same_own_lines(voorlichter, redacteur):
    team = Group.objects.create(name="Team Wonen")
    voorlichter.groups.add(team)
    LineCodeFactory(code="WONEN").groups.add(team)
    LineCodeFactory(code="WERK").agents.add(voorlichter)
    LineCodeFactory(code="ZORG").agents.add(redacteur)

    for user in (voorlichter, redacteur, AnonymousUser()):
        marked = LineCode.objects.with_own(user).filter(own=True).order_by("code")
        assert list(marked.values_list("code", flat=True)) == list(
            LineCode.objects.of_agent(user).values_list("code", flat=True)
        )


def test_r20_a_line_given_twice_is_listed_once(voorlichter):
    team = Group.objects.create(name="Team Wonen")
    voorlichter.groups.add(team)
    wonen = LineCodeFactory(code="WONEN")
    wonen.agents.add(voorlichter)
    wonen.groups.add(team)

    assert LineCode.objects.of_agent(voorlichter).count() == 1


def test_r20_only_active_voorlichters_are_offered(manager, voorlichter, redacteur):
    gone = User.objects.create_user("vertrokken", is_active=False)
    gone.groups.add(Group.objects.get(name=roles.VOORLICHTER))
    wonen = LineCodeFactory(code="WONEN")

    html = manager.get(edit_url(wonen)).content.decode()

    offered = {box["value"] for box in BeautifulSoup(html, "html.parser").select('[name="agents"]')}
    assert offered == {str(voorlichter.pk)}


def test_r20_someone_else_than_a_voorlichter_is_refused(manager, redacteur):
    wonen = LineCodeFactory(code="WONEN")

    response = manager.post(edit_url(wonen), form_data(wonen, agents=[redacteur]))

    assert response.status_code == 200
    assert "is geen beschikbare keuze" in response.content.decode()
    assert not wonen.agents.exists()


def test_r20_a_redacteur_cannot_hand_out_lines(client, redacteur, voorlichter):
    client.force_login(redacteur)
    wonen = LineCodeFactory(code="WONEN")

    response = client.post(edit_url(wonen), form_data(wonen, agents=[voorlichter]))

    assert response.status_code == 403
    assert not wonen.agents.exists()


def test_r20_an_anonymous_visitor_has_no_lines():
    LineCodeFactory(code="WONEN")
    assert not LineCode.objects.of_agent(AnonymousUser()).exists()
