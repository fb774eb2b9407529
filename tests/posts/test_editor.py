"""Writing posts: draft, publish, schedule, preview, edit, delete, tags, and safe HTML."""

from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import Post
from tests.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(client, author, blog):
    client.force_login(author)
    return client


def post_data(blog, **extra):
    return {
        "title": "ถอดบทเรียนเวทีคุณอำนวย",
        "lead": "ความนำสั้น ๆ",
        "body": "<p>เนื้อหา <strong>สำคัญ</strong></p><ul><li>ข้อแรก</li></ul>",
        "blog": blog.pk,
        "tags": "คุณอำนวย, #ถอดบทเรียน #KM",
        "licence": "cc-by",
        "allow_comments": "on",
        "action": "publish",
        **extra,
    }


def test_publish_now(writer, blog, client):
    response = writer.post("/posts/new/", post_data(blog), follow=True)
    post = Post.objects.get()
    assert response.redirect_chain[-1][0] == post.get_absolute_url()
    assert post.is_published and post.author == blog.owner and post.licence == "cc-by"
    assert sorted(post.tags.names()) == ["KM", "คุณอำนวย", "ถอดบทเรียน"]
    page = response.content.decode()
    assert "เผยแพร่แล้ว" in page and "<strong>สำคัญ</strong>" in page and "แก้ไข <time" not in page
    client.logout()
    assert "ถอดบทเรียนเวทีคุณอำนวย" in client.get("/").content.decode()
    assert "ถอดบทเรียนเวทีคุณอำนวย" in client.get("/tags/คุณอำนวย/").content.decode()


def test_save_as_draft_stays_off_the_site(writer, blog, client):
    response = writer.post("/posts/new/", post_data(blog, action="draft"), follow=True)
    assert response.redirect_chain[-1][0].endswith("/edit/")  # the writer stays in the editor
    assert "เขียนต่อได้เลย" in response.content.decode()
    assert "ฉบับร่าง (1)" in writer.get("/me/posts/").content.decode()
    post = Post.objects.get()
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "ถอดบทเรียนเวทีคุณอำนวย" not in client.get("/").content.decode()


def when_fields(when) -> dict:
    """The Thai date input: day, Thai month, Buddhist-era year, 24-hour time."""
    return {
        "publish_at_day": when.day,
        "publish_at_month": when.month,
        "publish_at_year": when.year + 543,
        "publish_at_time": when.strftime("%H.%M"),
    }


def test_schedule_for_later(writer, blog, client):
    when = timezone.localtime() + timedelta(days=2)
    writer.post("/posts/new/", post_data(blog, action="schedule", **when_fields(when)))
    post = Post.objects.get()
    assert timezone.localtime(post.published_at).strftime("%Y-%m-%d %H:%M") == when.strftime("%Y-%m-%d %H:%M")
    assert not post.is_published and post in Post.objects.scheduled()
    assert "ตั้งเวลาเผยแพร่ (1)" in writer.get("/me/posts/").content.decode()
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == 404
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert client.get(post.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ({}, "เลือกวันและเวลาที่จะเผยแพร่"),
        ({"publish_at_day": 1, "publish_at_month": 1, "publish_at_year": 2544, "publish_at_time": "10:00"}, "อนาคต"),
        ({"publish_at_day": 31, "publish_at_month": 2, "publish_at_year": 2570, "publish_at_time": "10:00"}, "ไม่มีวันที่นี้"),
        ({"publish_at_day": 1, "publish_at_month": 3, "publish_at_year": "สองห้า", "publish_at_time": "10:00"}, "ใส่ปี"),
        ({"publish_at_day": 1, "publish_at_month": 3, "publish_at_year": 2570, "publish_at_time": "25:61"}, "24 ชั่วโมง"),
        ({"publish_at_day": 1, "publish_at_month": 3}, "ให้ครบ"),
    ],
)
def test_schedule_needs_a_whole_future_time_and_says_what_is_wrong(writer, blog, when, message):
    response = writer.post("/posts/new/", post_data(blog, action="schedule", **when))
    page = response.content.decode()
    assert response.status_code == 200 and "field-has-error" in page and message in page
    assert "ถอดบทเรียนเวทีคุณอำนวย" in page  # what was typed is kept
    assert not Post.objects.exists()


def test_the_schedule_input_shows_thai_months_and_buddhist_years(writer, blog):
    post = make_post(blog, published=False)
    Post.objects.filter(pk=post.pk).update(
        status=Post.Status.PUBLISHED, published_at=timezone.make_aware(timezone.datetime(2030, 9, 7, 14, 5))
    )
    page = writer.get(f"/posts/{post.number}/edit/").content.decode()
    assert '<option value="9" selected>กันยายน</option>' in page
    assert 'name="publish_at_year" value="2573"' in page and 'value="14:05"' in page
    assert 'type="datetime-local"' not in page


