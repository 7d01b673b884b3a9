"""Settings for the portal, read from the environment and safe by default."""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Under pytest: no real SECRET_KEY needed, eager tasks, fast hashing (the suite sets the rest itself).
TESTING = env_bool("PORTAL_TESTING", False) or "pytest" in sys.modules
_INSECURE_KEY = "insecure-development-key-do-not-use-in-production-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY") or _INSECURE_KEY
if SECRET_KEY == _INSECURE_KEY and not (DEBUG or TESTING):
    # Without DEBUG a real key is mandatory: refuse to start rather than run insecurely.
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
# Former keys, still accepted for signatures made with them (sessions, password-reset links) while they expire:
# rotate by moving the old SECRET_KEY here (README, Operations).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address of the site, used in receipts, SMS and provider callbacks.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "simple_history",
    "accounts.login_records.LoginRecordsConfig",  # django-axes, named in Chinese
    "csp",
    # Staff second factor (accounts/twofactor.py): authenticator-app codes and one-use recovery codes.
    "django_otp",
    "accounts.otp_apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp, named in Chinese
    "accounts.otp_apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static, named in Chinese
    "accounts",
    "workflow",
    "insurance",
    "labour",
    "employment",
    "counter",
    "portal",
]

MIDDLEWARE = [
    # First: every later log line of the request carries its id (portal/observability/requestid.py).
    "portal.observability.requestid.RequestIdMiddleware",
    # Then the client's real address, and forwarding headers believed only from TRUSTED_PROXIES.
    "accounts.network.ReverseProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session has passed the second factor (AccessMiddleware asks).
    "django_otp.middleware.OTPMiddleware",
    # The user's permissions from the cache while the grants are unchanged (two queries less per request).
    "accounts.permission_cache.PermissionCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the user and the messages are known, so that their pages come in the user's layout.
    "portal.middleware.RefuseNulBytesMiddleware",
    "portal.errors.MethodNotAllowedPageMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.access.AccessMiddleware",
    "portal.api.logging.ApiLogMiddleware",
    # Axes goes last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

# Benchmarks serve an extra URLconf of their own (benchmarks/_tracking_urls.py); the portal never sets this.
ROOT_URLCONF = os.environ.get("PORTAL_URLCONF", "portal.urls")
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "portal.context_processors.site",
            ],
        },
    },
]

# Widgets render through TEMPLATES, so templates/ may override a package's widget as it overrides its pages
# (templates/auth/widgets/read_only_password_hash.html: Chinese punctuation in the admin's password summary).
# The plainest widgets (inputs, selects, textareas) are written in Python with the same markup
# (portal/forms_renderer.py): through the template engine, one select of years cost half a form page's rendering.
FORM_RENDERER = "portal.forms_renderer.PortalFormRenderer"

# --- Database -----------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, beat) share the file: wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if name := os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": name}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USES_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")

