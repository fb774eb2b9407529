"""One search page for posts, comments, communities and people: tabs, counts, links, scopes."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from comments.models import Comment
from communities.models import Community
from posts.models import Post
from profiles.models import Role
from search.models import Entry
from search.query import parse
from tests.factories import make_blog, make_comment, make_post, make_user

pytestmark = pytest.mark.django_db


def page(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def tabs(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="tabs search-tabs".*?</nav>', html, re.S).group()
    return {label.strip(): count for label, count in re.findall(r'>([^<>]+)<span class="count">([^<]+)</span>', nav)}


@pytest.fixture
def network(db, django_capture_on_commit_callbacks):
    """A facilitator's post with a comment, a community and two members, indexed as the site would."""
    with django_capture_on_commit_callbacks(execute=True):
        somsri = make_user("somsri")
        somsri.profile.display_name = "สมศรี ใจดี"
        somsri.profile.organisation = "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านนา"
        somsri.profile.province = "นครศรีธรรมราช"
        somsri.profile.save()
        somsri.profile.roles.add(Role.objects.get(code="facilitator"))
        writer = make_user("writer")
        post = make_post(make_blog(writer), title="เครือข่ายเกษตรกรรมยั่งยืน", body="<p>วงเรียนรู้ของเกษตรกร</p>")
        comment = make_comment(post, author=somsri, body="ขอบคุณครับ เครือข่ายปุ๋ยหมักของเราก็ทำแบบนี้")
        community = Community.objects.create(
            name="ชุมชนนักปฏิบัติเกษตรอินทรีย์", slug="เกษตรอินทรีย์", description="คนทำเกษตรแลกเปลี่ยนเรื่องดิน", owner=writer
        )
    return {"post": post, "comment": comment, "community": community, "somsri": somsri}


def test_one_query_finds_each_kind_with_a_tab_and_count(client, network):
    html = page(client, q="เกษตร")  # inside เกษตรกรรม, เกษตรกร, เกษตรอินทรีย์: no word of its own
    assert tabs(html) == {"บันทึก": "1", "ความเห็น": "0", "ชุมชน": "1", "สมาชิก": "0"}
    # The matched text exactly, inside the words, in the title and the text.
    assert "<mark>เกษตร</mark>กรรมยั่งยืน" in html and "ของ<mark>เกษตร</mark>กร" in html


def test_a_comment_links_to_its_place_on_the_post(client, network):
    html = page(client, q="ปุ๋ยหมัก", kind="comment")
    comment = network["comment"]
    assert f'href="{comment.post.get_absolute_url()}#comment-{comment.position}"' in html
    assert "ความเห็นของ" in html and "สมศรี ใจดี" in html and "<mark>ปุ๋ยหมัก</mark>" in html


def test_people_by_name_organisation_area_and_role(client, network):
    for q in ["สมศรี", "ส่งเสริมสุขภาพ", "นครศรี", "คุณอำนวย"]:
        html = page(client, q=q, kind="person")
        assert tabs(html)["สมาชิก"] == "1", q
        assert 'href="/people/somsri/"' in html or "/somsri/" in html, q


def test_communities_by_name_description_and_tags(client, network):
    html = page(client, q="แลกเปลี่ยนเรื่องดิน", kind="community")
    assert "ชุมชนนักปฏิบัติเกษตรอินทรีย์" in html and network["community"].get_absolute_url() in html


def test_comments_of_unpublished_posts_and_unapproved_comments_never_appear(
    client, network, django_capture_on_commit_callbacks
):
    post, comment = network["post"], network["comment"]
    with django_capture_on_commit_callbacks(execute=True):
        make_comment(post, guest_name="ผู้เยี่ยมชม", body="ปุ๋ยหมักสแปมรออนุมัติ", status=Comment.Status.PENDING)
    assert tabs(page(client, q="ปุ๋ยหมัก"))["ความเห็น"] == "1"
    with django_capture_on_commit_callbacks(execute=True):
        post.status = Post.Status.DRAFT
        post.save()
    html = page(client, q="ปุ๋ยหมัก", kind="comment")
    assert tabs(html)["ความเห็น"] == "0" and comment.body[:10] not in html
    with django_capture_on_commit_callbacks(execute=True):
        post.status = Post.Status.PUBLISHED
        post.save()
        comment.status = Comment.Status.SPAM
        comment.save()
    assert tabs(page(client, q="ปุ๋ยหมัก"))["ความเห็น"] == "0"


