"""Community pages as readers see them: lists, filters, order, budgets, and what may not show."""

from datetime import timedelta
from io import BytesIO, StringIO

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from communities import services
from communities.models import Community, CommunityBlog, Invitation, JoinPolicy, Membership, SharedPost
from posts.models import Post
from tests.communities.conftest import make_community
from tests.factories import make_blog, make_comment, make_post, make_user

pytestmark = pytest.mark.django_db


def share(post, community):
    return services.share(post, community, post.author)


def test_the_list_searches_filters_and_sorts_in_thai_order(client, owner):
    a = make_community(owner, name="ข้าวอินทรีย์", province="สุรินทร์", tags=["เกษตร"])
    b = make_community(owner, name="กลุ่มออมทรัพย์", province="นครศรีธรรมราช")
    c = make_community(owner, name="เครือข่ายครู", province="นครศรีธรรมราช")
    for _ in range(3):
        Membership.objects.create(community=c, user=make_user())
    services.refresh_counts(c.pk)
    hidden = make_community(owner, name="ชุมชนที่ถูกซ่อน")
    Community.objects.filter(pk=hidden.pk).update(is_hidden=True)

    def names(**params):
        page = client.get("/communities/", params).content.decode()
        return [name for name in ["ข้าวอินทรีย์", "กลุ่มออมทรัพย์", "เครือข่ายครู", "ชุมชนที่ถูกซ่อน"] if name in page]

    assert "ชุมชนที่ถูกซ่อน" not in names()
    assert names(q="ออม") == ["กลุ่มออมทรัพย์"]
    assert names(tag="เกษตร") == ["ข้าวอินทรีย์"]
    assert set(names(province="นครศรีธรรมราช")) == {"กลุ่มออมทรัพย์", "เครือข่ายครู"}
    page = client.get("/communities/", {"sort": "name"}).content.decode()
    # Thai dictionary order: ก, ข, then เ-ค (the leading vowel is not the first letter).
    assert page.index("กลุ่มออมทรัพย์") < page.index("ข้าวอินทรีย์") < page.index("เครือข่ายครู")
    page = client.get("/communities/", {"sort": "members"}).content.decode()
    assert page.index("เครือข่ายครู") < page.index("กลุ่มออมทรัพย์")
    assert client.get("/communities/", {"sort": "<script>", "page": "x", "tag": "ไม่มี"}).status_code == 200
    assert {a.pk, b.pk}  # made


def test_only_published_posts_show_in_a_community(client, community, member_):
    blog = make_blog(member_)
    published = make_post(blog, title="เผยแพร่แล้ว")
    draft = make_post(blog, title="ฉบับร่างยังไม่เผยแพร่", published=False)
    scheduled = make_post(blog, title="ตั้งเวลาไว้พรุ่งนี้", published_at=timezone.now() + timedelta(days=1))
    for post in (published, draft, scheduled):
        share(post, community)
    page = client.get(community.get_absolute_url()).content.decode()
    assert "เผยแพร่แล้ว" in page and "ฉบับร่าง" not in page and "ตั้งเวลาไว้" not in page
    community.refresh_from_db()
    assert community.post_count == 1
    feed = feedparser.parse(client.get(f"/communities/{community.slug}/feed/").content)
    assert [e.title for e in feed.entries] == ["เผยแพร่แล้ว"]


def test_a_scheduled_post_is_counted_once_it_goes_live(client, community, member_, settings, run_tasks):
    from django.core.management import call_command

    post = make_post(make_blog(member_), title="ตั้งเวลาไว้", published_at=timezone.now() + timedelta(hours=1))
    share(post, community)
    community.refresh_from_db()
    assert community.post_count == 0
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now() - timedelta(minutes=1))  # time passes
    settings.PERIODIC_TASKS = {"communities.tasks.refresh_all_counts": 900}
    call_command("run_schedule", stdout=StringIO())
    run_tasks()
    community.refresh_from_db()
    assert community.post_count == 1
    assert "ตั้งเวลาไว้" in client.get(community.get_absolute_url()).content.decode()