# --- Cache, broker and Celery ----------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and TESTING and os.environ.get("PYTEST_XDIST_WORKER"):
    # Parallel test workers each get a Redis database of their own: a worker clearing its cache
    # (FLUSHDB) must not empty another's rate limits in the middle of a test.
    from urllib.parse import urlsplit, urlunsplit

    _parts = urlsplit(REDIS_URL)
    _worker = int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw") or 0)
    _base = int(_parts.path.strip("/") or 0)
    REDIS_URL = urlunsplit(_parts._replace(path=f"/{(_base + 1 + _worker) % 16}"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            # A stopped Redis must cost a request milliseconds, not seconds.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
# The longest task (a sweep batch loop) finishes well within an hour; a task
# not acknowledged by then is redelivered.
REDIS_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 0.5,
    "socket_timeout": 2,
    # Publishing to a stopped Redis fails at once instead of kombu's retry after 2 s: no request waits on
    # the broker (the outbox dispatcher sends what was missed). Workers reconnect by their own settings.
    "max_retries": 0,
}
if REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = REDIS_BROKER_TRANSPORT_OPTIONS
# A cache in each process's own memory for what is the same for everyone and keyed by its version (rendered
# fragments of public pages, reference names): no network round trip on the hottest pages.
# Values are kept as objects, not pickled (portal.cache.ProcessMemoryCache): they are never changed once stored.
CACHES["local"] = {"BACKEND": "portal.cache.ProcessMemoryCache", "LOCATION": "portal-local",
                   "OPTIONS": {"MAX_ENTRIES": 5000}}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 1800
CELERY_TASK_SOFT_TIME_LIMIT = 1500
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Authentication ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Everyone: Django's rules. Bureau staff, the admin's users and superusers also (GB/T 22239-2019 level 3,
# accounts/passwords.py): at least 10 characters of three of the four kinds, no user name, staff number, identity
# or phone number in it, none of the last 5 passwords again (PasswordHistoryValidator also records every new
# password: keep it in this list), and a new one every PASSWORD_MAX_AGE_DAYS days.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.LengthValidator", "OPTIONS": {"min_length": 8, "staff_min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "accounts.passwords.PersonalDataValidator"},
    {"NAME": "accounts.passwords.PasswordHistoryValidator", "OPTIONS": {"count": 5}},
]
# Argon2id first (Django's parameters: 100 MiB, 2 passes, 8 lanes): memory-hard, so far dearer to guess on GPUs
# than PBKDF2, and on this machine about a third less CPU per login than PBKDF2-SHA256's 1,000,000 iterations
# (README, Performance). A PBKDF2 hash is checked as before and rewritten as Argon2 at its owner's next login.
# Django's Argon2 hasher, hashing on a thread of lower CPU priority so that a login storm does not hold up the
# pages (accounts/hashers.py): the same parameters and stored format.
PASSWORD_HASHERS = [
    "accounts.hashers.BackgroundArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# A staff password older than this must be changed before any other page opens; 0 turns expiry off.
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PASSWORD_MAX_AGE_DAYS", "90"))
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "portal:home"
# Staff are logged out after this much inactivity; residents and employers after the longer one.
STAFF_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("STAFF_IDLE_MINUTES", "30")))
PUBLIC_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("PUBLIC_IDLE_MINUTES", "60")))
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = int(PUBLIC_IDLE_TIMEOUT.total_seconds())

# Login lockout (django-axes, accounts/lockout.py): a user name is paused after AXES_FAILURE_LIMIT failed logins
# from anywhere, a network address after LOGIN_ADDRESS_FAILURE_LIMIT failed logins whatever the user names (one
# password tried against many users), each for AXES_COOLOFF_TIME. A resident's SMS password reset and an employer
# colleague's new password link lift the user name's lockout; the admin's "unlock" action lifts any.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
LOGIN_LOCKOUT_LIMITS = {"username": AXES_FAILURE_LIMIT, "ip_address": LOGIN_ADDRESS_FAILURE_LIMIT}
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_HANDLER = "accounts.lockout.LockoutHandler"
# Every failed login is kept (who, from where, when, whether it locked), as the successful ones are.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The portal registers axes' records in the admin itself, read only (accounts/admin_audit.py).
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Axes' log lines mask the user name (a resident's is their identity number) and the address: said here, not left
# to the package's default. The failure log in the database keeps both for the admin.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address"]
# The client's address: REMOTE_ADDR, which accounts.network.ReverseProxyMiddleware has already made the real
# client's behind a trusted proxy (TRUSTED_PROXIES); leave this at its default.
# The client's address: REMOTE_ADDR unless a proxy in front sets a header (e.g. HTTP_X_REAL_IP) that clients cannot.
# Staff second factor (accounts/twofactor.py). Wrong codes count in the login lockout above (per user name and per
# address), so django-otp's own growing delays between attempts are off: one lockout policy, not two.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "东营人社")
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
AXES_IPWARE_META_PRECEDENCE_ORDER = tuple(env_list("AXES_IPWARE_META_PRECEDENCE_ORDER", "REMOTE_ADDR"))

# The access log: one row for every read of a person's record by staff or an API client (accounts.access_log).
# On by default; off only to measure its cost (benchmarks/access_log.py). Rows are never pruned by the portal.
ACCESS_LOG_ENABLED = env_bool("ACCESS_LOG_ENABLED", True)
# On PostgreSQL a row's commit does not wait for the disk flush (synchronous_commit off for that one INSERT): a
# database crash may lose the last fraction of a second of rows. 1 waits for the flush (about a page's 5-8 %).
ACCESS_LOG_DURABLE = env_bool("ACCESS_LOG_DURABLE", False)

