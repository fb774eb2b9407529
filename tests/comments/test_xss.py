"""Nothing a stranger writes in a comment may run in another person's browser.

Each payload goes into a comment body, a guest name and a link; the rendered
post page is parsed like a browser would, and every comment must contain only
the markup our template makes: no script-capable element, no event attribute,
no link to anything but http(s) or mail.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from comments.models import Comment
from tests.comments.xss_payloads import PAYLOADS
from tests.factories import make_post

pytestmark = pytest.mark.django_db

ALLOWED_TAGS = {"article", "header", "footer", "a", "span", "time", "div", "p", "br"}
ALLOWED_ATTRIBUTES = {"class", "id", "href", "rel", "datetime"}
SAFE_HREF = ("http://", "https://", "mailto:", "#", "/", "?")


class CommentMarkup(HTMLParser):
    """Collects every tag and attribute inside <article class="comment ...">."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "article" and classes.split()[:1] == ["comment"]:
            self.depth += 1
        if self.depth:
            self.found.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def assert_inert(page: str, expected_comments: int) -> None:
    parser = CommentMarkup()
    parser.feed(page)
    articles = [tag for tag, _ in parser.found if tag == "article"]
    assert len(articles) == expected_comments
    for tag, attrs in parser.found:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert name in ALLOWED_ATTRIBUTES or (tag, name) == ("time", "title"), (tag, name, value)
            if name == "href":
                assert value.startswith(SAFE_HREF), value
                assert urlsplit(value).scheme in ("http", "https", "mailto", ""), value
            if name == "rel":
                assert value == "nofollow ugc noopener"
    assert "<script" not in page.split('id="comments"')[1].lower().replace("&lt;script", "")


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 50


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_bodies_names_and_links_are_inert(client, blog, payload):
    post = make_post(blog)
    cleaned = payload.replace("\x00", "")  # PostgreSQL cannot store NUL; the form never lets it through
    for body, name in [
        (cleaned, "ผู้เยี่ยมชม"),
        ("ความเห็นธรรมดา", cleaned[:100]),
        (f"ดูที่ https://example.org/{cleaned} และ www.example.org?{cleaned}", "ลิงก์"),
    ]:
        Comment.objects.create(post=post, guest_name=name, body=body, status=Comment.Status.APPROVED)
    page = client.get(post.get_absolute_url()).content.decode()
    assert_inert(page, expected_comments=3)


def test_payloads_through_the_form_are_inert_too(client, blog, member):
    post = make_post(blog)
    client.force_login(member)
    for n, payload in enumerate(PAYLOADS[:20]):
        response = client.post(f"/posts/{post.number}/comments/", {"body": payload}, REMOTE_ADDR=f"10.1.0.{n}")
        assert response.status_code in (302, 400, 429)
    Comment.objects.update(status=Comment.Status.APPROVED)
    page = client.get(post.get_absolute_url()).content.decode()
    assert_inert(page, expected_comments=Comment.objects.count())


@pytest.mark.parametrize(
    "body",
    [
        "ขอบคุณครับ",
        "<script>alert('x')</script> & \"อ้างอิง\"",
        "บรรทัดแรก\nบรรทัดสอง\n\nย่อหน้าใหม่\r\n\r\nอีกย่อหน้า",
        "<img src=x onerror=alert(1)>",
        *[payload for payload in PAYLOADS if not any(mark in payload for mark in ".@:")],
    ],
)
def test_bodies_without_link_marks_read_as_urlize_writes_them(body):
    """The short cut for bodies with no '.', '@' or ':' gives exactly what urlize gives."""
    from django.utils.html import linebreaks, urlize

    from comments.templatetags.comment_text import comment_text

    assert comment_text(body) == linebreaks(urlize(body, nofollow=True, autoescape=True), autoescape=False)
