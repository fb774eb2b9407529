"""Both interface languages: Thai by default, English when chosen, nothing left untranslated."""

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
    return {"writer": writer, "blog": blog, "post": post}


def pages(site) -> list[str]:
    post, blog = site["post"], site["blog"]
    return [
        "/",
        post.get_absolute_url(),
        blog.get_absolute_url(),
        "/people/writer/",
        "/tags/",
        "/tags/compost/",
        "/search/",
        "/search/?q=compost",
        "/search/?q=nothingmatches",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password_reset/",
        "/posts/999999/",
    ]


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