def test_being_discussed_orders_by_the_latest_approved_comment(client, community, member_):
    blog = make_blog(member_)
    quiet = make_post(blog, title="บันทึกเงียบ", age=timedelta(hours=1))
    old_lively = make_post(blog, title="บันทึกเก่าที่คุยกันอยู่", age=timedelta(days=30))
    newer = make_post(blog, title="บันทึกที่มีความเห็นเมื่อวาน", age=timedelta(days=3))
    for post in (quiet, old_lively, newer):
        share(post, community)
    make_comment(newer, created=timezone.now() - timedelta(days=1))
    make_comment(old_lively, created=timezone.now() - timedelta(minutes=5))
    make_comment(quiet, status="pending")  # not approved: does not count
    page = client.get(community.get_absolute_url(), {"tab": "discussed"}).content.decode()
    assert page.index("บันทึกเก่าที่คุยกันอยู่") < page.index("บันทึกที่มีความเห็นเมื่อวาน")
    assert "บันทึกเงียบ" not in page
    newest = client.get(community.get_absolute_url()).content.decode()
    assert newest.index("บันทึกเงียบ") < newest.index("บันทึกเก่าที่คุยกันอยู่")


def test_pages_of_a_community_without_counting_each_view(client, community, member_, settings):
    settings.KMBLOG_PAGE_SIZE = 2
    blog = make_blog(member_)
    for n in range(3):
        post = make_post(blog, title=f"บันทึกที่ {n + 1}", age=timedelta(hours=n + 1))
        share(post, community)
        make_comment(post, created=timezone.now() - timedelta(minutes=n + 1))
    first = client.get(community.get_absolute_url(), {"tab": "discussed"}).content.decode()
    assert "บันทึกที่ 1" in first and "บันทึกที่ 3" not in first and 'rel="next"' in first
    second = client.get(community.get_absolute_url(), {"tab": "discussed", "page": "2"}).content.decode()
    assert "บันทึกที่ 3" in second and 'rel="next"' not in second and 'rel="prev"' in second
    newest = client.get(community.get_absolute_url(), {"page": "2"}).content.decode()
    assert "บันทึกที่ 3" in newest and "หน้า 2 จาก 2" in newest  # the community's own count
    assert client.get(community.get_absolute_url(), {"tab": "discussed", "page": "x99"}).status_code == 200


def test_search_within_a_community(client, community, member_, stranger):
    inside = make_post(make_blog(member_), title="ปุ๋ยหมักในชุมชน", body="<p>ปุ๋ยหมักฟางข้าว</p>")
    make_post(make_blog(stranger), title="ปุ๋ยหมักนอกชุมชน", body="<p>ปุ๋ยหมักฟางข้าว</p>")
    share(inside, community)
    call_command("rebuild_search_index", stdout=StringIO())
    page = client.get("/search/", {"q": "ปุ๋ยหมัก", "community": community.slug}).content.decode()
    assert "<mark>ปุ๋ยหมัก</mark>ในชุมชน" in page and "นอกชุมชน" not in page
    assert f'name="community" value="{community.slug}"' in client.get(community.get_absolute_url()).content.decode()


def test_query_budgets_stay_constant_with_members_and_posts(
    client, community, member_, owner, django_assert_max_num_queries
):
    def grow(n):
        for _ in range(n):
            person = make_user()
            Membership.objects.create(community=community, user=person)
            share(make_post(make_blog(person), tags=["ออมทรัพย์"]), community)
        services.refresh_counts(community.pk)

    pages = [
        community.get_absolute_url(),
        community.get_absolute_url() + "?tab=discussed",
        f"/communities/{community.slug}/members/",
        "/communities/",
        "/communities/?sort=name",
    ]
    for size in (2, 30):
        grow(size)
        for who in (None, member_, owner):
            client.logout()
            if who:
                client.force_login(who)
            for url in pages:
                # 10, and the header bell's unread count on the first page (then cached): 11.
                with django_assert_max_num_queries(11):
                    assert client.get(url).status_code == 200, url
        client.force_login(owner)
        with django_assert_max_num_queries(11):
            assert client.get(f"/communities/{community.slug}/manage/").status_code == 200


def test_names_and_descriptions_are_text_everywhere(client, owner):
    evil = make_community(
        owner,
        name="<img src=x onerror=alert(1)>\x07ชุมชน",
        description='<script>alert("x")</script>]]></subtitle><entry>',
    )
    assert "\x07" not in evil.name  # control characters never stored
    page = client.get(evil.get_absolute_url()).content.decode()
    assert "<img src=x" not in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    feed = client.get(f"/communities/{evil.slug}/feed/")
    parsed = feedparser.parse(feed.content)
    assert not parsed.bozo and parsed.feed.title.startswith("<img src=x") and parsed.entries == []
    assert "<img src=x" not in client.get("/communities/").content.decode()