# --- Internationalisation -----------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not (DEBUG or TESTING)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# Uploaded documents (material handed in online). Never served directly: views check access first.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Backups (portal/backups/, `make backup`, `make restore-drill`) ----------------------------------
# Dated folders of database dump + media archive + manifest. Retention: the newest backup of each of the last
# BACKUP_KEEP_DAILY days, BACKUP_KEEP_WEEKLY ISO weeks and BACKUP_KEEP_MONTHLY months that have one.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_KEEP_DAILY = int(os.environ.get("BACKUP_KEEP_DAILY", "7"))
BACKUP_KEEP_WEEKLY = int(os.environ.get("BACKUP_KEEP_WEEKLY", "5"))
BACKUP_KEEP_MONTHLY = int(os.environ.get("BACKUP_KEEP_MONTHLY", "12"))
# Where pg_dump and pg_restore are; empty: the server's major version from /usr/lib/postgresql, else PATH.
PG_BIN_DIR = os.environ.get("PG_BIN_DIR", "")

# --- Security -------------------------------------------------------------------------
# The reverse proxy(ies) in front (addresses or networks, e.g. the compose file's Caddy). Only requests from them
# have their X-Forwarded-For (the client's address) and X-Forwarded-Proto (HTTPS) believed (accounts/network.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page of the portal uses are refused to every page (an empty list: allowed to no origin).
# A feature a page starts to use gets "self" here, e.g. "camera": ["self"] when the desk scans a QR code with
# the PC's camera; the kiosk's full screen comes from the browser's --kiosk flag, not from the page. Autoplay
# stays at the browser's default: the display board speaks each call.
PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation", "gyroscope",
    "hid", "idle-detection", "local-fonts", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
)}  # only features Chromium knows: an unknown one is a console error on every page
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"
CSRF_COOKIE_HTTPONLY = False
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # /healthz is probed over plain HTTP by the orchestrator inside the network, /metrics scraped by Prometheus.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Public case tracking ------------------------------------------------------------
# Lookups per client address on /track/ (django-ratelimit's rate syntax, e.g. "30/m"); "off" disables them.
TRACKING_RATE_LIMIT = os.environ.get("TRACKING_RATE_LIMIT", "30/m")
# With the cache (Redis) down, lookups go through unlimited and the fact is logged, rather than all refused.
RATELIMIT_FAIL_OPEN = True

# --- SMS and outbound exchange (portal/settings_outbound.py) -----------------------------
from portal.settings_outbound import *  # noqa: E402,F403

# --- Logging, metrics, errors -----------------------------------------------------------
# JSON lines (time, level, logger, message, request_id, user_id) for the web, the worker and beat; LOG_FORMAT=text
# gives developers a readable console. No log line names a person (portal/observability/logs.py).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json").strip().lower()
from portal.observability.logs import logging_config  # noqa: E402

LOGGING = logging_config(level=LOG_LEVEL, fmt=LOG_FORMAT)
# /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`; unset, it answers nobody.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# Errors go to Sentry (self-hosted or not) only when SENTRY_DSN is set; never with personal data.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0") or 0)
if SENTRY_DSN:
    from portal.observability.sentry import sentry_init

    sentry_init(dsn=SENTRY_DSN, environment=SENTRY_ENVIRONMENT, traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE)

ADMINS = [("Portal administrators", addr) for addr in env_list("ADMIN_EMAILS")]

# --- The bureau -----------------------------------------------------------------------
# The city the bureau serves (GB/T 2260): Dongying. Its code prefix decides what is "in the city".
PORTAL_CITY_CODE = os.environ.get("PORTAL_CITY_CODE", "370500")
PORTAL_CITY_PATH = PORTAL_CITY_CODE[:4]
# URL namespaces whose views guard themselves (the Django admin checks is_staff on every view).
ACCESS_EXEMPT_NAMESPACES = ["admin"]

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", True)
    if not REDIS_URL:
        CELERY_BROKER_URL = "memory://"
# Working hours: deadlines end at close of business; paused time is counted in working hours.
WORKDAY_OPENS = os.environ.get("WORKDAY_OPENS", "09:00")
WORKDAY_CLOSES = os.environ.get("WORKDAY_CLOSES", "17:00")