def test_deleting_removes_from_the_index(client, network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        network["comment"].delete()
        network["community"].delete()
        network["somsri"].is_active = False
        network["somsri"].save()
    assert set(Entry.objects.values_list("kind", flat=True)) == {"post", "person"}
    assert tabs(page(client, q="สมศรี"))["สมาชิก"] == "0"


def test_search_within_a_blog_a_community_and_a_person(client, network, django_capture_on_commit_callbacks):
    post = network["post"]
    with django_capture_on_commit_callbacks(execute=True):
        make_post(make_blog(network["somsri"]), title="เครือข่ายอีกสมุดหนึ่ง")
    assert tabs(page(client, q="เครือข่าย"))["บันทึก"] == "2"
    html = page(client, q="เครือข่าย", blog=post.blog.pk)
    assert tabs(html) == {"บันทึก": "1", "ความเห็น": "1"}  # no communities or people tabs within a blog
    assert "กรรมยั่งยืน" in html and "อีกสมุดหนึ่ง" not in html and "ในสมุดบันทึก" in html
    html = page(client, q="เครือข่าย", author="somsri")
    assert "อีกสมุดหนึ่ง" in html and "กรรมยั่งยืน" not in html
    assert tabs(page(client, q="เครือข่าย", author="somsri", kind="comment"))["ความเห็น"] == "1"  # her comment
    # The search boxes on the blog, profile and community pages carry their scope.
    assert f'name="blog" value="{post.blog.pk}"' in client.get(post.blog.get_absolute_url()).content.decode()
    community_page = client.get(network["community"].get_absolute_url()).content.decode()
    assert 'name="community" value="เกษตรอินทรีย์"' in community_page


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "nonsense"},
        {"kind": "comment", "year": "2567"},
        {"blog": "abc"},
        {"blog": "99999999999999999999"},
        {"kind": "person", "order": "newest", "page": "-3"},
        {"kind": "community", "tag": "x" * 500},
    ],
)
def test_odd_parameters_give_a_page(client, network, params):
    response = client.get("/search/", {"q": "เกษตร", **params})
    assert response.status_code == 200


def test_search_page_query_budget(client, network, django_assert_max_num_queries):
    # On PostgreSQL a word found among the newest entries is also counted by the word
    # index (backends/postgres.py, surely_common): one query that can spare a recount.
    with django_assert_max_num_queries(13):
        page(client, q="เครือข่าย")
    with django_assert_max_num_queries(13):
        page(client, q="เครือข่าย", kind="comment")


def test_rebuild_indexes_every_kind(network):
    Entry.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "บันทึก 1 ความเห็น 1 ชุมชน 1 สมาชิก 2" in out.getvalue()


def test_a_common_query_under_a_filter_is_tested_row_by_row(client, network, monkeypatch):
    """Past the count limit a query is common: within one person's posts it is tested on
    each of their entries rather than listed from the whole index; the page is the same."""
    from search import engines

    backend = engines.backend()
    with_index = page(client, q="เครือข่าย", author="writer")
    monkeypatch.setattr(backend, "COUNT_LIMIT", 0)  # every query counts as common
    assert backend(parse("เครือข่าย"), "post", engines.Filters(author_id=network["post"].author_id)).by_rows
    by_rows = page(client, q="เครือข่าย", author="writer")
    assert "<mark>เครือข่าย</mark>เกษตรกรรมยั่งยืน" in by_rows and "<mark>เครือข่าย</mark>เกษตรกรรมยั่งยืน" in with_index
    assert "พบมากกว่า 0 บันทึก" in by_rows


def test_logging_in_and_editing_a_post_prepare_nothing_else_again(client, network, django_capture_on_commit_callbacks):
    """Entries are replaced (a new id) when re-indexed: a login leaves the member's entry as it
    was, and editing a post leaves its comments' entries as they were."""
    person = Entry.objects.get(kind="person", object_id=network["somsri"].pk).pk
    comment = Entry.objects.get(kind="comment", object_id=network["comment"].pk).pk
    network["somsri"].set_password("pass-for-tests")
    network["somsri"].save()
    person = Entry.objects.get(kind="person", object_id=network["somsri"].pk).pk
    with django_capture_on_commit_callbacks(execute=True):
        assert client.login(username="somsri", password="pass-for-tests")
        post = network["post"]
        post.title = "เครือข่ายเกษตรกรรมยั่งยืน ฉบับแก้"
        post.save()
    assert Entry.objects.get(kind="person", object_id=network["somsri"].pk).pk == person
    assert Entry.objects.get(kind="comment", object_id=network["comment"].pk).pk == comment
    assert "ฉบับแก้" in page(client, q="ฉบับแก้")


