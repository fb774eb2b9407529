"""Every mail the site sends, rendered in Thai and in English: no template code, links that work.

A password-reset mail once ended with raw `{% translate … %}` (a tag spread
over several lines is not parsed). This renders each kind of mail the site
sends, as a person would receive it, in both languages. Add new kinds here.
"""

import re

import pytest
from django.core import mail

from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db

TEMPLATE_CODE = re.compile(r"\{%|%\}|\{\{|\}\}|\{#|#\}")
THAI = re.compile(r"[\u0E00-\u0E7F]")


@pytest.fixture(params=["th", "en"])
def language(request, client, settings, author, member):
    """The interface language everyone chose: the reset mail follows the request, notices the recipient."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = request.param
    for person in (author, member):
        person.profile.language = request.param
        person.profile.save()
    return request.param


def sent_mail(client, author, member, post, run_tasks) -> dict[str, mail.EmailMessage]:
    """Trigger each kind of mail once; returns them by kind."""
    kinds = {}
    client.post("/accounts/password_reset/", {"email": member.email})
    run_tasks()
    kinds["password reset"] = mail.outbox[-1]
    question = make_comment(post, author=member, body="คำถามของมาลี")
    mail.outbox.clear()
    client.post(f"/posts/{post.number}/comments/", {"guest_name": "ครูอ้อย", "body": "ตอบมาลี", "parent": question.pk})
    run_tasks()
    by_recipient = {message.to[0]: message for message in mail.outbox}
    kinds["new comment (pending, to the author)"] = by_recipient[author.email]
    kinds["reply (to the member replied to)"] = by_recipient[member.email]
    client.force_login(member)
    mail.outbox.clear()
    client.post(f"/posts/{post.number}/comments/", {"body": "ขอบคุณครับ"})
    run_tasks()
    kinds["new comment (approved, to the author)"] = mail.outbox[-1]
    return kinds


def test_every_mail_is_clean_in_both_languages(client, author, member, blog, language, run_tasks):
    post = make_post(blog, title="ถอดบทเรียนวงออมทรัพย์")
    kinds = sent_mail(client, author, member, post, run_tasks)
    assert len(kinds) == 4
    for kind, message in kinds.items():
        text = f"{message.subject}\n{message.body}"
        assert not TEMPLATE_CODE.search(text), (kind, TEMPLATE_CODE.search(text), text)
        assert "/admin/" not in text, kind  # members cannot open the admin
        assert "http://testserver/" in message.body, kind
        if language == "en":
            interface = text.replace(post.title, "").replace("มาลี รักเรียน", "").replace("สมชาย ใจดี", "")
            interface = re.sub(r"(ครูอ้อย|ตอบมาลี|ขอบคุณครับ|คำถามของมาลี)", "", interface)
            assert not THAI.search(interface), (kind, interface)


def test_a_member_who_chose_english_gets_english_notices(client, author, blog, settings, run_tasks):
    client.force_login(author)
    client.get("/language/en/")  # the footer's switch
    author.profile.refresh_from_db()
    assert author.profile.language == "en"
    post = make_post(blog, title="ถอดบทเรียน")
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"  # the commenter reads in Thai
    mail.outbox.clear()
    client.post(f"/posts/{post.number}/comments/", {"guest_name": "แขก", "body": "ขอบคุณ"})
    run_tasks()
    message = mail.outbox[-1]
    assert message.to == [author.email]
    assert not THAI.search(message.subject.replace(post.title, "")), message.subject
    assert "awaits your approval" in message.body


def test_comment_notices_link_to_the_comment_on_its_post_page(client, author, member, blog, run_tasks):
    post = make_post(blog)
    kinds = sent_mail(client, author, member, post, run_tasks)
    pending = kinds["new comment (pending, to the author)"]
    comment_link = re.search(r"http://testserver(/posts/\d+/)#comment-(\d+)", pending.body)
    assert comment_link and comment_link[1] == post.get_absolute_url()
    assert "รออนุมัติ" in pending.body  # the author is told it waits for them
    client.force_login(author)
    page = client.get(comment_link[1]).content.decode()
    assert f'id="comment-{comment_link[2]}"' in page and 'value="approve"' in page  # moderated right there
