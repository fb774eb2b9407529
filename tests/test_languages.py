"""Both interface languages: Thai by default, English when chosen, nothing left untranslated."""

import html as html_lib
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from comments.models import Comment
from posts import series
from tests.factories import make_blog, make_comment, make_post, make_user

pytestmark = pytest.mark.django_db

THAI = re.compile(r"[\u0E00-\u0E7F]")
WRITTEN = datetime(2006, 11, 1, 10, 7, tzinfo=ZoneInfo("Asia/Bangkok"))


@pytest.fixture
def english_site(db):
    """Content with no Thai in it, so any Thai on a page is interface text."""
    writer = make_user("writer", display_name="Writer Name", organisation="Office", province="Trang")
    blog = make_blog(writer, title="Field notes", description="Notes from the field")
    post = make_post(
        blog, title="Compost notes part 1", lead="Lead text", body="<p>Body text</p>", tags=["compost"],
        published_at=WRITTEN, licence="cc-by",
    )  # fmt: skip
    make_post(blog, title="Compost notes part 2", lead="More", body="<p>More text</p>", tags=["compost"])
    series.file_into_series(post, "Compost notes", 1)
    question = make_comment(post, guest_name="Guest", body="A question")
    make_comment(post, author=writer, parent=question, body="An answer")
    make_comment(post, guest_name="Waiting", body="Pending", status=Comment.Status.PENDING)
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    community = add_community(
        writer, post, "Organic rice network", "Farmers who stopped burning straw", "Joiner", "Member"
    )
    add_network(writer, "Other Writer", "Straw notes", "compost")
    return {"writer": writer, "blog": blog, "post": post, "community": community}


def add_network(person, other_name: str, other_title: str, tag: str):
    """Someone `person` follows, with a post and a comment on the planet; a follower; an appreciation."""
    from network.models import Appreciation
    from network.services import follow

    other = make_user(display_name=other_name)
    other_post = make_post(make_blog(other, title=other_title), title=other_title, lead=other_title, tags=[tag])
    make_comment(other_post, guest_name=other_name, body=other_title)
    follow(person, other)
    follow(other, person)
    Appreciation.objects.create(post=person.posts.first(), user=other)


def add_community(facilitator, post, name: str, description: str, requester_name: str, member_name: str):
    """A community with the post shared in it, a member and a pending request."""
    from communities import services
    from communities.models import Community, JoinRequest, Membership

    community = services.create(Community(name=name, description=description, join_policy="request"), facilitator)
    Membership.objects.create(community=community, user=make_user(display_name=member_name))
    JoinRequest.objects.create(community=community, user=make_user(display_name=requester_name))
    services.share(post, community, facilitator)
    return community


def pages(site) -> list[str]:
    post, blog, community = site["post"], site["blog"], site["community"]
    return [
        "/people/",
        "/?tab=discussed",
        "/communities/",
        "/communities/?sort=name",
        community.get_absolute_url(),
        community.get_absolute_url() + "?tab=discussed",
        f"/communities/{community.slug}/members/",
        "/",
        post.get_absolute_url(),
        blog.get_absolute_url(),
        "/people/writer/",
        "/people/writer/followers/",
        "/people/writer/following/",
        "/tags/",
        "/tags/compost/",
        "/search/",
        "/search/?q=compost",
        "/search/?q=compost&kind=comment",
        "/search/?q=compost&kind=community",
        "/search/?q=compost&kind=person",
        "/search/?q=nothingmatches",
        f"/search/?q=compost&blog={blog.pk}",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password_reset/",
        "/posts/999999/",
    ]


NETWORK_PAGES = ["/me/", "/me/?tab=discussed", "/me/notifications/", "/me/notifications/settings/", "/me/media/"]


def unsubscribe_url(person) -> str:
    from network import unsubscribing

    return unsubscribing.url("", person, unsubscribing.DIGEST)


def interface_text(html: str) -> str:
    """The page without what is Thai on purpose: the language switch (each language
    named in itself) and examples of Thai input, marked lang="th"."""
    html = re.sub(r'<nav class="language-switch".*?</nav>', "", html, flags=re.S)
    return re.sub(r'<(a|span) [^>]*lang="th"[^>]*>.*?</\1>', "", html, flags=re.S)


