"""Test settings: the real database (SQLite or DATABASE_URL), fast hashing, tasks inline."""

import os

from . import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # The real queue, for tests that run a worker process.
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# Mail stays in memory; a worker process started by a test sends to a real SMTP server on
# loopback (TEST_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_BACKEND = os.environ.get(
    "TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
# Each test process its own cache and database sessions, whatever REDIS_URL says.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405

if IS_SQLITE:  # noqa: F405
    # A file, not SQLite's shared in-memory database, so that tests with several writers see
    # the locking of the real default.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405

# A worker process a test starts may run on the test's clock: it starts at TEST_CLOCK_START
# (ISO 8601) and ticks on from there (tests of planned changes, R25).
if os.environ.get("TEST_CLOCK_START"):
    import time_machine

    time_machine.travel(os.environ["TEST_CLOCK_START"], tick=True).start()
