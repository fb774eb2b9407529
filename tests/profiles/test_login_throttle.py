"""Password guessing is slowed down, and the real owner gets back in after a while."""

import pytest
from django.core.cache import cache

from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def login(client, username, password, ip="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_an_account_is_paused_after_too_many_wrong_passwords(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    make_user("malee")
    for _ in range(3):
        assert "กรุณาใส่" in login(client, "malee", "wrong").content.decode()
    response = login(client, "malee", "pass-for-tests")  # even the right one, for now
    assert response.status_code == 200
    assert "ใส่รหัสผ่านผิดหลายครั้งเกินไป" in response.content.decode() and "15 นาที" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_pause_ends_and_the_owner_gets_back_in(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    make_user("malee")
    for _ in range(2):
        login(client, "malee", "wrong")
    assert "ใส่รหัสผ่านผิดหลายครั้งเกินไป" in login(client, "malee", "pass-for-tests").content.decode()
    cache.clear()  # what LOGIN_LOCKOUT_SECONDS of waiting does: the counters expire
    assert login(client, "malee", "pass-for-tests").status_code == 302


def test_guessing_many_accounts_from_one_address_is_paused(client, settings):
    settings.LOGIN_FAILURE_LIMIT_IP = 4
    for n in range(4):
        login(client, f"user{n}", "wrong", ip="10.9.9.9")
    make_user("somsri")
    assert "ใส่รหัสผ่านผิดหลายครั้งเกินไป" in login(client, "somsri", "pass-for-tests", ip="10.9.9.9").content.decode()
    assert login(client, "somsri", "pass-for-tests", ip="10.1.1.1").status_code == 302  # another address is fine


def test_a_successful_login_clears_the_account_counter(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    make_user("malee")
    login(client, "malee", "wrong")
    login(client, "malee", "wrong")
    assert login(client, "malee", "pass-for-tests").status_code == 302
    client.logout()
    login(client, "malee", "wrong")
    assert login(client, "malee", "pass-for-tests").status_code == 302
