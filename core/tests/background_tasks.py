"""Tasks for the worker tests; a worker process imports them by their path."""

import time
from pathlib import Path

from django_tasks import task

FIRST_RUN_SECONDS = 120


@task()
def note_each_run(marker: str) -> str:
    """Writes 'start' when it begins and 'done' when it ends; the first run takes long
    enough for a test to kill its worker in the middle of it."""
    path = Path(marker)
    earlier_runs = path.read_text().count("start") if path.exists() else 0
    with path.open("a") as notes:
        notes.write("start\n")
    if earlier_runs == 0:
        time.sleep(FIRST_RUN_SECONDS)
    with path.open("a") as notes:
        notes.write("done\n")
    return "done"
