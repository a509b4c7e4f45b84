"""The load benchmark of `make bench`: the app under gunicorn as in production, loaded by wrk.

    python -m escalatiepunten.loadbench [--duration 20] [--workers 2] [--keep-database]

Steps: create the PostgreSQL database `bench_escalatiepunten` (dropped first if a previous
run left it), migrate, collect static files, seed 10,000 published points and 50,000
knowledge items in bulk (`manage.py bench_seed`), log in a voorlichter and a redacteur
(`manage.py bench_plan`); then per scenario start gunicorn on a free port of 127.0.0.1 (a
fresh server each, so no request of the previous scenario still runs), warm up, and run wrk
(a second process) with 16 concurrent connections for a bounded time.

Warming up has two steps. First every distinct page of the scenario's mix is asked in turn
(`--prime`, 5 s: the 1,000 card points about three times each), as a console that has run
all day has shown each of them; then the mix itself (`--warmup`, 5 s). The console keeps a
rendered card per point (console/card_cache.py), so what is measured is the steady state of
a running contact center. A card's first render costs about 7 ms (5 queries and its
template), a kept one about 1.3 ms; with 3 workers and only 3 s of the mix as warm-up, card
p95 was 35 ms, after 15 s of it 27 ms.

A request that takes longer than REQUEST_TIMEOUT is aborted by gunicorn and counted as an
error, so one pathological query cannot hold the run for minutes. Writes
var/bench/latest.json and prints a table; stops gunicorn and drops the database.

Scenarios, each with rps and p50/p95/p99 latency:

- `card`: the console's point page `/contactcenter/punten/<id>/`, over 1,000 random points
  with Zipf weights (a few hundred points take most calls, as in a contact center);
- `search`: the console search `/contactcenter/?q=...` over QUERIES;
- `minimal_view`: `bench/minimal/<id>/`, one point read by key, small JSON (the yardstick);
- `wagtail_admin_search`: the CMS snippet listing searched with QUERIES, as a redacteur.

The two searches also get each query's latency alone (`query_ms_one_at_a_time`).

Gunicorn runs 2 sync workers, one per core of this machine. The console's pages hardly
wait for PostgreSQL or Redis any more (what they read is kept per process, console/kept.py
and console/card_cache.py), so a third worker only adds context switches and splits those
caches three ways (measured: card 890 req/s, p95 31 ms with 3 workers; 1,066 req/s, p95
24 ms with 2). 16 clients queue in gunicorn's backlog either way. Sync workers beat
threaded ones for database views here (TOOLING-NOTES), and connections are persistent
(settings `bench`).

This module imports nothing of Django: it drives `manage.py`, gunicorn and wrk.
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "var" / "bench"
LUA = Path(__file__).with_name("loadbench.lua")
SETTINGS = "escalatiepunten.settings.bench"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_escalatiepunten"
# Sessions and the console's invalidation counters in Redis, as in production (REDIS_URL);
# a database number of its own, so the bench never meets another run's keys.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
SCENARIOS = ["card", "search", "minimal_view", "wagtail_admin_search"]
# Opt-in (--scenarios): the yardstick without the agent login, for comparison only.
EXTRA_SCENARIOS = ["minimal_view_open"]
SEARCHES = {"search", "wagtail_admin_search"}

# Seconds one request may take: gunicorn then restarts the worker (its --timeout) and wrk
# counts a timeout, so a pathological query cannot hold a scenario for minutes. The next
# scenario starts once the requests still queued are done (at most 16 x 30 s / workers).
REQUEST_TIMEOUT = 30
QUEUE_DRAIN_TIMEOUT = 300

# What agents type in the console search, and redacteurs in the CMS: real Dutch queries, one
# or two words, some of them about several subjects.
QUERIES = [
    "jachtverlof",
    "renovatiepremie",
    "studietoelage",
    "omgevingsvergunning",
    "groeipakket",
    "huurpremie",
    "rijbewijs",
    "abonnement",
    "zonnepanelen",
    "erfbelasting",
    "kinderopvang",
    "grondwater",
    "premie warmtepomp",
    "wildschade",
    "e-loket",
    "sociale woning",
]


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --- Database ------------------------------------------------------------------------------


def database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("bench_"):
        raise SystemExit(f"De benchmarkdatabank moet met bench_ beginnen, niet '{name}'.")
    return name


def server_connection(url: str) -> psycopg.Connection:
    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def create_database(url: str) -> None:
    name = database_name(url)
    with server_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def end_sessions(url: str) -> None:
    """End what the stopped gunicorn left running in the bench database (a query of an
    aborted request), so that it does not weigh on the next scenario."""
    with server_connection(url) as connection:
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database_name(url)],
        )


def drop_database(url: str) -> None:
    with server_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database_name(url)}" WITH (FORCE)')


# --- Django and gunicorn -------------------------------------------------------------------


def app_environment(database_url: str, redis_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DEBUG": "",
    }


def reachable_redis(url: str) -> str:
    """`url` when a Redis answers there (emptied first: the bench's own database number),
    else "" - the run then goes on without Redis, as the app does without REDIS_URL."""
    if not url:
        return ""
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2) as redis:
            database = parts.path.lstrip("/") or "0"
            redis.sendall(f"SELECT {database}\r\nFLUSHDB\r\n".encode())
            answer = redis.recv(64)
    except OSError:
        answer = b""
    if answer.count(b"+OK") < 2:
        log(f"geen Redis op {url}: sessies uit de databank")
        return ""
    return url


def manage(env: dict, *arguments: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        print(result.stdout + result.stderr, file=sys.stderr)
        raise SystemExit(f"manage.py {arguments[0]} mislukte (code {result.returncode}).")
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict, port: int, workers: int, logfile: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "escalatiepunten.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        "--timeout",
        str(REQUEST_TIMEOUT),
    ]
    # The query of a request gunicorn aborts must stop too, or it keeps a CPU busy while the
    # next requests are measured: the same bound as a statement timeout (libpq's PGOPTIONS).
    server_env = {**env, "PGOPTIONS": f"-c statement_timeout={REQUEST_TIMEOUT * 1000}"}
    with logfile.open("a") as output:
        return subprocess.Popen(
            command, cwd=ROOT, env=server_env, stdout=output, stderr=output, start_new_session=True
        )


def stop(process: subprocess.Popen) -> None:
    """Stop gunicorn: the arbiter we started stops its workers; if it does not within 30
    seconds, its process group (the arbiter and its workers, started in their own session)
    is killed."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def get(port: int, path: str, cookie: str, timeout: int = QUEUE_DRAIN_TIMEOUT) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_until_up(port: int, process: subprocess.Popen, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopte meteen; zie var/bench/gunicorn.log.")
        try:
            get(port, "/contactcenter/", "")
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn antwoordt niet; zie var/bench/gunicorn.log.")


