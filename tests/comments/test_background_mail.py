"""With the production setting, mail leaves in a background thread after the commit."""

import time

import pytest
from django.core import mail

from tests.factories import make_blog, make_post, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_mail_is_sent_in_the_background_after_commit(client, settings):
    settings.COMMENT_MAIL_IN_BACKGROUND = True
    post = make_post(make_blog(make_user("writer")))
    response = client.post(f"/posts/{post.number}/comments/", {"guest_name": "ครูอ้อย", "body": "ขอบคุณค่ะ"})
    assert response.status_code == 302
    deadline = time.monotonic() + 10
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [message.to for message in mail.outbox] == [["writer@example.org"]]
    assert "ครูอ้อย เขียนว่า" in mail.outbox[0].body and "รออนุมัติ" in mail.outbox[0].body
