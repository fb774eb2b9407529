"""Writing comments: who may, what waits for approval, who sees what, and the mail."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from comments.models import BlockedWord, Comment
from posts.models import Post
from tests.factories import make_comment, make_post, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(blog):
    return make_post(blog, title="บันทึกเปิดรับความเห็น")


def url(post) -> str:
    return f"/posts/{post.number}/comments/"


def guest_data(**extra):
    return {"guest_name": "ครูอ้อย", "guest_email": "oi@example.org", "body": "น้ำหมักใช้สูตรไหนคะ", **extra}


def count(post) -> int:
    return Post.objects.get(pk=post.pk).comment_count


def test_a_member_comment_is_published_at_once(client, post, member):
    client.force_login(member)
    response = client.post(url(post), {"body": "ขอบคุณสำหรับบันทึกครับ\nบรรทัดที่สอง"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{post.get_absolute_url()}#comment-1"
    page = response.content.decode()
    assert "ส่งความเห็นแล้ว ขอบคุณ" in page
    assert "ขอบคุณสำหรับบันทึกครับ<br>บรรทัดที่สอง" in page and "มาลี รักเรียน" in page
    assert count(post) == 1


def test_a_guest_comment_waits_and_only_its_writer_sees_it(client, post, author, member, editor):
    response = client.post(url(post), guest_data(), follow=True)
    page = response.content.decode()
    assert "จะปรากฏต่อผู้อื่นเมื่อ" in page
    assert "น้ำหมักใช้สูตรไหนคะ" in page and "รออนุมัติ" in page
    assert count(post) == 0
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.ip_address == "127.0.0.1"

    from django.test import Client

    assert "น้ำหมักใช้สูตรไหนคะ" not in Client().get(post.get_absolute_url()).content.decode()
    other = Client()
    other.force_login(member)
    assert "น้ำหมักใช้สูตรไหนคะ" not in other.get(post.get_absolute_url()).content.decode()
    for viewer in (author, editor):
        moderator = Client()
        moderator.force_login(viewer)
        page = moderator.get(post.get_absolute_url()).content.decode()
        assert "น้ำหมักใช้สูตรไหนคะ" in page and 'value="approve"' in page


def test_the_guest_email_is_never_shown(client, post):
    client.post(url(post), guest_data())
    Comment.objects.update(status=Comment.Status.APPROVED)
    assert "oi@example.org" not in client.get(post.get_absolute_url()).content.decode()


def test_a_guest_must_give_a_name_and_loses_nothing(client, post):
    response = client.post(url(post), guest_data(guest_name=""))
    page = response.content.decode()
    assert response.status_code == 400 and "field-has-error" in page
    assert "น้ำหมักใช้สูตรไหนคะ</textarea>" in page and 'value="oi@example.org"' in page
    assert not Comment.objects.exists()


def test_the_length_limit_has_a_clear_message(client, post, settings):
    settings.COMMENT_MAX_LENGTH = 50
    response = client.post(url(post), guest_data(body="ก" * 51))
    assert response.status_code == 400
    assert "50" in response.content.decode().split('id="field-body"')[1].split("</div>")[1]
    assert not Comment.objects.exists()


def test_links_and_blocked_words_send_member_comments_to_the_queue(client, post, member, settings):
    settings.COMMENT_MAX_LINKS = 2
    client.force_login(member)
    client.post(url(post), {"body": "ดู https://a.example https://b.example https://c.example"})
    BlockedWord.objects.create(phrase="ยาลดความอ้วน")
    client.post(url(post), {"body": "ขาย ยาลดความอ้วน ราคาถูก"})
    client.post(url(post), {"body": "ลิงก์เดียว https://a.example ได้"})
    assert list(Comment.objects.order_by("position").values_list("status", flat=True)) == [
        Comment.Status.PENDING,
        Comment.Status.PENDING,
        Comment.Status.APPROVED,
    ]


def test_links_are_clickable_with_nofollow_ugc_noopener(client, post, member):
    client.force_login(member)
    client.post(url(post), {"body": "อ่านต่อที่ https://example.org/km?x=1&y=2 ครับ"})
    page = client.get(post.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/km?x=1&amp;y=2" rel="nofollow ugc noopener">' in page


def test_the_honeypot_stops_bots_with_a_message(client, post):
    response = client.post(url(post), guest_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "สแปม" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_rate_limit_stops_floods_with_a_message_and_keeps_the_text(client, post, settings):
    settings.COMMENT_GUEST_RATE_LIMIT = 3
    for n in range(3):
        assert client.post(url(post), guest_data(body=f"ความเห็นที่ {n}")).status_code == 302
    response = client.post(url(post), guest_data(body="ความเห็นที่เกิน"))
    page = response.content.decode()
    assert response.status_code == 429 and "ส่งความเห็นถี่เกินไป" in page and "ความเห็นที่เกิน</textarea>" in page
    assert Comment.objects.count() == 3


def test_members_are_limited_per_account_wherever_they_write_from(client, post, member, settings):
    settings.COMMENT_RATE_LIMIT = 2
    client.force_login(member)
    statuses = [client.post(url(post), {"body": f"ข้อ {n}"}, REMOTE_ADDR=f"10.0.0.{n}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]


def test_no_comments_on_drafts_or_closed_posts(client, blog, member):
    draft = make_post(blog, published=False)
    closed = make_post(blog, allow_comments=False)
    client.force_login(member)
    assert client.post(url(draft), {"body": "แอบเห็น"}).status_code == 404
    response = client.post(url(closed), {"body": "ปิดแล้ว"})
    assert response.status_code == 403 and "ไม่รับความเห็น" in response.content.decode()
    assert not Comment.objects.exists()
    page = client.get(closed.get_absolute_url()).content.decode()
    assert "ปิดรับความเห็น" in page and 'id="comment-form"' not in page


def test_comment_urls_reject_get(client, post):
    assert client.get(url(post)).status_code == 405


def test_replies_sit_under_their_comment_and_the_author_is_marked(client, post, author, member):
    question = make_comment(post, guest_name="ครูอ้อย", body="คำถาม")
    reply_to_reply = make_comment(post, author=member, parent=question, body="ตอบแรก")
    client.force_login(author)
    page = client.get(f"{post.get_absolute_url()}?reply={question.pk}").content.decode()
    assert "ตอบความเห็น #1 ของ ครูอ้อย" in page and f'value="{question.pk}"' in page
    client.post(url(post), {"body": "คำตอบจากผู้เขียน", "parent": reply_to_reply.pk})
    reply = Comment.objects.get(body="คำตอบจากผู้เขียน")
    assert reply.parent == question  # one level: a reply to a reply answers the comment above
    page = client.get(post.get_absolute_url()).content.decode()
    replies = page.split('class="replies"')[1]
    assert "ตอบแรก" in replies and "คำตอบจากผู้เขียน" in replies and "ผู้เขียนบันทึก" in replies


def test_a_reply_to_an_unknown_or_unapproved_comment_is_refused(client, post, member):
    hidden = make_comment(post, status=Comment.Status.PENDING)
    client.force_login(member)
    for parent in (999999, hidden.pk):
        response = client.post(url(post), {"body": "ตอบ", "parent": parent})
        assert response.status_code == 400 and "ไม่พบความเห็นที่ต้องการตอบ" in response.content.decode()


def test_the_author_moderates_from_the_post_page(client, post, author):
    pending = make_comment(post, status=Comment.Status.PENDING, body="รอ")
    shown = make_comment(post, body="แสดง")
    client.force_login(author)
    moderate = "/comments/{}/moderate/"
    client.post(moderate.format(pending.pk), {"action": "approve"})
    assert count(post) == 2
    client.post(moderate.format(shown.pk), {"action": "hide"})
    assert count(post) == 1 and Comment.objects.get(pk=shown.pk).status == Comment.Status.REMOVED
    asked = client.post(moderate.format(pending.pk), {"action": "delete"})
    assert asked.status_code == 200 and "ลบความเห็น #1 ถาวร?" in asked.content.decode()  # one click asks first
    assert Comment.objects.filter(pk=pending.pk).exists()
    response = client.post(moderate.format(pending.pk), {"action": "delete", "confirm": "1"}, follow=True)
    assert "ลบความเห็น #1 แล้ว" in response.content.decode()
    assert count(post) == 0 and not Comment.objects.filter(pk=pending.pk).exists()
    assert client.post(moderate.format(shown.pk), {"action": "nonsense"}).status_code == 400


def test_others_cannot_moderate(client, post, member):
    comment = make_comment(post)
    assert "/accounts/login/" in client.post(f"/comments/{comment.pk}/moderate/", {"action": "hide"})["Location"]
    client.force_login(member)
    assert client.post(f"/comments/{comment.pk}/moderate/", {"action": "hide"}).status_code == 403
    assert client.post("/comments/999999/moderate/", {"action": "hide"}).status_code == 404
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED


def test_the_author_then_on_approval_the_member_replied_to_get_mail(client, post, author, member, run_tasks):
    question = make_comment(post, author=member, body="คำถามของมาลี")
    mail.outbox.clear()
    client.post(url(post), guest_data(body="ตอบมาลี", parent=question.pk))
    assert mail.outbox == []  # the request only queued it
    run_tasks()
    # A guest's reply waits for approval: only the post's author hears of it, to moderate.
    assert [message.to[0] for message in mail.outbox] == ["somchai@example.org"]
    assert "http://testserver/posts/" in mail.outbox[0].body
    client.force_login(author)
    reply = Comment.objects.get(body="ตอบมาลี")
    client.post(f"/comments/{reply.pk}/moderate/", {"action": "approve"})
    run_tasks()
    # Approved: now the member replied to is told; the author, who approved it, not again.
    assert sorted(message.to[0] for message in mail.outbox) == ["malee@example.org", "somchai@example.org"]


def test_no_mail_to_yourself(client, post, author, run_tasks):
    client.force_login(author)
    client.post(url(post), {"body": "ผู้เขียนเขียนเอง"})
    run_tasks()
    assert mail.outbox == []


def test_a_broken_mail_server_never_breaks_commenting(client, post, settings, run_tasks):
    settings.EMAIL_BACKEND = "tests.comments.test_posting.BrokenBackend"
    response = client.post(url(post), guest_data())
    assert response.status_code == 302 and Comment.objects.count() == 1
    run_tasks()
    task = DBTaskResult.objects.get(task_path="comments.tasks.send_comment_notices")
    assert (
        task.status == "READY" and task.exception_class_path == "builtins.ConnectionRefusedError"
    )  # tried again later


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_post_page_query_budget_for_a_moderating_author(client, post, author, django_assert_max_num_queries):
    for n in range(40):
        make_comment(
            post, author=make_user() if n % 2 else None, status=Comment.Status.PENDING if n % 3 else "approved"
        )
    client.force_login(author)
    with django_assert_max_num_queries(13):  # 12, and the header bell's count (cached after this page)
        assert client.get(post.get_absolute_url()).status_code == 200


def test_members_edit_or_delete_their_own_comment_for_a_while(client, post, member, settings):

    client.force_login(member)
    client.post(url(post), {"body": "สะกดผดิ"})
    comment = Comment.objects.get()
    page = client.get(post.get_absolute_url()).content.decode()
    assert f"/comments/{comment.pk}/edit/" in page and f"/comments/{comment.pk}/delete/" in page
    edit = client.get(f"/comments/{comment.pk}/edit/")
    assert "สะกดผดิ</textarea>" in edit.content.decode()
    client.post(f"/comments/{comment.pk}/edit/", {"body": "สะกดผิด แก้แล้ว"})
    comment.refresh_from_db()
    assert comment.body == "สะกดผิด แก้แล้ว" and comment.is_approved
    # Adding many links sends it back to the queue, as for a new comment.
    settings.COMMENT_MAX_LINKS = 0
    client.post(f"/comments/{comment.pk}/edit/", {"body": "ดู https://spam.example"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING and count(post) == 0
    # Deleting asks first.
    assert "ถาวร?" in client.get(f"/comments/{comment.pk}/delete/").content.decode()
    client.post(f"/comments/{comment.pk}/delete/", {"confirm": "1"})
    assert not Comment.objects.exists()


def test_after_the_window_or_for_others_a_comment_cannot_be_changed(client, post, member, author):
    from datetime import timedelta

    from django.utils import timezone

    old = make_comment(post, author=member, body="เก่า")
    Comment.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(minutes=16))
    fresh = make_comment(post, author=member, body="ใหม่")
    client.force_login(member)
    assert client.get(f"/comments/{old.pk}/edit/").status_code == 403
    assert client.post(f"/comments/{old.pk}/delete/", {"confirm": "1"}).status_code == 403
    page = client.get(post.get_absolute_url()).content.decode()
    assert f"/comments/{old.pk}/edit/" not in page and f"/comments/{fresh.pk}/edit/" in page
    client.force_login(author)  # the post's author moderates instead; not an edit of others' words
    assert client.post(f"/comments/{fresh.pk}/edit/", {"body": "แก้แทน"}).status_code == 403
    assert Comment.objects.get(pk=fresh.pk).body == "ใหม่"
