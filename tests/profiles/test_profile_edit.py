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