def choose(client, language: str):
    response = client.get(f"/language/{language}/", {"next": "/tags/"})
    assert response.status_code == 302 and response["Location"] == "/tags/"


def test_english_pages_have_no_thai_interface_text(client, english_site):
    choose(client, "en")
    for url in pages(english_site):
        html = interface_text(client.get(url).content.decode())
        leftovers = sorted(set(THAI.findall(html)))
        assert not leftovers, (url, re.findall(r"[^<>\n]{0,30}[\u0E00-\u0E7F]+[^<>\n]{0,30}", html)[:5])


def test_english_writer_pages_have_no_thai_interface_text(client, english_site):
    choose(client, "en")
    client.force_login(english_site["writer"])
    for url in [
        "/posts/new/",
        f"/posts/{english_site['post'].number}/edit/",
        f"/posts/{english_site['post'].number}/delete/",
        "/me/posts/",
        "/me/profile/",
        "/blogs/new/",
        english_site["post"].get_absolute_url(),
        "/communities/new/",
        "/me/bookmarks/",
        english_site["community"].get_absolute_url(),
        f"/communities/{english_site['community'].slug}/manage/",
        f"/communities/{english_site['community'].slug}/edit/",
        f"/communities/{english_site['community'].slug}/leave/confirm/",
        *NETWORK_PAGES,
        unsubscribe_url(english_site["writer"]),
    ]:
        html = interface_text(client.get(url).content.decode())
        assert not THAI.search(html), (url, re.findall(r"[^<>\n]{0,30}[\u0E00-\u0E7F]+[^<>\n]{0,30}", html)[:5])


def test_thai_is_the_default_whatever_the_browser_asks(client, english_site):
    page = client.get(english_site["post"].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert '<html lang="th">' in page and "1 พฤศจิกายน 2549" in page and "ความเห็น" in page


def test_the_choice_is_remembered_and_english_uses_gregorian_dates(client, english_site):
    choose(client, "en")
    page = client.get(english_site["post"].get_absolute_url()).content.decode()
    assert '<html lang="en">' in page and "1 November 2006" in page and "2549" not in page
    assert "Comments (" in page and 'content="en_US"' in page
    choose(client, "th")
    assert "1 พฤศจิกายน 2549" in client.get(english_site["post"].get_absolute_url()).content.decode()


def test_an_unknown_language_cookie_falls_back_to_thai(client, english_site):
    client.cookies["django_language"] = "xx"
    assert '<html lang="th">' in client.get("/").content.decode()


def test_the_switch_only_returns_to_pages_of_this_site(client, db):
    for target in ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]:
        assert client.get("/language/en/", {"next": target})["Location"] == "/"
    assert client.get("/language/xx/").status_code == 404


# Thai pages: no English left in the interface ------------------------------------------

# Names that are English on purpose in a Thai interface (brands, formats, abbreviations).
INTENTIONAL = {
    "kmblog", "KM", "GotoKnow", "Creative", "Commons", "CC", "BY", "SA", "NC", "ND", "JPEG", "PNG", "WebP", "GIF",
    "MB", "RSS", "Atom", "English", "URL", "HTML", "LINE", "Facebook", "email", "example", "org", "http", "https",
    "www", "Mac", "Control", "Command", "ID", "UUID", "JSON", "IPv", "CSRF", "testserver",
}  # fmt: skip
ENGLISH_WORD = re.compile(r"(?<![\w@./-])[A-Za-z]{3,}(?![\w@.-]*@)")


