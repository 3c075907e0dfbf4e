"""Django settings, read from the environment (see .env.example)."""

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Values already in the environment win over the file (DJANGO_ENV_FILE names another one).
environ.Env.read_env(os.environ.get("DJANGO_ENV_FILE", BASE_DIR / ".env"), overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# A missing secret is an error outside debug: a guessable key would let anyone forge sessions.
SECRET_KEY = (
    env("DJANGO_SECRET_KEY")
    if not DEBUG
    else env("DJANGO_SECRET_KEY", default="insecure-debug-only-key")
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "rest_framework_gis",
    "django_filters",
    "drf_spectacular",
    "leaflet",
    "axes",
    "procrastinate.contrib.django",
    "geo",
    "mapping",
    "ogc",
    "frontend",
]

MIDDLEWARE = [
    "config.request_log.RequestLogMiddleware",
    # Compresses what the others wrote, so it comes before them (it runs last on the way out).
    "config.compression.DataGZipMiddleware",
    "config.db_router.ReplicaReadsMiddleware",
    "config.db_unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "mapping.device.DeviceTokenMiddleware",
    "config.body_limit.BodySizeLimitMiddleware",
    "config.input_guard.InputGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.statement_budget.PlannerStatementBudgetMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.csp.SettingsCSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Login lockout: AXES_FAILURE_LIMIT failed logins for one username from one address lock that
# pair out for AXES_COOLOFF_TIME hours (django-axes, counted in the database).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("FREMTIDSKART_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("FREMTIDSKART_LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# And per address over all usernames, counted on every try (frontend/views/login.py).
# "Minst hørt" ranks areas by proposals per 1,000 inhabitants among those with at least this
# many: a grunnkrets of 3 inhabitants and no proposal says nothing about who is not heard.
FREMTIDSKART_LEAST_HEARD_MIN_POPULATION = env.int(
    "FREMTIDSKART_LEAST_HEARD_MIN_POPULATION", default=200
)
FREMTIDSKART_LOGINS_PER_ADDRESS = env.int("FREMTIDSKART_LOGINS_PER_ADDRESS", default=20)
FREMTIDSKART_LOGIN_WINDOW_S = env.int("FREMTIDSKART_LOGIN_WINDOW_S", default=900)
AXES_RESET_ON_SUCCESS = True
# No usernames or IP addresses in the logs; attempts are kept in the database for staff.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "frontend.views.common.login_locked"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default="postgis://postgres@127.0.0.1:5432/fremtidskart")
}
# Keep connections between requests: opening one costs more than most requests here.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Web processes run every statement under a time budget (config/statement_budget.py): set by
# config/wsgi.py, and 0 (none) for management commands and the job runner's long work.
FREMTIDSKART_PUBLIC_STATEMENT_TIMEOUT_MS = env.int(
    "FREMTIDSKART_PUBLIC_STATEMENT_TIMEOUT_MS", default=0
)
FREMTIDSKART_PLANNER_STATEMENT_TIMEOUT_MS = env.int(
    "FREMTIDSKART_PLANNER_STATEMENT_TIMEOUT_MS", default=120_000
)
# Expensive reads anyone may ask for (exports, hotspots) at once, over all workers.
FREMTIDSKART_EXPENSIVE_SLOTS = env.int("FREMTIDSKART_EXPENSIVE_SLOTS", default=2)
# A database that does not answer (a failover without a reset, a network partition) is an error
# within seconds, and so a 503 (config/db_unavailable.py), never a worker hung until gunicorn's
# timeout: connecting gives up after DATABASE_CONNECT_TIMEOUT_S, and an open connection whose
# peer stops acknowledging is dropped by TCP keepalives and the user timeout.
DATABASES["default"]["OPTIONS"] = {
    **DATABASES["default"].get("OPTIONS", {}),
    "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT_S", default=3),
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 3,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,  # ms
    # No JIT: PostGIS functions are costed high, so JIT compiles even 100-ms statements and
    # spends more than a second doing it (the hotspots' 10^5 points: 1.8 s of 3.4 s).
    "options": "-c jit=off",
}
if FREMTIDSKART_PUBLIC_STATEMENT_TIMEOUT_MS:
    DATABASES["default"]["OPTIONS"]["options"] += (
        f" -c statement_timeout={FREMTIDSKART_PUBLIC_STATEMENT_TIMEOUT_MS}"
    )