# --- Scenarios and wrk ---------------------------------------------------------------------


# The card mix: calls to a contact center are skewed, a few hundred points take most of them.
# Requests go to the 1,000 sampled points with Zipf weights (the point of rank r gets a share
# proportional to 1/r**ZIPF_EXPONENT: with 1.0 the top 100 take about 69 % of the calls, the
# top 10 about 39 %), drawn once with a fixed seed into CARD_REQUESTS paths that wrk asks in
# turn. The yardstick asks the same sequence of points.
ZIPF_EXPONENT = 1.0
CARD_REQUESTS = 20_000


def zipf_sequence(ids: list[int], count: int = CARD_REQUESTS) -> list[int]:
    weights = [1 / rank**ZIPF_EXPONENT for rank in range(1, len(ids) + 1)]
    return random.Random(1700).choices(ids, weights=weights, k=count) if ids else []


def scenarios(plan: dict) -> dict:
    agent = f"sessionid={plan['sessions']['Voorlichter']}"
    editor = f"sessionid={plan['sessions']['Redacteur']}"
    ids = zipf_sequence(plan["point_ids"])
    return {
        "card": (agent, [f"/contactcenter/punten/{pk}/" for pk in ids]),
        "search": (agent, [f"/contactcenter/?q={quote(query)}" for query in QUERIES]),
        "minimal_view": (agent, [f"/bench/minimal/{pk}/" for pk in ids]),
        "minimal_view_open": ("", [f"/bench/minimal-open/{pk}/" for pk in ids]),
        "wagtail_admin_search": (
            editor,
            [f"/cms/snippets/points/escalationpoint/?q={quote(query)}" for query in QUERIES],
        ),
    }