def test_a_hidden_community_is_for_editors_only(client, community, staff):
    Community.objects.filter(pk=community.pk).update(is_hidden=True)
    assert client.get(community.get_absolute_url()).status_code == 403
    assert client.get(f"/communities/{community.slug}/feed/").status_code == 404
    assert community.slug not in client.get("/sitemap.xml").content.decode()
    client.force_login(staff)
    assert "ถูกซ่อนโดยบรรณาธิการ" in client.get(community.get_absolute_url()).content.decode()


def test_sitemap_and_page_meta(client, community):
    assert community.get_absolute_url() in client.get("/sitemap.xml").content.decode()  # already %-encoded
    page = client.get(community.get_absolute_url()).content.decode()
    assert '<link rel="canonical"' in page and f'<meta property="og:title" content="{community.name}">' in page
    assert 'type="application/atom+xml"' in page


def test_profiles_and_post_pages_show_communities(client, community, member_):
    post = make_post(make_blog(member_), title="บันทึกที่แบ่งปันแล้ว")
    share(post, community)
    assert community.name in client.get(f"/people/{member_.username}/").content.decode()
    assert community.name in client.get(post.get_absolute_url()).content.decode()


def test_sharing_from_the_editor_and_withdrawing(client, community, member_):
    blog = make_blog(member_)
    client.force_login(member_)
    form = client.get("/posts/new/").content.decode()
    assert "แบ่งปันเข้าชุมชน" in form and community.name in form
    data = {
        "title": "เขียนแล้วแบ่งปัน", "lead": "", "body": "<p>เนื้อหา</p>", "blog": blog.pk, "tags": "",
        "licence": "all-rights-reserved", "allow_comments": "on", "communities": [community.pk], "action": "publish",
    }  # fmt: skip
    client.post("/posts/new/", data)
    post = blog.posts.get()
    assert SharedPost.objects.active().filter(community=community, post=post).exists()
    client.post(f"/posts/{post.number}/edit/", {**data, "communities": []})
    assert not SharedPost.objects.filter(post=post).exists()  # the author took it back


def test_a_joined_blog_shares_every_new_post(client, community, member_):
    blog = make_blog(member_)
    client.force_login(member_)
    client.post(f"/communities/{community.slug}/blogs/", {"blog": blog.pk})
    assert CommunityBlog.objects.filter(community=community, blog=blog).exists()
    post = make_post(blog, title="บันทึกใหม่ในสมุดที่เชื่อมไว้")
    assert SharedPost.objects.filter(community=community, post=post).exists()
    assert "บันทึกใหม่ในสมุดที่เชื่อมไว้" in client.get(community.get_absolute_url()).content.decode()


def test_a_post_taken_out_is_not_shared_back_by_its_blog(community, member_, owner):
    blog = make_blog(member_)
    services.link_blog(community, blog, member_)
    post = make_post(blog)
    services.unshare(SharedPost.objects.get(post=post), owner, "ซ้ำกับบันทึกอื่น")
    post.title = "แก้ไขแล้ว"
    post.save()
    assert SharedPost.objects.get(post=post).removed_at is not None


def test_the_last_facilitator_names_another_before_leaving(client, owner, member_):
    alone = make_community(owner, name="ชุมชนเล็ก", policy=JoinPolicy.OPEN)
    Membership.objects.create(community=alone, user=member_)
    client.force_login(owner)
    response = client.post(f"/communities/{alone.slug}/leave/", follow=True)
    assert "ผู้ดูแลคนสุดท้าย" in response.content.decode()
    assert Membership.objects.filter(community=alone, user=owner).exists()
    successor = Membership.objects.get(community=alone, user=member_)
    client.post(f"/communities/{alone.slug}/leave/", {"successor": successor.pk})
    assert not Membership.objects.filter(community=alone, user=owner).exists()
    assert Membership.objects.get(community=alone, user=member_).is_facilitator
    alone.refresh_from_db()
    assert alone.owner == member_


