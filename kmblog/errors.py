"""Error pages in the reader's language, none of which reads the request body.

Django's own 400 view runs the CSRF check first (requires_csrf_token), which
reads the body again: a form posted with an unsupported charset raised the
same BadRequest inside the 400 handler and ended as a 500. These views only
render a page.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """An expired or missing form token: say what to do, in Thai, without losing face."""
    return render(request, "403_csrf.html", status=403)
