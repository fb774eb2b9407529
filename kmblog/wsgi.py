"""WSGI entry point for production servers.

Behind a reverse proxy every request arrives from the proxy's address. With
TRUSTED_PROXY_COUNT=N (the number of proxies in front of the site that append
to X-Forwarded-For), Werkzeug's ProxyFix takes the client address from the
N-th entry from the right of that header, the one the nearest trusted proxy
saw, and puts it in REMOTE_ADDR for everything below: throttles, rate limits,
comment records. Entries further left were written by the client and are never
trusted. With the default 0 the header is ignored: a site without a proxy
cannot be fooled by a client sending one.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kmblog.settings")
application = get_wsgi_application()

if settings.TRUSTED_PROXY_COUNT:
    from werkzeug.middleware.proxy_fix import ProxyFix

    application = ProxyFix(application, x_for=settings.TRUSTED_PROXY_COUNT, x_proto=0, x_host=0, x_port=0)