def test_facilitators_cannot_remove_or_demote_the_last_facilitator(client, owner):
    alone = make_community(owner, name="ชุมชนเล็ก")
    client.force_login(owner)
    response = client.post(f"/communities/{alone.slug}/members/{owner.username}/demote/", follow=True)
    assert "ต้องมีผู้ดูแลอย่างน้อยหนึ่งคน" in response.content.decode()
    assert Membership.objects.get(community=alone, user=owner).is_facilitator


def test_what_a_member_shared_stays_when_they_leave(client, community, member_):
    post = make_post(make_blog(member_), title="ยังอยู่หลังออก")
    share(post, community)
    client.force_login(member_)
    client.post(f"/communities/{community.slug}/leave/")
    client.logout()
    assert "ยังอยู่หลังออก" in client.get(community.get_absolute_url()).content.decode()


def test_an_invitation_only_community(client, owner, member_, stranger):
    closed = make_community(owner, name="วงเฉพาะผู้ได้รับเชิญ", policy=JoinPolicy.INVITE)
    client.force_login(stranger)
    assert client.post(f"/communities/{closed.slug}/join/").status_code == 403
    client.force_login(owner)
    client.post(f"/communities/{closed.slug}/invite/", {"username": "nobody-here"})
    assert not Invitation.objects.exists()
    client.post(f"/communities/{closed.slug}/invite/", {"username": member_.username})
    client.force_login(member_)
    assert "รับคำเชิญเข้าร่วม" in client.get(closed.get_absolute_url()).content.decode()
    client.post(f"/communities/{closed.slug}/join/")
    assert Membership.objects.filter(community=closed, user=member_).exists() and not Invitation.objects.exists()


def test_an_open_community_takes_members_at_once(client, owner, stranger):
    open_ = make_community(owner, name="วงเปิด", policy=JoinPolicy.OPEN)
    client.force_login(stranger)
    client.post(f"/communities/{open_.slug}/join/")
    open_.refresh_from_db()
    assert open_.member_count == 2


def test_a_member_creates_at_most_a_few_communities_a_day(client, owner, settings):
    settings.COMMUNITY_CREATE_PER_DAY = 2
    client.force_login(owner)
    for n in range(3):
        response = client.post("/communities/new/", {"name": f"ชุมชนที่ {n + 1}", "join_policy": "open"})
    assert response.status_code == 400 and "ไม่เกิน 2 ชุมชน" in response.content.decode()
    assert 'value="ชุมชนที่ 3"' in response.content.decode()  # what was typed is kept
    assert Community.objects.count() == 2


def picture(size=(1600, 900), fmt="PNG") -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", size, (30, 110, 70)).save(out, fmt)
    return SimpleUploadedFile("cover.png", out.getvalue(), "image/png")


def test_a_cover_is_reencoded_and_a_bad_one_keeps_what_was_typed(client, owner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(owner)
    data = {"name": "ชุมชนมีภาพปก", "description": "คำอธิบายที่พิมพ์ไว้", "tags": "", "province": "", "join_policy": "open"}
    bad = SimpleUploadedFile("cover.png", b"<html>not a picture</html>", "image/png")
    response = client.post("/communities/new/", {**data, "cover_upload": bad})
    assert response.status_code == 400
    assert "คำอธิบายที่พิมพ์ไว้" in response.content.decode() and "ไม่ใช่รูป" in response.content.decode()
    client.post("/communities/new/", {**data, "cover_upload": picture()})
    community = Community.objects.get()
    assert community.cover.name.endswith(".jpg")
    with Image.open(community.cover.path) as image:
        assert image.size == (1200, 400) and image.format == "JPEG"


def test_malformed_community_urls_are_404_not_500(client, community, owner):
    client.force_login(owner)
    for url in ["/communities/ไม่มีชุมชนนี้/", "/communities/x/members/", "/communities/x/feed/",
                f"/communities/{community.slug}/requests/999999999999999999999/approve/"]:  # fmt: skip
        assert client.get(url).status_code in (404, 405), url


def test_communities_sharing_a_name_are_all_listed_in_name_order(client, owner):
    first = make_community(owner, name="วงเรียนรู้ตำบล")
    second = make_community(owner, name="วงเรียนรู้ตำบล")
    assert first.slug != second.slug
    page = client.get("/communities/", {"sort": "name"}).content.decode()
    assert first.get_absolute_url() in page and second.get_absolute_url() in page