def check_answers(port: int, name: str, cookie: str, paths: list[str]) -> None:
    """Every scenario must measure real pages: 200 for its first paths, never a redirect to
    the login page or an error page."""
    for path in paths[:3]:
        status = get(port, path, cookie)
        if status != 200:
            raise SystemExit(f"{name}: {path} antwoordt {status} in plaats van 200.")


def run_wrk(port: int, cookie: str, paths: list[str], *, clients: int, seconds: int) -> dict:
    with tempfile.TemporaryDirectory() as directory:
        paths_file, out_file = Path(directory, "paths"), Path(directory, "out.json")
        paths_file.write_text("\n".join(paths) + "\n")
        subprocess.run(
            [
                "wrk",
                f"--threads={min(2, clients)}",
                f"--connections={clients}",
                f"--duration={seconds}s",
                f"--timeout={REQUEST_TIMEOUT}s",
                f"--script={LUA}",
                f"http://127.0.0.1:{port}",
            ],
            env={
                **os.environ,
                "BENCH_PATHS": str(paths_file),
                "BENCH_COOKIE": cookie,
                "BENCH_OUT": str(out_file),
            },
            check=True,
            capture_output=True,
        )
        return json.loads(out_file.read_text())


def figures(raw: dict) -> dict:
    seconds = raw["duration_us"] / 1e6
    errors = {kind: count for kind, count in raw["errors"].items() if count}
    return {
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "requests": raw["requests"],
        "errors": errors,
    }


def answered_all(*rows: dict) -> bool:
    """Requests answered and none failed: wrk's percentiles leave out timeouts and errors."""
    return all(row["requests"] > 0 and not row["errors"] for row in rows)


def check(value, target: str, met: bool) -> dict:
    return {"target": target, "value": value, "met": met}


def ratio(numerator: dict, denominator: dict, digits: int) -> float:
    return round(numerator["rps"] / denominator["rps"], digits) if denominator["rps"] else 0


def target_checks(results: dict) -> dict:
    """The issue's targets, for the scenarios that ran; a scenario with failed or no
    requests meets none of its own."""
    checks = {}
    if card := results.get("card"):
        met = answered_all(card) and card["p95_ms"] <= 30
        checks["card_p95_ms"] = check(card["p95_ms"], "<= 30", met)
    if search := results.get("search"):
        met = answered_all(search) and search["p95_ms"] <= 40
        checks["search_p95_ms"] = check(search["p95_ms"], "<= 40", met)
    if card and (minimal := results.get("minimal_view")):
        share = ratio(card, minimal, 2)
        met = answered_all(card, minimal) and share >= 0.5
        checks["card_rps_share_of_minimal_view"] = check(share, ">= 0.5", met)
    if search and (admin := results.get("wagtail_admin_search")):
        times = ratio(search, admin, 1)
        met = answered_all(search, admin) and times >= 10
        checks["search_rps_times_wagtail_admin_search"] = check(times, ">= 10", met)
    return checks


def table(results: dict, checks: dict) -> str:
    lines = [
        f"{'scenario':<22}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'cpu ms':>9}  fouten"
    ]
    for name, row in results.items():
        errors = ", ".join(f"{kind} {count}" for kind, count in row["errors"].items()) or "-"
        lines.append(
            f"{name:<22}{row['rps']:>9.1f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
            f"{row['p99_ms']:>9.1f}{row.get('server_cpu_ms_per_request') or 0:>9.2f}  {errors}"
        )
    lines.append("")
    for name, check in checks.items():
        verdict = "gehaald" if check["met"] else "NIET gehaald"
        lines.append(f"{name:<40} {check['value']:>8} (doel {check['target']}): {verdict}")
    return "\n".join(lines)


