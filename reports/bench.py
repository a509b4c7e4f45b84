"""The reports' benchmark data: a year of escalations for a whole contact center, written
with PostgreSQL's COPY (a million rows in about a minute), and the timing of the reports.

Spread as a contact center's year is: more on weekdays and office hours, organisations,
themes and lines after a long-tailed (Zipf-like) popularity, 150 agents, 55 % transfers
(4 % of them outside the hours with a reason), 45 % e-mail escalations (a quarter to a CRM,
2 % of deliveries failed), one to three editorial domains per escalation or none, and
three quarters of the e-mails confirmed by the service, most of them on time.
"""

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection

from calendar_engine import BRUSSELS
from reference.models import EditorialDomain, LineCode, Organisation, ReportingTheme
from reports import queries
from reports.periods import Period

ORGANISATIONS = 60
THEMES = 40
DOMAINS = 25
LINES = 15
AGENTS = 150
DAYS = 365
CHUNK = 100_000

ESCALATION_COLUMNS = [
    "id",
    "created_at",
    "channel",
    "point_title",
    "agent_id",
    "line_code_id",
    "reporting_organisation_id",
    "reporting_theme_id",
    "contact_closed",
    "route_possible",
    "reason",
    "state",
    "idempotency_key",
    "delivery",
    "service_address",
    "working_days",
    "due_date",
    "citizen_name",
    "citizen_email",
    "citizen_phone",
    "citizen_national_number",
    "question",
    "internal_note",
]


def zipf_weights(count: int) -> list[float]:
    return [1 / (rank + 1) for rank in range(count)]


def reference_rows(prefix: str = "BENCH") -> dict[str, list[int]]:
    """The organisations, themes, domains, lines and agents the escalations name."""
    organisations = [
        Organisation.objects.get_or_create(
            abbreviation=f"{prefix}{n:02d}", defaults={"name": f"Benchmarkorganisatie {n:02d}"}
        )[0].pk
        for n in range(ORGANISATIONS)
    ]
    themes = [
        ReportingTheme.objects.get_or_create(name=f"Benchmarkthema {n:02d}")[0].pk
        for n in range(THEMES)
    ]
    domains = [
        EditorialDomain.objects.get_or_create(name=f"Benchmarkdomein {n:02d}")[0].pk
        for n in range(DOMAINS)
    ]
    lines = [
        LineCode.objects.get_or_create(
            code=f"B{n:02d}", defaults={"name": f"Benchmarklijn {n:02d}"}
        )[0].pk
        for n in range(LINES)
    ]
    user_model = get_user_model()
    agents = [
        user_model.objects.get_or_create(username=f"bench-agent-{n:03d}")[0].pk
        for n in range(AGENTS)
    ]
    return {
        "organisations": organisations,
        "themes": themes,
        "domains": domains,
        "lines": lines,
        "agents": agents,
    }


def moments(rng: random.Random, count: int, last_day: date) -> list[datetime]:
    """Local moments over the DAYS days up to `last_day`: weekdays five times as busy as a
    weekend day, mostly between 8 and 18 h."""
    days = [last_day - timedelta(days=offset) for offset in range(DAYS)]
    day_weights = [1 if day.weekday() >= 5 else 5 for day in days]
    hours = list(range(24))
    hour_weights = [8 if 8 <= hour < 18 else 1 for hour in hours]
    chosen_days = rng.choices(days, day_weights, k=count)
    chosen_hours = rng.choices(hours, hour_weights, k=count)
    return [
        datetime(
            day.year,
            day.month,
            day.day,
            hour,
            rng.randrange(60),
            rng.randrange(60),
            tzinfo=BRUSSELS,
        )
        for day, hour in zip(chosen_days, chosen_hours, strict=True)
    ]


def escalation_row(rng: random.Random, pk: int, moment: datetime, picks: dict):
    """One escalation as COPY reads it, with its confirmation (or None)."""
    is_transfer = rng.random() < 0.55
    organisation = picks["organisation"]
    base = {
        "id": pk,
        "created_at": moment.isoformat(),
        "point_title": f"Benchmarkpunt {organisation}",
        "agent_id": picks["agent"],
        "line_code_id": picks["line"],
        "reporting_organisation_id": organisation,
        "reporting_theme_id": picks["theme"],
        "contact_closed": "t",
        "idempotency_key": "",
        "service_address": "",
        "citizen_name": "",
        "citizen_email": "",
        "citizen_phone": "",
        "citizen_national_number": "",
        "question": "",
        "internal_note": "",
    }
    confirmation = None
    if is_transfer:
        outside = rng.random() < 0.04
        base.update(
            channel="phone",
            route_possible="f" if outside else "t",
            reason="Dringend, met de dienst afgesproken." if outside else "",
            state="recorded",
            delivery="",
            working_days=None,
            due_date=None,
        )
    else:
        due = moment.date() + timedelta(days=7)
        roll = rng.random()
        state = "failed" if roll < 0.02 else ("queued" if roll < 0.03 else "delivered")
        base.update(
            channel="email",
            route_possible="t",
            reason="",
            state=state,
            delivery="crm" if rng.random() < 0.25 else "email",
            working_days=5,
            due_date=due.isoformat(),
        )
        if state == "delivered" and rng.random() < 0.75:
            confirmed_on = moment.date() + timedelta(days=rng.choice([0, 1, 2, 3, 5, 7, 7, 9, 12]))
            confirmation = (pk, confirmed_on, rng.choice(["link", "crm"]))
    return base, confirmation


