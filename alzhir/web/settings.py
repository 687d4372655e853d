"""Django settings. The database comes from ALZHIR_DATABASE_URL (sqlite:///path or
postgresql://...); the default is a SQLite file in the working directory."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = os.environ.get("ALZHIR_SECRET_KEY", "insecure-development-key-change-in-production")
DEBUG = os.environ.get("ALZHIR_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("ALZHIR_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "alzhir.registry",
    "alzhir.search",
    "alzhir.stats",
    "alzhir.contributions",
    "alzhir.web",
    "alzhir.web.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "alzhir.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "alzhir.web.security.csp_nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "alzhir.web.wsgi.application"

DATABASE_URL = os.environ.get("ALZHIR_DATABASE_URL", f"sqlite:///{Path.cwd() / 'alzhir.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site read while an import or linkage run writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Whitenoise serves static files straight from the apps; production may collect them here.
STATIC_ROOT = os.environ.get("ALZHIR_STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

WALL_PAGE_SIZE = 100
LOGIN_URL = "/accounts/login/"

# Family links: proposals at or above `propose` are kept; a link resting on a shared surname
# alone is capped at `surname_only_cap` (never a confident link).
ALZHIR_FAMILY_THRESHOLDS = {"propose": 0.5, "surname_only_cap": 0.25}

# Contributed photos live here, outside the static files: they are served by a view that
# shows only approved ones (alzhir.web.contribution_views.photo).
MEDIA_ROOT = os.environ.get("ALZHIR_MEDIA_ROOT", str(Path.cwd() / "media"))
ALZHIR_PHOTO_MAX_BYTES = int(os.environ.get("ALZHIR_PHOTO_MAX_BYTES", 5 * 1024 * 1024))
ALZHIR_PHOTO_MAX_PIXELS = 40_000_000
ALZHIR_PHOTO_MAX_SIDE = 2400

# The rate limiter counts in Django's cache: per process with LocMemCache, so with several
# gunicorn workers set a shared cache (Redis, Memcached, database) to count across them.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# "requests/seconds" per client address, or "off" (load tests from one address need that).
ALZHIR_RATE_LIMITS = {
    "search_api": os.environ.get("ALZHIR_RATE_LIMIT_SEARCH", "120/60"),
    "contribute": os.environ.get("ALZHIR_RATE_LIMIT_CONTRIBUTE", "10/3600"),
}
# The request.META key holding the client's address: behind a reverse proxy that sets it,
# e.g. "HTTP_X_REAL_IP"; never a header clients can set themselves.
ALZHIR_CLIENT_ADDRESS_META = os.environ.get("ALZHIR_CLIENT_ADDRESS_META", "REMOTE_ADDR")
