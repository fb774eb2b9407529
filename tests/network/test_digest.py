"""The digest mail, one-click unsubscribe, and addresses that bounce."""

import re
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from communities import services as communities
from communities.models import Community, JoinPolicy, Membership
from jobs.models import BouncedAddress
from network.digest import current_period
from network.models import DigestDelivery, Follow, Preferences
from posts.models import Post
from tests.factories import make_blog, make_comment, make_post, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def schedule(settings):
    settings.PERIODIC_TASKS = {"network.tasks.send_digests": 3600}
    settings.SITE_URL = "https://kmblog.example"


@pytest.fixture
def week():
    """The week the digest now covers: last Monday 07:00 back to the Monday before."""
    return current_period(timezone.now(), "weekly")


@pytest.fixture
def network(author, member, blog, week):
    """The member follows the author and is in a community where a post was discussed this week;
    a reader's comment on the member's own post is still unanswered."""
    in_week = week.since + timedelta(days=2)
    Follow.objects.create(follower=member, user=author)
    followed = make_post(blog, title="ถอดบทเรียนวงออมทรัพย์ <สัปดาห์นี้>", published_at=in_week)
    make_post(blog, title="บันทึกสัปดาห์ก่อน", published_at=week.since - timedelta(days=1))
    community = communities.create(Community(name="วงปุ๋ยหมัก", join_policy=JoinPolicy.OPEN), author)
    Membership.objects.create(community=community, user=member)
    talked = make_post(make_blog(make_user()), title="สูตรปุ๋ยหมักฟางข้าว", published_at=week.since - timedelta(days=30))
    communities.share(talked, community, author)
    for n in range(3):
        make_comment(talked, guest_name=f"ผู้อ่าน {n}", created=in_week)
    own = make_post(make_blog(member), title="บันทึกของมาลี", published_at=week.since - timedelta(days=3))
    make_comment(own, guest_name="ครูอ้อย", body="ขอถามเรื่องสูตรค่ะ", created=in_week)
    answered = make_comment(own, guest_name="ลุงเคลื่อน", body="ตอบแล้ว", created=in_week)
    make_comment(own, author=member, parent=answered, body="ขอบคุณครับ", created=in_week)
    return {"followed": followed, "talked": talked, "own": own}


def digest_for(person):
    return [m for m in mail.outbox if m.to == [person.email]]


def test_the_weekly_digest_has_news_discussion_and_unanswered_comments(network, member, run_tasks):
    call_command("run_schedule")
    run_tasks()
    [message] = digest_for(member)
    assert message.subject == "สรุปความเคลื่อนไหวประจำสัปดาห์จาก kmblog"
    text = message.body
    assert "ถอดบทเรียนวงออมทรัพย์ <สัปดาห์นี้>" in text and "บันทึกสัปดาห์ก่อน" not in text
    assert "สูตรปุ๋ยหมักฟางข้าว (3 ความเห็นใหม่)" in text
    assert "ครูอ้อย" in text and "ขอถามเรื่องสูตรค่ะ" in text and "ลุงเคลื่อน" not in text  # answered
    assert re.search(r"\d{1,2} [ก-๙]+ 25\d\d", text)  # Thai month, Buddhist-era year
    assert f"https://kmblog.example{network['followed'].get_absolute_url()}" in text
    html, kind = message.alternatives[0]
    assert kind == "text/html" and 'name="viewport"' in html
    assert "ถอดบทเรียนวงออมทรัพย์ &lt;สัปดาห์นี้&gt;" in html  # escaped
    assert f'href="https://kmblog.example{network["own"].get_absolute_url()}#comment-1"' in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://kmblog.example/unsubscribe/")


def test_one_digest_per_member_per_period_however_often_it_runs(network, member, author, run_tasks):
    quiet = make_user(display_name="สมาชิกใหม่")  # follows nothing, in no community
    for _ in range(3):
        call_command("run_schedule")
        run_tasks()
    from network.tasks import send_digests

    send_digests.enqueue()  # a second worker's run of the same period
    send_digests.enqueue()
    run_tasks()
    assert len(digest_for(member)) == 1 and len(digest_for(author)) == 1  # the author: their community talked
    # Nothing happened in the quiet member's network: no mail, but the period is done for them.
    assert digest_for(quiet) == []
    assert DigestDelivery.objects.get(user=quiet).empty


def test_a_digest_left_half_done_by_a_dead_worker_is_sent_later_once(network, member, week, run_tasks):
    from network.tasks import send_digests

    # A worker claimed the member's digest, then died before sending it.
    DigestDelivery.objects.create(user=member, period=week.key, claimed_at=timezone.now())
    send_digests.enqueue()
    run_tasks()
    assert digest_for(member) == []  # another worker may still be on it
    DigestDelivery.objects.filter(user=member).update(
        claimed_at=timezone.now() - timedelta(minutes=16)
    )  # past the 15-minute lease
    send_digests.enqueue()
    run_tasks()
    send_digests.enqueue()
    run_tasks()
    assert len(digest_for(member)) == 1


