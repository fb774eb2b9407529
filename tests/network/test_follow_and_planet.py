"""Following people, blogs, tags and communities, and the planet (แพลนเน็ต) it makes."""

from datetime import timedelta

import feedparser
import pytest
from django.test import Client

from communities import services as communities
from communities.models import Community, JoinPolicy, Membership
from network.models import Follow, Notification
from posts.models import Post
from tests.factories import make_blog, make_comment, make_post, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["small", "large", "many follows"])
def planet_way(request, monkeypatch):
    """Every test runs each way the planet is read: gathered (a small planet), checked row by
    row (found large by the probe), and checked without a probe (a member who follows many)."""
    if request.param == "large":
        monkeypatch.setattr("network.planet.PROBE", 0)
    if request.param == "many follows":
        monkeypatch.setattr("network.planet.LARGE_FOLLOWS", 1)
    return request.param


@pytest.fixture
def reader(db):
    """A member who follows things and reads the planet."""
    return make_user("wanna", display_name="วรรณา ใฝ่เอื้อ")


def follow(client, kind, key, nxt="/"):
    return client.post(f"/follow/{kind}/{key}/", {"next": nxt})


def titles(response) -> list[str]:
    return [post.title for post in response.context["page"]]


def test_two_members_follow_each_other_and_one_sees_the_others_new_post(client, author, member, blog, run_tasks):
    client.force_login(member)
    follow(client, "user", author.username)
    author_client = Client()
    author_client.force_login(author)
    follow(author_client, "user", member.username)
    assert Follow.objects.count() == 2
    make_post(blog, title="ถอดบทเรียนวงออมทรัพย์บ้านนาเคียน", age=timedelta(minutes=1))
    run_tasks()  # the announcement
    planet = client.get("/me/")
    assert titles(planet) == ["ถอดบทเรียนวงออมทรัพย์บ้านนาเคียน"]
    page = planet.content.decode()
    assert 'class="bell-count">2<' in page  # a new follower and the new post
    notices = client.get("/me/notifications/").content.decode()
    assert "บันทึกใหม่จาก สมชาย ใจดี: “ถอดบทเรียนวงออมทรัพย์บ้านนาเคียน”" in notices
    assert "สมชาย ใจดี เริ่มติดตามคุณ" in notices


def test_the_planet_shows_each_post_once_however_it_arrives(client, author, member, reader, blog):
    client.force_login(reader)
    community = communities.create(Community(name="วงออมทรัพย์", join_policy=JoinPolicy.OPEN), member)
    communities.join(community, reader)
    post = make_post(blog, title="มาทุกทาง", tags=["ออมทรัพย์"])
    communities.share(post, community, author)
    for kind, key in [("user", author.username), ("blog", blog.pk), ("tag", "ออมทรัพย์"), ("community", community.slug)]:
        assert follow(client, kind, key).status_code == 302
    tagged_only = make_post(make_blog(member), title="มาทางคำสำคัญ", tags=["ออมทรัพย์"])
    shared_only = make_post(make_blog(make_user()), title="มาทางชุมชน")
    communities.share(shared_only, community, shared_only.author)
    make_post(blog, title="ฉบับร่าง", published=False)
    make_post(make_blog(reader), title="บันทึกของฉันเอง", tags=["ออมทรัพย์"])
    make_post(make_blog(make_user()), title="ไม่เกี่ยวข้อง")
    page = client.get("/me/")
    assert sorted(titles(page)) == sorted(["มาทุกทาง", "มาทางคำสำคัญ", "มาทางชุมชน"])
    assert tagged_only.pk and page.content.decode().count("มาทุกทาง") == 1

    # Taken out of the community, or the community hidden: not via it any more.
    communities.unshare(shared_only.community_shares.get(), community.owner, "ไม่ตรงประเด็น")
    assert "มาทางชุมชน" not in titles(client.get("/me/"))


def test_the_discussed_tab_orders_by_the_latest_approved_comment(client, author, reader, blog):
    client.force_login(reader)
    follow(client, "user", author.username)
    older, newer, quiet = (make_post(blog, title=t) for t in ("เก่ากว่า", "ใหม่กว่า", "เงียบ"))
    make_comment(newer)
    make_comment(older)  # the latest comment: first
    from comments.services import refresh_comment_count

    for post in (older, newer):
        refresh_comment_count(post.pk)
    assert titles(client.get("/me/?tab=discussed")) == ["เก่ากว่า", "ใหม่กว่า"]
    assert quiet.title in titles(client.get("/me/"))


