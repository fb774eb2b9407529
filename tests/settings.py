"""Settings for the test suite: the real settings, with what tests need changed."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")

from kmblog.settings import *  # noqa: E402,F403

# Hashing passwords properly is slow on purpose; tests do not need that.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Serve static files from the app folders; tests do not run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
