from datetime import timedelta

import pytest

from tags.models import Tag, thai_slugify
from tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_thai_slugs_keep_vowel_and_tone_marks():
    assert thai_slugify("รักเธอประเทศไทย") == "รักเธอประเทศไทย"
    assert thai_slugify("ป่า") != thai_slugify("ปา")
    assert thai_slugify(" การจัดการ ความรู้ ") == "การจัดการ-ความรู้"
    assert thai_slugify("#KM/ชุมชน?") == "kmชุมชน"


def test_pa_and_paa_stay_two_tags(blog):
    make_post(blog, tags=["ป่า", "ปา"])
    assert set(Tag.objects.values_list("slug", flat=True)) == {"ป่า", "ปา"}


def test_the_same_tag_in_another_case_is_one_tag(blog):
    make_post(blog, tags=["KM"])
    make_post(blog, tags=["km"])
    assert Tag.objects.count() == 1


def test_tag_page_accepts_thai_in_the_url(client, blog):
    make_post(blog, title="บันทึกรักเธอ", tags=["รักเธอประเทศไทย"])
    make_post(blog, title="บันทึกไม่เกี่ยว", tags=["อื่น"])
    make_post(blog, title="ร่างรักเธอ", tags=["รักเธอประเทศไทย"], published=False)
    response = client.get("/tags/รักเธอประเทศไทย/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "#รักเธอประเทศไทย" in page
    assert "บันทึกรักเธอ" in page
    assert "บันทึกไม่เกี่ยว" not in page and "ร่างรักเธอ" not in page


def test_tag_links_are_percent_encoded_thai(client, blog):
    make_post(blog, tags=["ป่า"])
    assert 'href="/tags/%E0%B8%9B%E0%B9%88%E0%B8%B2/"' in client.get("/").content.decode()


@pytest.mark.parametrize("url", ["/tags/ไม่มีคำนี้/", "/tags/a%2Fb/", "/tags/..%2F/"])
def test_unknown_tags_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_tag_list_is_in_thai_dictionary_order_with_counts(client, blog):
    # Code-point order would put เอก and แมว (leading vowels) after ไก่; Thai order does not.
    for name in ["ไก่", "เอก", "กา", "แมว", "ขา"]:
        make_post(blog, tags=[name])
    make_post(blog, tags=["กา"])
    make_post(blog, tags=["ร่างเท่านั้น"], published=False)
    page = client.get("/tags/").content.decode()
    positions = [page.index(f">#{name}<") for name in ["กา", "ไก่", "ขา", "แมว", "เอก"]]
    assert positions == sorted(positions)
    assert "ร่างเท่านั้น" not in page
    assert "2 บันทึก" in page


def test_tag_page_query_budget(client, blog, django_assert_max_num_queries):
    for n in range(30):
        make_post(blog, tags=["คุณอำนวย", f"คำ{n}"], age=timedelta(hours=n + 1))
    with django_assert_max_num_queries(10):
        assert client.get("/tags/คุณอำนวย/").status_code == 200
