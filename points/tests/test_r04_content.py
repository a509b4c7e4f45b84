"""R4: the content's subjects, one per line, appear as a list on the agent's card."""

import pytest
from django.urls import reverse

from points.services import create_or_update_point

pytestmark = pytest.mark.django_db


def test_r04_the_card_lists_the_subjects_and_the_full_entity_name(client, voorlichter, point_data):
    point_data["content"] = "Agentschap voor Natuur en Bos\n- Jachtverlof\n\n• Wildschade"
    point = create_or_update_point(data=point_data, user=None)
    client.force_login(voorlichter)
    html = client.get(reverse("console:point", args=[point.pk])).content.decode()
    subjects = html.split('<ul class="card__content">', 1)[1].split("</ul>", 1)[0]
    assert [line.strip() for line in subjects.split("<li>")[1:]] == [
        "Agentschap voor Natuur en Bos</li>",
        "Jachtverlof</li>",
        "Wildschade</li>",
    ]
