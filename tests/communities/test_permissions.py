"""Who may do what: every community write URL × owner, facilitator, member, requester, stranger,
staff and an anonymous visitor. "done" means the action took effect; anything else must leave
the community exactly as it was."""

import pytest

from communities.models import Community, CommunityBlog, Invitation, JoinRequest, Membership, SharedPost
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db

PERSONAS = ["owner", "cofacilitator", "member_", "requester", "stranger", "staff", "anonymous"]
MANAGERS = {"owner", "cofacilitator", "staff"}


def state(community: Community) -> tuple:
    """Everything a write could change."""
    community.refresh_from_db()
    return (
        community.name,
        sorted(Membership.objects.filter(community=community).values_list("user__username", "role")),
        sorted(JoinRequest.objects.filter(community=community).values_list("user__username", flat=True)),
        sorted(Invitation.objects.filter(community=community).values_list("user__username", flat=True)),
        sorted(SharedPost.objects.filter(community=community).values_list("post__number", "removed_at")),
        sorted(CommunityBlog.objects.filter(community=community).values_list("blog_id", flat=True)),
    )


def login(client, request, persona):
    if persona == "anonymous":
        return None
    user = request.getfixturevalue(persona)
    client.force_login(user)
    return user


@pytest.fixture
def shared_post(community, member_):
    post = make_post(make_blog(member_), title="บันทึกในชุมชน")
    SharedPost.objects.create(community=community, post=post, shared_by=member_)
    return post


# action name -> (who may, how to call it: (community, fixtures) -> (url, data))
ACTIONS = {
    "edit": (MANAGERS, lambda c, f: (f"/communities/{c.slug}/edit/", {"name": "ชื่อใหม่", "join_policy": "open"})),
    "approve": (MANAGERS, lambda c, f: (f"/communities/{c.slug}/requests/{f['join_request'].pk}/approve/", {})),
    "refuse": (MANAGERS, lambda c, f: (f"/communities/{c.slug}/requests/{f['join_request'].pk}/refuse/", {})),
    "invite": (MANAGERS, lambda c, f: (f"/communities/{c.slug}/invite/", {"username": "stranger"})),
    "remove member": (MANAGERS, lambda c, f: (f"/communities/{c.slug}/members/prasit/remove/", {})),
    "promote": (MANAGERS, lambda c, f: (f"/communities/{c.slug}/members/prasit/promote/", {})),
    "demote": (MANAGERS, lambda c, f: (f"/communities/{c.slug}/members/wanna/demote/", {})),
    "take a post out": (
        MANAGERS,
        lambda c, f: (f"/communities/{c.slug}/posts/{f['shared_post'].number}/remove/", {"reason": "นอกหัวข้อ"}),
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_facilitator_actions(client, request, community, shared_post, stranger, persona, action):
    allowed, call = ACTIONS[action]
    url, data = call(community, {"join_request": JoinRequest.objects.get(), "shared_post": shared_post})
    before = state(community)
    login(client, request, persona)
    response = client.post(url, data)
    if persona in allowed:
        assert response.status_code == 302 and "/accounts/login/" not in response["Location"]
        assert state(community) != before, f"{persona} could not {action}"
    else:
        expected = 302 if persona == "anonymous" else 403
        assert response.status_code == expected
        if persona == "anonymous":
            assert response["Location"].startswith("/accounts/login/")
        assert state(community) == before, f"{persona} could {action}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_manage_page_and_pending_requests_are_for_facilitators_only(client, request, community, persona):
    login(client, request, persona)
    response = client.get(f"/communities/{community.slug}/manage/")
    if persona in MANAGERS:
        assert response.status_code == 200 and "ขอเข้าร่วมค่ะ" in response.content.decode()
    else:
        assert response.status_code == (302 if persona == "anonymous" else 403)
    page = client.get(community.get_absolute_url()).content.decode()
    assert "ขอเข้าร่วมค่ะ" not in page  # a request's message is never on the public page


@pytest.mark.parametrize("persona", PERSONAS)
def test_joining_a_community_by_request(client, request, community, persona):
    user = login(client, request, persona)
    response = client.post(f"/communities/{community.slug}/join/")
    if persona == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
        return
    assert response.status_code == 302
    was_member = persona in {"owner", "cofacilitator", "member_"}
    assert Membership.objects.filter(community=community, user=user).exists() == was_member  # nobody lets themselves in
    assert JoinRequest.objects.filter(community=community, user=user).exists() == (not was_member)


@pytest.mark.parametrize("persona", PERSONAS)
def test_sharing_ones_own_post_needs_membership(client, request, community, persona):
    user = login(client, request, persona)
    if user is None:
        assert client.post("/posts/1/share/", {"community": community.pk})["Location"].startswith("/accounts/login/")
        return
    post = make_post(make_blog(user), title="บันทึกของฉัน")
    client.post(f"/posts/{post.number}/share/", {"community": community.pk})
    may = persona in {"owner", "cofacilitator", "member_"}
    assert SharedPost.objects.filter(community=community, post=post).exists() == may


def test_nobody_shares_someone_elses_post(client, community, member_, cofacilitator):
    post = make_post(make_blog(cofacilitator), title="บันทึกของวรรณา")
    client.force_login(member_)
    assert client.post(f"/posts/{post.number}/share/", {"community": community.pk}).status_code == 403
    assert not SharedPost.objects.filter(post=post).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_joining_a_blog_to_a_community_needs_membership_and_the_blog(client, request, community, persona):
    user = login(client, request, persona)
    blog = make_blog(user) if user else make_blog()
    response = client.post(f"/communities/{community.slug}/blogs/", {"blog": blog.pk})
    linked = CommunityBlog.objects.filter(community=community, blog=blog).exists()
    if persona in {"owner", "cofacilitator", "member_"}:
        assert response.status_code == 302 and linked
    else:
        assert response.status_code == (302 if persona == "anonymous" else 403) and not linked


def test_a_member_cannot_join_someone_elses_blog(client, community, member_, cofacilitator):
    blog = make_blog(cofacilitator)
    client.force_login(member_)
    assert client.post(f"/communities/{community.slug}/blogs/", {"blog": blog.pk}).status_code == 403


def test_every_write_refuses_get(client, community, owner):
    client.force_login(owner)
    for url in [f"/communities/{community.slug}/join/", f"/communities/{community.slug}/leave/",
                f"/communities/{community.slug}/invite/", "/posts/1/share/"]:  # fmt: skip
        assert client.get(url).status_code == 405, url


def test_writes_need_the_csrf_token(community, owner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(f"/communities/{community.slug}/invite/", {"username": "stranger"}).status_code == 403
    assert not Invitation.objects.exists()
