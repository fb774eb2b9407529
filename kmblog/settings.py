"""kmblog settings: one module, driven by environment variables.

See README.md for the variables. Nothing secret lives here.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from kmblog.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# PyThaiNLP uses only its bundled dictionary: a request for anything else fails
# at once instead of trying a download from a server that may be unreachable.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-DEBUG"  # noqa: S105 (never used with DEBUG off)

# How many reverse proxies in front of the site append to X-Forwarded-For (0: no
# proxy, the header is ignored). kmblog/wsgi.py takes the client address from it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "kmblog",  # site-wide receivers (kmblog/apps.py)
    "profiles",
    "tags",
    "posts",
    "comments",
    "communities",
    "network",
    "media",
    "search",
    # Background work: Django's task framework (the django-tasks backport), its
    # database backend, and jobs/ (the worker's heartbeat, retries, schedule).
    # jobs comes first so its db_worker command replaces the backend's.
    "django_tasks",
    "jobs",
    "jobs.apps.TasksDatabaseConfig",
]

MIDDLEWARE = [
    "kmblog.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that may answer with a message (the NUL guard below).
    "kmblog.middleware.LanguageMiddleware",
    "kmblog.middleware.RejectNulBytesMiddleware",
    # ETags for every page and feed: an unchanged page costs a 304, not a download.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kmblog.urls"
WSGI_APPLICATION = "kmblog.wsgi.application"
ASGI_APPLICATION = "kmblog.asgi.application"

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
                "network.context_processors.bell",
            ],
        },
    },
]

# Database: a local SQLite file unless DATABASE_URL names another (PostgreSQL in
# production). PostgreSQL goes through psycopg 3 with Django's connection pool.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Test each connection before use: after a database restart the old ones
    # are dead, and Django (with the pool, ConnectionPool.check_connection)
    # replaces them, so the site recovers by itself.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if env_bool("DATABASE_POOL", True):
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN", 2),
            "max_size": env_int("DATABASE_POOL_MAX", 10),
            # How long a request waits for a connection before it gives up
            # with a 503: short, so readers are not left hanging in an outage.
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 5),
        }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Writers take the lock when their transaction starts, so two
            # writers queue instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# export_site's XML drops control characters that old rows may hold (kmblog/text.py).
SERIALIZATION_MODULES = {"xml": "kmblog.xml_serializer"}

# Cache: Redis when CACHE_URL names one (shared by several app servers, so
# sessions and rate limits hold across them), else this process's memory.
# kmblog.cache.RedisCache is Django's Redis backend with a one-round-trip incr.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "kmblog.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "kmblog",
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 300}}
# Anonymous readers' pages are cached for this long (invalidated sooner by any
# change). Off without a shared cache: each worker's memory would invalidate
# only its own copies.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300 if CACHE_URL else 0)
# Read counts wait in the shared cache; a periodic job writes them to the
# database this often (see PERIODIC_TASKS).
READ_COUNT_FLUSH_SECONDS = env_int("READ_COUNT_FLUSH_SECONDS", 60)
# Sessions read from the cache and survive it: the database keeps the truth.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# HTTPS and cookies. On by default when DEBUG is off; a proxy that ends TLS
# must say so with SECURE_PROXY_SSL_HEADER=1 (it sends X-Forwarded-Proto).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading commits the domain and every subdomain to HTTPS in browsers for
    # good; only the operator can decide that, so it is opt-in, not a warning.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: scripts and styles only from this site, never
# inline. The editor's import map is the one inline script; it carries the
# per-request nonce (posts/views.py). Images may come from https (posts embed
# images by URL).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "https:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
CSRF_FAILURE_VIEW = "kmblog.errors.csrf_failure"
# Password guessing: after this many failures an account (or an address) must
# wait LOGIN_LOCKOUT_SECONDS since the last failure before trying again. The
# address limit is high on purpose: a workshop (เวที) puts 30 or more members
# behind one NAT address, and their typos must never lock the room out.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_LIMIT_IP = env_int("LOGIN_FAILURE_LIMIT_IP", 100)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 900)
LOGIN_REDIRECT_URL = "posts:mine"
LOGOUT_REDIRECT_URL = "posts:home"

# Mail (password reset, later notifications): printed to the console while
# developing, sent through SMTP otherwise.
if DEBUG and not env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kmblog <noreply@localhost>")
# The site's own address, for links in mail sent without a request (digests, notices).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Digests go out from this hour (Asia/Bangkok): daily ones every day, weekly ones on Mondays.
DIGEST_HOUR = env_int("DIGEST_HOUR", 7)
# A member's digest claimed by a worker that has not sent it after this long (the worker
# died) is taken over by the next run.
DIGEST_CLAIM_SECONDS = env_int("DIGEST_CLAIM_SECONDS", 900)
# A new post is announced to followers only if it was published this recently
# (an imported or back-dated post is no news).
ANNOUNCE_POSTS_WITHIN_DAYS = env_int("ANNOUNCE_POSTS_WITHIN_DAYS", 3)
# Following tells the person followed: a member may follow this many things an hour.
FOLLOWS_PER_HOUR = env_int("FOLLOWS_PER_HOUR", 120)
# The reset form cannot flood an inbox: at most this many reset mails an hour to one address.
PASSWORD_RESET_MAILS_PER_HOUR = env_int("PASSWORD_RESET_MAILS_PER_HOUR", 3)

# "KM" and "km" are one tag.
TAGGIT_CASE_INSENSITIVE = True

# Thai for everyone; English for those who pick it in the footer (see
# kmblog.middleware.LanguageMiddleware). Interface strings are written in Thai
# and translated in locale/en; locale/th completes what Django leaves English.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
# locale/: our own strings (makemessages). locale_upstream/: Thai for strings of
# Django and the editor that their own catalogues leave in English (kept by hand).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_upstream"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "uploads")  # not media/: that folder is the app
# Uploads: the local media folder (embedded, nothing to set up), or, with
# MEDIA_STORAGE=s3, an S3-compatible object store that every app server shares.
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", ("local", "s3"), "local")
if MEDIA_STORAGE == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "media.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": env_str("MEDIA_S3_BUCKET"),
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("MEDIA_S3_REGION") or None,
            "access_key": env_str("MEDIA_S3_ACCESS_KEY"),
            "secret_key": env_str("MEDIA_S3_SECRET_KEY"),
            # Public, unsigned URLs on the store or its CDN: posts are public.
            "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    if not DEFAULT_STORAGE["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET")
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Upload limits: per file, per picture (pixels), and each member's space (editors
# raise it per member in the admin: media.Quota).
# The content policy shows pictures from the site and its media store only (a picture
# linked from another site is shown as a link to it: media/rendering.py).
if MEDIA_STORAGE == "s3":
    _options = DEFAULT_STORAGE["OPTIONS"]
    if _options["custom_domain"]:
        _media_origin = f"https://{_options['custom_domain']}"
    elif _options["endpoint_url"]:
        _media_origin = "/".join(_options["endpoint_url"].split("/")[:3])
    else:
        _media_origin = f"https://{_options['bucket_name']}.s3.amazonaws.com"
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [SELF, _media_origin]
else:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [SELF]
MEDIA_MAX_IMAGE_MB = env_int("MEDIA_MAX_IMAGE_MB", 15)
MEDIA_MAX_DOCUMENT_MB = env_int("MEDIA_MAX_DOCUMENT_MB", 25)
MEDIA_MAX_PIXELS = env_int("MEDIA_MAX_PIXELS", 50_000_000)
MEDIA_QUOTA_MB = env_int("MEDIA_QUOTA_MB", 500)
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        # Hashed, compressed names in production; plain files while developing.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# Comments: who waits for approval, and what stops strangers flooding a post.
COMMENT_MAX_LENGTH = env_int("COMMENT_MAX_LENGTH", 3000)
COMMENT_MAX_LINKS = env_int("COMMENT_MAX_LINKS", 2)  # more links than this: wait for approval
COMMENT_GUESTS_NEED_APPROVAL = env_bool("COMMENT_GUESTS_NEED_APPROVAL", True)
# Members are limited per account; guests per address, with a limit a room of
# guests behind one NAT address does not reach (their comments wait for approval).
COMMENT_RATE_LIMIT = env_int("COMMENT_RATE_LIMIT", 5)  # comments per member account ...
COMMENT_GUEST_RATE_LIMIT = env_int("COMMENT_GUEST_RATE_LIMIT", 60)  # ... guest comments per address ...
COMMENT_RATE_WINDOW = env_int("COMMENT_RATE_WINDOW", 600)  # ... per this many seconds
# Members may edit or delete their own comment for this long after writing it.
COMMENT_EDIT_MINUTES = env_int("COMMENT_EDIT_MINUTES", 15)

# Background work (jobs/): tasks are rows in this database, run by
# `manage.py db_worker` (make run starts one; production runs it as a service).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Each worker writes a heartbeat this often; a worker silent for LOST seconds is
# taken for dead and its running task goes back in the queue; after SILENT
# seconds without any worker the admin and /healthz warn.
TASK_WORKER_BEAT_SECONDS = env_int("TASK_WORKER_BEAT_SECONDS", 10)
TASK_WORKER_LOST_SECONDS = env_int("TASK_WORKER_LOST_SECONDS", 60)
TASK_WORKER_SILENT_SECONDS = env_int("TASK_WORKER_SILENT_SECONDS", 180)
# A failed mail is tried again after 1, 2, 4 ... minutes (at most an hour
# apart), 8 attempts in all (about two hours), then shown as failed in the admin.
TASK_RETRY_ATTEMPTS = env_int("TASK_RETRY_ATTEMPTS", 8)
TASK_RETRY_SECONDS = env_int("TASK_RETRY_SECONDS", 60)
TASK_RETRY_MAX_SECONDS = env_int("TASK_RETRY_MAX_SECONDS", 3600)
# Finished tasks are kept this many days (failed ones longer) for the admin.
TASK_KEEP_DAYS = env_int("TASK_KEEP_DAYS", 14)
TASK_KEEP_FAILED_DAYS = env_int("TASK_KEEP_FAILED_DAYS", 90)
# Periodic jobs: task path -> period in seconds (0 switches one off). Workers
# enqueue them (once per period, jobs/schedule.py) unless this is off, for
# operators who run `manage.py run_schedule` from cron or a systemd timer.
TASK_SCHEDULE_IN_WORKER = env_bool("TASK_SCHEDULE_IN_WORKER", True)
PERIODIC_TASKS = {
    "posts.tasks.flush_read_counts": READ_COUNT_FLUSH_SECONDS,
    "jobs.tasks.prune_finished": 24 * 3600,
    # Scheduled posts go live without an event: communities are recounted this often.
    "communities.tasks.refresh_all_counts": env_int("COMMUNITY_RECOUNT_SECONDS", 900),
    # The digest job looks hourly for members whose daily or weekly digest is due.
    "network.tasks.send_digests": env_int("DIGEST_CHECK_SECONDS", 3600),
    # What indexing added, merged into the search indexes' main structure.
    "search.tasks.compact_index": env_int("SEARCH_COMPACT_SECONDS", 24 * 3600),
}

# Communities a member may create a day (sign-up is open, so this stops a spammer
# filling the directory; editors have no limit).
COMMUNITY_CREATE_PER_DAY = env_int("COMMUNITY_CREATE_PER_DAY", 3)

# Posts per page on lists (home, blog, tag, profile).
KMBLOG_PAGE_SIZE = env_int("KMBLOG_PAGE_SIZE", 20)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
