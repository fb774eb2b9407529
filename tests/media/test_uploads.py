"""Uploading pictures and documents for posts: the editor's endpoint, as a script would drive it.

Personas: สมชาย (the author) uploads; มาลี (another member) must not touch his files; a
stranger who is not logged in may not upload at all.
"""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from media.models import MediaFile, Quota
from tests.posts.test_editor import post_data

pytestmark = pytest.mark.django_db
UPLOAD = "/me/media/upload/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg(width=1200, height=800, orientation=None, gps=False) -> io.BytesIO:
    image = Image.new("RGB", (width, height), (200, 120, 40))
    image.paste((20, 80, 200), (0, 0, width // 2, height // 4))  # a mark in the top-left corner
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {2: (13.0, 45.0, 0.0), 4: (100.0, 30.0, 0.0)}  # somewhere in Bangkok
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    out.seek(0)
    out.name = "IMG_0001.JPG"
    return out


def post_file(client, data: bytes | io.BytesIO, name: str = "file.bin"):
    if isinstance(data, bytes):
        data = io.BytesIO(data)
    data.name = getattr(data, "name", name) if name == "file.bin" else name
    return client.post(UPLOAD, {"file": data})


@pytest.fixture
def writer(client, author):
    client.force_login(author)
    return client


def test_a_photo_is_turned_upright_and_stripped_of_everything_but_pixels(writer, author):
    response = post_file(writer, jpeg(1200, 800, orientation=6, gps=True))
    assert response.status_code == 201
    data = response.json()
    assert data["url"].startswith("/media/uploads/") and data["id"] and data["kind"] == "image"
    assert (data["width"], data["height"]) == (800, 1200)  # rotated as the phone meant it
    media = MediaFile.objects.get(pk=data["id"])
    assert media.owner == author and media.original_name == "IMG_0001.JPG"
    stored = Image.open(default_storage.open(media.file.name))
    assert stored.size == (800, 1200) and not stored.getexif()  # no GPS, no camera
    assert b"PhoneMaker" not in default_storage.open(media.file.name).read()
    served = writer.get(data["url"])
    assert served["Content-Type"] == "image/jpeg" and served["X-Content-Type-Options"] == "nosniff"


def test_iphone_heic_gif_and_transparent_png_are_accepted(writer):
    from pillow_heif import from_pillow

    heic = io.BytesIO()
    from_pillow(Image.new("RGB", (640, 480), (10, 120, 60))).save(heic, quality=60)
    response = post_file(writer, heic.getvalue(), "IMG_0002.HEIC")
    assert response.status_code == 201 and response.json()["url"].endswith(".jpg")
    frames = [Image.new("P", (50, 40), n) for n in range(3)]
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:])
    assert post_file(writer, gif.getvalue(), "anim.gif").json()["url"].endswith(".jpg")  # the first frame
    png = io.BytesIO()
    Image.new("RGBA", (30, 30), (0, 0, 0, 0)).save(png, "PNG")
    assert post_file(writer, png.getvalue(), "logo.png").json()["url"].endswith(".png")  # keeps transparency


@pytest.mark.parametrize(
    "content,name",
    [
        (b"<html><script>alert(1)</script></html>", "photo.jpg"),  # HTML named as a photo
        (b"\xff\xd8\xff\xe0" + b"\x00" * 50, "broken.jpg"),  # a JPEG cut short
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "icon.svg"),
        (b"#!/bin/sh\nrm -rf /\n", "notes.txt"),
        (b"MZ\x90\x00" + b"\x00" * 100, "setup.exe"),
        (b"hello <script>alert(1)</script>", "readme.txt"),
        (b"", "empty.pdf"),
    ],
)
def test_what_is_not_a_picture_or_a_document_is_refused_clearly(writer, content, name):
    response = post_file(writer, content, name)
    assert response.status_code == 400 and response.json()["error"]
    assert not MediaFile.objects.exists()


def test_a_zip_pretending_to_be_a_document_is_refused(writer):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("index.html", "<script>alert(1)</script>")
    assert post_file(writer, archive.getvalue(), "report.docx").status_code == 400


def test_documents_are_kept_and_served_as_downloads(writer):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = post_file(writer, pdf, "รายงานถอดบทเรียน.pdf")
    assert response.status_code == 201 and response.json()["kind"] == "document"
    served = writer.get(response.json()["url"])
    assert served["Content-Type"] == "application/pdf"
    assert (
        served["Content-Disposition"].startswith("attachment;") and "filename*=utf-8''" in served["Content-Disposition"]
    )
    assert served["X-Content-Type-Options"] == "nosniff" and "sandbox" in served["Content-Security-Policy"]
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    assert post_file(writer, docx.getvalue(), "แผน.docx").json()["url"].endswith(".docx")
    text = "บันทึกการประชุม\nวาระที่ 1".encode()
    assert post_file(writer, text, "minutes.txt").json()["url"].endswith(".txt")


def test_size_pixel_and_quota_limits(writer, author, settings):
    settings.MEDIA_MAX_PIXELS = 1000
    response = post_file(writer, jpeg(100, 100))
    assert response.status_code == 400 and "ล้านพิกเซล" in response.json()["error"]
    settings.MEDIA_MAX_PIXELS = 50_000_000
    settings.MEDIA_MAX_IMAGE_MB = 0
    assert "ใหญ่เกิน" in post_file(writer, jpeg(100, 100)).json()["error"]
    settings.MEDIA_MAX_IMAGE_MB = 15
    settings.MEDIA_QUOTA_MB = 0
    response = post_file(writer, jpeg(100, 100))
    assert response.status_code == 413 and "พื้นที่อัปโหลดเต็ม" in response.json()["error"]
    Quota.objects.create(user=author, megabytes=5)  # an editor raised it
    assert post_file(writer, jpeg(100, 100)).status_code == 201