# --- The run -------------------------------------------------------------------------------


def prepare(env: dict, arguments) -> tuple[dict, dict]:
    started = time.perf_counter()
    log("migrate")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    log(f"seed: {arguments.points} punten, {arguments.items} kennisitems")
    seed_report = OUTPUT / "seed.json"
    manage(
        env,
        "bench_seed",
        f"--points={arguments.points}",
        f"--items={arguments.items}",
        f"--report={seed_report}",
    )
    seed = json.loads(seed_report.read_text())
    seed_report.unlink()
    log(f"seed klaar in {seed['seconds']:.0f}s (klaarzetten {time.perf_counter() - started:.0f}s)")
    return seed, json.loads(manage(env, "bench_plan"))


def worker_timeouts() -> int:
    """Requests gunicorn aborted after REQUEST_TIMEOUT so far (its log says so)."""
    return (OUTPUT / "gunicorn.log").read_text(errors="replace").count("WORKER TIMEOUT")


def one_at_a_time(port: int, cookie: str, paths: list[str]) -> dict:
    """Each query's latency alone (ms) on the warm server: which queries are slow. A query
    that gunicorn aborts after REQUEST_TIMEOUT has no figure (None)."""
    latencies = {}
    for query, path in zip(QUERIES, paths, strict=True):
        started = time.perf_counter()
        try:
            answered = get(port, path, cookie, timeout=REQUEST_TIMEOUT + 5) == 200
        except (OSError, http.client.HTTPException):
            answered = False
        latencies[query] = round((time.perf_counter() - started) * 1000) if answered else None
    return latencies