def test_two_terms_one_in_the_title_and_one_in_the_text(client, network):
    # ครือ (inside เครือข่าย) is only in the title, ของเกษ (across ของ|เกษตรกร) only in the
    # body: neither is a word the word index holds, so only the substring indexes find them.
    for q in ["ครือ ของเกษ", "ของเกษ ครือ"]:
        assert tabs(page(client, q=q))["บันทึก"] == "1", q
        assert tabs(page(client, q=q, order="newest"))["บันทึก"] == "1", q


@pytest.mark.parametrize(
    "q",
    [
        *[
            '"',
            'เกษ"ตร',
            "NEAR(เกษตร ข่าย)",
            "เกษตร*",
            "\x01เกษตร\x7f",
            "%_\\",
            "ก" * 500,
            "<script>เกษตร</script>",
            "- -",
        ],
        # Short terms, asked of the word index by prefix on PostgreSQL ('…':*).
        *["ก'", "\\ก", "&|", ":*", "ใน -'", "๏๏"],
    ],
)
@pytest.mark.parametrize("kind", ["post", "comment", "community", "person"])
def test_hostile_queries_give_a_page_and_stay_escaped(client, network, q, kind):
    response = client.get("/search/", {"q": q, "kind": kind})
    assert response.status_code == 200
    assert "<script>เกษตร" not in response.content.decode()


def test_two_characters_found_anywhere_even_at_the_very_end(client, network, django_capture_on_commit_callbacks):
    """Two-character terms come from the index on SQLite (the trigrams that begin with
    them): one standing only at the end of a title, a tag or a text is still found."""
    with django_capture_on_commit_callbacks(execute=True):
        blog = make_blog(make_user("last"))
        in_title = make_post(blog, title="บันทึกที่ลงท้ายด้วยฎฐ", body="<p>เนื้อหา</p>")
        in_body = make_post(blog, title="บันทึกธรรมดา", body="<p>คำสุดท้ายคือฑฒ</p>")
        in_tag = make_post(blog, title="อีกบันทึก", body="<p>เนื้อหา</p>")
        in_tag.tags.add("ป้ายฌญ")
    for q, post in [("ฎฐ", in_title), ("ฑฒ", in_body), ("ฌญ", in_tag)]:
        html = page(client, q=q)
        assert tabs(html)["บันทึก"] == "1", q
        assert post.get_absolute_url() in html, q
        assert f"<mark>{q}</mark>" in html or post is in_tag, q
        assert tabs(page(client, q=q, order="newest"))["บันทึก"] == "1", q
    assert tabs(page(client, q="ฎฑ"))["บันทึก"] == "0"  # in no text: nothing, and no error


def test_tone_marks_are_part_of_the_words_searched(client, network, django_capture_on_commit_callbacks):
    """PostgreSQL stores Thai tone marks as capital letters for pg_trgm; no query can tell:
    a fragment that begins or ends at a mark is found, and a capital-free Latin query
    never matches a mark."""
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(make_blog(make_user("news")), title="บันทึกข่าว", body="<p>เรื่องเล่าเร้าพลังน้ำใจ</p>")
    for q in ["ข่าว", "่าว", "เล่าเร้า", "ร้าพ", "น้ำ"]:
        html = page(client, q=q)
        assert post.get_absolute_url() in html, q
    for q in ["ขbาว", "ขBาว", "เลbาเรcา"]:
        assert post.get_absolute_url() not in page(client, q=q), q