def test_the_planet_stays_within_ten_queries(client, reader, django_assert_max_num_queries):
    client.force_login(reader)
    for n in range(30):
        writer = make_user(display_name=f"นักเขียน {n}")
        post = make_post(make_blog(writer), title=f"บันทึก {n}", tags=[f"คำ{n}", "ร่วม"])
        Follow.objects.create(follower=reader, user=writer)
        Follow.objects.create(follower=reader, blog=post.blog)
    Follow.objects.create(follower=reader, tag=Post.objects.first().tags.first())
    for url in ("/me/", "/me/?tab=discussed", "/me/?page=2"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_a_shared_planet_is_public_with_a_feed_and_private_otherwise(client, author, reader, blog):
    make_post(blog, title="ปุ๋ยหมัก <b>ฟาง</b> & ข้าว")
    client.force_login(reader)
    follow(client, "user", author.username)
    anonymous = Client()
    assert anonymous.get("/people/wanna/planet/").status_code == 404
    assert anonymous.get("/people/wanna/planet/feed/").status_code == 404
    client.post("/me/planet/share/", {"public": "1"})
    page = anonymous.get("/people/wanna/planet/")
    assert page.status_code == 200 and "แพลนเน็ตของ วรรณา ใฝ่เอื้อ" in page.content.decode()
    assert "ปุ๋ยหมัก &lt;b&gt;ฟาง&lt;/b&gt; &amp; ข้าว" in page.content.decode()  # escaped
    feed = feedparser.parse(anonymous.get("/people/wanna/planet/feed/").content)
    assert [entry.title for entry in feed.entries] == ["ปุ๋ยหมัก <b>ฟาง</b> & ข้าว"]
    assert "/people/wanna/planet/" in anonymous.get("/people/wanna/").content.decode()  # linked from the profile
    client.post("/me/planet/share/", {"public": "0"})
    assert anonymous.get("/people/wanna/planet/").status_code == 404


def test_one_follow_button_for_people_blogs_tags_and_communities(client, author, reader, blog):
    post = make_post(blog, tags=["เกษตรอินทรีย์"])
    community = communities.create(Community(name="วงเกษตรอินทรีย์"), author)
    pages = [author.profile.get_absolute_url(), blog.get_absolute_url(), post.tags.first().get_absolute_url(),
             community.get_absolute_url()]  # fmt: skip
    for url in pages:  # a reader who is not logged in is asked to
        assert "/accounts/login/?next=" in client.get(url).content.decode()
    client.force_login(reader)
    for url in pages:
        page = client.get(url).content.decode()
        assert 'aria-pressed="false"' in page and ">ติดตาม<" in page, url
        form_action = page.split('action="/follow/')[1].split('"')[0]
        response = client.post(f"/follow/{form_action}", {"next": url})
        assert response.status_code == 302 and response["Location"] == url
        assert "กำลังติดตาม ✓" in client.get(url).content.decode(), url
    assert Follow.objects.filter(follower=reader).count() == 4
    following = client.get("/people/wanna/following/").content.decode()
    for name in ("สมชาย ใจดี", blog.title, "#เกษตรอินทรีย์", "วงเกษตรอินทรีย์"):
        assert name in following
    client.post(f"/follow/tag/{post.tags.first().slug}/", {"next": "/"})  # pressed again: unfollowed
    assert Follow.objects.filter(follower=reader).count() == 3


def test_following_is_refused_cleanly(client, author, reader):
    assert client.post("/follow/user/somchai/").status_code == 302  # to the login page
    assert Follow.objects.count() == 0
    client.force_login(reader)
    assert client.get("/follow/user/somchai/").status_code == 405
    assert client.post("/follow/planet/x/").status_code == 404
    assert client.post("/follow/blog/abc/").status_code == 404
    assert client.post("/follow/user/nobody/").status_code == 404
    response = client.post("/follow/user/wanna/", {"next": "/"}, follow=True)
    assert "ติดตามตัวเองไม่ได้" in response.content.decode() and Follow.objects.count() == 0
    response = client.post("/follow/user/somchai/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"  # never off the site
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(reader)
    assert csrf_client.post("/follow/user/somchai/").status_code == 403


def test_a_member_removes_a_follower(client, author, member, reader):
    Follow.objects.create(follower=member, user=author)
    Follow.objects.create(follower=reader, user=author)
    client.force_login(author)
    page = client.get("/people/somchai/followers/").content.decode()
    assert "มาลี รักเรียน" in page and "วรรณา ใฝ่เอื้อ" in page and "นำออกจากผู้ติดตาม" in page
    client.post("/me/followers/malee/remove/")
    assert list(Follow.objects.values_list("follower__username", flat=True)) == ["wanna"]
    # Someone else sees the list, without the button, and cannot remove anyone from it.
    client.force_login(member)
    assert "นำออกจากผู้ติดตาม" not in client.get("/people/somchai/followers/").content.decode()
    client.post("/me/followers/wanna/remove/")  # acts on malee's own followers only
    assert Follow.objects.filter(user=author).count() == 1
    profile = Client().get("/people/somchai/").content.decode()
    assert "ผู้ติดตาม 1 คน" in profile


def test_bad_page_numbers_are_not_errors(client, reader):
    client.force_login(reader)
    for query in ("?page=abc", "?page=0", "?page=99999", "?tab=nonsense", "?page=-1"):
        assert client.get("/me/" + query).status_code == 200
    assert Client().get("/me/").status_code == 302  # the planet is for members


def test_a_member_of_a_community_gets_its_posts_without_following(client, author, reader, blog):
    community = communities.create(Community(name="วงคุณอำนวย", join_policy=JoinPolicy.OPEN), author)
    Membership.objects.create(community=community, user=reader)
    post = make_post(blog, title="แบ่งปันในวง")
    communities.share(post, community, author)
    client.force_login(reader)
    assert titles(client.get("/me/")) == ["แบ่งปันในวง"]
    Community.objects.filter(pk=community.pk).update(is_hidden=True)  # an editor hid it
    assert titles(client.get("/me/")) == []
    assert not Notification.objects.filter(recipient=reader).exists()  # joining is not following


def test_following_many_in_an_hour_is_limited(client, reader, settings):
    settings.FOLLOWS_PER_HOUR = 3
    people = [make_user(display_name=f"สมาชิก {n}") for n in range(4)]
    client.force_login(reader)
    for person in people[:3]:
        follow(client, "user", person.username)
    response = client.post(f"/follow/user/{people[3].username}/", {"next": "/"}, follow=True)
    assert "ติดตามมากเกินไปในเวลาสั้น ๆ ลองใหม่ภายหลัง" in response.content.decode()
    assert Follow.objects.filter(follower=reader).count() == 3
    json = client.post(f"/follow/user/{people[3].username}/", HTTP_ACCEPT="application/json")
    assert json.status_code == 429 and "error" in json.json()
