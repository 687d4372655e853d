"""The WSGI application, for gunicorn (`alzhir serve --production`, or gunicorn started by
hand as docs/production.md shows)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alzhir.web.settings")
application = get_wsgi_application()