@pytest.mark.parametrize("large", [True, False])
def test_a_filter_finds_the_same_whether_it_is_large_or_small(
    client, network, django_capture_on_commit_callbacks, django_assert_max_num_queries, monkeypatch, large
):
    """A large filter (more than FEW entries) and a rare query: the query's matches on the
    whole site are listed from the index, and the filter picks among them. A small filter:
    its entries are tested row by row. The same page either way, in every order."""
    from search import engines

    if large:
        monkeypatch.setattr(engines, "FEW", 0)
    post = network["post"]
    with django_capture_on_commit_callbacks(execute=True):
        other = make_post(make_blog(make_user("other")), title="เครือข่ายอื่น", body="<p>ของคนอื่น</p>")
        post.tags.add("เกษตรอินทรีย์")
    filters = engines.Filters(author_id=post.author_id)
    engine = engines.backend()(parse("เครือข่าย"), "post", filters)
    everywhere = Entry.objects.filter(kind="post", object_id__in=[post.pk, other.pk]).values_list("pk", flat=True)
    assert (sorted(engine.within) if large else engine.within) == (sorted(everywhere) if large else None)
    assert engine.by_rows is not large
    year = post.published_at.year + 543
    for params in [{"author": "writer"}, {"tag": "เกษตรอินทรีย์"}, {"blog": post.blog_id}, {"year": year + 1}]:
        for order in ["", "newest"]:
            html = page(client, q="เครือข่าย", order=order, **params)
            found = "0" if "year" in params else "1"
            assert tabs(html)["บันทึก"] == found, params
            assert (post.get_absolute_url() in html) == (found == "1"), params
            assert other.get_absolute_url() not in html, params
    assert tabs(page(client, q="เครือข่าย", year=year))["บันทึก"] == "2"
    with django_assert_max_num_queries(14):
        page(client, q="เครือข่าย", tag="เกษตรอินทรีย์")


@pytest.mark.parametrize("large", [True, False])
def test_a_common_query_in_a_large_filter_ranks_titles_first(
    client, network, django_capture_on_commit_callbacks, monkeypatch, large
):
    """A tag of many entries and a query too common to list: the tag's entries are tested
    newest first, and those with the query in the title or tags still come first in the
    relevance order. Only the tag's posts, counted exactly."""
    from search import engines

    if large:
        monkeypatch.setattr(engines, "FEW", 0)
    monkeypatch.setattr(engines.backend(), "WITHIN_LIMIT", 0)  # no query is rare enough to list
    blog = make_blog(make_user("kru"))
    with django_capture_on_commit_callbacks(execute=True):
        titled = make_post(blog, title="ปุ๋ยหมักชีวภาพ", tags=["ดินดี"], age=timedelta(days=3))
        in_text = make_post(blog, title="บันทึกวันอังคาร", body="<p>ทำปุ๋ยหมักกับเด็ก ๆ</p>", tags=["ดินดี"])
        make_post(blog, title="บันทึกวันพุธ", body="<p>เรื่องอื่น</p>", tags=["ดินดี"], age=timedelta(days=1))
        elsewhere = make_post(blog, title="ปุ๋ยหมักนอกแท็ก", age=timedelta(days=2))
    engine = engines.backend()(parse("ปุ๋ยหมัก"), "post", engines.Filters(tag_id=titled.tags.get().pk))
    assert engine.within is None and engine.by_rows
    relevance = page(client, q="ปุ๋ยหมัก", tag="ดินดี")
    newest = page(client, q="ปุ๋ยหมัก", tag="ดินดี", order="newest")
    for html in (relevance, newest):
        assert tabs(html)["บันทึก"] == "2"
        assert elsewhere.get_absolute_url() not in html
    assert relevance.index(titled.get_absolute_url()) < relevance.index(in_text.get_absolute_url())
    assert newest.index(in_text.get_absolute_url()) < newest.index(titled.get_absolute_url())
    # A year of a common query is counted from the index among the year's entries.
    year = in_text.published_at.year
    found = [post for post in (titled, in_text, elsewhere) if post.published_at.year == year]
    for order in ["", "newest"]:
        html = page(client, q="ปุ๋ยหมัก", year=year + 543, order=order)
        assert tabs(html)["บันทึก"] == str(len(found))
        assert all(post.get_absolute_url() in html for post in found)
    assert tabs(page(client, q="ปุ๋ยหมัก", year=year + 544))["บันทึก"] == "0"


def test_a_post_scheduled_for_later_is_neither_found_nor_counted(client, network, django_capture_on_commit_callbacks):
    """Published with tomorrow's date, a post is indexed already but shows nowhere yet: not
    in any order, under no filter, and not in the counts; nor are its comments."""
    with django_capture_on_commit_callbacks(execute=True):
        later = make_post(
            make_blog(make_user("planner")), title="เครือข่ายพรุ่งนี้", tags=["เกษตรอินทรีย์"], age=-timedelta(days=1)
        )
        make_comment(later, body="เครือข่ายรอพรุ่งนี้")
    assert Entry.objects.filter(kind="post", object_id=later.pk).exists()
    for params in [{}, {"order": "newest"}, {"tag": "เกษตรอินทรีย์"}, {"author": "planner"}]:
        html = page(client, q="เครือข่าย", **params)
        assert later.get_absolute_url() not in html, params
    counts = tabs(page(client, q="เครือข่าย"))
    assert (counts["บันทึก"], counts["ความเห็น"]) == ("1", "1")
    assert "เครือข่ายรอพรุ่งนี้" not in page(client, q="เครือข่าย", kind="comment")


