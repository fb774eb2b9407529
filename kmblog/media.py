"""Serving uploads: images as images, documents as downloads, never anything a browser would run.

Avatars are re-encoded JPEGs with random names (profiles/forms.py); this view
also refuses anything else that may sit in MEDIA_ROOT (an .html, an .svg, a
path climbing out), sends a fixed image content type with nosniff, and a CSP
that would sandbox the file even if a browser tried to render it as a page.
A front server may serve /media/ itself with the same rules (README).
"""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from django.utils.http import content_disposition_header

CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
# Documents attached to posts (media/processing.py checked what each really is).
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".txt": "text/plain; charset=utf-8",
}


def serve_upload(request: HttpRequest, path: str) -> FileResponse:
    root = Path(settings.MEDIA_ROOT).resolve()
    full = (root / path).resolve()
    if not full.is_relative_to(root):  # a path that climbs out of MEDIA_ROOT
        raise Http404
    suffix = full.suffix.lower()
    content_type = CONTENT_TYPES.get(suffix) or DOCUMENT_TYPES.get(suffix)
    if content_type is None or not full.is_file():
        raise Http404
    response = FileResponse(full.open("rb"), content_type=content_type)
    if suffix in DOCUMENT_TYPES:
        from media.models import MediaFile

        name = MediaFile.objects.filter(file=path).values_list("original_name", flat=True).first()
        response["Content-Disposition"] = content_disposition_header(True, name or full.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
