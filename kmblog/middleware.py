from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """Answer 400 to a request with a NUL byte in its path or parameters.

    No real link contains one, and PostgreSQL refuses NUL in text: without this,
    /tags/%00/ or ?q=%00 would reach a query and end in a server error.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest("คำขอไม่ถูกต้อง (bad request)", content_type="text/plain; charset=utf-8")
        return self.get_response(request)