@pytest.mark.parametrize("walk", [1, 1000])
def test_a_query_past_the_count_limit_but_rare_among_the_newest_is_listed(
    client, network, django_capture_on_commit_callbacks, monkeypatch, walk
):
    """Past the count's limit a query is common, and its page comes from walking the newest
    entries; when they hold too few of its matches (a short walk, or a probe of the newest
    that finds none), the matches are listed from the index instead. The page is the same:
    every match, newest first."""
    from search import engines

    backend = engines.backend()
    for name, value in {"COUNT_LIMIT": 1, "WALK": walk, "PROBE": 1, "DENSE": 1}.items():
        monkeypatch.setattr(backend, name, value, raising=False)
    blog = make_blog(make_user("kru"))
    with django_capture_on_commit_callbacks(execute=True):
        oldest = make_post(blog, title="บันทึกเก่า", body="<p>น้ำหมักชีวภาพรุ่นแรก</p>", age=timedelta(days=3))
        older = make_post(blog, title="บันทึกกลาง", body="<p>น้ำหมักชีวภาพรุ่นสอง</p>", age=timedelta(days=2))
        make_post(blog, title="บันทึกใหม่", body="<p>เรื่องอื่น</p>", age=timedelta(days=1))
    # A word, and a fragment cut across words (walked on rather than listed, on PostgreSQL).
    for q in ["น้ำหมัก", "ักชีวภาพรุ่น"]:
        for order in ["newest", ""]:
            html = page(client, q=q, order=order)
            assert "พบมากกว่า 1 บันทึก" in html, q
            assert html.index(older.get_absolute_url()) < html.index(oldest.get_absolute_url()), (q, order)


def test_counts_of_several_terms_and_excluded_ones_are_exact(client, network, django_capture_on_commit_callbacks):
    """Counted from the indexes alone: terms in title or text, together, and less the excluded."""
    blog = make_blog(make_user("kru"))
    with django_capture_on_commit_callbacks(execute=True):
        make_post(blog, title="ปุ๋ยหมักกับน้ำหมัก", body="<p>ทั้งสองอย่าง</p>")
        make_post(blog, title="บันทึกปุ๋ย", body="<p>ทำปุ๋ยหมักเอง</p>")
        make_post(blog, title="บันทึกน้ำ", body="<p>ทำน้ำหมักเอง</p>", tags=["ชีวภาพ"])
    expected = {
        "หมัก": "3",
        "ปุ๋ยหมัก น้ำหมัก": "1",
        "ปุ๋ยหมัก -น้ำหมัก": "1",
        "หมัก -ปุ๋ย": "1",
        "หมัก -ปุ๋ย -น้ำ": "0",
        "น้ำหมัก ชีวภาพ": "1",
        "หมัก เอง": "2",
    }
    for q, count in expected.items():
        assert tabs(page(client, q=q))["บันทึก"] == count, q


