"""Settings for `make bench`: the app as in production, plus the yardstick view.

DEBUG is off and database connections are persistent (`CONN_MAX_AGE = None`: each gunicorn
sync worker keeps its connection for its whole life), as a production deployment runs.
Templates and static files are those of production (`collectstatic` with the manifest
storage). The one addition is the URL `bench/minimal/<id>/` (`escalatiepunten.bench_urls`).
"""

from . import *  # noqa: F403

DEBUG = False
DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405
ROOT_URLCONF = "escalatiepunten.bench_urls"