def copy_rows(table: str, columns: list[str], rows) -> None:
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: COPY
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def seed(rows: int, *, last_day: date, seed_value: int = 1700) -> dict:
    """Write `rows` escalations (and their domains and confirmations); returns counts."""
    if connection.vendor != "postgresql":
        raise SystemExit("De rapportbenchmark draait op PostgreSQL.")
    rng = random.Random(seed_value)
    refs = reference_rows()
    weights = {
        name: zipf_weights(len(refs[plural]))
        for name, plural in [
            ("organisation", "organisations"),
            ("theme", "themes"),
            ("line", "lines"),
            ("agent", "agents"),
        ]
    }
    domain_counts = rng.choices([0, 1, 2, 3], [10, 60, 25, 5], k=rows)
    all_moments = moments(rng, rows, last_day)
    picked = {
        name: rng.choices(refs[plural], weights[name], k=rows)
        for name, plural in [
            ("organisation", "organisations"),
            ("theme", "themes"),
            ("line", "lines"),
            ("agent", "agents"),
        ]
    }
    domain_weights = zipf_weights(DOMAINS)
    counts = {"escalations": 0, "domain_links": 0, "confirmations": 0}
    first_id = 1 + (max_id() or 0)
    for start in range(0, rows, CHUNK):
        escalations, links, confirmations = [], [], []
        for index in range(start, min(start + CHUNK, rows)):
            pk = first_id + index
            row, confirmation = escalation_row(
                rng,
                pk,
                all_moments[index],
                {name: picked[name][index] for name in picked},
            )
            escalations.append([row[column] for column in ESCALATION_COLUMNS])
            chosen = set(rng.choices(refs["domains"], domain_weights, k=domain_counts[index]))
            links.extend((pk, domain) for domain in chosen)
            if confirmation:
                pk_, confirmed_on, via = confirmation
                confirmed_at = datetime(
                    confirmed_on.year, confirmed_on.month, confirmed_on.day, 11, tzinfo=BRUSSELS
                )
                confirmations.append((pk_, confirmed_at.isoformat(), confirmed_on, via))
        copy_rows("escalations_escalation", ESCALATION_COLUMNS, escalations)
        copy_rows(
            "escalations_escalation_editorial_domains",
            ["escalation_id", "editorialdomain_id"],
            links,
        )
        copy_rows(
            "reports_handlingconfirmation",
            ["escalation_id", "confirmed_at", "confirmed_on", "via"],
            confirmations,
        )
        counts["escalations"] += len(escalations)
        counts["domain_links"] += len(links)
        counts["confirmations"] += len(confirmations)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('escalations_escalation', 'id'), "
            "(SELECT max(id) FROM escalations_escalation))"
        )
    return counts


def max_id() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM escalations_escalation")
        return cursor.fetchone()[0]


def vacuum_analyze() -> None:
    """After a bulk load: statistics for the planner and a visibility map for index-only
    scans, as autovacuum leaves a table that grew by day."""
    with connection.cursor() as cursor:
        for table in (
            "escalations_escalation",
            "escalations_escalation_editorial_domains",
            "reports_handlingconfirmation",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")


def timed(function: Callable, repeat: int = 5) -> float:
    """The median of `repeat` runs after one warm-up, in milliseconds."""
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def measure(last_day: date) -> dict:
    """The reports over the whole year, as a team lead asks them."""
    year = queries.Filters(period=Period(last_day - timedelta(days=DAYS - 1), last_day))
    month = queries.Filters(period=Period(last_day - timedelta(days=29), last_day))
    return {
        "by_organisation_ms": timed(lambda: queries.counts("organisation", year)),
        "by_domain_ms": timed(lambda: queries.counts("domain", year)),
        "by_agent_ms": timed(lambda: queries.counts("agent", year)),
        "over_time_ms": timed(lambda: queries.over_time("week", year)),
        "service_levels_ms": timed(lambda: queries.service_levels(year, last_day)),
        "by_organisation_last_30_days_ms": timed(lambda: queries.counts("organisation", month)),
    }


def explain(last_day: date) -> str:
    """EXPLAIN ANALYZE of the main report (counts per organisation over the year)."""
    year = queries.Filters(period=Period(last_day - timedelta(days=DAYS - 1), last_day))
    grouping = queries.GROUPINGS["organisation"]
    queryset = queries.escalations(year).values(grouping.field).annotate(**queries.figures())
    return queryset.explain(analyze=True)
