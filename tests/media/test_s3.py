"""Uploads on an S3-compatible object store (several app servers share it), against a local
S3 server the test starts (moto in server mode), as MEDIA_STORAGE=s3 configures it."""

import io

import pytest
from PIL import Image

from media.models import MediaFile
from tests.servers import free_port

pytestmark = pytest.mark.django_db
BUCKET = "kmblog-media"


@pytest.fixture
def s3(settings):
    boto3 = pytest.importorskip("boto3")
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "media.storage.MediaS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "querystring_auth": False,
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    from django.core.files.storage import storages

    storages._storages.pop("default", None)  # the storage is made again from the new setting
    yield client
    storages._storages.pop("default", None)
    server.stop()


def test_pictures_renditions_and_documents_go_to_the_object_store(client, author, s3, run_tasks):
    client.force_login(author)
    image = io.BytesIO()
    Image.new("RGB", (1000, 500), (10, 200, 90)).save(image, "JPEG")
    image.seek(0)
    image.name = "เวที.jpg"
    data = client.post("/me/media/upload/", {"file": image}).json()
    media = MediaFile.objects.get(pk=data["id"])
    assert data["url"].startswith("http://127.0.0.1:") and f"/{BUCKET}/uploads/" in data["url"]
    stored = s3.head_object(Bucket=BUCKET, Key=media.file.name)
    assert stored["ContentType"] == "image/jpeg"
    run_tasks()
    media.refresh_from_db()
    assert set(media.renditions) == {"480", "960"}
    s3.head_object(Bucket=BUCKET, Key=media.renditions["480"]["webp"])
    pdf = io.BytesIO(b"%PDF-1.4\n%%EOF\n")
    pdf.name = "รายงาน.pdf"
    document = MediaFile.objects.get(pk=client.post("/me/media/upload/", {"file": pdf}).json()["id"])
    head = s3.head_object(Bucket=BUCKET, Key=document.file.name)
    assert head["ContentType"] == "application/pdf"
    assert (
        head["ContentDisposition"]
        == "attachment; filename*=utf-8''%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99.pdf"
    )
    client.post(f"/me/media/{media.pk}/delete/")
    listed = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert listed == [document.file.name]  # the picture and its renditions are gone
