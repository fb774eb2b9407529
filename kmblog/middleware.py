import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class RejectNulBytesMiddleware:
    """Answer 400 to a request with a NUL byte in its path or parameters.

    No real link contains one, and PostgreSQL refuses NUL in text: without this,
    /tags/%00/ or ?q=%00 would reach a query and end in a server error.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest(_("คำขอไม่ถูกต้อง (bad request)"), content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class LanguageMiddleware:
    """Thai for everyone, English for those who choose it (remembered in a cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    many Thai readers use English-language browsers and expect a Thai site.
    The choice is made with Django's set_language view (the footer switch).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.languages = dict(settings.LANGUAGES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The thread serves other requests next: leave no language behind.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class DatabaseUnavailableMiddleware:
    """While the database is unreachable, answer 503 with a page that needs no database.

    Connections are re-established on the next request (Django discards broken
    ones, the pool checks before lending), so the site recovers by itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Django turns an exception in any layer into a response before it gets
        # here; database errors reach process_exception below instead.
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            logger.exception("database unavailable: %s %s", request.method, request.path)
            return self._unavailable(request)
        return None

    def _unavailable(self, request: HttpRequest) -> HttpResponse:
        for connection in connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
        html = render_to_string("503.html")
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
