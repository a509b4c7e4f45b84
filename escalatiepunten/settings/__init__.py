"""Settings, read from the environment with safe demo defaults.

Every variable is listed in the README. `DJANGO_ENV=production` refuses to start
without an explicit SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
IS_PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Earlier keys, comma-separated: sessions, signed links and API tokens made with them keep
# working while a new SECRET_KEY is rolled out.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if IS_PRODUCTION else "127.0.0.1,localhost,testserver")

if IS_PRODUCTION:
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY is verplicht wanneer DJANGO_ENV=production.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS is verplicht wanneer DJANGO_ENV=production.")
elif not SECRET_KEY:
    SECRET_KEY = "demo-only-insecure-key-do-not-use-in-production"

INSTALLED_APPS = [
    "core",
    "reference",
    "points",
    "knowledge",
    "escalations",
    "reports",
    "api",
    "console",
    "public",
    "demo",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "csp",
    "ninja",  # serves the API docs' Swagger UI from our own static files
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.CmsInlineScriptsMiddleware",
    "core.middleware.PrivateResponsesMiddleware",
    "core.middleware.AgentsToConsoleMiddleware",
    "core.middleware.JsonApiErrorsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out login
]

# Content-Security-Policy on every response: scripts only from this site (the CMS, the
# console, the public site and the API docs need nothing else); inline styles are allowed,
# Wagtail's admin sets them. Images may be data: URLs (Wagtail's icons and avatars).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Login throttling (django-axes) on every login form: after AXES_FAILURE_LIMIT failures for
# one user name, or from one address, logins are refused for AXES_COOLOFF_MINUTES. A
# beheerder unlocks under Instellingen -> Geblokkeerde aanmeldingen.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "console.auth.KeptUserBackend",  # ModelBackend, the logged-in user kept per process
    # Sessions made before KeptUserBackend name this one; listed so they stay logged in.
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.views.locked_out"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None

ROOT_URLCONF = "escalatiepunten.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "escalatiepunten" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

WSGI_APPLICATION = "escalatiepunten.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
IS_POSTGRESQL = DATABASES["default"]["ENGINE"].endswith("postgresql")
IS_SQLITE = DATABASES["default"]["ENGINE"].endswith("sqlite3")
if IS_SQLITE:
    # A real default: readers never wait for a writer (WAL), a writer waits its turn instead of
    # failing with "database is locked", and a transaction takes the write lock at its start,
    # so two writers cannot both read and then collide on the upgrade to a write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }

# Caches: with REDIS_URL (redis://host:6379/0) one Redis shared by every process holds the
# sessions (read from Redis, written to the database too: `cached_db`) and the console's
# invalidation counters, so a logout, a removed role or a publish applies in every process at
# once. Without it each process has its own memory cache and sessions are read from the
# database (a per-process session cache would let a logout in one process go unnoticed in
# another).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "escalatiepunten",
        }
    }
    SESSION_ENGINE = "console.sessions"  # cached_db, with the console's counters alongside
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands")]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

# E-mail: escalation mails to services and confirmations to citizens (escalations app).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "escalaties@contactcenter.example.be")
# The right-hand side of the stable Message-ID of every escalation message.
MESSAGE_ID_DOMAIN = os.environ.get("MESSAGE_ID_DOMAIN", "escalatiepunten.contactcenter.example.be")
# Error reports (e-mails to ADMINS, debug pages) hide what a citizen told us.
DEFAULT_EXCEPTION_REPORTER_FILTER = "core.error_reports.PersonalDataFilter"
# Seconds an SMTP server may take to answer before the attempt counts as failed.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))

# Delivering escalation messages (escalations.delivery): an attempt that fails is retried
# after a random delay of up to OUTBOX_RETRY_BASE_SECONDS x 2^(attempt - 1), at most
# OUTBOX_RETRY_MAX_SECONDS; after OUTBOX_MAX_ATTEMPTS the message is 'niet afgeleverd'.
OUTBOX_RETRY_BASE_SECONDS = int(os.environ.get("OUTBOX_RETRY_BASE_SECONDS", "30"))
OUTBOX_RETRY_MAX_SECONDS = int(os.environ.get("OUTBOX_RETRY_MAX_SECONDS", "3600"))
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "8"))
# A worker holds a message this long while it sends it; a message whose worker died is sent
# again once its lease has expired. Longer than EMAIL_TIMEOUT and CRM_TIMEOUT together.
OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "120"))
# Every worker looks for messages whose retry is due (or whose worker died) this often.
OUTBOX_SWEEP_SECONDS = float(os.environ.get("OUTBOX_SWEEP_SECONDS", "10"))
# The task backend that delivers a message right after its escalation is saved.
OUTBOX_TASK_BACKEND = os.environ.get("OUTBOX_TASK_BACKEND", "default")
# Seconds a CRM may take to answer; CRM links must use https unless the host is loopback or
# CRM_ALLOW_HTTP is on (a test environment only).
CRM_TIMEOUT = int(os.environ.get("CRM_TIMEOUT", "20"))
CRM_ALLOW_HTTP = env_bool("CRM_ALLOW_HTTP")

# The citizen's personal data in an escalation is erased this many days after it.
ESCALATION_RETENTION_DAYS = int(os.environ.get("ESCALATION_RETENTION_DAYS", "90"))

# The contactcenter site: where a click on a phone number goes. Empty = a `tel:` link (the
# agent's softphone); set to the CTI's URL with {number} (national digits, 011123456) or
# {e164} (+3211123456), e.g. https://cti.example.be/dial?nr={number}.
CTI_URL_TEMPLATE = os.environ.get("CTI_URL_TEMPLATE", "").strip()

# Background work: a database-backed queue, so nothing is lost when a worker is down.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task whose worker stops renewing its lease for this long is run again by another worker.
TASK_LEASE_SECONDS = int(os.environ.get("TASK_LEASE_SECONDS", "60"))

# Wagtail
WAGTAIL_SITE_NAME = "Escalatiepunten"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_USER_LOGIN_FORM = "core.forms.LoginForm"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no outside images: initials instead of avatars
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "core.search",
        **({"SEARCH_CONFIG": "dutch"} if IS_POSTGRESQL else {}),
    }
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "csv", "txt"]

if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