def test_a_year_begins_at_midnight_in_thailand(client, network, django_capture_on_commit_callbacks):
    """Posts published in the first hours of 1 January (Bangkok time, still 31 December in
    UTC) belong to the new year, and those of 31 December to the old one: on SQLite the
    range was compared as text with its offset, and began 7 hours late."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    bangkok = ZoneInfo("Asia/Bangkok")
    blog = make_blog(make_user("kru"))
    with django_capture_on_commit_callbacks(execute=True):
        new_year = make_post(blog, title="ปุ๋ยหมักปีใหม่", published_at=datetime(2025, 1, 1, 3, 0, tzinfo=bangkok))
        old_year = make_post(blog, title="ปุ๋ยหมักส่งท้ายปี", published_at=datetime(2024, 12, 31, 23, 0, tzinfo=bangkok))
    for order in ["", "newest"]:
        html_2568 = page(client, q="ปุ๋ยหมัก", year=2568, order=order)
        html_2567 = page(client, q="ปุ๋ยหมัก", year=2567, order=order)
        assert new_year.get_absolute_url() in html_2568 and old_year.get_absolute_url() not in html_2568
        assert old_year.get_absolute_url() in html_2567 and new_year.get_absolute_url() not in html_2567


def test_short_terms_past_the_count_limit_are_counted_from_the_words_that_begin_with_them(
    client, network, django_capture_on_commit_callbacks, monkeypatch
):
    """A one- or two-character term has no trigram. Past the count's limit in the words that
    begin with it it is "more than"; short of it, or less an excluded term, every row is
    tested and the count is exact, inside longer words too."""
    from search import engines

    backend = engines.backend()
    for name, value in {"COUNT_LIMIT": 2, "PROBE": 1}.items():
        monkeypatch.setattr(backend, name, value, raising=False)
    blog = make_blog(make_user("kru"))
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            make_post(blog, title=f"บันทึก {n}", body="<p>เดินไปใน ทุ่งนา</p>")
        make_post(blog, title="บันทึกไผ่", body="<p>กอไผ่ริมน้ำ</p>")
        make_post(blog, title="บันทึกอื่น", body="<p>ปลูกผักกินเอง</p>")
    assert "พบมากกว่า 2 บันทึก" in page(client, q="ใน")
    assert tabs(page(client, q="ใน -ทุ่ง"))["บันทึก"] == "0"
    assert tabs(page(client, q="ไผ"))["บันทึก"] == "1"
    assert tabs(page(client, q="ผั"))["บันทึก"] == "1"
    assert tabs(page(client, q="ใน", kind="comment"))["ความเห็น"] == "0"


@pytest.mark.parametrize("q", ["ปุ๋ยหมัก", "๋ยหมั"])
def test_a_year_holds_only_its_own_matches_when_none_are_listed_first(
    client, network, django_capture_on_commit_callbacks, monkeypatch, q
):
    """A word, or a fragment cut through words, under a year, when the site's matches are not
    listed first (within): the year's own rows are searched, and counted exactly."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from search import engines

    monkeypatch.setattr(engines.backend(), "WITHIN_LIMIT", 0)
    bangkok = ZoneInfo("Asia/Bangkok")
    blog = make_blog(make_user("kru"))
    with django_capture_on_commit_callbacks(execute=True):
        this_year = [
            make_post(
                blog, title=f"บันทึก {n}", body="<p>ทำปุ๋ยหมักเอง</p>", published_at=datetime(2025, 3, n + 1, tzinfo=bangkok)
            )
            for n in range(2)
        ]
        other = make_post(
            blog, title="บันทึกเก่า", body="<p>ปุ๋ยหมักรุ่นแรก</p>", published_at=datetime(2024, 3, 1, tzinfo=bangkok)
        )
    for order in ["", "newest"]:
        html = page(client, q=q, year=2568, order=order)
        assert tabs(html)["บันทึก"] == "2", (q, order)
        assert all(post.get_absolute_url() in html for post in this_year) and other.get_absolute_url() not in html


