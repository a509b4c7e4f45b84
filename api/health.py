"""GET /api/v1/health: the editorial findings (issue 12), for editors' own tools."""

from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from api.points import require
from api.schemas import ErrorOut
from core.text import clean_text
from knowledge import health
from reference.models import Organisation

router = Router(tags=["redactionele gezondheid"])

NO_HEALTH = "Je hebt geen rechten om de redactionele gezondheid te bekijken."
UNKNOWN_RULE = "Onbekende regel. Mogelijk: {rules}."
UNKNOWN_ORGANISATION = "Onbekende rapporteringsorganisatie: geef de afkorting, bijv. ANB."


class HealthFilters(Schema):
    rule: str = ""
    organisation: str = ""


class FindingOut(Schema):
    point: int
    rule: str
    message: str
    title: str
    tab: str
    in_draft: bool


@router.get(
    "",
    response={200: list[FindingOut], 400: ErrorOut},
    summary="Bevindingen: escalatiepunten die een regel van de richtlijn niet volgen",
)
def list_findings(request, filters: Query[HealthFilters]):
    """Every published or draft point that breaks a rule or a recommendation, with the rule,
    a Dutch explanation and the tab of the form where it is fixed. A point with a draft is
    judged on its draft (`in_draft`)."""
    require(request, "change", NO_HEALTH)
    rule = clean_text(filters.rule).strip().upper()
    if rule and rule not in health.RULES:
        raise HttpError(400, UNKNOWN_RULE.format(rules=", ".join(health.RULES)))
    organisation_id = None
    abbreviation = clean_text(filters.organisation).strip()
    if abbreviation:
        organisation_id = (
            Organisation.objects.filter(abbreviation__iexact=abbreviation)
            .values_list("pk", flat=True)
            .first()
        )
        if organisation_id is None:
            raise HttpError(400, UNKNOWN_ORGANISATION)
    return Status(
        200,
        [
            {
                "point": finding.point_id,
                "rule": finding.rule,
                "message": finding.message,
                "title": finding.title,
                "tab": finding.tab,
                "in_draft": finding.in_draft,
            }
            for finding in health.findings(rule=rule, organisation_id=organisation_id)
        ],
    )