def test_refusals_speak_the_persons_language(writer, settings):
    writer.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    error = post_file(writer, b"<html></html>", "x.jpg").json()["error"]
    assert error.startswith("This kind of file is not accepted") and error.isascii()


def test_only_members_upload_with_a_token(client, author):
    assert client.post(UPLOAD, {"file": jpeg()}).status_code == 403
    client.force_login(author)
    assert client.get(UPLOAD).status_code == 405
    assert client.post(UPLOAD, {}).status_code == 400
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(author)
    assert strict.post(UPLOAD, {"file": jpeg()}).status_code == 403


def test_renditions_are_made_by_the_worker(writer, run_tasks):
    data = post_file(writer, jpeg(2000, 1000)).json()
    run_tasks()
    media = MediaFile.objects.get(pk=data["id"])
    assert sorted(media.renditions, key=int) == ["480", "960", "1600"]
    small = media.renditions["480"]
    assert (small["width"], small["height"]) == (480, 240)
    assert Image.open(default_storage.open(small["webp"])).format == "WEBP"
    assert Image.open(default_storage.open(small["jpg"])).size == (480, 240)


def test_the_library_shows_space_and_deletes_only_ones_own(writer, author, member):
    data = post_file(writer, jpeg(300, 200)).json()
    page = writer.get("/me/media/").content.decode()
    assert "IMG_0001.JPG" in page and "จาก 500.0" in page
    other = Client()
    other.force_login(member)
    assert other.post(f"/me/media/{data['id']}/delete/").status_code == 404
    assert "IMG_0001.JPG" not in other.get("/me/media/").content.decode()
    name = MediaFile.objects.get().file.name
    writer.post(f"/me/media/{data['id']}/delete/")
    assert not MediaFile.objects.exists() and not default_storage.exists(name)


def test_a_post_shows_responsive_pictures_and_lists_its_documents(writer, author, blog, run_tasks):
    from posts.models import Post

    picture = post_file(writer, jpeg(2000, 1000)).json()
    report = post_file(writer, b"%PDF-1.4\n%%EOF\n", "รายงานเวที.pdf").json()
    run_tasks()
    body = (
        f'<p>เวทีเช้านี้</p><img src="{picture["url"]}" alt="ผู้เข้าร่วมเวทีล้อมวงคุยกัน">'
        f'<p><a href="{report["url"]}">รายงานเวที.pdf</a></p>'
    )
    response = writer.post("/posts/new/", post_data(blog, title="เวทีถอดบทเรียน", body=body))
    assert response.status_code == 302
    post = Post.objects.get(title="เวทีถอดบทเรียน")
    page = Client().get(post.get_absolute_url()).content.decode()
    assert '<source type="image/webp" srcset="' in page and "-480.webp 480w" in page
    assert 'width="2000" height="1000" loading="lazy"' in page and 'alt="ผู้เข้าร่วมเวทีล้อมวงคุยกัน"' in page
    assert 'sizes="(max-width: 48rem) 100vw, 48rem"' in page
    assert "เอกสารแนบ" in page and "รายงานเวที.pdf" in page and "PDF" in page
    assert '<meta property="og:image" content="http://testserver/media/uploads/' in page and "-960.jpg" in page
    home = Client().get("/").content.decode()
    assert 'class="card-thumb"' in home and '-480.jpg" alt="" width="480" height="240"' in home
    library = writer.get("/me/media/").content.decode()
    assert "ใช้ใน:" in library and "เวทีถอดบทเรียน" in library
    # Deleting a file a post uses asks first.
    writer.post(f"/me/media/{report['id']}/delete/")
    assert MediaFile.objects.filter(pk=report["id"]).exists()
    writer.post(f"/me/media/{report['id']}/delete/", {"confirm": "1"})
    assert not MediaFile.objects.filter(pk=report["id"]).exists()


def test_a_picture_without_a_description_is_not_published(writer, blog):
    picture = post_file(writer, jpeg(300, 200)).json()
    body = f'<img src="{picture["url"]}">'
    response = writer.post("/posts/new/", post_data(blog, title="รูปไม่มีคำอธิบาย", body=body))
    assert response.status_code == 200
    assert "รูปทุกภาพต้องมีคำอธิบายรูป (alt)" in response.content.decode()
    assert "รูปไม่มีคำอธิบาย" in response.content.decode()  # what was typed is kept
    draft = writer.post("/posts/new/", post_data(blog, title="รูปไม่มีคำอธิบาย", body=body, action="draft"))
    assert draft.status_code == 302  # a draft may wait for its descriptions


def test_the_editor_offers_ones_own_library_for_reuse(writer, member):
    post_file(writer, jpeg(300, 200))
    mine = writer.get("/me/media/", HTTP_ACCEPT="application/json").json()["files"]
    assert [f["name"] for f in mine] == ["IMG_0001.JPG"] and mine[0]["url"].startswith("/media/uploads/")
    other = Client()
    other.force_login(member)
    assert other.get("/me/media/", HTTP_ACCEPT="application/json").json()["files"] == []
