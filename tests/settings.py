"""Settings for the test suite: the real settings, with what tests need changed."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")

from kmblog.settings import *  # noqa: E402,F403

# The test client and the browser tests speak plain HTTP to a local server.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False

# Hashing passwords properly is slow on purpose; tests do not need that.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Serve static files from the app folders; tests do not run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite tests run on a file, as the site does: WAL, the busy timeout and
# IMMEDIATE transactions then behave as in production. (The default in-memory
# test database uses shared-cache table locks that ignore the busy timeout.)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}  # noqa: F405

# Tasks queue in the test database; tests run them with the run_tasks fixture
# (the real worker, one batch) and read mail.outbox. Periodic jobs are tested
# on their own (tests/jobs).
PERIODIC_TASKS = {}

# Exercise the page cache (one process, so its memory cache is shared).
PAGE_CACHE_SECONDS = 300
