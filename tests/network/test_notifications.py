"""Notifications: what makes one, who gets it, where (site, mail, both, none), the bell and the list."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from comments.models import BlockedWord, Comment
from communities import services as communities
from communities.models import Community, JoinPolicy, JoinRequest, Membership, SharedPost
from network.models import Appreciation, Follow, Notification, Preferences
from posts.models import Post
from tests.factories import make_blog, make_comment, make_post, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(blog):
    return make_post(blog, title="ถอดบทเรียนวงออมทรัพย์")


@pytest.fixture
def reader(db):
    return make_user("wanna", display_name="วรรณา ใฝ่เอื้อ")


def comment_on(client, post, body, **extra):
    return client.post(f"/posts/{post.number}/comments/", {"body": body, **extra})


def notices_page(client) -> str:
    return client.get("/me/notifications/").content.decode()


def bell(client) -> str:
    page = client.get("/tags/").content.decode()
    return page.split('class="bell-count">')[1].split("<")[0] if 'class="bell-count">' in page else "0"


def as_(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_a_comment_a_reply_and_a_mention_each_reach_the_right_person(post, author, member, reader, run_tasks):
    comment_on(as_(member), post, "น่าสนใจมากค่ะ")
    run_tasks()
    question = Comment.objects.get()
    comment_on(
        as_(reader), post, "เห็นด้วยกับ @malee และขอถาม @somchai ด้วย อีเมล x@malee.org ไม่ใช่การกล่าวถึง", parent=question.pk
    )
    run_tasks()
    author_page, member_page = notices_page(as_(author)), notices_page(as_(member))
    assert "วรรณา ใฝ่เอื้อ และอีก 1 คนแสดงความเห็นในบันทึก “ถอดบทเรียนวงออมทรัพย์”" in author_page
    assert "วรรณา ใฝ่เอื้อ ตอบความเห็นของคุณในบันทึก “ถอดบทเรียนวงออมทรัพย์”" in member_page
    # The member replied to and mentioned hears once; nobody hears of their own comment.
    assert Notification.objects.filter(recipient=member).count() == 1
    assert not Notification.objects.filter(recipient=reader).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["malee@example.org", "somchai@example.org", "somchai@example.org"]
    # The mention is a link to the person on the post page.
    page = Client().get(post.get_absolute_url()).content.decode()
    assert '<a href="/people/malee/">@malee</a>' in page and "x@malee.org" in page


def test_a_mention_in_a_post_notifies_once_even_when_edited(blog, author, member, run_tasks):
    post = make_post(blog, title="เวทีถอดบทเรียน", body="<p>ขอบคุณ @malee และ @nobody ที่มาช่วย</p>")
    run_tasks()
    post.body += "<p>แก้ไขเพิ่ม</p>"
    post.save()
    run_tasks()
    notices = Notification.objects.filter(recipient=member, kind="mention")
    assert notices.count() == 1 and "สมชาย ใจดี กล่าวถึงคุณในบันทึก “เวทีถอดบทเรียน”" in notices_page(as_(member))
    page = Client().get(post.get_absolute_url()).content.decode()
    assert '<a href="/people/malee/">@malee</a>' in page and "@nobody" in page and "/people/nobody/" not in page


def test_blocked_and_taken_down_comments_notify_nobody(post, author, member, run_tasks):
    BlockedWord.objects.create(phrase="เงินด่วน")
    comment_on(as_(member), post, "เงินด่วน @somchai โทรเลย")
    run_tasks()
    assert not Notification.objects.exists() and mail.outbox == []
    comment_on(as_(member), post, "ความเห็นปกติ")
    run_tasks()
    assert bell(as_(author)) == "1"
    normal = Comment.objects.get(body="ความเห็นปกติ")
    as_(author).post(f"/comments/{normal.pk}/moderate/", {"action": "hide"})
    assert bell(as_(author)) == "0" and "ความเห็นปกติ" not in notices_page(as_(author))


def test_notices_of_a_post_made_a_draft_or_deleted_disappear(post, author, member, reader):
    Appreciation.objects.create(post=post, user=member)
    Appreciation.objects.create(post=post, user=reader)
    client = as_(author)
    assert bell(client) == "2"  # two notices, shown as one line
    assert "2 คนขอบคุณบันทึก “ถอดบทเรียนวงออมทรัพย์”" in notices_page(client)
    Post.objects.filter(pk=post.pk).update(status=Post.Status.DRAFT)
    from network.services import bell_changed

    bell_changed(author.pk)
    assert "ถอดบทเรียนวงออมทรัพย์" not in notices_page(client) and bell(client) == "0"
    Post.objects.filter(pk=post.pk).update(status=Post.Status.PUBLISHED)
    assert "ถอดบทเรียนวงออมทรัพย์" in notices_page(client)
    post.delete()
    assert not Notification.objects.exists()


def test_appreciation_is_grouped_and_taking_it_back_withdraws_it(client, post, author, member):
    for n in range(12):  # "ขอบคุณ" and "ได้ประโยชน์" alike
        Appreciation.objects.create(
            post=post, user=make_user(display_name=f"ผู้อ่าน {n}"), kind=["thanks", "useful"][n % 2]
        )
    client.force_login(author)
    assert "12 คนขอบคุณบันทึก “ถอดบทเรียนวงออมทรัพย์”" in notices_page(client)
    reader_client = as_(member)
    reader_client.post(f"/posts/{post.number}/appreciate/", {"kind": "thanks"})
    assert "13 คนขอบคุณบันทึก" in notices_page(client)
    reader_client.post(f"/posts/{post.number}/appreciate/", {"kind": "thanks"})  # taken back
    assert "12 คนขอบคุณบันทึก" in notices_page(client)
    # Opening the group marks all twelve read, and goes to the post.
    first = Notification.objects.filter(recipient=author).first()
    response = client.get(f"/me/notifications/{first.pk}/")
    assert response["Location"] == post.get_absolute_url() + "#appreciation"
    assert not Notification.objects.filter(recipient=author, read_at=None).exists()


def test_community_requests_answers_and_posts_taken_out(author, member, reader, blog, run_tasks):
    community = communities.create(Community(name="วงออมทรัพย์", join_policy=JoinPolicy.REQUEST), author)
    Membership.objects.create(community=community, user=reader, role=Membership.Role.FACILITATOR)
    as_(member).post(f"/communities/{community.slug}/join/", {"message": "ขอเข้าร่วมค่ะ"})
    for facilitator in (author, reader):
        assert "มาลี รักเรียน ขอเข้าร่วมชุมชน “วงออมทรัพย์”" in notices_page(as_(facilitator))
    join_request = JoinRequest.objects.get()
    as_(reader).post(f"/communities/{community.slug}/requests/{join_request.pk}/approve/")
    assert "คุณเป็นสมาชิกชุมชน “วงออมทรัพย์” แล้ว" in notices_page(as_(member))
    assert "ขอเข้าร่วมชุมชน" not in notices_page(as_(author))  # answered: done for every facilitator
    run_tasks()
    assert [m.to for m in mail.outbox if "วงออมทรัพย์" in m.subject] == [["malee@example.org"]]

    post = make_post(make_blog(member), title="บันทึกของมาลี")
    communities.share(post, community, member)
    shared = SharedPost.objects.get(post=post)
    as_(author).post(f"/communities/{community.slug}/posts/{post.number}/remove/", {"reason": "ไม่ตรงหัวข้อ"})
    shared.refresh_from_db()
    assert shared.removed_at is not None
    assert "บันทึก “บันทึกของมาลี” ถูกนำออกจากชุมชน “วงออมทรัพย์”" in notices_page(as_(member))

    stranger = make_user(display_name="คนขอใหม่")
    as_(stranger).post(f"/communities/{community.slug}/join/", {"message": ""})
    as_(author).post(f"/communities/{community.slug}/requests/{JoinRequest.objects.get().pk}/refuse/")
    assert "คำขอเข้าร่วมชุมชน “วงออมทรัพย์” ไม่ได้รับการอนุมัติ" in notices_page(as_(stranger))


def test_each_member_chooses_site_mail_both_or_none(client, post, author, member, reader, run_tasks):
    client.force_login(author)
    page = client.get("/me/notifications/settings/").content.decode()
    assert "บนเว็บและอีเมล" in page and "ไม่รับ" in page
    choices = {f"kind_{kind}": "both" for kind in Notification.Kind.values}
    choices |= {"kind_comment": "none", "kind_follower": "mail", "digest": "daily"}
    response = client.post("/me/notifications/settings/", choices)
    assert response.status_code == 302
    prefs = Preferences.objects.get(user=author)
    assert prefs.channel("comment") == "none" and prefs.digest == "daily"
    comment_on(as_(member), post, "ความเห็นที่ไม่ต้องแจ้ง")
    as_(member).post("/follow/user/somchai/", {"next": "/"})
    run_tasks()
    assert not Notification.objects.filter(recipient=author, kind="comment").exists()
    assert bell(client) == "0"  # the follower notice is mail only
    assert [m.subject for m in mail.outbox] == ["มาลี รักเรียน เริ่มติดตามคุณ"]
    # A bad value: the form comes back with an error and what was chosen.
    choices["kind_reply"] = "carrier-pigeon"
    response = client.post("/me/notifications/settings/", choices)
    assert (
        response.status_code == 200
        and 'value="daily" checked' in response.content.decode().replace('type="radio" name="digest" ', "")
        or "เลือกตัวเลือกที่ถูกต้อง" in response.content.decode()
    )


def test_unfollowing_withdraws_the_follower_notice(client, author, member):
    client.force_login(member)
    client.post("/follow/user/somchai/", {"next": "/"})
    assert bell(as_(author)) == "1"
    client.post("/follow/user/somchai/", {"next": "/"})
    assert bell(as_(author)) == "0" and not Follow.objects.exists()


def test_a_scheduled_post_is_announced_when_it_goes_live(blog, author, member, run_tasks):
    Follow.objects.create(follower=member, user=author)
    post = make_post(blog, title="ตั้งเวลาไว้", published_at=timezone.now() + timedelta(hours=2))
    run_tasks()
    assert not Notification.objects.filter(recipient=member).exists()  # not yet
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(task_path="network.tasks.announce_post").update(run_after=timezone.now())
    run_tasks()
    assert "บันทึกใหม่จาก สมชาย ใจดี: “ตั้งเวลาไว้”" in notices_page(as_(member))


def test_an_old_imported_post_is_no_news(blog, author, member, run_tasks):
    Follow.objects.create(follower=member, user=author)
    make_post(blog, title="บันทึกเก่าจาก GotoKnow", age=timedelta(days=3650))
    run_tasks()
    assert not Notification.objects.filter(recipient=member).exists()


def test_mark_all_read_and_nobody_opens_anothers_notice(client, post, author, member):
    make_comment(post, author=member)
    Appreciation.objects.create(post=post, user=member)
    mine = Notification.objects.filter(recipient=author).first()
    client.force_login(member)
    assert client.get(f"/me/notifications/{mine.pk}/").status_code == 404
    client.force_login(author)
    assert bell(client) != "0"
    assert client.get("/me/notifications/read/").status_code == 405
    client.post("/me/notifications/read/")
    assert bell(client) == "0" and 'class="notice unread"' not in notices_page(client)


def test_the_bell_costs_at_most_one_cheap_query_then_none(client, post, author, member, django_assert_num_queries):
    Appreciation.objects.create(post=post, user=member)
    client.force_login(author)
    client.get("/tags/")  # session and so on warmed
    from network.services import bell_changed

    bell_changed(author.pk)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get("/tags/")
    with CaptureQueriesContext(connection) as second:
        client.get("/tags/")
    counting = [q["sql"] for q in first.captured_queries if "network_notification" in q["sql"]]
    assert len(counting) == 1 and "COUNT" in counting[0].upper()
    assert not [q for q in second.captured_queries if "network_notification" in q["sql"]]


def test_an_invitation_reaches_the_invited_member_with_a_link_to_the_community(author, member, run_tasks):
    community = communities.create(Community(name="วงเฉพาะผู้ได้รับเชิญ", join_policy=JoinPolicy.INVITE), author)
    as_(author).post(f"/communities/{community.slug}/invite/", {"username": "malee"})
    page = notices_page(as_(member))
    assert "สมชาย ใจดี เชิญคุณเข้าร่วมชุมชน “วงเฉพาะผู้ได้รับเชิญ”" in page
    notice = Notification.objects.get(recipient=member)
    assert as_(member).get(f"/me/notifications/{notice.pk}/")["Location"] == community.get_absolute_url()
    run_tasks()
    assert [m.to for m in mail.outbox] == [["malee@example.org"]]  # community news comes by mail too
