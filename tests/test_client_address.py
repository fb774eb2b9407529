"""Behind a reverse proxy: the client's own address, and throttles a workshop never trips.

A KM workshop (เวที) puts a room of members behind one NAT address, all logging
in and commenting within minutes. Members are limited per account; per-address
limits apply only to guests and to failed logins, with thresholds such a room
never reaches.
"""

import importlib
import re

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from werkzeug.test import Client as WsgiClient

from comments.models import Comment
from tests.factories import make_blog, make_post, make_user

pytestmark = pytest.mark.django_db

NAT = "203.0.113.7"  # the office's one public address
PROXY = "127.0.0.1"  # what every request comes from behind the proxy


def login(client, username, password, ip=NAT):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_workshop_of_thirty_members_behind_one_address_logs_in_and_comments(client):
    """Each member mistypes a password once, logs in, and comments three times: no refusal."""
    post = make_post(make_blog(make_user("host")))
    members = [make_user(f"kit{n}") for n in range(30)]
    statuses = []
    for person in members:
        assert "_auth_user_id" not in client.session
        login(client, person.username, "typo")
        assert login(client, person.username, "pass-for-tests").status_code == 302
        for n in range(3):
            statuses.append(client.post(f"/posts/{post.number}/comments/", {"body": f"ข้อ {n}"}, REMOTE_ADDR=NAT))
        client.logout()
    assert [r.status_code for r in statuses] == [302] * 90
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == 90


def test_a_room_of_guests_behind_one_address_is_not_refused(client):
    post = make_post()
    for n in range(40):
        data = {"guest_name": f"แขก {n}", "body": "ขอบคุณที่แบ่งปัน"}
        assert client.post(f"/posts/{post.number}/comments/", data, REMOTE_ADDR=NAT).status_code == 302


def test_a_guest_flood_from_one_address_is_stopped(client, settings):
    settings.COMMENT_GUEST_RATE_LIMIT = 10
    post = make_post()
    statuses = [
        client.post(f"/posts/{post.number}/comments/", {"guest_name": "บอท", "body": "ซื้อเลย"}, REMOTE_ADDR=NAT)
        for _ in range(11)
    ]
    assert [r.status_code for r in statuses] == [302] * 10 + [429]


def test_failed_logins_from_one_address_never_lock_out_the_owner_elsewhere(client, settings):
    settings.LOGIN_FAILURE_LIMIT_IP = 20
    make_user("admin")
    for n in range(25):
        login(client, f"random{n}", "wrong", ip="198.51.100.9")
    assert "ใส่รหัสผ่านผิดหลายครั้งเกินไป" in login(client, "admin", "pass-for-tests", ip="198.51.100.9").content.decode()
    assert login(client, "admin", "pass-for-tests", ip=NAT).status_code == 302


@pytest.mark.parametrize("lookalike", ["ｖｉｃｔｉｍ", " victim ", "ｖictim"])
def test_a_lookalike_username_shares_the_accounts_counter(client, settings, lookalike):
    settings.LOGIN_FAILURE_LIMIT = 3
    make_user("victim")
    for n in range(3):
        login(client, "victim" if n == 0 else lookalike, "wrong", ip=f"198.51.100.{n}")
    response = login(client, lookalike, "pass-for-tests", ip="192.0.2.1")
    assert "ใส่รหัสผ่านผิดหลายครั้งเกินไป" in response.content.decode()
    assert "_auth_user_id" not in client.session


# Through the WSGI application, as gunicorn runs it behind the proxy ---------------


@pytest.fixture
def wsgi(settings):
    """kmblog.wsgi.application built with the given TRUSTED_PROXY_COUNT, driven like a server would."""
    # Django's test client does this too: the test's transaction must survive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    def build(trusted: int) -> WsgiClient:
        settings.TRUSTED_PROXY_COUNT = trusted
        import kmblog.wsgi

        return WsgiClient(importlib.reload(kmblog.wsgi).application)

    yield build
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _guest_comment(app: WsgiClient, post, forwarded_for: str | None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    data = {"guest_name": "แขก", "body": f"จาก {forwarded_for}"}
    return app.post(
        f"/posts/{post.number}/comments/",
        data=data,
        headers=headers,
        environ_base={"REMOTE_ADDR": PROXY},
        base_url="http://testserver",
    )


def test_behind_one_trusted_proxy_the_client_address_is_the_one_the_proxy_saw(wsgi):
    post = make_post()
    app = wsgi(1)
    # The proxy appends what it saw; anything to the left came from the client and is a lie.
    assert _guest_comment(app, post, "6.6.6.6, 198.51.100.20").status_code == 302
    assert Comment.objects.get().ip_address == "198.51.100.20"


def test_without_a_trusted_proxy_the_header_is_ignored(wsgi):
    post = make_post()
    app = wsgi(0)
    assert _guest_comment(app, post, "198.51.100.20").status_code == 302
    assert Comment.objects.get().ip_address == PROXY


def test_behind_the_proxy_twenty_guessers_do_not_lock_out_the_admin(wsgi, settings):
    """The attack that locked `admin` out for 15 minutes when every request came from the proxy."""
    settings.LOGIN_FAILURE_LIMIT_IP = 20
    make_user("admin")
    app = wsgi(1)

    def attempt(username: str, password: str, client_ip: str):
        page = app.get("/accounts/login/", environ_base={"REMOTE_ADDR": PROXY}, base_url="http://testserver")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.get_data(as_text=True)).group(1)
        return app.post(
            "/accounts/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
            headers={"X-Forwarded-For": client_ip, "Referer": "http://testserver/accounts/login/"},
            environ_base={"REMOTE_ADDR": PROXY},
            base_url="http://testserver",
        )

    for n in range(20):
        assert attempt(f"guess{n}", "wrong", f"198.51.100.{n + 1}").status_code == 200
    response = attempt("admin", "pass-for-tests", "192.0.2.50")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
