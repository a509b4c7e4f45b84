"""A known set of escalations in November 2026 (local days, Europe/Brussels), and the roles
that may or may not see the reports.

  # moment (local)  organisation theme domains        line  channel  agent  else
  1 02-11 10:00      ANB          Jacht Natuur         1700  transfer an
  2 02-11 18:00      ANB          Jacht Natuur, Milieu 1700  transfer an     outside the hours
  3 10-11 09:00      ANB          Jacht Natuur         WONEN e-mail   bert   due 17-11,
                                                                            confirmed 18-11
                                                                            00:30 (late)
  4 16-11 00:30      VMM          Water Milieu         WONEN CRM      bert   failed (15-11 UTC)
  5 20-11 10:00      VMM          Water -              1700  e-mail   an     due 27-11, late
  6 25-11 14:00      (deleted)    -     -              -     transfer -
  7 26-11 10:00      ANB          Jacht Natuur         1700  e-mail   an     due 03-12, open
  8 12-11 10:00      ANB          Jacht -              1700  CRM      bert   due 19-11,
                                                                            confirmed 19-11
  - 31-10 23:30 and 01-12 00:10: ANB, Jacht, Natuur, 1700, transfer, an: outside November.

Today is Monday 30 November 2026.
"""

from datetime import date, datetime

import pytest
import time_machine

from calendar_engine import BRUSSELS
from conftest import make_user
from core import roles
from reference.factories import (
    EditorialDomainFactory,
    LineCodeFactory,
    OrganisationFactory,
    ReportingThemeFactory,
)
from reference.models import LineCode
from reports.factories import EscalationRecordFactory, confirm_at

TODAY = "2026-11-30T12:00:00+01:00"
NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BRUSSELS)


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def agents(db):
    an = make_user("an", roles.VOORLICHTER)
    an.first_name, an.last_name = "An", "Peeters"
    an.save()
    bert = make_user("bert", roles.VOORLICHTER)
    bert.first_name, bert.last_name = "Bert", "Claes"
    bert.save()
    return {"an": an, "bert": bert}


@pytest.fixture
def known(db, agents, today):
    anb = OrganisationFactory(abbreviation="ANB", name="Agentschap voor Natuur en Bos")
    vmm = OrganisationFactory(abbreviation="VMM", name="Vlaamse Milieumaatschappij")
    jacht, water = ReportingThemeFactory(name="Jacht"), ReportingThemeFactory(name="Water")
    natuur, milieu = EditorialDomainFactory(name="Natuur"), EditorialDomainFactory(name="Milieu")
    line_1700 = LineCode.objects.get(code="1700")
    wonen = LineCodeFactory(code="WONEN", name="Wonen en energie")
    an, bert = agents["an"], agents["bert"]
    anb_jacht = {"reporting_organisation": anb, "reporting_theme": jacht}
    vmm_water = {"reporting_organisation": vmm, "reporting_theme": water}

    def record(moment, **fields):
        return EscalationRecordFactory(created_at=local(moment), **fields)

    rows = {
        1: record("2026-11-02T10:00", **anb_jacht, domains=[natuur], line_code=line_1700, agent=an),
        2: record(
            "2026-11-02T18:00",
            **anb_jacht,
            domains=[natuur, milieu],
            line_code=line_1700,
            agent=an,
            route_possible=False,
            reason="Burger dringend, dienst had het afgesproken.",
        ),
        3: record(
            "2026-11-10T09:00",
            **anb_jacht,
            domains=[natuur],
            line_code=wonen,
            agent=bert,
            email=True,
            due_date=date(2026, 11, 17),
        ),
        4: record(
            "2026-11-16T00:30",
            **vmm_water,
            domains=[milieu],
            line_code=wonen,
            agent=bert,
            crm=True,
            state="failed",
            due_date=date(2026, 11, 23),
        ),
        5: record(
            "2026-11-20T10:00",
            **vmm_water,
            line_code=line_1700,
            agent=an,
            email=True,
            due_date=date(2026, 11, 27),
        ),
        6: record("2026-11-25T14:00", point_title="Opgeheven - Punt"),
        7: record(
            "2026-11-26T10:00",
            **anb_jacht,
            domains=[natuur],
            line_code=line_1700,
            agent=an,
            email=True,
            state="queued",
            due_date=date(2026, 12, 3),
        ),
        8: record(
            "2026-11-12T10:00",
            **anb_jacht,
            line_code=line_1700,
            agent=bert,
            crm=True,
            due_date=date(2026, 11, 19),
        ),
    }
    for moment in ("2026-10-31T23:30", "2026-12-01T00:10"):
        record(moment, **anb_jacht, domains=[natuur], line_code=line_1700, agent=an)
    confirm_at(rows[3], local("2026-11-18T00:30"))
    confirm_at(rows[8], local("2026-11-19T10:00"), via="crm")
    return {"rows": rows, "anb": anb, "vmm": vmm, "natuur": natuur, "wonen": wonen, "an": an}
