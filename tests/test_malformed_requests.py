import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/tags/%00/", "/people/%00/", "/posts/1%00/", "/?page=%00", "/admin/comments/comment/?q=%00", "/tags/?x=a%00b"],
)
def test_nul_bytes_are_a_400_on_every_database(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "คำขอไม่ถูกต้อง" in response.content.decode()


@pytest.mark.parametrize("charset", ["utf8", "latin1", "cp1252", "utf-16"])
def test_a_form_posted_in_another_charset_is_a_400_through_the_real_server_stack(charset):
    """Django's own 400 view ran the CSRF check, which read the body again: a 500.

    Driven through the WSGI application with CSRF enforced, as a browser would reach it.
    """
    import re

    from werkzeug.test import Client

    from kmblog.wsgi import application

    app = Client(application)
    page = app.get("/accounts/login/", base_url="http://testserver").get_data(as_text=True)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = app.post(
        "/accounts/login/",
        data=f"username=a&password=b&csrfmiddlewaretoken={token}".encode(),
        headers={
            "Content-Type": f"application/x-www-form-urlencoded; charset={charset}",
            "Referer": "http://testserver/accounts/login/",
        },
        base_url="http://testserver",
    )
    assert response.status_code == 400
    assert "คำขอไม่ถูกต้อง" in response.get_data(as_text=True)


def test_a_csrf_failure_page_is_thai_and_says_what_to_do(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})
    page = response.content.decode()
    assert response.status_code == 403 and "ส่งแบบฟอร์มไม่สำเร็จ" in page and "Forbidden" not in page
