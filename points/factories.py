"""factory_boy factories for escalation points, written as the API's JSON document.

`PointDocumentFactory()` gives a complete, publishable point as JSON (a fresh dict each
call); `EscalationPointFactory(...)` saves such a document through
`points.services.create_or_update_point`, so a factory-made point passes the same rules
and gets the same Wagtail revisions as one saved through the API or the admin. Points are
published unless `status="draft"`.

Override a whole part (`phone={"number": ""}`) or one key of it (`phone__number="02 553
21 00"`, `reporting__organisation="VMM"`). The reference rows the default document names
(ANB, domain Natuur, theme Jacht) are created when missing.
"""

from datetime import date, timedelta

import factory

from points.document import apply_data
from points.models import EscalationPoint
from points.services import create_or_update_point
from reference.factories import EditorialDomainFactory, OrganisationFactory, ReportingThemeFactory

OFFICE_HOURS = [["09:00", "12:00"], ["13:00", "16:00"]]


def days_ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


class PointDocumentFactory(factory.DictFactory):
    """A complete, publishable escalation point in the API's JSON shape."""

    status = "published"
    editorial_title = "ANB - Team Jacht"
    instructions = "Escalatie per mail? Vermeld altijd rijksregisternummer."
    content = "Agentschap voor Natuur en Bos\nJachtverlof"
    phone = factory.Dict({"number": "011 12 34 56"})
    email = factory.Dict({"address": "jacht@anb.example.be"})
    phone_hours = factory.Dict({"mon": factory.LazyFunction(lambda: list(OFFICE_HOURS))})
    handling_term = factory.Dict(
        {"info": "Voor dossiers die meer onderzoek vereisen, duurt het langer."}
    )
    search_terms = factory.LazyFunction(lambda: ["jachtverlof"])
    reporting = factory.Dict(
        {
            "editorial_domains": factory.LazyFunction(
                lambda: [EditorialDomainFactory(name="Natuur").name]
            ),
            "theme": factory.LazyFunction(lambda: ReportingThemeFactory(name="Jacht").name),
            "organisation": factory.LazyFunction(
                lambda: (
                    OrganisationFactory(
                        abbreviation="ANB", name="Agentschap voor Natuur en Bos"
                    ).abbreviation
                )
            ),
        }
    )
    agreements = factory.Dict(
        {"date": factory.LazyFunction(lambda: days_ago(7)), "with": "Diensthoofd Team Jacht"}
    )


# Tests with fixed dates in December 2026 save their exceptions as on this day, so that the
# periods are still to come however late the suite runs (a period that is over is refused).
PLANNING_DAY = "2026-11-30T09:00:00+01:00"


class ExceptionDocumentFactory(factory.DictFactory):
    """A period of deviating availability (R16) in the document's JSON shape: by default
    no phone on Thursday 10 December 2026, midnight to midnight. Save it while travelling to
    PLANNING_DAY."""

    starts_at = "2026-12-10T00:00:00+01:00"
    ends_at = "2026-12-11T00:00:00+01:00"
    channel = "phone"
    message = "Telefonisch niet bereikbaar."


class ContactPersonDocumentFactory(factory.DictFactory):
    """A contact person (R19) in the document's JSON shape."""

    name = "Lies Vermeulen"
    role = "Diensthoofd"
    email = "lies@example.be"
    phone = "011 12 34 99"


class EscalationPointFactory(PointDocumentFactory):
    """An escalation point saved through the service, as the API saves one."""

    class Meta:
        model = EscalationPoint

    @classmethod
    def _build(cls, model_class, *args, **document):
        """An unsaved point with the document applied in memory."""
        point = model_class()
        apply_data(point, document)
        return point

    @classmethod
    def _create(cls, model_class, *args, **document):
        return create_or_update_point(data=document, user=None)
