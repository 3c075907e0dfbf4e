"""Project configuration: settings, root URLs, WSGI/ASGI."""
