"""Links on list pages are remembered per process (kmblog.urlcache) and still follow the URL patterns."""

from django.test import override_settings

from tests.factories import make_blog, make_post, make_user


def test_tag_links_follow_a_change_of_url_patterns(client, db):
    """The same tag on every card is reversed once; the pages moved, its links move with them."""
    for n in range(3):
        make_post(make_blog(make_user(f"kru{n}")), tags=["คุณอำนวย"])
    assert client.get("/?page=1").content.decode().count('href="/tags/') >= 3
    with override_settings(ROOT_URLCONF="tests.urls_moved_tags"):
        page = client.get("/?page=1&moved=1").content.decode()
    assert page.count('href="/topics/') >= 3 and 'href="/tags/' not in page
