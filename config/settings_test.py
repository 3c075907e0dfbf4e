"""Settings for the test suite: the real settings with a throwaway key and no tile server."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-a-secret")
os.environ.setdefault("FREMTIDSKART_TILE_URL", "")
# Browsers prove themselves at once in tests (a real one spends about a second on 16 bits).
os.environ.setdefault("FREMTIDSKART_PROOF_BITS", "8")
# The test process answers requests as a web process does (config/wsgi.py).
os.environ.setdefault("FREMTIDSKART_PUBLIC_STATEMENT_TIMEOUT_MS", "5000")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the app folders (no collectstatic before tests), looked up per request:
# scanning them all whenever a test client starts cost 80 ms per client.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# One process in tests; rate-limit counters need no sharing and are cleared per test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
