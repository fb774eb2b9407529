"""Serving uploads: only images, always as images, never anything a browser would run.

Avatars are re-encoded JPEGs with random names (profiles/forms.py); this view
also refuses anything else that may sit in MEDIA_ROOT (an .html, an .svg, a
path climbing out), sends a fixed image content type with nosniff, and a CSP
that would sandbox the file even if a browser tried to render it as a page.
A front server may serve /media/ itself with the same rules (README).
"""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest

CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}


def serve_upload(request: HttpRequest, path: str) -> FileResponse:
    root = Path(settings.MEDIA_ROOT).resolve()
    full = (root / path).resolve()
    if not full.is_relative_to(root):  # a path that climbs out of MEDIA_ROOT
        raise Http404
    content_type = CONTENT_TYPES.get(full.suffix.lower())
    if content_type is None or not full.is_file():
        raise Http404
    response = FileResponse(full.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
