"""The S3-compatible store for uploads, with the same serving rules as the local media view:
documents as downloads, every file with its real type and never sniffed."""

from storages.backends.s3 import S3Storage

from kmblog.media import CONTENT_TYPES, DOCUMENT_TYPES


class MediaS3Storage(S3Storage):
    def get_object_parameters(self, name: str) -> dict:
        params = super().get_object_parameters(name)
        extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension in DOCUMENT_TYPES:
            params["ContentType"] = DOCUMENT_TYPES[extension]
            params["ContentDisposition"] = "attachment"
        elif extension in CONTENT_TYPES:
            params["ContentType"] = CONTENT_TYPES[extension]
        return params
