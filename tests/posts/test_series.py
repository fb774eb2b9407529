from datetime import timedelta

import pytest

from posts import series
from posts.models import Post, Series
from tests.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("สรุปบทเรียนการดำเนินงาน KM เมืองนคร ตอนที่7", ("สรุปบทเรียนการดำเนินงาน KM เมืองนคร", 7)),
        ("ถอดบทเรียนกลุ่มออมทรัพย์ ตอนที่ ๑๒", ("ถอดบทเรียนกลุ่มออมทรัพย์", 12)),
        ("เวทีคุณอำนวย - ตอน 3", ("เวทีคุณอำนวย", 3)),
        ("ถอดบทเรียนคุณเอื้อ", None),
        ("ตอนที่ 3", None),
        ("เรื่องเล่า ตอนที่0", None),
    ],
)
def test_series_titles_are_recognised(title, expected):
    assert series.detect(title) == expected


def test_the_post_page_shows_the_series_with_previous_and_next(client, blog):
    parts = [make_post(blog, title=f"ถอดบทเรียนวงออม ตอนที่{n}", age=timedelta(days=10 - n)) for n in (1, 2, 3)]
    make_post(blog, title="ถอดบทเรียนวงออม ตอนที่4", published=False)
    for post in parts:
        series.file_into_series(post, *series.detect(post.title))
    draft = Post.objects.get(title__endswith="ตอนที่4")
    series.file_into_series(draft, *series.detect(draft.title))
    page = client.get(parts[1].get_absolute_url()).content.decode()
    assert "ชุดบันทึก: <strong>ถอดบทเรียนวงออม</strong> (3 ตอน)" in page
    assert f'href="{parts[0].get_absolute_url()}" rel="prev"' in page
    assert f'href="{parts[2].get_absolute_url()}" rel="next"' in page
    assert "ตอนที่4" not in page.split('class="series"')[1].split("</nav>")[0]


def test_the_editor_files_a_post_into_a_series(client, author, blog):
    client.force_login(author)
    data = {"title": "เวทีชาวนา ตอนที่ 2", "blog": blog.pk, "licence": "cc-by", "action": "publish", "body": "<p>x</p>"}
    client.post("/posts/new/", data)
    post = Post.objects.get()
    assert (post.series.title, post.series_part) == ("เวทีชาวนา", 2)
    client.post(f"/posts/{post.number}/edit/", {**data, "series_title": "ชุดใหม่", "series_part": 5})
    post.refresh_from_db()
    assert (post.series.title, post.series_part) == ("ชุดใหม่", 5)
    assert 'value="ชุดใหม่"' in client.get(f"/posts/{post.number}/edit/").content.decode()


def test_a_taken_part_number_is_left_empty_not_refused(blog):
    first, second = make_post(blog, title="ก"), make_post(blog, title="ข")
    series.file_into_series(first, "ชุด", 1)
    series.file_into_series(second, "ชุด", 1)
    second.refresh_from_db()
    assert second.series == first.series and second.series_part is None
    assert Series.objects.count() == 1
