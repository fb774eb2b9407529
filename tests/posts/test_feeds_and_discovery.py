"""Feeds, sitemap, robots.txt and the tags that make pages shareable."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest

from tests.factories import make_blog, make_post, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(author, blog):
    post = make_post(
        blog,
        title="ถอดบทเรียนวงออมทรัพย์",
        lead="ความนำของบันทึก",
        body="<p>เนื้อหา <strong>เต็ม</strong></p>",
        tags=["กลุ่มออมทรัพย์", "คุณกิจ"],
        licence="cc-by",
    )
    other = make_post(make_blog(make_user("other"), title="สมุดอื่น"), title="บันทึกของคนอื่น", tags=["อื่น"])
    draft = make_post(blog, title="ร่างลับ", published=False, tags=["ลับ"])
    scheduled = make_post(blog, title="ตั้งเวลาไว้", age=-timedelta(days=1))
    return {"post": post, "other": other, "draft": draft, "scheduled": scheduled}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_the_site_feed_is_valid_atom_with_everything_an_entry_needs(client, site):
    feed = parse(client, "/feeds/atom/")
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert titles[:2] == ["ถอดบทเรียนวงออมทรัพย์", "บันทึกของคนอื่น"] or set(titles) == {
        "ถอดบทเรียนวงออมทรัพย์",
        "บันทึกของคนอื่น",
    }
    assert "ร่างลับ" not in titles and "ตั้งเวลาไว้" not in titles
    entry = next(e for e in feed.entries if e.title == "ถอดบทเรียนวงออมทรัพย์")
    assert entry.author == "สมชาย ใจดี"
    assert entry.link.endswith(site["post"].get_absolute_url())
    assert entry.summary == "ความนำของบันทึก"
    assert entry.content[0].value == "<p>เนื้อหา <strong>เต็ม</strong></p>"
    assert {tag.term for tag in entry.tags} == {"กลุ่มออมทรัพย์", "คุณกิจ"}
    assert entry.published_parsed and entry.updated_parsed


def test_rss_for_readers_that_need_it(client, site):
    feed = parse(client, "/feeds/rss/")
    assert feed.version == "rss20"
    entry = next(e for e in feed.entries if e.title == "ถอดบทเรียนวงออมทรัพย์")
    assert "<strong>เต็ม</strong>" in entry.summary


def test_blog_person_and_tag_feeds(client, site, blog):
    for url in [f"/blogs/{blog.pk}/feed/", "/people/somchai/feed/", "/tags/กลุ่มออมทรัพย์/feed/"]:
        assert [e.title for e in parse(client, url).entries] == ["ถอดบทเรียนวงออมทรัพย์"], url
    for url in [f"/blogs/{blog.pk}/rss/", "/people/somchai/rss/", "/tags/กลุ่มออมทรัพย์/rss/"]:
        assert parse(client, url).version == "rss20"
    for url in ["/blogs/999999/feed/", "/people/nobody/feed/", "/tags/ไม่มี/feed/", "/tags/ลับ/feed/x"]:
        assert client.get(url).status_code == 404
    assert parse(client, "/tags/ลับ/feed/").entries == []


def test_pages_announce_their_feeds(client, site, blog):
    for url, feed in [
        ("/", "/feeds/atom/"),
        (blog.get_absolute_url(), f"/blogs/{blog.pk}/feed/"),
        ("/people/somchai/", "/people/somchai/feed/"),
        ("/tags/กลุ่มออมทรัพย์/", "/tags/%E0%B8%81"),
    ]:
        page = client.get(url).content.decode()
        assert re.search(rf'<link rel="alternate" type="application/atom\+xml" [^>]*href="{re.escape(feed)}', page), url


def test_the_sitemap_lists_every_published_post_and_nothing_else(client, site, blog):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {
        u.find("s:loc", ns).text.removeprefix("http://testserver"): u.find("s:lastmod", ns)
        for u in ET.fromstring(response.content).findall("s:url", ns)  # noqa: S314 (our own sitemap)
    }
    posts = {url for url in urls if url.startswith("/posts/")}
    assert posts == {site["post"].get_absolute_url(), site["other"].get_absolute_url()}
    assert blog.get_absolute_url() in urls and "/people/somchai/" in urls and "/people/other/" in urls
    assert "/tags/%E0%B8%A5%E0%B8%B1%E0%B8%9A/" not in urls  # the draft's tag
    assert all(lastmod is not None for lastmod in urls.values())


def test_robots_points_at_the_sitemap_and_keeps_private_pages_out(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for path in ["/admin/", "/accounts/", "/me/"]:
        assert f"Disallow: {path}" in text


def test_post_pages_carry_sharing_tags_and_json_ld(client, site):
    page = client.get(site["post"].get_absolute_url()).content.decode()
    url = f"http://testserver{site['post'].get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in page
    assert '<meta property="og:title" content="ถอดบทเรียนวงออมทรัพย์">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta name="description" content="ความนำของบันทึก">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    assert data["@type"] == "BlogPosting" and data["headline"] == "ถอดบทเรียนวงออมทรัพย์"
    assert data["author"]["name"] == "สมชาย ใจดี" and data["license"].startswith("https://creativecommons.org/")


def test_json_ld_cannot_be_broken_out_of(client, blog):
    post = make_post(blog, title='</script><script>alert("x")</script>')
    page = client.get(post.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    assert json.loads(block)["headline"] == post.title
    assert "<script>alert" not in page


@pytest.mark.parametrize("url", ["/", "/tags/", "/search/", "/accounts/login/"])
def test_every_page_has_a_canonical_url_and_description(client, db, url):
    page = client.get(url).content.decode()
    assert '<link rel="canonical"' in page and '<meta name="description"' in page and "og:title" in page
