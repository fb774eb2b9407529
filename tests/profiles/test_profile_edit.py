from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from profiles.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image_file(size=(800, 400), fmt="PNG", name="me.png") -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", size, (31, 111, 80)).save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


def form_data(**extra):
    return {"display_name": "สมชาย ใจดี", "organisation": "ธกส.", "province": "ตรัง", **extra}


def test_it_saves_the_profile(client, author):
    client.force_login(author)
    roles = Role.objects.filter(code__in=["facilitator", "coordinator"])
    response = client.post("/me/profile/", form_data(roles=[r.pk for r in roles], bio="แนะนำตัว"), follow=True)
    assert "บันทึกโปรไฟล์แล้ว" in response.content.decode()
    page = client.get("/people/somchai/").content.decode()
    assert "คุณประสาน" in page and "ธกส." in page and "จ.ตรัง" in page


def test_the_avatar_is_checked_and_made_square(client, author):
    client.force_login(author)
    client.post("/me/profile/", form_data(avatar_upload=image_file()))
    author.profile.refresh_from_db()
    with Image.open(author.profile.avatar.path) as saved:
        assert saved.size == (256, 256) and saved.format == "JPEG"
    assert author.profile.avatar.url in client.get("/people/somchai/").content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.png", b"<script>alert(1)</script>", content_type="image/png"), "ไม่ใช่รูป"),
        (image_file(fmt="BMP", name="x.bmp"), "JPEG, PNG, WebP"),
    ],
)
def test_bad_avatars_are_refused_and_the_rest_is_kept(client, author, upload, message):
    client.force_login(author)
    response = client.post("/me/profile/", form_data(avatar_upload=upload, position="ครูผู้ช่วย"))
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert 'value="ครูผู้ช่วย"' in page
    author.profile.refresh_from_db()
    assert not author.profile.avatar


def test_avatars_over_the_size_limit_are_refused(client, author, monkeypatch):
    monkeypatch.setattr("profiles.forms.AVATAR_MAX_BYTES", 100)
    client.force_login(author)
    response = client.post("/me/profile/", form_data(avatar_upload=image_file()))
    assert "ใหญ่เกิน" in response.content.decode()


def test_uploads_are_served_only_as_images(client, author, settings):
    client.force_login(author)
    client.post("/me/profile/", form_data(avatar_upload=image_file()))
    author.profile.refresh_from_db()
    response = client.get(author.profile.avatar.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]
    media = settings.MEDIA_ROOT
    (media / "evil.html").write_text("<script>alert(1)</script>")
    (media / "avatars" / "x.svg").write_text("<svg onload=alert(1)></svg>")
    for url in ["/media/evil.html", "/media/avatars/x.svg", "/media/../kmblog/settings.py", "/media/%2e%2e/manage.py"]:
        assert client.get(url).status_code == 404, url


def _truncated(fmt: str, keep: int) -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(out, fmt)
    return SimpleUploadedFile(f"x.{fmt.lower()}", out.getvalue()[:keep], content_type="image/png")


@pytest.mark.parametrize(
    "upload",
    [_truncated("QOI", 40), _truncated("DDS", 2000), _truncated("PNG", 60), _truncated("JPEG", 300)],
    ids=["QOI 40 bytes", "DDS 2000 bytes", "PNG cut", "JPEG cut"],
)
def test_a_truncated_or_foreign_image_is_a_form_error_not_a_500(client, author, upload):
    client.force_login(author)
    response = client.post("/me/profile/", form_data(avatar_upload=upload, position="ครูผู้ช่วย"))
    page = response.content.decode()
    assert response.status_code == 200 and 'value="ครูผู้ช่วย"' in page
    assert "errorlist" in page
    author.profile.refresh_from_db()
    assert not author.profile.avatar


def test_an_image_with_too_many_pixels_is_refused_before_decoding(client, author):
    out = BytesIO()
    Image.new("1", (13000, 13000)).save(out, "PNG", optimize=True)
    assert len(out.getvalue()) < 300_000  # small on disk, enormous in memory
    client.force_login(author)
    upload = SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")
    response = client.post("/me/profile/", form_data(avatar_upload=upload))
    assert "13,000×13,000" in response.content.decode() and "ใหญ่เกินไป" in response.content.decode()


PRIVATE = "บ้านเลขที่ 99 หมู่ 4 ต.ท่างิ้ว โทร 081-234-5678"


def _jpeg_with_secrets() -> bytes:
    image = Image.new("RGB", (300, 300), (20, 90, 160))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera make
    exif[0x8825] = {1: "N", 2: (8.0, 25.0, 0.0), 3: "E", 4: (99.0, 57.0, 0.0)}  # GPS
    out = BytesIO()
    image.save(out, "JPEG", exif=exif, comment=PRIVATE.encode())
    # A JPEG/HTML polyglot: markup after the end of the image.
    return out.getvalue() + b"<html><script>alert(document.cookie)</script></html>"


def _gif_with_comment() -> bytes:
    out = BytesIO()
    Image.new("P", (300, 300), 3).save(out, "GIF", comment=PRIVATE.encode())
    return out.getvalue()


@pytest.mark.parametrize(("data", "name"), [(_jpeg_with_secrets(), "me.jpg"), (_gif_with_comment(), "me.gif")])
def test_nothing_but_the_pixels_survives_an_avatar_upload(client, author, data, name):
    assert PRIVATE.encode() in data
    client.force_login(author)
    client.post("/me/profile/", form_data(avatar_upload=SimpleUploadedFile(name, data, content_type="image/jpeg")))
    author.profile.refresh_from_db()
    served = b"".join(client.get(author.profile.avatar.url).streaming_content)
    for secret in [PRIVATE.encode(), b"SecretCam", b"<script", b"<html", b"Exif"]:
        assert secret not in served, secret
    with Image.open(BytesIO(served)) as image:
        assert image.size == (256, 256) and not image.info.get("comment") and not image.getexif()
