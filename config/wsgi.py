"""WSGI entry point (gunicorn config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# A web process's statements have a time budget (config/statement_budget.py); management
# commands, which do not come through here, have none.
os.environ.setdefault("FREMTIDSKART_PUBLIC_STATEMENT_TIMEOUT_MS", "5000")
application = get_wsgi_application()
