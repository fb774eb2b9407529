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
