"""export_site then import_site into an emptied database: nothing lost (run on both databases)."""

from io import BytesIO, StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from comments.models import BlockedWord, Comment
from communities import services as communities
from communities.models import Community, Membership, SharedPost
from media.models import MediaFile
from network.models import Appreciation, Follow, Preferences
from posts import series
from posts.models import Blog, Post, Series
from profiles.models import Profile, Role
from tags.models import Tag, TaggedPost
from tests.factories import make_blog, make_comment, make_post, make_user

pytestmark = pytest.mark.django_db(transaction=True)

MODELS = [
    get_user_model(), Profile, Role, Blog, Series, Post, Tag, TaggedPost, Comment, BlockedWord,
    Community, Membership, SharedPost, Follow, Appreciation, Preferences, MediaFile,
]  # fmt: skip


def snapshot() -> dict:
    """Every exported row, as comparable values."""
    state = {}
    for model in MODELS:
        rows = []
        for obj in model.objects.order_by("pk"):
            values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
            if model is Profile:
                values["roles"] = sorted(obj.roles.values_list("code", flat=True))
                values["avatar"] = obj.avatar.name
            rows.append(values)
        state[model.__name__] = rows
    return state


def test_round_trip(tmp_path, settings, client):
    settings.MEDIA_ROOT = tmp_path / "media"
    writer = make_user("somsri", display_name="สมศรี", organisation="กศน.", province="ตรัง")
    writer.profile.roles.set(Role.objects.filter(code__in=["facilitator", "note-taker"]))
    image = BytesIO()
    Image.new("RGB", (40, 40), (10, 120, 80)).save(image, "JPEG")
    writer.profile.avatar.save("me.jpg", SimpleUploadedFile("me.jpg", image.getvalue()))
    blog = make_blog(writer, title="เวทีคุณอำนวย")
    first = make_post(blog, title="ถอดบทเรียน ตอนที่1", tags=["ป่า", "ปา"], number=56697, licence="cc-by")
    second = make_post(blog, title="ถอดบทเรียน ตอนที่2", tags=["ป่า"])
    make_post(blog, title="ร่าง", published=False)
    for post in (first, second):
        series.file_into_series(post, *series.detect(post.title))
    question = make_comment(first, guest_name="ครูอ้อย", body="คำถาม", ip_address="10.0.0.1")
    make_comment(first, author=writer, parent=question, body="คำตอบ")
    make_comment(first, guest_name="รอ", body="รออนุมัติ", status=Comment.Status.PENDING)
    BlockedWord.objects.create(phrase="ยาลดความอ้วน")
    reader = make_user("malee", display_name="มาลี")
    community = communities.create(Community(name="วงคุณอำนวย"), writer, tags=["ป่า"])
    Membership.objects.create(community=community, user=reader)
    communities.share(first, community, writer)
    Follow.objects.create(follower=reader, user=writer)
    Follow.objects.create(follower=reader, tag=Tag.objects.get(name="ป่า"))
    Appreciation.objects.create(post=first, user=reader)
    Preferences.objects.create(user=reader, digest="daily", planet_public=True)
    photo = MediaFile(owner=writer, kind="image", original_name="เวที.jpg", content_type="image/jpeg", size=3)
    photo.file.save("abc.jpg", ContentFile(b"jpg"), save=False)
    photo.save()
    before = snapshot()

    archive = tmp_path / "site.zip"
    call_command("export_site", str(archive), stdout=StringIO())
    assert "pass-for-tests" not in archive.read_bytes().decode("latin-1")
    call_command("flush", "--no-input", verbosity=0)
    (tmp_path / "media" / writer.profile.avatar.name).unlink()
    (tmp_path / "media" / photo.file.name).unlink()
    assert not Post.objects.exists()

    call_command("import_site", str(archive), stdout=StringIO())
    assert snapshot() == before
    assert (tmp_path / "media" / writer.profile.avatar.name).exists()
    assert (tmp_path / "media" / photo.file.name).read_bytes() == b"jpg"
    assert client.login(username="somsri", password="pass-for-tests")
    assert make_post(blog, title="บันทึกใหม่หลังกู้คืน").number == 56700  # numbering carries on after 56699
    page = client.get("/search/", {"q": "ถอดบทเรียน"}).content.decode()
    assert "<mark>ถอดบทเรียน</mark> ตอนที่1" in page  # the index was rebuilt


def test_import_refuses_a_database_with_content(tmp_path):
    archive = tmp_path / "site.zip"
    make_post(make_blog(), title="มีอยู่แล้ว")
    call_command("export_site", str(archive), stdout=StringIO())
    with pytest.raises(CommandError, match="ฐานข้อมูลว่าง"):
        call_command("import_site", str(archive), stdout=StringIO())
    with pytest.raises(CommandError, match="มีอยู่แล้ว"):
        call_command("export_site", str(archive), stdout=StringIO())
    (tmp_path / "not.zip").write_text("x")
    with pytest.raises(CommandError, match="ไม่ใช่ไฟล์ zip"):
        call_command("import_site", str(tmp_path / "not.zip"), stdout=StringIO())
