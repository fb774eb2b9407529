"""The whole story on both databases: a facilitator creates a community, a member asks to join
and is approved, shares a post, a reader finds it on the community page and in its feed, and a
facilitator takes it out again with a reason its author reads."""

from urllib.parse import unquote

import feedparser
import pytest

from communities.models import Community, JoinRequest, Membership, SharedPost
from tests.factories import make_blog, make_post, make_user

pytestmark = pytest.mark.django_db


def test_a_community_from_creation_to_a_post_taken_out(client, settings):
    facilitator = make_user("somsri", display_name="สมศรี มีความรู้")
    writer = make_user("prasit", display_name="ประสิทธิ์ ทำนาดี")
    post = make_post(make_blog(writer), title="ปุ๋ยหมักฟางข้าว: ความรู้จากแปลงนา")

    client.force_login(facilitator)
    response = client.post(
        "/communities/new/",
        {"name": "นาอินทรีย์ลุ่มน้ำปากพนัง", "description": "ชาวนาที่ทำนาไม่เผาฟาง", "tags": "เกษตรอินทรีย์, ข้าว",
         "province": "นครศรีธรรมราช", "join_policy": "request"},
    )  # fmt: skip
    community = Community.objects.get()
    assert response["Location"] == community.get_absolute_url()
    assert unquote(response["Location"]) == "/communities/นาอินทรีย์ลุ่มน้ำปากพนัง/"  # Thai marks kept
    assert Membership.objects.get(community=community).user == facilitator
    assert sorted(community.tags.names()) == ["ข้าว", "เกษตรอินทรีย์"]

    client.force_login(writer)
    page = client.get(community.get_absolute_url()).content.decode()
    assert "ขอเข้าร่วมชุมชน" in page
    client.post(f"/communities/{community.slug}/join/", {"message": "อยากแลกเปลี่ยนเรื่องปุ๋ยหมัก"})
    assert "ส่งคำขอแล้ว รอผู้ดูแลพิจารณา" in client.get(community.get_absolute_url()).content.decode()
    assert not Membership.objects.filter(community=community, user=writer).exists()

    client.force_login(facilitator)
    manage = client.get(f"/communities/{community.slug}/manage/").content.decode()
    assert "อยากแลกเปลี่ยนเรื่องปุ๋ยหมัก" in manage and "ประสิทธิ์ ทำนาดี" in manage
    join_request = JoinRequest.objects.get()
    client.post(f"/communities/{community.slug}/requests/{join_request.pk}/approve/")
    assert Membership.objects.filter(community=community, user=writer).exists()

    client.force_login(writer)
    post_page = client.get(post.get_absolute_url()).content.decode()
    assert "แบ่งปันเข้าชุมชน" in post_page
    client.post(f"/posts/{post.number}/share/", {"community": community.pk})
    assert "บันทึกนี้อยู่ในชุมชน" in client.get(post.get_absolute_url()).content.decode()

    client.logout()
    page = client.get(community.get_absolute_url()).content.decode()
    assert "ปุ๋ยหมักฟางข้าว: ความรู้จากแปลงนา" in page and "สมาชิก 2 คน" in page and "1 บันทึก" in page
    feed = feedparser.parse(client.get(f"/communities/{community.slug}/feed/").content)
    assert [entry.title for entry in feed.entries] == ["ปุ๋ยหมักฟางข้าว: ความรู้จากแปลงนา"]
    assert feed.feed.title == "นาอินทรีย์ลุ่มน้ำปากพนัง · kmblog"

    client.force_login(facilitator)
    client.post(f"/communities/{community.slug}/posts/{post.number}/remove/", {"reason": "นอกหัวข้อของชุมชน"})
    client.logout()
    assert "ปุ๋ยหมักฟางข้าว" not in client.get(community.get_absolute_url()).content.decode()
    assert feedparser.parse(client.get(f"/communities/{community.slug}/feed/").content).entries == []
    assert client.get(post.get_absolute_url()).status_code == 200  # still on the author's blog
    client.force_login(writer)
    assert "นอกหัวข้อของชุมชน" in client.get(post.get_absolute_url()).content.decode()  # the author reads why
    assert SharedPost.objects.get().removed_by == facilitator
