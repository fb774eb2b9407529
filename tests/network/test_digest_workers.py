"""Digests sent by real worker processes, as in production: two workers share them, and a worker
killed in the middle leaves nobody without a digest and nobody with two."""

from datetime import timedelta

import pytest
from django.utils import timezone

from network.digest import current_period
from network.models import DigestDelivery, Follow
from tests.factories import make_post, make_user
from tests.jobs.conftest import mail_port, mail_server, silent_mail_server, wait_for, workers  # noqa: F401
from tests.servers import free_port

pytestmark = pytest.mark.django_db(transaction=True)
MEMBERS = 30


@pytest.fixture
def readers(blog):
    """MEMBERS readers who follow the author, who wrote last week: each has a digest due."""
    make_post(
        blog,
        title="ถอดบทเรียนเวทีกองทุนหมู่บ้าน",
        published_at=current_period(timezone.now(), "weekly").since + timedelta(days=1),
    )
    people = [make_user(f"reader{n}", display_name=f"ผู้อ่าน {n}") for n in range(MEMBERS)]
    Follow.objects.bulk_create(Follow(follower=person, user=blog.owner) for person in people)
    return people


def recipients(sink) -> list[str]:
    return sorted(address for message in sink.messages for address in message.rcpt_tos)


def test_two_workers_send_each_digest_once(readers, workers, mail_port):  # noqa: F811
    sent = DigestDelivery.objects.exclude(sent_at=None)
    with mail_server(mail_port) as sink:
        for _ in range(2):  # the digest job every second: runs overlap, on both workers
            workers.start(mail_port, DIGEST_CHECK_SECONDS="1")
        wait_for(
            lambda: sent.count() >= MEMBERS + 1,
            seconds=60,
            what="every digest sent",
        )
        wait_for(lambda: len(sink.messages) >= MEMBERS, seconds=10)
        workers.stop_all()
    expected = sorted(person.email for person in readers)
    assert [r for r in recipients(sink) if r.startswith("reader")] == expected  # each reader once
    assert len(sink.messages) == MEMBERS  # the author had nothing new: no mail


def test_a_worker_killed_mid_digest_leaves_nobody_out_and_nobody_twice(readers, workers, mail_port):  # noqa: F811
    with silent_mail_server(mail_port) as connections:
        doomed = workers.start(mail_port, DIGEST_CHECK_SECONDS="1", DIGEST_CLAIM_SECONDS="4")
        wait_for(lambda: connections, what="the worker stuck sending a digest")
        doomed.kill()  # SIGKILL: its member's digest stays claimed, unsent
        doomed.wait()
    stuck = DigestDelivery.objects.filter(sent_at=None).exclude(claimed_at=None)
    assert stuck.count() == 1
    good_port = free_port()
    with mail_server(good_port) as sink:
        workers.start(good_port, DIGEST_CHECK_SECONDS="1", DIGEST_CLAIM_SECONDS="4")
        wait_for(lambda: len(sink.messages) >= MEMBERS, seconds=60, what="every digest, the stuck one too")
        workers.stop_all()
    assert recipients(sink) == sorted(person.email for person in readers)
    assert not DigestDelivery.objects.filter(sent_at=None).exists()
