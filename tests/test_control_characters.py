"""Control characters in what people write: removed on every save, survived on every output.

A post titled "feed\\x0bbreaker" made every feed listing it answer 500, and one
guest comment with \\x0c broke export_site for the whole site.
"""

import importlib
import zipfile
from io import StringIO

import feedparser
import pytest
from django.core.management import call_command

from comments.models import Comment
from posts.models import Blog, Post
from profiles.models import Profile
from tests.factories import make_blog, make_comment, make_post, make_user

pytestmark = pytest.mark.django_db

FEEDS = ["/feeds/atom/", "/feeds/rss/"]


def person_feeds(post: Post) -> list[str]:
    return [
        f"/blogs/{post.blog_id}/feed/",
        f"/blogs/{post.blog_id}/rss/",
        f"/people/{post.author.username}/feed/",
        f"/people/{post.author.username}/rss/",
        "/tags/วงคุณกิจ/feed/",
        "/tags/วงคุณกิจ/rss/",
    ]


def test_a_form_the_admin_and_the_importer_all_save_clean_text(client, author, blog, editor):
    client.force_login(author)
    data = {"title": "feed\x0bbreaker", "lead": "นำ\x0cเรื่อง", "body": "<p>เนื้อ\x1bหา</p>", "blog": blog.pk}
    data |= {"tags": "วง\x0bคุณกิจ", "licence": "all-rights-reserved", "allow_comments": "on", "action": "publish"}
    assert client.post("/posts/new/", data).status_code == 302
    post = Post.objects.get()
    assert (post.title, post.lead) == ("feedbreaker", "นำเรื่อง")
    assert post.tags.get().name in ("วงคุณกิจ", "วง คุณกิจ")  # the tag field reads \x0b as a space
    assert "\x1b" not in post.body
    # A guest comment through the public form.
    client.logout()
    client.post(f"/posts/{post.number}/comments/", {"guest_name": "แขก\x85", "body": "สวัสดี\x0cครับ\tท่าน\r\nบรรทัด"})
    comment = Comment.objects.get()
    assert (comment.guest_name, comment.body) == ("แขก", "สวัสดีครับ\tท่าน\nบรรทัด")  # tab and newline stay
    # The admin (an editor renames the blog).
    client.force_login(editor)
    client.post(
        f"/admin/posts/blog/{blog.pk}/change/",
        {
            "owner": author.pk,
            "title": "สมุด\x0cบันทึก",
            "description": "คำ\x07อธิบาย",
            "created_day": "1",
            "created_month": "11",
            "created_year": "2569",
            "created_time": "10:00",
        },
    )
    blog.refresh_from_db()
    assert (blog.title, blog.description) == ("สมุดบันทึก", "คำอธิบาย")


def test_a_profile_saved_anywhere_loses_control_characters(author):
    author.profile.display_name = "สมชาย\x0bใจดี"
    author.profile.bio = "ครู\x9fกศน."
    author.profile.save()
    author.profile.refresh_from_db()
    assert (author.profile.display_name, author.profile.bio) == ("สมชายใจดี", "ครูกศน.")


@pytest.fixture
def poisoned(author, blog):
    """Rows written before the cleaning existed (update() skips signals, as old data did)."""
    post = make_post(blog, tags=["วงคุณกิจ"])
    Post.objects.filter(pk=post.pk).update(title="feed\x0bbreaker", lead="นำ\x0c<img src=x onerror=alert(1)>")
    Blog.objects.filter(pk=blog.pk).update(title="สมุด\x0c", description="<script>alert(1)</script>\x0b")
    Profile.objects.filter(user=author).update(display_name="สมชาย\x0b", bio="<img src=x onerror=alert(2)>\x0c")
    make_comment(post, guest_name="แขก")
    Comment.objects.update(body="ทำลาย\x0cข้อมูลสำรอง", guest_name="แขก\x0b")
    return Post.objects.get(pk=post.pk)


def test_every_feed_survives_old_rows_with_control_characters(client, poisoned):
    for url in FEEDS + person_feeds(poisoned):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "\x0b" not in body and "\x0c" not in body, url
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert parsed.entries[0].title == "feedbreaker", url


def _markup(detail) -> str:
    """What a feed reader would render as HTML from this field (plain text renders as text)."""
    return detail.value if detail and detail.type in ("text/html", "application/xhtml+xml") else ""


def test_no_injected_markup_survives_in_any_feed(client, poisoned):
    for url in FEEDS + person_feeds(poisoned):
        parsed = feedparser.parse(client.get(url).content)
        fields = [parsed.feed.get("subtitle_detail"), parsed.feed.get("title_detail")]
        for entry in parsed.entries:
            fields += [entry.get("summary_detail"), entry.get("title_detail")]
        for detail in fields:
            html = _markup(detail)
            assert "<img" not in html and "<script" not in html, (url, detail)
    atom = feedparser.parse(client.get("/feeds/atom/").content).entries[0]
    assert atom.summary_detail.type == "text/plain" and "onerror" in atom.summary  # kept as words


def test_the_data_migration_cleans_rows_written_before(poisoned):
    from django.apps import apps

    for module in [
        "posts.migrations.0006_strip_control_characters",
        "comments.migrations.0004_strip_control_characters",
        "profiles.migrations.0003_strip_control_characters",
    ]:
        importlib.import_module(module).clean(apps, None)
    post = Post.objects.select_related("blog", "author__profile").get(pk=poisoned.pk)
    assert post.title == "feedbreaker" and post.blog.title == "สมุด"
    assert post.author.profile.display_name == "สมชาย"
    assert Comment.objects.get().body == "ทำลายข้อมูลสำรอง"


def test_export_site_survives_a_comment_with_control_characters(poisoned, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "site.zip"
    call_command("export_site", str(archive), stdout=StringIO())
    data = zipfile.ZipFile(archive).read("data.xml").decode()
    assert "ทำลายข้อมูลสำรอง" in data and "\x0c" not in data and "feedbreaker" in data


def test_a_display_name_with_control_characters_in_a_new_account(client):
    make_user("somsri", display_name="สมศรี\x0b")
    profile = Profile.objects.get(user__username="somsri")
    assert profile.display_name == "สมศรี"
    assert client.get("/people/somsri/feed/").status_code == 200
    assert make_blog(profile.user, title="บล็อก\x0c").title == "บล็อก"