def test_preview_shows_the_real_layout_and_saves_nothing(writer, blog):
    response = writer.post("/posts/new/", post_data(blog, action="preview"))
    page = response.content.decode()
    assert not Post.objects.exists()
    assert 'class="post"' in page and "<h1>ถอดบทเรียนเวทีคุณอำนวย</h1>" in page and "#คุณอำนวย" in page
    assert "ตัวอย่างบันทึก" in page
    assert "ถอดบทเรียนเวทีคุณอำนวย" in page.split('class="form editor-form"')[1]  # the form keeps it


def test_errors_keep_everything_typed_including_the_body(writer, blog):
    response = writer.post("/posts/new/", post_data(blog, title=""))
    page = response.content.decode()
    assert response.status_code == 200 and not Post.objects.exists()
    assert "field-has-error" in page.split('id="field-title"')[1].split('id="field-lead"')[0] or (
        'id="field-title"' in page and "field-has-error" in page
    )
    assert "&lt;strong&gt;สำคัญ&lt;/strong&gt;" in page  # the body, in the editor's textarea
    assert 'value="คุณอำนวย, ถอดบทเรียน, KM"' in page or "คุณอำนวย, #ถอดบทเรียน #KM" in page


def test_the_body_is_sanitised_whatever_the_browser_sends(writer, blog):
    body = (
        '<p>ก่อน<script>alert("x")</script><img src="x" alt="รูป" onerror="alert(1)">'
        '<a href="javascript:alert(1)">js</a><a href="https://example.org/">นอก</a></p>'
        '<h2>หัวข้อ</h2><blockquote>อ้างอิง</blockquote><hr><img src="https://example.org/a.png" alt="ภาพแปลงนา">'
        '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="data">'
    )
    writer.post("/posts/new/", post_data(blog, body=body))
    page = writer.get(Post.objects.get().get_absolute_url()).content.decode()
    assert "alert(" not in page.split('class="post-body"')[1].split("</div>")[0]
    assert '<a href="https://example.org/" rel="nofollow noopener">นอก</a>' in page
    # A picture from another site is kept in the post, and shown as a link to it (the content
    # policy shows pictures from this site only).
    assert '<a class="outside-image" href="https://example.org/a.png" rel="nofollow noopener">ภาพแปลงนา</a>' in page
    assert "https://example.org/a.png" in writer.get(f"/posts/{Post.objects.get().number}/edit/").content.decode()
    assert "data:image" not in page
    assert '<h2 id="section-1">หัวข้อ</h2><blockquote>อ้างอิง</blockquote><hr>' in page


def test_editing_a_published_post_shows_when_it_was_edited(writer, blog):
    post = make_post(blog, title="เดิม", age=timedelta(days=3))
    response = writer.post(f"/posts/{post.number}/edit/", post_data(blog, title="ใหม่"), follow=True)
    post.refresh_from_db()
    assert post.title == "ใหม่" and post.published_at < timezone.now() - timedelta(days=2)
    assert "· แก้ไข <time" in response.content.decode()


def test_switching_a_published_post_to_draft_takes_it_off_the_site(writer, blog, client):
    post = make_post(blog)
    writer.post(f"/posts/{post.number}/edit/", post_data(blog, action="draft"))
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == 404


def test_edit_form_shows_the_current_tags(writer, blog):
    post = make_post(blog, tags=["ป่า", "ปา"])
    page = writer.get(f"/posts/{post.number}/edit/").content.decode()
    assert 'value="ป่า, ปา"' in page or 'value="ปา, ป่า"' in page


def test_delete_asks_first(writer, blog):
    post = make_post(blog, title="จะลบ")
    assert "ลบบันทึกนี้?" in writer.get(f"/posts/{post.number}/delete/").content.decode()
    assert Post.objects.filter(pk=post.pk).exists()
    response = writer.post(f"/posts/{post.number}/delete/", follow=True)
    assert "ลบบันทึก “จะลบ” แล้ว" in response.content.decode()
    assert not Post.objects.filter(pk=post.pk).exists()


def test_my_posts_shows_counts(writer, blog):
    make_post(blog, title="บันทึกยอดนิยม", read_count=321, comment_count=0)
    page = writer.get("/me/posts/").content.decode()
    assert "บันทึกยอดนิยม" in page and "321" in page and "เผยแพร่แล้ว (1)" in page


def test_blog_create_edit_delete(writer, author):
    response = writer.post("/blogs/new/", {"title": "สมุดใหม่", "description": "เรื่องเล่า"}, follow=True)
    blog = author.blogs.get(title="สมุดใหม่")
    assert response.redirect_chain[-1][0] == blog.get_absolute_url()
    writer.post(f"/blogs/{blog.pk}/edit/", {"title": "สมุดใหม่ (แก้)", "description": ""})
    blog.refresh_from_db()
    assert blog.title == "สมุดใหม่ (แก้)"
    make_post(blog)
    assert "1 บันทึก" in writer.get(f"/blogs/{blog.pk}/delete/").content.decode()
    writer.post(f"/blogs/{blog.pk}/delete/")
    assert not author.blogs.filter(pk=blog.pk).exists()


