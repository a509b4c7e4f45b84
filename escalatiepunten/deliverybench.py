"""The delivery benchmark of `make bench` (and `make bench-delivery`): how many escalation
messages per second the workers deliver to a local SMTP server.

    python -m escalatiepunten.deliverybench [--messages 2000] [--workers 2]

Creates the PostgreSQL database `bench_delivery` (dropped first if a failed run left it),
migrates it, runs `manage.py bench_delivery` (escalations/management/commands/
bench_delivery.py) with the bench settings, adds its figures under "delivery" to
var/bench/latest.json (the other keys stay) and drops the database. Like the load benchmark
it imports nothing of Django.
"""

import argparse
import json
import os

from escalatiepunten.loadbench import (
    OUTPUT,
    app_environment,
    create_database,
    drop_database,
    log,
    manage,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_delivery"


def merge_into_latest(figures: dict) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    latest = OUTPUT / "latest.json"
    report = json.loads(latest.read_text()) if latest.exists() else {}
    report["delivery"] = figures
    latest.write_text(json.dumps(report, indent=2) + "\n")


def run(arguments) -> dict:
    env = app_environment(arguments.database_url, redis_url="")  # delivery needs no Redis
    create_database(arguments.database_url)
    try:
        log("delivery: migrate")
        manage(env, "migrate", "--noinput", "-v0")
        log(f"delivery: {arguments.messages} berichten, {arguments.workers} worker(s)")
        output = manage(
            env,
            "bench_delivery",
            f"--messages={arguments.messages}",
            f"--workers={arguments.workers}",
        )
    finally:
        drop_database(arguments.database_url)
    figures = json.loads(output.strip().splitlines()[-1])
    merge_into_latest(figures)
    log(
        f"delivery: {figures['messages_per_s']} berichten/s "
        f"({figures['messages']} in {figures['seconds']} s, {figures['workers']} workers)"
    )
    return figures


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description="Afleverbenchmark van de workers (SMTP).")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DELIVERY_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL-databank die aangemaakt en weer verwijderd wordt (naam bench_...).",
    )
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args(argv)


if __name__ == "__main__":
    run(parse_arguments())
