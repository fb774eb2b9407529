"""Thai-aware search on the real engine of the database under test (FTS5 or tsvector)."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from posts.models import Post
from search.models import Entry
from search.text import tokens
from tests.factories import make_blog, make_post, make_user
from tests.search.judged import JUDGED, POSTS

pytestmark = pytest.mark.django_db


def found(client, q: str, **params) -> list[str]:
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    titles = re.findall(r'card-title"><a href="[^"]+">(.*?)</a>', response.content.decode())
    return [re.sub(r"</?mark>", "", title) for title in titles]  # found words are marked in titles too


@pytest.fixture
def judged(db):
    blog = make_blog(make_user("writer"))
    titles = {}
    for n, (key, (title, body, tags)) in enumerate(POSTS.items()):
        make_post(blog, title=title, lead="", body=f"<p>{body}</p>", tags=tags, age=timedelta(hours=n + 1))
        titles[key] = title
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return titles


@pytest.mark.parametrize("query", list(JUDGED))
def test_judged_queries(client, judged, query):
    must, must_not = JUDGED[query]
    titles = set(found(client, query))
    assert {judged[key] for key in must} <= titles, titles
    assert not {judged[key] for key in must_not} & titles, titles


def test_segmentation_is_the_same_for_documents_and_queries():
    assert tokens("คุณอำนวยตำบล") == ["คุณอำนวย", "ตำบล"]
    assert tokens("การจัดการความรู้") == ["การ", "จัดการ", "ความรู้"]
    assert tokens("๒.๒ KM\u00a0เเม่") == ["2", "2", "km", "แม่"]


def test_results_show_blog_author_date_tags_and_a_highlighted_snippet(client, judged):
    page = client.get("/search/", {"q": "คุณอำนวย"}).content.decode()
    assert "<mark>คุณอำนวย</mark>ตำบลต้องฟังมากกว่าพูด" in page  # original spelling, not the segmented copy
    assert "writer" in page and "#คุณอำนวย" in page and "พบ 1 บันทึก" in page


def test_snippets_mark_thai_digits_found_by_arabic_ones(client, judged):
    page = client.get("/search/", {"q": "120"}).content.decode()
    assert "<mark>๑๒๐</mark>" in page


def test_newest_first_and_filters(client, judged):
    make_post(make_blog(make_user("other")), title="ออมทรัพย์ของคนอื่น", tags=["อื่น"], age=timedelta(minutes=1))
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found(client, "ออมทรัพย์", order="newest")[0] == "ออมทรัพย์ของคนอื่น"
    assert set(found(client, "ออมทรัพย์", author="writer")) == {judged["km"], judged["loan"]}
    assert found(client, "ออมทรัพย์", tag="การเงินชุมชน") == [judged["loan"]]
    year = timezone.localdate().year
    assert len(found(client, "ออมทรัพย์", year=year + 543)) == 3  # a Buddhist-era year works too
    assert found(client, "ออมทรัพย์", year=year - 3) == []


def test_pagination(client, settings):
    settings.KMBLOG_PAGE_SIZE = 3
    blog = make_blog()
    for n in range(7):
        make_post(blog, title=f"ถอดบทเรียนตอนที่ {n}", age=timedelta(hours=n))
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    pages = [found(client, "ถอดบทเรียน", page=n) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert len({title for p in pages for title in p}) == 7
    assert "หน้า 2 จาก 3" in client.get("/search/", {"q": "ถอดบทเรียน", "page": 2}).content.decode()


@pytest.mark.parametrize(
    "q",
    ["", "   ", "!!!", "-", "-คำ", '"', '""', "' OR 1=1 --", "NEAR(a b)", "a* OR b", "{title}: x", "ก" * 5000,
     "\\", "%_", "title:x AND", "(((", "<script>alert(1)</script>", "🙂", "๐๑๒"],
)  # fmt: skip
def test_any_input_gives_a_page(client, judged, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_long_queries_are_cut_with_a_message(client, judged):
    assert "ใช้เพียง 200 ตัวอักษรแรก" in client.get("/search/", {"q": "ความรู้ " * 100}).content.decode()


def test_bad_parameters_are_ignored(client, judged):
    for params in [
        {"page": "abc"},
        {"page": "-5"},
        {"page": "99999999999"},
        {"tag": "ไม่มี"},
        {"author": "?"},
    ]:
        assert client.get("/search/", {"q": "ความรู้", **params}).status_code == 200


@pytest.mark.parametrize("year", ["x", "10542", "99999999", "1999", "-2567", "0"])
def test_an_impossible_year_is_a_clear_400_not_a_server_error(client, judged, year):
    response = client.get("/search/", {"q": "ความรู้", "year": year})
    assert response.status_code == 400
    assert "ไม่มีปี" in response.content.decode() and "เลือกปีจากรายการ" in response.content.decode()


def test_nul_bytes_are_refused_cleanly(client, db):
    assert client.get("/search/?q=%00").status_code == 400


def test_empty_state_helps(client, judged):
    page = client.get("/search/").content.decode()
    assert "ค้นหาอย่างไร" in page
    page = client.get("/search/", {"q": "ไม่มีคำนี้ในบันทึกใดเลยแน่นอน"}).content.decode()
    assert "ไม่พบบันทึกที่ตรงกับ" in page


def test_only_published_and_due_posts_are_found(client, db, django_capture_on_commit_callbacks):
    blog = make_blog()
    with django_capture_on_commit_callbacks(execute=True):
        make_post(blog, title="ร่างลับเรื่องปลานิล", published=False)
        make_post(blog, title="ตั้งเวลาเรื่องปลานิล", age=-timedelta(days=1))
        make_post(blog, title="เผยแพร่เรื่องปลานิล")
    assert found(client, "ปลานิล") == ["เผยแพร่เรื่องปลานิล"]


def test_the_index_follows_every_change_after_commit(client, db, django_capture_on_commit_callbacks):
    blog = make_blog()
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(blog, title="บันทึกเรื่องผักกาด")
    assert found(client, "ผักกาด") == ["บันทึกเรื่องผักกาด"]

    with django_capture_on_commit_callbacks(execute=True):
        post.title = "บันทึกเรื่องกะหล่ำ"
        post.save()
    assert found(client, "ผักกาด") == [] and found(client, "กะหล่ำ") == ["บันทึกเรื่องกะหล่ำ"]

    with django_capture_on_commit_callbacks(execute=True):
        post.tags.set(["สวนครัว"])
    assert found(client, "สวนครัว") == ["บันทึกเรื่องกะหล่ำ"]

    with django_capture_on_commit_callbacks(execute=True):
        post.status = Post.Status.DRAFT
        post.save()
    assert found(client, "กะหล่ำ") == []

    with django_capture_on_commit_callbacks(execute=True):
        post.status = Post.Status.PUBLISHED
        post.save()
    assert found(client, "กะหล่ำ") == ["บันทึกเรื่องกะหล่ำ"]

    with django_capture_on_commit_callbacks(execute=True):
        post.delete()
    assert found(client, "กะหล่ำ") == [] and not Entry.objects.exists()


def test_a_rolled_back_edit_never_reaches_the_index(client, db, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(make_blog(), title="เรื่องมะม่วง")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                post.title = "เรื่องทุเรียน"
                post.save()
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == [] and found(client, "มะม่วง") == ["เรื่องมะม่วง"]


def test_rebuild_from_scratch(client, db):
    blog = make_blog()
    for n in range(5):
        make_post(blog, title=f"เรื่องที่ {n} ของชุมชน")
    make_post(blog, title="ร่างของชุมชน", published=False)
    Entry.objects.all().delete()
    assert found(client, "ชุมชน") == []
    from io import StringIO

    out = StringIO()
    call_command("rebuild_search_index", "--batch-size", "2", stdout=out)
    assert "ดัชนีค้นหา: บันทึก 5 ความเห็น 0 ชุมชน 0 สมาชิก 1 " in out.getvalue()
    assert len(found(client, "ชุมชน")) == 5


@pytest.mark.parametrize("matching", [1, 20])
def test_newest_first_whether_few_or_most_posts_match(client, matching):
    """Few matches are sorted by date; a word in most posts walks the posts by date."""
    blog = make_blog()
    for n in range(25):
        title = f"ปลาตะเพียนตัวที่ {n}" if n < matching else f"ไก่ตัวที่ {n}"
        make_post(blog, title=title, age=timedelta(hours=n))
    make_post(blog, title="ปลาตะเพียนในอนาคต", age=-timedelta(hours=1))
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from django.core.cache import cache

    cache.clear()
    titles = found(client, "ปลาตะเพียน", order="newest")
    assert titles == [f"ปลาตะเพียนตัวที่ {n}" for n in range(min(matching, 20))]


def test_snippets_never_start_or_end_inside_a_word():
    from search.snippets import snippet

    text = "ก่อนหน้านี้ " * 30 + "เช้าวันเสาร์ คุณกิจสิบสองครัวเรือนมานั่งล้อมวง " + "หลังจากนั้น " * 30
    html = str(snippet(text, ["คุณกิจ"]))
    body = html.removeprefix("… ").removesuffix(" …")
    assert "<mark>คุณกิจ</mark>" in html
    assert body.split()[0] in ("ก่อนหน้านี้", "เช้าวันเสาร์") and body.split()[-1] == "หลังจากนั้น"


def test_tag_and_profile_pages_search_within_themselves(client, judged):
    tag_page = client.get("/tags/การเงินชุมชน/").content.decode()
    assert 'name="tag" value="การเงินชุมชน"' in tag_page
    profile_page = client.get("/people/writer/").content.decode()
    assert 'name="author" value="writer"' in profile_page
    assert found(client, "ออมทรัพย์", tag="การเงินชุมชน") == [judged["loan"]]


def test_normalising_skips_no_typing_slip():
    """normalize() calls PyThaiNLP's normaliser only on text that needs it: on 3,000
    generated snippets with marks and vowels thrown in, the result is the same as always calling it."""
    import random
    import unicodedata

    from pythainlp.util import normalize as thai_normalize
    from pythainlp.util import thai_digit_to_arabic_digit

    from search import text as search_text
    from search.corpus import Writer

    def always(value: str) -> str:
        value = search_text._SPACES.sub(" ", search_text._INVISIBLE.sub("", unicodedata.normalize("NFC", value)))
        return thai_normalize(thai_digit_to_arabic_digit(value).casefold())

    writer, rng = Writer(seed=5), random.Random(1)
    for n in range(3000):
        value = re.sub("<[^>]+>", " ", writer.post()["body"])[: rng.randint(5, 300)]
        for _ in range(n % 4):
            at = rng.randrange(len(value))
            value = value[:at] + rng.choice("่้๊๋ิีึืุูัําเะาๅํ  ็์") + value[at:]
        assert search_text.normalize(value) == always(value), value