# --- CPU per request -----------------------------------------------------------------------
# Latency and throughput move with whatever else runs on the machine; the CPU time the server
# side spends per request (gunicorn's processes, the PostgreSQL backends of the bench
# database, Redis) moves much less, so runs on a busy machine can still be compared.


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _server_pids(server: subprocess.Popen, database_url: str) -> list[int]:
    """gunicorn's arbiter and workers (their own process group), the database's backends
    and the Redis server, if any."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ours = os.getpgid(int(entry.name)) == server.pid
                redis = (entry / "comm").read_text().strip() == "redis-server"
            except OSError:
                continue
            if ours or redis:
                pids.append(int(entry.name))
    with server_connection(database_url) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [database_name(database_url)]
        ).fetchall()
    return pids + [row[0] for row in rows]


def server_cpu(server: subprocess.Popen, database_url: str) -> dict[int, float]:
    return {pid: _cpu_seconds(pid) for pid in _server_pids(server, database_url)}


def cpu_ms_per_request(before: dict[int, float], after: dict[int, float], requests: int):
    spent = sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())
    return round(spent * 1000 / requests, 2) if requests else None


def measure_scenario(env: dict, name: str, cookie: str, paths: list[str], arguments) -> dict:
    """One scenario on a gunicorn of its own, so that no request of another scenario is
    still running: start, check, warm up, wait for the queue, measure, wait, stop."""
    port = free_port()
    server = start_gunicorn(env, port, arguments.workers, OUTPUT / "gunicorn.log")
    try:
        wait_until_up(port, server)
        aborted_before = worker_timeouts()
        check_answers(port, name, cookie, paths)
        log(
            f"{name}: elke pagina een keer {arguments.prime}s, opwarmen {arguments.warmup}s, "
            f"meten {arguments.duration}s"
        )
        distinct = list(dict.fromkeys(paths))
        run_wrk(port, cookie, distinct, clients=arguments.clients, seconds=arguments.prime)
        run_wrk(port, cookie, paths, clients=arguments.clients, seconds=arguments.warmup)
        check_answers(port, name, cookie, paths[:1])  # answered once the queue is done
        cpu_before = server_cpu(server, env["DATABASE_URL"])
        raw = run_wrk(port, cookie, paths, clients=arguments.clients, seconds=arguments.duration)
        cpu_after = server_cpu(server, env["DATABASE_URL"])
        check_answers(port, name, cookie, paths[:1])
        aborted = worker_timeouts() - aborted_before
        alone = one_at_a_time(port, cookie, paths) if name in SEARCHES else None
    finally:
        stop(server)
        end_sessions(env["DATABASE_URL"])
    result = figures(raw)
    result["server_cpu_ms_per_request"] = cpu_ms_per_request(cpu_before, cpu_after, raw["requests"])
    if aborted:
        result["errors"][f"aborted_after_{REQUEST_TIMEOUT}s"] = aborted
    if alone is not None:
        result["query_ms_one_at_a_time"] = alone
    return result


def measure(env: dict, plan: dict, arguments) -> dict:
    (OUTPUT / "gunicorn.log").write_text("")
    return {
        name: measure_scenario(env, name, cookie, paths, arguments)
        for name, (cookie, paths) in scenarios(plan).items()
        if name in arguments.scenarios
    }


def run(arguments) -> dict:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    database_url = arguments.database_url
    redis_url = reachable_redis(arguments.redis_url)
    env = app_environment(database_url, redis_url)
    if not arguments.reuse_database:
        create_database(database_url)
    try:
        if arguments.reuse_database:
            seed, plan = None, json.loads(manage(env, "bench_plan"))
        else:
            seed, plan = prepare(env, arguments)
        results = measure(env, plan, arguments)
    finally:
        if not (arguments.keep_database or arguments.reuse_database):
            drop_database(database_url)
    checks = target_checks(results)
    report = {
        **results,
        "targets": checks,
        "queries": QUERIES,
        "settings": {
            "clients": arguments.clients,
            "duration_s": arguments.duration,
            "prime_s": arguments.prime,
            "warmup_s": arguments.warmup,
            "gunicorn_workers": arguments.workers,
            "worker_class": "sync",
            "django_settings": SETTINGS,
            "conn_max_age": None,
            "redis": bool(redis_url),
            "database": "postgresql",
            "load_generator": "wrk",
            "cpus": os.cpu_count(),
            "card_points": len(plan["point_ids"]),
            "card_mix": f"zipf s={ZIPF_EXPONENT} over the card points",
        },
        "seed": seed,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    (OUTPUT / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    print(table(results, checks))
    log(f"geschreven: {OUTPUT / 'latest.json'}")
    return report


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description="Lastbenchmark van de console (make bench).")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL-databank die aangemaakt en weer verwijderd wordt (naam bench_...).",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        help="Redis voor sessies en cache (REDIS_URL van de app); leeg: zonder Redis.",
    )
    parser.add_argument("--points", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=int, default=20, help="seconden per scenario")
    parser.add_argument(
        "--prime",
        type=int,
        default=5,
        help="seconden waarin elke pagina van de mix aan de beurt komt, voor het opwarmen",
    )
    parser.add_argument("--warmup", type=int, default=5, help="seconden opwarmen per scenario")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--scenarios",
        type=lambda text: [name.strip() for name in text.split(",")],
        default=SCENARIOS,
        help=f"komma-gescheiden, standaard alle: {','.join(SCENARIOS)}",
    )
    parser.add_argument("--keep-database", action="store_true", help="niet verwijderen na afloop")
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="een databank van een vorige run (--keep-database) opnieuw meten, zonder seed",
    )
    arguments = parser.parse_args(argv)
    unknown = set(arguments.scenarios) - set(SCENARIOS) - set(EXTRA_SCENARIOS)
    if unknown:
        parser.error(f"onbekend scenario: {', '.join(sorted(unknown))}")
    return arguments


if __name__ == "__main__":
    run(parse_arguments())
