"""The S3-compatible store for uploads, with the same serving rules as the local media view:
documents as downloads, every file with its real type and never sniffed."""

from contextvars import ContextVar

from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage

from kmblog.media import CONTENT_TYPES, DOCUMENT_TYPES

# The name the writer uploaded a document under, while it is being saved (media.views.upload):
# a download is then named after it, not after the stored random name.
download_name: ContextVar[str | None] = ContextVar("download_name", default=None)


class MediaS3Storage(S3Storage):
    def get_object_parameters(self, name: str) -> dict:
        params = super().get_object_parameters(name)
        extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension in DOCUMENT_TYPES:
            params["ContentType"] = DOCUMENT_TYPES[extension]
            params["ContentDisposition"] = content_disposition_header(
                True, download_name.get() or name.rsplit("/", 1)[-1]
            )
        elif extension in CONTENT_TYPES:
            params["ContentType"] = CONTENT_TYPES[extension]
        return params
