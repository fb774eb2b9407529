"""The home page and blog pages: lists of published posts."""

from datetime import timedelta

import pytest

from tests.factories import make_blog, make_post, make_user

pytestmark = pytest.mark.django_db


def test_home_lists_published_posts_newest_first(client, blog):
    make_post(blog, title="บันทึกเก่า", age=timedelta(days=3))
    make_post(blog, title="บันทึกใหม่", age=timedelta(hours=1))
    make_post(blog, title="บันทึกร่าง", published=False)
    page = client.get("/").content.decode()
    assert page.index("บันทึกใหม่") < page.index("บันทึกเก่า")
    assert "บันทึกร่าง" not in page
    assert "สมชาย ใจดี" in page and blog.title in page


def test_home_paginates_and_tolerates_bad_page_numbers(client, blog, settings):
    settings.KMBLOG_PAGE_SIZE = 2
    for i in range(5):
        make_post(blog, title=f"บันทึกที่ {i}", age=timedelta(hours=i + 1))
    assert "หน้า 1 จาก 3" in client.get("/").content.decode()
    assert "บันทึกที่ 4" in client.get("/?page=3").content.decode()
    for bad in ["abc", "-1", "999", "1e3", "%E0%B8%81"]:
        assert client.get(f"/?page={bad}").status_code == 200


def test_home_counts_its_pages_again_only_when_the_content_changes(
    client, blog, settings, django_assert_max_num_queries
):
    """The number of pages comes from a count kept per content version: a second visit
    does not count the posts again, and a post published or deleted shows in it at once."""
    settings.KMBLOG_PAGE_SIZE = 2
    settings.PAGE_CACHE_SECONDS = 0  # the page itself rendered each time
    for i in range(4):
        make_post(blog, title=f"บันทึกที่ {i}", age=timedelta(hours=i + 1))
    assert "หน้า 1 จาก 2" in client.get("/").content.decode()
    with django_assert_max_num_queries(10) as queries:
        client.get("/")
    assert not any("COUNT(" in query["sql"] for query in queries.captured_queries)
    newest = make_post(blog, title="บันทึกล่าสุด")
    assert "หน้า 1 จาก 3" in client.get("/").content.decode()
    newest.delete()
    assert "หน้า 1 จาก 2" in client.get("/").content.decode()


def test_home_shows_an_empty_state(client, db):
    assert "ยังไม่มีบันทึกที่เผยแพร่" in client.get("/").content.decode()


def test_home_query_budget(client, django_assert_max_num_queries):
    for n in range(25):
        blog = make_blog(make_user(), title=f"สมุด {n}")
        make_post(blog, tags=[f"คำ{n}", "คุณอำนวย"])
    with django_assert_max_num_queries(10):
        response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    # Each card shows its own tags, fetched with the page (Post.tag_list), not one query a card.
    assert all(f"คำ{n}" in page for n in range(5, 25)) and page.count(">#คุณอำนวย<") >= 20


def test_blog_page_shows_its_published_posts(client, blog):
    make_post(blog, title="ในสมุดนี้")
    make_post(make_blog(title="สมุดอื่น"), title="ในสมุดอื่น")
    make_post(blog, title="ร่างในสมุดนี้", published=False)
    page = client.get(blog.get_absolute_url()).content.decode()
    assert "ในสมุดนี้" in page and "ในสมุดอื่น" not in page and "ร่างในสมุดนี้" not in page
    assert "สมชาย ใจดี" in page


def test_blog_page_query_budget(client, blog, django_assert_max_num_queries):
    for n in range(30):
        make_post(blog, tags=[f"คำ{n}"])
    with django_assert_max_num_queries(10):
        assert client.get(blog.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("url", ["/blogs/999999/", "/blogs/abc/", "/blogs/1/extra/"])
def test_unknown_blogs_are_404(client, db, url):
    assert client.get(url).status_code == 404