@pytest.fixture
def thai_site(db):
    writer = make_user("somsri", display_name="สมศรี มีความรู้", organisation="กศน.", province="ตรัง")
    blog = make_blog(writer, title="สมุดบันทึกเวที", description="บันทึกจากเวทีแลกเปลี่ยน")
    post = make_post(blog, title="ถอดบทเรียนวงออมทรัพย์", lead="นำเรื่อง", body="<p>เนื้อหา</p>", tags=["ออมทรัพย์"])
    make_comment(post, guest_name="ผู้อ่าน", body="ขอบคุณ")
    make_comment(post, guest_name="รอ", body="รออนุมัติ", status=Comment.Status.PENDING)
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    community = add_community(writer, post, "นาอินทรีย์ลุ่มน้ำ", "ชาวนาที่เลิกเผาฟาง", "มาลัย", "ประสิทธิ์")
    add_network(writer, "วรรณา ใฝ่เอื้อ", "บันทึกฟางข้าว", "ออมทรัพย์")
    return {"writer": writer, "blog": blog, "post": post, "community": community}


def english_words(html: str) -> list[str]:
    """English words a Thai reader would see: text and the attributes people read (labels, hints)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<nav class="language-switch".*?</nav>', " ", html, flags=re.S)
    html = re.sub(r"<head>.*?</head>", " ", html, flags=re.S)
    html = re.sub(r'<a class="brand".*?</a>', " ", html, flags=re.S)  # the name "KMblog"
    attributes = re.findall(r'(?:placeholder|title|aria-label|alt)="([^"]*)"', html)
    text = html_lib.unescape(" ".join([re.sub(r"<[^>]+>", " ", html), *attributes]))
    text = re.sub(r"https?://\S+|\S+@\S+", " ", text)
    return sorted({word for word in ENGLISH_WORD.findall(text) if word not in INTENTIONAL})


def test_thai_pages_with_their_errors_have_no_english_interface_text(client, thai_site):
    post = thai_site["post"]
    urls = [url for url in pages(thai_site) if "compost" not in url and "nothingmatches" not in url]
    urls += ["/tags/ออมทรัพย์/", "/search/?q=ออม", "/search/?q=ไม่มีคำนี้", "/search/?q=ออม&year=10542"]
    urls += ["/search/?q=ออม&kind=comment", "/search/?q=ออม&kind=community", "/search/?q=ออม&kind=person"]
    responses = {url: client.get(url) for url in urls}
    responses["signup with errors"] = client.post(
        "/accounts/signup/",
        {"username": "มี ช่องว่าง!", "display_name": "", "email": "ไม่ใช่อีเมล", "password1": "1234", "password2": "5"},
    )
    responses["login with errors"] = client.post("/accounts/login/", {"username": "ไม่มี", "password": "ผิด"})
    responses["comment with errors"] = client.post(f"/posts/{post.number}/comments/", {"guest_name": "", "body": ""})
    client.force_login(thai_site["writer"])
    community = thai_site["community"]
    for url in ["/posts/new/", f"/posts/{post.number}/edit/", f"/posts/{post.number}/delete/", "/me/posts/",
                "/me/profile/", "/blogs/new/", post.get_absolute_url(), "/communities/new/",
                community.get_absolute_url(), f"/communities/{community.slug}/manage/",
                f"/communities/{community.slug}/edit/", f"/communities/{community.slug}/leave/confirm/",
                *NETWORK_PAGES, unsubscribe_url(thai_site["writer"])]:  # fmt: skip
        responses[url] = client.get(url)
    responses["community with errors"] = client.post("/communities/new/", {"name": " ", "join_policy": "ไม่มี"})
    responses["editor with errors"] = client.post(
        "/posts/new/", {"title": "", "blog": "", "tags": "&", "action": "schedule", "publish_at_day": "31"}
    )
    responses["profile with errors"] = client.post("/me/profile/", {"display_name": "", "bio": "ก" * 3000})
    responses["blog with errors"] = client.post("/blogs/new/", {"title": ""})
    for name, response in responses.items():
        words = english_words(response.content.decode())
        assert not words, (name, response.status_code, words)


def test_english_counts_agree_with_their_number(client, english_site):
    make_post(english_site["blog"], title="Only one", tags=["single"])
    choose(client, "en")
    assert "1 post<" in client.get("/tags/single/").content.decode().replace("\n", "")
    assert "3 posts" in client.get(english_site["blog"].get_absolute_url()).content.decode()
    tags = client.get("/tags/").content.decode()
    assert "1 posts" not in tags and "1 post<" in tags
