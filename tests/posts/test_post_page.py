import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from comments.models import Comment
from posts.models import Post
from tests.factories import make_comment, make_post, make_user

pytestmark = pytest.mark.django_db


def test_it_shows_the_post(client, blog):
    post = make_post(blog, title="ถอดบทเรียนวงคุณอำนวย", tags=["รักเธอประเทศไทย"], licence="cc-by-sa")
    blog.owner.profile.organisation = "กศน.อำเภอเมือง"
    blog.owner.profile.save()
    response = client.get(f"/posts/{post.number}/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "ถอดบทเรียนวงคุณอำนวย",
        "ความนำของบันทึก",
        "เนื้อหาของบันทึก",
        "สมชาย ใจดี",
        "กศน.อำเภอเมือง",
        blog.title,
        "#รักเธอประเทศไทย",
        "CC BY-SA 4.0",
        "creativecommons.org/licenses/by-sa/4.0/",
    ]:
        assert text in page, text


def test_it_shows_thai_dates(client, blog):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    written = datetime(2006, 11, 1, 10, 7, tzinfo=ZoneInfo("Asia/Bangkok"))
    edited = datetime(2012, 2, 11, 16, 13, tzinfo=ZoneInfo("Asia/Bangkok"))
    post = make_post(blog, published_at=written, updated_at=edited)
    page = client.get(post.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "1 พฤศจิกายน 2549 เวลา 10:07 น." in page
    assert "แก้ไข" in page and "11 กุมภาพันธ์ 2555" in page
    assert 'datetime="2006-11-01T10:07:00+07:00"' in page


@pytest.mark.parametrize("year", [1957, 2006, 2043, 2100])
def test_thai_dates_read_as_pythainlp_writes_them(year):
    """The date filters write what PyThaiNLP's thai_strftime writes, month by month."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import translation
    from pythainlp.util import thai_strftime

    from posts.templatetags.thai import thai_date, thai_date_short, thai_datetime

    with translation.override("th"):
        for month in range(1, 13):
            moment = datetime(year, month, month + 9, month, 4 * month, tzinfo=ZoneInfo("Asia/Bangkok"))
            assert thai_date(moment) == thai_strftime(moment, "%-d %B %Y")
            assert thai_datetime(moment) == thai_strftime(moment, "%-d %B %Y เวลา %H:%M น.")
            assert thai_date_short(moment) == thai_strftime(moment, "%-d %b %y")


def test_it_hides_the_edited_date_of_an_unedited_post(client, blog):
    post = make_post(blog)
    post.updated_at = post.published_at
    post.save()
    assert "แก้ไข <time" not in client.get(post.get_absolute_url()).content.decode()


def test_it_shows_approved_comments_in_order_and_nothing_else(client, blog, member):
    post = make_post(blog)
    make_comment(post, guest_name="ป้าแดง", body="ความเห็นแรก")
    make_comment(post, author=member, body="ความเห็นที่สอง")
    make_comment(post, guest_name="สแปมเมอร์", body="ซื้อยาราคาถูก", status=Comment.Status.SPAM)
    make_comment(post, guest_name="รอตรวจ", body="ยังไม่อนุมัติ", status=Comment.Status.PENDING)
    page = client.get(post.get_absolute_url()).content.decode()
    assert page.index("ความเห็นแรก") < page.index("ความเห็นที่สอง")
    assert "มาลี รักเรียน" in page
    assert "ซื้อยาราคาถูก" not in page and "ยังไม่อนุมัติ" not in page
    assert "ความเห็น (2)" in page


def test_it_marks_the_authors_reply_under_the_comment(client, blog, author):
    post = make_post(blog)
    question = make_comment(post, guest_name="ครูอ้อย", body="ใช้สูตรไหนคะ")
    make_comment(post, author=author, parent=question, body="สูตรกากน้ำตาลครับ")
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'class="replies"' in page
    assert page.index("ใช้สูตรไหนคะ") < page.index("ผู้เขียนบันทึก") < page.index("สูตรกากน้ำตาลครับ")


def test_comment_bodies_are_escaped(client, blog):
    post = make_post(blog)
    make_comment(post, guest_name="<b>x</b>", body='<script>alert("x")</script> ดูที่ https://example.org/a')
    page = client.get(post.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    assert 'href="https://example.org/a"' in page


def test_it_counts_reads_by_others_but_not_by_the_author(client, blog, author, member):
    post = make_post(blog)
    client.get(post.get_absolute_url())
    client.get(post.get_absolute_url())
    client.force_login(member)
    client.get(post.get_absolute_url())
    client.force_login(author)
    response = client.get(post.get_absolute_url())
    post.refresh_from_db()
    assert post.read_count == 3
    assert "<dt>อ่าน</dt><dd>3</dd>" in response.content.decode()


def test_read_counts_add_up_in_the_database(blog):
    """Every counted read reaches the database, added in SQL to what is there."""
    from posts import reads

    post = make_post(blog)
    Post.objects.filter(pk=post.pk).update(read_count=100)
    for _ in range(6):
        reads.count_read(post.number)
    reads.flush_reads()
    post.refresh_from_db()
    assert post.read_count == 106


def test_a_draft_is_404_to_the_public_and_to_other_members(client, blog, member):
    draft = make_post(blog, published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_draft_is_visible_to_its_author_and_does_not_count_reads(client, blog, author):
    draft = make_post(blog, published=False, title="ร่างบันทึก")
    client.force_login(author)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "ฉบับร่าง" in response.content.decode()
    draft.refresh_from_db()
    assert draft.read_count == 0


def test_a_scheduled_post_is_404_until_its_time(client, blog):
    from datetime import timedelta

    scheduled = make_post(blog, age=-timedelta(days=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("url", ["/posts/999999/", "/posts/abc/", "/posts/-1/", "/posts/1.5/", "/posts/%E0%B8%81/"])
def test_unknown_and_malformed_numbers_are_404(client, url):
    assert client.get(url).status_code == 404


def test_the_404_page_is_in_thai(client):
    assert "ไม่พบหน้านี้" in client.get("/posts/999999/").content.decode()


@pytest.mark.parametrize("comments", [0, 500])
def test_query_budget_whatever_the_number_of_comments(client, blog, comments, django_assert_max_num_queries):
    post = make_post(blog, tags=["คุณอำนวย", "การจัดการความรู้"])
    commenters = [make_user() for _ in range(5)]
    Comment.objects.bulk_create(
        Comment(
            post=post,
            position=i + 1,
            author=commenters[i % 5] if i % 2 else None,
            guest_name="" if i % 2 else "ผู้เยี่ยมชม",
            body=f"ความเห็นที่ {i + 1}",
            status=Comment.Status.APPROVED,
        )
        for i in range(comments)
    )
    with django_assert_max_num_queries(10):
        response = client.get(post.get_absolute_url())
    assert len(re.findall(r'id="comment-\d+"', response.content.decode())) == comments


def test_numbers_are_unique_in_the_database(blog):
    post = make_post(blog)
    other = make_post(blog)
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.filter(pk=other.pk).update(number=post.number)


def test_counts_cannot_go_negative(blog):
    post = make_post(blog)
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.filter(pk=post.pk).update(read_count=-1)


def test_a_published_post_needs_a_date(blog):
    post = make_post(blog)
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.filter(pk=post.pk).update(published_at=None)


def test_recent_items_show_relative_thai_times_with_the_full_date(client, blog):
    from datetime import timedelta

    from django.utils import timezone

    from posts.templatetags.thai import relative

    now = timezone.now()
    assert relative(now - timedelta(hours=3), now) == "3 ชั่วโมงที่แล้ว"
    assert relative(now - timedelta(minutes=5), now) == "5 นาทีที่แล้ว"
    assert relative(now - timedelta(days=2), now) == "2 วันที่แล้ว"
    assert relative(now - timedelta(days=8), now) is None
    make_post(blog, title="บันทึกใหม่", age=timedelta(hours=3))
    page = client.get("/").content.decode()
    assert re.search(r'<time datetime="[^"]+" title="\d+ \S+ 25\d\d เวลา \d\d:\d\d น.">3 ชั่วโมงที่แล้ว</time>', page)


def test_the_home_page_shows_what_is_being_discussed(client, blog):
    from tests.factories import make_comment

    quiet = make_post(blog, title="บันทึกที่ยังเงียบ")
    lively = make_post(blog, title="บันทึกที่คุยกันอยู่", age=timedelta(days=20))
    make_comment(lively)
    page = client.get("/", {"tab": "discussed"}).content.decode()
    assert "บันทึกที่คุยกันอยู่" in page and "บันทึกที่ยังเงียบ" not in page and 'aria-current="page">กำลังคุยกัน' in page
    newest = client.get("/").content.decode()
    assert newest.index(quiet.title) < newest.index(lively.title)
