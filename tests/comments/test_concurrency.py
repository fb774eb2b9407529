"""Many people comment on one post at the same moment: every comment arrives and the count is exact."""

import re
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from comments.models import Comment
from posts.models import Post
from tests.factories import make_blog, make_post, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 10
COMMENTS_EACH = 3


def session_cookie_for(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def test_concurrent_comments_all_arrive_and_count_exactly(live_server, settings):
    settings.COMMENT_RATE_LIMIT = 1000  # every request comes from 127.0.0.1
    post = make_post(make_blog(make_user("writer")))
    members = [make_user(f"reader{n}") for n in range(PEOPLE)]
    cookies = [session_cookie_for(member) for member in members]
    page_url = live_server.url + post.get_absolute_url()

    def comment(n: int) -> list[int]:
        jar = CookieJar()
        opener = build_opener(HTTPCookieProcessor(jar))
        opener.addheaders = [("Cookie", f"{django_settings.SESSION_COOKIE_NAME}={cookies[n]}")]
        html = opener.open(page_url, timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        csrf_cookie = next(c.value for c in jar if c.name == django_settings.CSRF_COOKIE_NAME)
        opener.addheaders = [
            ("Cookie", f"{django_settings.SESSION_COOKIE_NAME}={cookies[n]}; csrftoken={csrf_cookie}"),
            ("Referer", page_url),
        ]
        statuses = []
        for k in range(COMMENTS_EACH):
            data = urlencode({"csrfmiddlewaretoken": token, "body": f"ความเห็นของคนที่ {n} ข้อ {k}"}).encode()
            request = Request(live_server.url + f"/posts/{post.number}/comments/", data=data)  # noqa: S310
            with opener.open(request, timeout=30) as response:  # noqa: S310 (our own live server)
                statuses.append(response.status)
        return statuses

    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        statuses = [status for batch in pool.map(comment, range(PEOPLE)) for status in batch]

    assert statuses == [200] * PEOPLE * COMMENTS_EACH  # redirects followed to the post page
    assert Comment.objects.filter(post=post, status=Comment.Status.APPROVED).count() == PEOPLE * COMMENTS_EACH
    assert Post.objects.get(pk=post.pk).comment_count == PEOPLE * COMMENTS_EACH
    positions = sorted(Comment.objects.filter(post=post).values_list("position", flat=True))
    assert positions == list(range(1, PEOPLE * COMMENTS_EACH + 1))