# Streaming replicas for reads that may lag a little (config/db_router.py): zero or more URLs,
# comma-separated. Tests without real replicas read them as the primary (MIRROR).
for number, url in enumerate(env.list("DATABASE_REPLICA_URL", default=[])):
    replica = env.db_url_config(url)
    DATABASES[f"replica{number}"] = {
        **replica,
        "OPTIONS": {**replica.get("OPTIONS", {}), **DATABASES["default"].get("OPTIONS", {})},
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
# After a write, the client reads from the primary this long (longer than a replica's lag).
FREMTIDSKART_PRIMARY_AFTER_WRITE_S = env.int("FREMTIDSKART_PRIMARY_AFTER_WRITE_S", default=10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "config.staticfiles.StaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "DEFAULT_PARSER_CLASSES": ["mapping.api.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "mapping.api.exceptions.api_exception_handler",
    # Writes per browser (its device token), counted in PostgreSQL (WriteCount);
    # mapping/admission.py says how the address ceiling and the flood limit follow from them.
    "DEFAULT_THROTTLE_RATES": {
        "proposals": env.str("FREMTIDSKART_RATE_PROPOSALS", default="20/hour"),
        "supports": env.str("FREMTIDSKART_RATE_SUPPORTS", default="60/hour"),
        "comments": env.str("FREMTIDSKART_RATE_COMMENTS", default="30/hour"),
        "flags": env.str("FREMTIDSKART_RATE_FLAGS", default="20/hour"),
        "follows": env.str("FREMTIDSKART_RATE_FOLLOWS", default="20/hour"),
    },
    # Proxies in front of the app (load balancer): the client is then read from X-Forwarded-For.
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
}

# Many people share one address (a school, a library, a mobile operator): per address, writes
# are accepted up to this many times a browser's rate, then held for moderation...
FREMTIDSKART_ADDRESS_FACTOR = env.int("FREMTIDSKART_ADDRESS_FACTOR", default=10)
# ...and refused (429) only beyond this many times a limit: a flood, not a class.
FREMTIDSKART_FLOOD_FACTOR = env.int("FREMTIDSKART_FLOOD_FACTOR", default=3)
# A browser that joined a running workshop or kiosk gets this many times every limit.
FREMTIDSKART_EVENT_FACTOR = env.int("FREMTIDSKART_EVENT_FACTOR", default=5)
# A kiosk's thank-you screen returns to the map after this many seconds, and a kiosk left
# untouched this long starts afresh for the next person.
FREMTIDSKART_KIOSK_RETURN_S = env.int("FREMTIDSKART_KIOSK_RETURN_S", default=10)
FREMTIDSKART_KIOSK_IDLE_S = env.int("FREMTIDSKART_KIOSK_IDLE_S", default=180)

SPECTACULAR_SETTINGS = {
    "TITLE": "Fremtidskart API",
    "DESCRIPTION": (
        "Public read API and proposal submission for Fremtidskart. "
        "GeoJSON (RFC 7946), coordinates in EPSG:4326, longitude first."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {"ProposalStatusEnum": "mapping.models.Proposal.Status"},
}

# Base map: a setting, so a kommune can point at its own tile service.
BASEMAPS = {
    "kartverket": {
        "url": "https://cache.kartverket.no/v1/wmts/1.0.0/topograatone/default/webmercator/{z}/{y}/{x}.png",
        "attribution": '© <a href="https://www.kartverket.no/">Kartverket</a>',
        "max_zoom": 18,
    },
    "kartverket-topo": {
        "url": "https://cache.kartverket.no/v1/wmts/1.0.0/topo/default/webmercator/{z}/{y}/{x}.png",
        "attribution": '© <a href="https://www.kartverket.no/">Kartverket</a>',
        "max_zoom": 18,
    },
    "osm": {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
        "max_zoom": 19,
    },
}
BASEMAP = BASEMAPS[env.str("FREMTIDSKART_BASEMAP", default="kartverket")]
# An empty URL gives a map without background tiles (tests, closed networks).
BASEMAP = {**BASEMAP, "url": env.str("FREMTIDSKART_TILE_URL", default=BASEMAP["url"])}

# The admin's map widgets open on an existing geometry; a new one starts here (lat, lon),
# the place this installation serves.
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": tuple(
        env.list("FREMTIDSKART_ADMIN_MAP_CENTER", cast=float, default=[59.93, 10.52])
    ),
    "DEFAULT_ZOOM": 11,
    "TILES": [("Bakgrunnskart", BASEMAP["url"], {"attribution": BASEMAP["attribution"]})],
}

