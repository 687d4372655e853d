"""Django settings, every operator's choice read from the environment (django-environ); see
docs/production.md for a production environment file.

The database comes from ALZHIR_DATABASE_URL (sqlite:///path or postgresql://...); the default is
a SQLite file in the working directory. With ALZHIR_DEBUG off (the default), the secret key must
come from ALZHIR_SECRET_KEY for the site to serve in production: without it the key is random
for each process, which suits the command line and tests, and `alzhir serve --production` and
`check --deploy` refuse it (alzhir.web.checks)."""

import secrets
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent
env = environ.Env()

DEBUG = env.bool("ALZHIR_DEBUG", default=False)
SECRET_KEY = env.str("ALZHIR_SECRET_KEY", default="")
ALZHIR_SECRET_KEY_FROM_ENVIRONMENT = bool(SECRET_KEY)
if not SECRET_KEY:
    SECRET_KEY = "development-only-key" if DEBUG else secrets.token_urlsafe(50)
ALLOWED_HOSTS = env.list("ALZHIR_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("ALZHIR_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    # django-ninja's templates and static files: /api/docs is served from here, no CDN.
    "ninja",
    "alzhir.registry",
    "alzhir.search",
    "alzhir.stats",
    "alzhir.contributions",
    "alzhir.web",
    "alzhir.web.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "alzhir.web.middleware.refuse_nul_parameters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login before the view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alzhir.web.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "alzhir.web.wsgi.application"

DATABASES = {
    "default": env.db_url(
        "ALZHIR_DATABASE_URL", default=f"sqlite:///{Path.cwd() / 'alzhir.sqlite3'}"
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = 60
# WAL lets the site read while an import or linkage run writes.
SQLITE_INIT_COMMAND = (
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
    "PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;"
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": SQLITE_INIT_COMMAND,
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Kazakh number and date formats, which Django lacks, and a few of our own (alzhir.web.formats).
FORMAT_MODULE_PATH = ["alzhir.web.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# WhiteNoise serves static files straight from the installed package (no collectstatic step);
# an operator who wants them elsewhere may still collect them here.
STATIC_ROOT = env.str("ALZHIR_STATIC_ROOT", default="") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# HTTPS, for a site behind a TLS proxy that sets X-Forwarded-Proto (docs/production.md): the
# cookies only over HTTPS, HTTP redirected, browsers told to keep to HTTPS (HSTS).
HTTPS = env.bool("ALZHIR_HTTPS", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env.int("ALZHIR_HSTS_SECONDS", default=31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("ALZHIR_HSTS_INCLUDE_SUBDOMAINS", default=True)
# "preload" only consents to the browsers' preload list; nobody is submitted without asking.
SECURE_HSTS_PRELOAD = env.bool("ALZHIR_HSTS_PRELOAD", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# The only scripts that run are the page's own, under a fresh nonce; nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "browsing-topics", "camera", "geolocation", "gyroscope",
        "magnetometer", "microphone", "payment", "usb",
    )
}  # fmt: skip

WALL_PAGE_SIZE = 100
# By name, so a staff page asked for in Kazakh signs in in Kazakh (/kk/accounts/login/).
LOGIN_URL = "login"

# The request.META key holding the client's address: behind a reverse proxy that sets it,
# e.g. "HTTP_X_REAL_IP"; never a header clients can set themselves. Rate limits and login
# throttling both count by it (alzhir.web.ratelimit.client_address).
ALZHIR_CLIENT_ADDRESS_META = env.str("ALZHIR_CLIENT_ADDRESS_META", default="REMOTE_ADDR")

# Login throttling (django-axes, counted in the database so every worker sees it): after
# ALZHIR_LOGIN_FAILURES failed logins for one username from one address, that pair waits an
# hour; the site's and the admin's login forms both.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("ALZHIR_LOGIN_FAILURES", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "alzhir.web.ratelimit.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "alzhir/locked_out.html"

# Family links: proposals at or above `propose` are kept; a link resting on a shared surname
# alone is capped at `surname_only_cap` (never a confident link).
ALZHIR_FAMILY_THRESHOLDS = {"propose": 0.5, "surname_only_cap": 0.25}

# Contributed photos live here, outside the static files: they are served by a view that
# shows only approved ones (alzhir.web.contribution_views.photo).
MEDIA_ROOT = env.str("ALZHIR_MEDIA_ROOT", default=str(Path.cwd() / "media"))
ALZHIR_PHOTO_MAX_BYTES = env.int("ALZHIR_PHOTO_MAX_BYTES", default=5 * 1024 * 1024)
ALZHIR_PHOTO_MAX_PIXELS = 40_000_000
ALZHIR_PHOTO_MAX_SIDE = 2400
# A request body (other than an upload's file) is at most this: the API's JSON, the forms.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

# Rate limits (django-ratelimit) count in this cache: per process with the default local
# memory, so with several gunicorn workers give a shared one, e.g.
# ALZHIR_CACHE_URL=pymemcache://127.0.0.1:11211 (docs/production.md).
CACHES = {"default": env.cache_url("ALZHIR_CACHE_URL", default="locmemcache://")}
# "requests/seconds" (or "requests/m", "/h") per client address, or "off" (load tests from one
# address need that). The site's search page and the API's search share one count.
ALZHIR_RATE_LIMITS = {
    "search": env.str("ALZHIR_RATE_LIMIT_SEARCH", default="120/60"),
    "contribute": env.str("ALZHIR_RATE_LIMIT_CONTRIBUTE", default="10/3600"),
}
RATELIMIT_IP_META_KEY = "alzhir.web.ratelimit.client_address"

# Everything to stderr, where systemd's journal or the container's log collects it: a 500's
# traceback (django.request), refused logins (axes), our own warnings.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env.str("ALZHIR_LOG_LEVEL", default="WARNING")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
