"""Joining, logging in and out, and passwords."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import make_user

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "somsri",
    "display_name": "สมศรี มีความรู้",
    "email": "somsri@example.org",
    "password1": "ถอดบทเรียน-2569",
    "password2": "ถอดบทเรียน-2569",
}


def test_signup_makes_a_writer_ready_to_write(client):
    response = client.post("/accounts/signup/", SIGNUP, follow=True)
    assert response.redirect_chain[-1][0] == "/posts/new/"
    page = response.content.decode()
    assert "ยินดีต้อนรับ สมศรี มีความรู้" in page
    user = get_user_model().objects.get(username="somsri")
    assert user.profile.display_name == "สมศรี มีความรู้"
    assert [blog.title for blog in user.blogs.all()] == ["สมุดบันทึกของ สมศรี มีความรู้"]
    assert response.context["user"] == user


def test_signup_errors_sit_by_their_fields_and_keep_what_was_typed(client):
    make_user("somsri")
    data = {**SIGNUP, "password2": "อย่างอื่น", "email": "not-an-email"}
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ชื่อผู้ใช้นี้มีคนใช้แล้ว" in page
    assert "รหัสผ่านทั้งสองช่องไม่ตรงกัน" in page
    assert 'value="สมศรี มีความรู้"' in page and 'value="not-an-email"' in page
    assert page.index('id="field-username"') < page.index("ชื่อผู้ใช้นี้มีคนใช้แล้ว") < page.index('id="field-display_name"')


def test_signup_applies_djangos_password_validators_in_thai(client):
    assert "รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร" in client.get("/accounts/signup/").content.decode()
    response = client.post("/accounts/signup/", {**SIGNUP, "password1": "1234567", "password2": "1234567"})
    assert not get_user_model().objects.filter(username="somsri").exists()
    page = response.content.decode()
    assert "รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย 8 ตัวอักษร" in page and "รหัสผ่านเป็นตัวเลขล้วน" in page
    assert "Your password" not in page and "This password" not in page


def test_login_and_logout(client):
    make_user("malee")
    response = client.post("/accounts/login/", {"username": "malee", "password": "pass-for-tests"}, follow=True)
    assert response.redirect_chain[-1][0] == "/me/posts/"
    assert "ออกจากระบบ" in response.content.decode()
    response = client.post("/accounts/logout/", follow=True)
    assert "เข้าสู่ระบบ" in response.content.decode() and "ออกจากระบบ" not in response.content.decode()


def test_a_wrong_password_is_a_clear_thai_message(client):
    make_user("malee")
    response = client.post("/accounts/login/", {"username": "malee", "password": "wrong"})
    assert "กรุณาใส่" in response.content.decode()  # Django's Thai catalogue


def test_password_change(client):
    user = make_user("malee")
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "pass-for-tests", "new_password1": "ใหม่-2569-ยาวพอ", "new_password2": "ใหม่-2569-ยาวพอ"},
        follow=True,
    )
    assert "เปลี่ยนรหัสผ่านแล้ว" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("ใหม่-2569-ยาวพอ")


def test_password_reset_by_email(client, run_tasks):
    user = make_user("malee")
    client.post("/accounts/password_reset/", {"email": "malee@example.org"})
    assert mail.outbox == []  # queued for the worker
    run_tasks()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "ตั้งรหัสผ่านใหม่สำหรับ kmblog"
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert "ตั้งรหัสผ่านใหม่" in form_page.content.decode()
    client.post(form_page.redirect_chain[-1][0], {"new_password1": "ลืมแล้ว-2569-ใหม่", "new_password2": "ลืมแล้ว-2569-ใหม่"})
    user.refresh_from_db()
    assert user.check_password("ลืมแล้ว-2569-ใหม่")
