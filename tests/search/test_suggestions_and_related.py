import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db

BODY = "<p>คุณอำนวยตำบลชวนคุณกิจเล่าเรื่องการทำปุ๋ยหมัก คุณอำนวยตำบลจดบทเรียนไว้ ปุ๋ยหมักจากฟางข้าวช่วยให้ดินดี ปุ๋ยหมักทำง่าย</p>"


@pytest.fixture(autouse=True)
def no_cached_relations():
    cache.clear()


def test_tag_suggestions_come_from_the_text_and_prefer_existing_tags(client, author, blog):
    make_post(blog, tags=["ปุ๋ยหมัก"])
    client.force_login(author)
    response = client.post("/posts/suggest-tags/", {"title": "ถอดบทเรียนปุ๋ยหมัก", "lead": "", "body": BODY})
    data = response.json()
    assert data["existing"] == ["ปุ๋ยหมัก"]
    assert data["tags"][0] == "ปุ๋ยหมัก"
    assert "คุณอำนวย" in data["tags"] and ("ตำบล" in data["tags"] or "คุณอำนวยตำบล" in data["tags"])
    assert all(word not in data["tags"] for word in ["ที่", "และ", "ให้"])  # no stop words


def test_tag_suggestions_need_a_member_and_a_post(client, member):
    assert client.post("/posts/suggest-tags/", {"body": BODY}).status_code == 403
    client.force_login(member)
    assert client.get("/posts/suggest-tags/").status_code == 405
    assert client.post("/posts/suggest-tags/", {}).json()["tags"] == []


def test_related_posts_by_shared_tags_then_text(client):
    blog = make_blog()
    post = make_post(blog, title="ปุ๋ยหมักฟางข้าว", body=BODY, tags=["ปุ๋ยหมัก", "เกษตร"])
    twin = make_post(blog, title="ฝาแฝดสองแท็ก", tags=["ปุ๋ยหมัก", "เกษตร"])
    cousin = make_post(blog, title="ญาติหนึ่งแท็ก", tags=["เกษตร"])
    by_text = make_post(blog, title="อีกบันทึกเรื่องปุ๋ยหมักกับคุณอำนวยตำบล", body="<p>ปุ๋ยหมัก ปุ๋ยหมัก</p>")
    make_post(blog, title="ร่างเรื่องปุ๋ยหมัก", tags=["ปุ๋ยหมัก", "เกษตร"], published=False)
    make_post(blog, title="ไม่เกี่ยวเลย", body="<p>ฝนตกทั้งวัน</p>", tags=["อากาศ"])
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = client.get(post.get_absolute_url()).content.decode()
    related = page.split('class="related"')[1].split("</section>")[0]
    assert related.index(twin.title) < related.index(cousin.title) < related.index(by_text.title)
    assert "ร่างเรื่องปุ๋ยหมัก" not in related and "ไม่เกี่ยวเลย" not in related and "ปุ๋ยหมักฟางข้าว<" not in related


def test_related_posts_are_cached_per_version(client, django_assert_max_num_queries):
    blog = make_blog()
    post = make_post(blog, title="ปุ๋ยหมัก", body=BODY, tags=["ปุ๋ยหมัก"])
    make_post(blog, title="อีกเรื่องปุ๋ยหมัก", tags=["ปุ๋ยหมัก"])
    client.get(post.get_absolute_url())
    with django_assert_max_num_queries(7):
        assert "อีกเรื่องปุ๋ยหมัก" in client.get(post.get_absolute_url()).content.decode()


def test_related_posts_show_authors_and_blogs_without_extra_queries(client, member, django_assert_max_num_queries):
    from tests.factories import make_user

    post = make_post(make_blog(), title="ปุ๋ยหมัก", body=BODY, tags=["ปุ๋ยหมัก"])
    others = [
        make_post(
            make_blog(make_user(f"writer{n}", display_name=f"คุณอำนวยคนที่ {n}"), title=f"สมุดบันทึกเล่มที่ {n}"),
            title=f"ปุ๋ยหมักตอนที่ {n}",
            tags=["ปุ๋ยหมัก"],
        )
        for n in range(5)
    ]
    client.force_login(member)  # members get fresh pages, never the page cache
    client.get(post.get_absolute_url())
    with django_assert_max_num_queries(11):  # 8, its communities, who appreciated it, my bookmark
        page = client.get(post.get_absolute_url()).content.decode()
    related = page.split('class="related"')[1].split("</section>")[0]
    for n, other in enumerate(others):
        assert other.title in related and f"คุณอำนวยคนที่ {n}" in related and f"สมุดบันทึกเล่มที่ {n}" in related