def test_a_year_or_tag_finds_its_own_matches_among_ids_of_other_years(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    """Posts of two years indexed in turn, so each year's entries lie between the other's.
    A word the newest entries show to be common is not listed site-wide first (SQLite's
    probe), and the lowest and highest entry of the year or tag bound the index's lists:
    each filter still finds exactly its own posts, in both orders."""
    from search import engines

    backend = engines.backend()
    if connection.vendor == "sqlite":
        monkeypatch.setattr(backend, "PROBE", 3)
        monkeypatch.setattr(backend, "WITHIN_LIMIT", 1)
    blog = make_blog(make_user("nid"))
    posts = {2567: [], 2568: []}
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(8):
            year = 2567 if n % 2 else 2568
            days = (timezone.localdate() - date(year - 543, 6, 1)).days + n
            post = make_post(
                blog,
                title=f"วงเรียนรู้ครั้งที่ {n}",
                body=f"<p>เครือข่ายเกษตรกรรม{'อินทรีย์' if n < 6 else ''}</p>",
                tags=["เกษตรกรรม"] if n in (1, 2, 5) else [],
                age=timedelta(days=days),
            )
            posts[year].append(post)
    if connection.vendor == "sqlite":
        assert backend(parse("เกษตรกรรม"), "post", engines.Filters()).too_many_to_list()
        assert not backend(parse("ไม่มีใครเขียน"), "post", engines.Filters()).too_many_to_list()
    for q, kept in [("เกษตรกรรม", lambda n: True), ("อินทรีย์", lambda n: n < 6)]:
        for params, wanted in [
            ({"year": 2567}, [n for n in range(8) if n % 2]),
            ({"year": 2568}, [n for n in range(8) if not n % 2]),
            ({"tag": "เกษตรกรรม"}, [1, 2, 5]),
        ]:
            wanted = [n for n in wanted if kept(n)]
            for order in ["", "newest"]:
                html = page(client, q=q, order=order, **params)
                assert tabs(html)["บันทึก"] == str(len(wanted)), (q, params)
                shown = [n for n in range(8) if f">วงเรียนรู้ครั้งที่ {n}<" in html]
                assert shown == wanted, (q, params, order)


def test_two_characters_in_comments_are_found_wherever_they_stand(client, django_capture_on_commit_callbacks):
    """A term of two characters in comments: inside words, at a word's start or end, before
    punctuation, with a tone mark, a character repeated. PostgreSQL asks an index of the
    text's pairs (each character doubled); none found where the two stand apart."""
    post = make_post(make_blog(make_user("host")), title="วงคุยเรื่องไผ่", body="<p>ชวนคุย</p>")
    bodies = {
        "inside": "ปลูกต้นไผ่ริมคลอง",
        "end": "ลูกชายชื่อไผ",
        "punctuation": "ถามว่าไผ, ตอบว่าไผ!",
        "start": "ไผ่ตงหน่อใหญ่",
        "apart": "ไ ผ ห่างกัน",
        "other": "ผักบุ้งไฟแดง",
        "mark": "ก่อนเที่ยง",
        "repeated": "คนนนท์มาแล้ว",
        "spaced": "คน นน",
    }
    with django_capture_on_commit_callbacks(execute=True):
        comments = {name: make_comment(post, body=body) for name, body in bodies.items()}
    for q, wanted in [
        ("ไผ", {"inside", "end", "punctuation", "start"}),
        ("ก่", {"mark"}),
        ("นน", {"repeated", "spaced"}),
        ("นท", {"repeated"}),
        ("ผไ", set()),
    ]:
        html = page(client, q=q, kind="comment")
        assert tabs(html)["ความเห็น"] == str(len(wanted)), q
        assert {name for name, comment in comments.items() if f'"{comment.get_absolute_url()}"' in html} == wanted, q


def test_titles_come_first_in_a_large_filter_past_the_count(client, django_capture_on_commit_callbacks, monkeypatch):
    """A tag of many entries and a query past the count's limit in it: the title index
    lists the titles that hold the query, the tag keeps its own, and those come first;
    a title outside the tag never shows."""
    from search import engines

    backend = engines.backend()
    monkeypatch.setattr(engines, "FEW", 0)
    monkeypatch.setattr(backend, "WITHIN_LIMIT", 0)
    monkeypatch.setattr(backend, "COUNT_LIMIT", 1)
    blog = make_blog(make_user("kru"))
    with django_capture_on_commit_callbacks(execute=True):
        titled = make_post(blog, title="ปุ๋ยหมักชีวภาพ", tags=["ดินดี"], age=timedelta(days=3))
        newer = [
            make_post(blog, title=f"บันทึกวันที่ {n}", body="<p>ทำปุ๋ยหมักกับเด็ก ๆ</p>", tags=["ดินดี"], age=timedelta(hours=n))
            for n in range(1, 4)
        ]
        elsewhere = make_post(blog, title="ปุ๋ยหมักนอกแท็ก", age=timedelta(minutes=5))
    engine = backend(parse("ปุ๋ยหมัก"), "post", engines.Filters(tag_id=titled.tags.get().pk))
    assert engine.by_rows and engine.count() == 2  # past the limit: nothing listed as found
    html = page(client, q="ปุ๋ยหมัก", tag="ดินดี")
    assert tabs(html)["บันทึก"] == "1+"
    assert elsewhere.get_absolute_url() not in html
    assert all(html.index(titled.get_absolute_url()) < html.index(post.get_absolute_url()) for post in newer)


@pytest.mark.parametrize("slice_size", [1, 3, 100])
def test_a_large_filter_is_counted_newest_first_and_paged_past_the_count(
    client, settings, django_capture_on_commit_callbacks, monkeypatch, slice_size
):
    """A tag of many entries and a query too common to list: its entries are tested newest
    first (on PostgreSQL in slices, the newest matches kept for the first pages). Every
    page, relevance or newest first, shows the tag's matches newest first, each once,
    and never a post outside the tag or without the query, past the count's limit too."""
    from search import engines

    backend = engines.backend()
    monkeypatch.setattr(engines, "FEW", 0)
    monkeypatch.setattr(backend, "WITHIN_LIMIT", 0)
    monkeypatch.setattr(backend, "COUNT_LIMIT", 2)
    monkeypatch.setattr(backend, "SLICE", slice_size, raising=False)
    settings.KMBLOG_PAGE_SIZE = 2
    blog = make_blog(make_user("kru"))
    with django_capture_on_commit_callbacks(execute=True):
        posts = [
            make_post(
                blog,
                title=f"บันทึกวันที่ {n}",
                body=f"<p>{'ทำปุ๋ยหมักกับเด็ก ๆ' if n % 3 else 'รดน้ำต้นไม้'}</p>",
                tags=["ดินดี"],
                age=timedelta(hours=n),
            )
            for n in range(10)
        ]
        elsewhere = make_post(blog, title="ปุ๋ยหมักนอกแท็ก", age=timedelta(minutes=5))
    wanted = [post.get_absolute_url() for n, post in enumerate(posts) if n % 3]  # newest first: 1, 2, 4, 5, 7, 8
    for order in ["", "newest"]:
        shown = []
        for number in range(1, 5):
            html = page(client, q="ปุ๋ยหมัก", tag="ดินดี", order=order, page=number)
            assert tabs(html)["บันทึก"] == "2+"
            assert elsewhere.get_absolute_url() not in html
            on_page = [url for url in wanted if f'"{url}"' in html]
            shown += sorted(on_page, key=html.index)
        assert shown == wanted, order


def test_a_word_the_newest_hold_a_few_of_is_counted_right_by_the_word_index(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    """A word the newest entries hold, but not past the count's limit: PostgreSQL also asks
    the word index how many entries have words beginning with it. Past the limit, the
    count says "more than"; a post scheduled for later, or one left out by "-", counts for
    nothing, and a word short of the limit is counted exactly."""
    from search import engines

    backend = engines.backend()
    for name, value in {"COUNT_LIMIT": 2, "PROBE": 2, "WALK": 1}.items():
        monkeypatch.setattr(backend, name, value, raising=False)
    blog = make_blog(make_user("kru"))
    with django_capture_on_commit_callbacks(execute=True):
        make_post(blog, title="บันทึกใหม่", body="<p>ชาวนาปลูกข้าว</p>", age=timedelta(hours=1))
        for n in range(2, 5):
            make_post(blog, title=f"บันทึก {n}", body="<p>ชาวนาเก็บเกี่ยว ครูสอน</p>", age=timedelta(days=n))
        make_post(blog, title="บันทึกเก่า", body="<p>ข้าวหอมมะลิ</p>", age=timedelta(days=9))
        make_post(blog, title="บันทึกพรุ่งนี้", body="<p>ชาวนาเกี่ยวข้าว</p>", age=-timedelta(days=1))
    assert "พบมากกว่า 2 บันทึก" in page(client, q="ชาวนา")
    assert tabs(page(client, q="ชาวนา -ครู"))["บันทึก"] == "1"
    assert tabs(page(client, q="ข้าว"))["บันทึก"] == "2"


def test_a_word_dense_among_the_newest_is_counted_by_walking_on(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    """A word in some of the newest entries but not past the limit there: PostgreSQL walks
    on through the newest WALK entries, and the count is "more than" only when the walk
    found more than the limit; a word with fewer matches is still counted exactly."""
    from search import engines

    backend = engines.backend()
    for name, value in {"COUNT_LIMIT": 2, "PROBE": 2, "WALK": 20}.items():
        monkeypatch.setattr(backend, name, value, raising=False)
    blog = make_blog(make_user("kru"))
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):
            make_post(
                blog,
                title=f"บันทึกที่ {n}",
                body=f"<p>{'เครือข่ายชาวนา' if n % 2 else 'ลานบ้าน'}{' ข้าวหอม' if n in (0, 1) else ''}</p>",
                age=timedelta(hours=n),
            )
    if connection.vendor == "postgresql":
        assert backend(parse("เครือข่าย"), "post", engines.Filters()).surely_common()  # the walk found 3
        assert not backend(parse("ข้าวหอม"), "post", engines.Filters()).surely_common()
    assert "พบมากกว่า 2 บันทึก" in page(client, q="เครือข่าย")
    assert tabs(page(client, q="ข้าวหอม"))["บันทึก"] == "2"