def test_a_mail_server_failure_leaves_the_digest_to_the_retry(network, member, settings, run_tasks):
    settings.EMAIL_BACKEND = "tests.comments.test_posting.BrokenBackend"  # connection refused
    from network.tasks import send_digests

    send_digests.enqueue()
    run_tasks()
    assert DigestDelivery.objects.get(user=member).claimed_at is None  # released at once
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_digests.enqueue()
    run_tasks()
    assert len(digest_for(member)) == 1


def test_daily_or_no_digest_as_chosen(network, member, author, run_tasks):
    Preferences.objects.create(user=member, digest="none")
    call_command("run_schedule")
    run_tasks()
    assert digest_for(member) == []
    Preferences.objects.filter(user=member).update(digest="daily")
    Post.objects.filter(pk=network["followed"].pk).update(
        published_at=current_period(timezone.now(), "daily").since + timedelta(hours=1)
    )
    from network.tasks import send_digests

    send_digests.enqueue()
    run_tasks()
    [message] = digest_for(member)
    assert message.subject == "สรุปความเคลื่อนไหววันนี้จาก kmblog"


def test_one_click_unsubscribe_without_logging_in(network, member, run_tasks):
    call_command("run_schedule")
    run_tasks()
    [message] = digest_for(member)
    link = re.search(r"https://kmblog\.example(/unsubscribe/[^/\s]+/)", message.body)[1]
    client = Client(enforce_csrf_checks=True)  # as a mail app: no cookie, no token
    page = client.get(link)
    assert page.status_code == 200 and "ต้องการหยุดรับอีเมลสรุปใช่หรือไม่" in page.content.decode()
    assert Preferences.of(member).digest == "weekly"  # opening the link (a mail scanner) changes nothing
    response = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "หยุดส่งอีเมลสรุปแล้ว" in response.content.decode()
    assert Preferences.of(member).digest == "none"
    tampered = link[:-3] + "xx/"
    assert client.post(tampered).status_code == 400
    assert client.get("/unsubscribe/not-a-token/").status_code == 400


def test_unsubscribing_from_one_kind_keeps_it_on_the_site(client, author, member, blog, run_tasks):
    post = make_post(blog)
    member_client = Client()
    member_client.force_login(member)
    member_client.post(f"/posts/{post.number}/comments/", {"body": "ถามหน่อยครับ"})
    run_tasks()
    [message] = [m for m in mail.outbox if m.to == [author.email]]
    link = re.search(r"(/unsubscribe/[^/\s]+/)", message.body)[1]
    assert message.extra_headers["List-Unsubscribe"].endswith(link + ">")
    client.post(link)
    assert Preferences.of(author).channel("comment") == "site"
    mail.outbox.clear()
    member_client.post(f"/posts/{post.number}/comments/", {"body": "อีกข้อครับ"})
    run_tasks()
    assert mail.outbox == [] and Comment.objects.count() == 2


def test_a_refused_address_stops_getting_mail(network, member, settings, run_tasks):
    settings.EMAIL_BACKEND = "tests.network.test_digest.RefusingBackend"
    call_command("run_schedule")
    run_tasks()
    assert BouncedAddress.objects.filter(email=member.email).exists()
    assert DigestDelivery.objects.get(user=member).sent_at is not None  # not retried for ever
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    member_client = Client()
    member_client.force_login(member)
    page = member_client.get("/me/notifications/settings/").content.decode()
    assert "ส่งไม่ถึง" in page  # the member is told, and how to fix it
    make_comment(network["own"], guest_name="แขก", status=Comment.Status.PENDING)
    post = make_post(make_blog(member))
    Client().post(f"/posts/{post.number}/comments/", {"guest_name": "แขก", "body": "สวัสดี"})
    run_tasks()
    assert digest_for(member) == []


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"5.1.1 mailbox unavailable") for m in messages})


def test_bounces_are_recorded_from_delivery_reports(tmp_path, member, capsys):
    report = tmp_path / "bounce.eml"
    report.write_text(
        "From: MAILER-DAEMON@example.org\nTo: noreply@kmblog.example\nSubject: Undelivered\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
        "--B\nContent-Type: text/plain\n\nDelivery failed.\n\n"
        "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
        f"Final-Recipient: rfc822; {member.email}\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n\n--B--\n"
    )
    (tmp_path / "note.txt").write_text("not a bounce")
    call_command("record_bounces", str(report), str(tmp_path / "note.txt"), str(tmp_path / "missing.eml"),
                 "--address", "not an address")  # fmt: skip
    out, err = capsys.readouterr()
    assert "note.txt" in err and "missing.eml" in err and "not an address" in err
    bounced = BouncedAddress.objects.get()
    assert bounced.email == member.email and "user unknown" in bounced.reason