# Logs go to standard error: JSON lines in production (one per request from
# config.request_log, without personal data), plain text while developing.
LOG_FORMAT = env.str("FREMTIDSKART_LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,  # ISO 8601, UTC
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {
        "redacted": {"()": "config.request_log.RedactedRequestFilter"},
        "redacted_jobs": {"()": "config.job_log.RedactedJobFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["redacted", "redacted_jobs"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # Django's own 4xx lines ("Not Found: /whatever was typed") would repeat the request log
    # with the raw path; 5xx stay.
    # The queue's registration lines at every start of every process say nothing new; a
    # worker's job lines (started, succeeded, failed, retried) stay.
    "loggers": {
        "django.request": {"level": "ERROR"},
        "procrastinate.periodic": {"level": "WARNING"},
        "procrastinate.blueprints": {"level": "WARNING"},
    },
}

# Debian 12 ships GDAL 3.6, which cannot block file/network access from spatial references.
# No user input reaches GDAL's SRS parsing here: API points are built with SRID 4326 literally.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# Public address of the site, for links in e-mails.
SITE_URL = env.str("FREMTIDSKART_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Reports from this many proven browsers, on at least FREMTIDSKART_FLAG_NETWORKS networks, hide
# a proposal or comment until a moderator looks; once a moderator has published it, never again.
FREMTIDSKART_FLAG_THRESHOLD = env.int("FREMTIDSKART_FLAG_THRESHOLD", default=3)
FREMTIDSKART_FLAG_NETWORKS = env.int("FREMTIDSKART_FLAG_NETWORKS", default=2)
# A proposal that gets this many supports from one network within the window is marked for
# planners (the supports still count: a class or a workplace may well agree).
FREMTIDSKART_BURST_SUPPORTS = env.int("FREMTIDSKART_BURST_SUPPORTS", default=10)
FREMTIDSKART_BURST_WINDOW_S = env.int("FREMTIDSKART_BURST_WINDOW_S", default=3600)
# A browser proves itself with a proof of work of this many bits (mapping/proof.py), and one
# address may prove this many browsers an hour; beyond, they stay unproven (held, not lost).
FREMTIDSKART_PROOF_BITS = env.int("FREMTIDSKART_PROOF_BITS", default=16)
FREMTIDSKART_PROOFS_PER_HOUR = env.int("FREMTIDSKART_PROOFS_PER_HOUR", default=120)
# Codes typed by hand (an event's join code, a kiosk's end code): wrong tries per address
# within the window before 429.
FREMTIDSKART_CODE_TRIES = env.int("FREMTIDSKART_CODE_TRIES", default=10)
FREMTIDSKART_CODE_WINDOW_S = env.int("FREMTIDSKART_CODE_WINDOW_S", default=600)
# Confirmation e-mails one address may get a day, over all proposals (one per proposal a day).
FREMTIDSKART_CONFIRMATIONS_PER_ADDRESS = env.int(
    "FREMTIDSKART_CONFIRMATIONS_PER_ADDRESS", default=5
)

# E-mail goes to the SMTP server EMAIL_URL names (smtp+tls://user:password@smtp.example.no:587).
# Without one it is printed to the console while developing, and dropped in production: a
# printed e-mail would put an author's address in the logs. `check --deploy` warns then.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = (
        "django.core.mail.backends.console.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.dummy.EmailBackend"
    )
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Fremtidskart <noreply@localhost>")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace"
LOGOUT_REDIRECT_URL = "map"
# GDAL's converter, used to write GeoPackage exports (Debian package gdal-bin).
OGR2OGR = env.str("OGR2OGR", default="/usr/bin/ogr2ogr")

# Uploaded photos. Storage is Django's storage API: set DJANGO_STORAGE_BACKEND to e.g.
# "storages.backends.s3.S3Storage" (django-storages) for S3-compatible object storage.
# Photos are never served from MEDIA_URL: the photo view checks that their proposal is public.
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES["default"] = {
    "BACKEND": env.str(
        "DJANGO_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
    )
}
FREMTIDSKART_PHOTOS_PER_PROPOSAL = 3
# A drawn line or area (mapping.shapes): its positions, and its size on the ground. Large enough
# for a delområde chosen from the list; a whole kommune is not a proposal's place.
FREMTIDSKART_SHAPE_MAX_VERTICES = env.int("FREMTIDSKART_SHAPE_MAX_VERTICES", default=1000)
FREMTIDSKART_SHAPE_MAX_AREA_M2 = env.int("FREMTIDSKART_SHAPE_MAX_AREA_M2", default=50_000_000)
FREMTIDSKART_SHAPE_MAX_LENGTH_M = env.int("FREMTIDSKART_SHAPE_MAX_LENGTH_M", default=50_000)
FREMTIDSKART_PHOTO_MAX_BYTES = 10_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# The cache holds answers worth keeping (area counts, themes, hotspots) for every worker process:
# Redis when REDIS_URL is set, otherwise a table in PostgreSQL (manage.py createcachetable). The
# rate-limit counters are not here: they live in PostgreSQL (mapping.admission, WriteCount).
CACHES = {
    "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": env.str("REDIS_URL")}
    if env.str("REDIS_URL", default="")
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_table"}
}

# Address search through Geonorge (off by default; the place search works offline without it):
# FREMTIDSKART_ADDRESS_SEARCH_URL=https://ws.geonorge.no/adresser/v1/sok
FREMTIDSKART_ADDRESS_SEARCH_URL = env.str("FREMTIDSKART_ADDRESS_SEARCH_URL", default="")
FREMTIDSKART_KOMMUNENUMMER = env.str("FREMTIDSKART_KOMMUNENUMMER", default="3201")
FREMTIDSKART_ADDRESS_TIMEOUT_S = env.float("FREMTIDSKART_ADDRESS_TIMEOUT_S", default=2.0)

# Who runs this instance, for the accessibility statement and e-mails.
FREMTIDSKART_ORGANISATION = env.str("FREMTIDSKART_ORGANISATION", default="Bærum kommune")
FREMTIDSKART_CONTACT_EMAIL = env.str("FREMTIDSKART_CONTACT_EMAIL", default="post@baerum.kommune.no")
FREMTIDSKART_ACCESSIBILITY_STATEMENT_DATE = env.str(
    "FREMTIDSKART_ACCESSIBILITY_STATEMENT_DATE", default="28. november 2026"
)

# ---- Security headers -------------------------------------------------------------------
# Scripts only from this site: every page script is a file, data travels in json_script.
# Styles allow inline attributes: Leaflet positions markers and tiles with them.
_TILE_ORIGIN = "/".join(BASEMAP["url"].split("/")[:3]) if BASEMAP["url"] else None
CONTENT_SECURITY_POLICY = {
    # The one exception: django-leaflet's admin map widget starts with an inline script. The
    # admin is for logged-in staff only.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The one page other sites may frame: the embeddable map (/innebygd/), for the kommune's own
# web pages. Origins like https://www.baerum.kommune.no; none set: only this site may frame it.
FREMTIDSKART_EMBED_ORIGINS = env.list("FREMTIDSKART_EMBED_ORIGINS", default=[])
SESSION_COOKIE_HTTPONLY = True

if not DEBUG:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    # Off only to try production settings over plain HTTP on 127.0.0.1 (scripts/serve.sh).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)

# Authors' e-mail addresses are removed this many days after their campaign closes (the daily
# retention job, mapping.tasks; by hand: manage.py anonymise_emails).
FREMTIDSKART_EMAIL_RETENTION_DAYS = env.int("FREMTIDSKART_EMAIL_RETENTION_DAYS", default=90)

# The most proposals one export file may hold; a larger selection is refused (413), not cut short.
FREMTIDSKART_EXPORT_MAX_ROWS = env.int("FREMTIDSKART_EXPORT_MAX_ROWS", default=100_000)

# The job queue (mapping.queue): a worker tells it is alive every FREMTIDSKART_JOB_HEARTBEAT_S;
# the jobs of a worker silent for FREMTIDSKART_JOB_STALLED_S are run again by another. Each worker
# process runs up to FREMTIDSKART_JOB_CONCURRENCY jobs at once, each in a thread of its own.
FREMTIDSKART_JOB_HEARTBEAT_S = env.float("FREMTIDSKART_JOB_HEARTBEAT_S", default=10)
FREMTIDSKART_JOB_STALLED_S = env.float("FREMTIDSKART_JOB_STALLED_S", default=30)
# When the workers look for such jobs: cron (a sixth field is seconds).
FREMTIDSKART_JOB_STALLED_CHECK = env.str("FREMTIDSKART_JOB_STALLED_CHECK", default="* * * * *")
PROCRASTINATE_WORKER_DEFAULTS = {
    "concurrency": env.int("FREMTIDSKART_JOB_CONCURRENCY", default=4),
    "update_heartbeat_interval": FREMTIDSKART_JOB_HEARTBEAT_S,
    "stalled_worker_timeout": FREMTIDSKART_JOB_STALLED_S,
    # A job that succeeded is deleted at once (an e-mail's address with it); one that failed is
    # kept, with its error, until the nightly retention (mapping.retention.JOB_DAYS).
    "delete_jobs": "successful",
}
