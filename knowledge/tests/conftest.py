import pytest

from points.factories import EscalationPointFactory


@pytest.fixture
def other_point(reference_data):
    return EscalationPointFactory(
        editorial_title="VMM - Dienst Grondwater",
        search_terms=["grondwater"],
        reporting__organisation="VMM",
    )