def test_a_member_without_blogs_gets_one_when_writing(client, member):
    client.force_login(member)
    assert client.get("/posts/new/").status_code == 200
    assert member.blogs.count() == 1


def test_tag_suggestions(client, blog):
    make_post(blog, tags=["คุณอำนวย", "คุณอำนวยตำบล"])
    make_post(blog, tags=["คุณอำนวย"])
    assert client.get("/tags/suggest.json", {"q": "#คุณอำ"}).json() == {"tags": ["คุณอำนวย", "คุณอำนวยตำบล"]}
    assert client.get("/tags/suggest.json", {"q": ""}).json() == {"tags": []}
    assert client.get("/tags/suggest.json", {"q": "x" * 5000}).status_code == 200


def test_my_posts_uses_short_thai_dates(writer, blog):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    make_post(blog, title="บันทึกเก่า", published_at=datetime(2006, 11, 1, 10, 7, tzinfo=ZoneInfo("Asia/Bangkok")))
    assert ">1 พ.ย. 49</time>" in writer.get("/me/posts/").content.decode()


@pytest.mark.parametrize("tags", ["&", "?", "KM, &", "#/", "%"])
@pytest.mark.parametrize("action", ["preview", "publish", "draft"])
def test_a_tag_with_no_letters_is_a_clear_error_and_keeps_the_text(writer, blog, tags, action):
    response = writer.post("/posts/new/", post_data(blog, tags=tags, action=action))
    page = response.content.decode()
    assert response.status_code == 200 and "คำสำคัญต้องมีตัวอักษรหรือตัวเลข" in page
    assert "ถอดบทเรียนเวทีคุณอำนวย" in page and not Post.objects.exists()


def test_updating_a_live_post_says_updated_not_published(writer, blog):
    post = make_post(blog)
    response = writer.post(f"/posts/{post.number}/edit/", post_data(blog, action="publish"), follow=True)
    page = response.content.decode()
    assert "อัปเดตแล้ว" in page and "เผยแพร่แล้ว" not in page


def test_autosave_keeps_typing_on_the_server_and_another_device_restores_it(writer, blog, client, member):
    typed = post_data(blog, title="ร่างที่ยังไม่ได้กดบันทึก", body="<p>ย่อหน้าที่พิมพ์ค้างไว้</p>")
    answer = writer.post("/posts/autosave/", typed)
    assert answer.status_code == 200 and "บันทึกอัตโนมัติแล้ว" in answer.json()["label"]
    assert not Post.objects.exists()  # an autosave is not a post
    # Another device: the same writer opens the editor.
    page = writer.get("/posts/new/").content.decode()
    assert "มีงานที่พิมพ์ไว้แต่ยังไม่ได้บันทึก" in page and "?restore=1" in page
    restored = writer.get("/posts/new/?restore=1").content.decode()
    assert 'value="ร่างที่ยังไม่ได้กดบันทึก"' in restored and "ย่อหน้าที่พิมพ์ค้างไว้" in restored
    # Saving the post in any way removes the autosave.
    writer.post("/posts/new/", {**typed, "action": "draft"})
    assert "มีงานที่พิมพ์ไว้" not in writer.get("/posts/new/").content.decode()


def test_autosave_of_a_live_post_never_changes_it(writer, blog, client):
    post = make_post(blog, title="ชื่อที่เผยแพร่แล้ว")
    writer.post(f"/posts/{post.number}/autosave/", post_data(blog, title="ชื่อที่กำลังแก้"))
    post.refresh_from_db()
    assert post.title == "ชื่อที่เผยแพร่แล้ว"
    assert "ชื่อที่กำลังแก้" not in client.get(post.get_absolute_url()).content.decode()
    edit = writer.get(f"/posts/{post.number}/edit/?restore=1").content.decode()
    assert 'value="ชื่อที่กำลังแก้"' in edit
    writer.post(f"/posts/{post.number}/autosave/", {"action": "discard"})
    assert "มีงานที่พิมพ์ไว้" not in writer.get(f"/posts/{post.number}/edit/").content.decode()


def test_autosave_checks_ownership_method_and_login(client, blog, member):
    post = make_post(blog)
    assert client.post(f"/posts/{post.number}/autosave/", {"title": "x"}).status_code == 302  # to log in
    client.force_login(member)
    assert client.post(f"/posts/{post.number}/autosave/", {"title": "แอบแก้"}).status_code == 403
    assert client.get(f"/posts/{post.number}/autosave/").status_code == 405
    assert client.post("/posts/autosave/", {"body": "a" * 1_000_001}).status_code == 413
