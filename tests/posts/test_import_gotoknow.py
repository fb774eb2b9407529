"""python manage.py import_gotoknow, on the real samples and on damaged copies of them."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from comments.models import Comment
from posts.models import Blog, Post
from tags.models import Tag
from tests.factories import make_post, make_user

pytestmark = pytest.mark.django_db

SAMPLES = settings.BASE_DIR.parent / "shared" / "samples" / "gotoknow"


@pytest.fixture
def samples() -> Path:
    if not SAMPLES.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the GotoKnow samples are missing: {SAMPLES}")
        pytest.skip("the GotoKnow samples (../shared) are not beside this checkout")
    return SAMPLES


def run(*args) -> str:
    out = StringIO()
    call_command("import_gotoknow", *map(str, args), stdout=out, stderr=out)
    return out.getvalue()


def test_it_imports_every_sample(samples, client):
    output = run(samples)
    assert "บันทึก: ใหม่ 3" in output
    assert "ไม่มีบรรทัดท้ายบันทึก" in output  # the truncated file is reported, not guessed silently

    post = Post.objects.get(number=56697)
    assert post.title == "สรุปบทเรียนการดำเนินงาน KM เมืองนคร ตอนที่7"
    assert post.lead.startswith("การทำหน้าที่คุณอำนวยตำบลนั้นต้องอาศัยการเรียนรู้จากเพื่อนร่วมทีม")
    assert post.blog.title == "การส่งเสริมอาชีพโดยกระบวนการจัดการความรู้"
    assert post.author.username == "gotoknow-archive"
    assert list(post.tags.names()) == ["รักเธอประเทศไทย"]
    assert post.licence == "all-rights-reserved"
    assert post.published_at.isoformat() == "2006-11-01T03:07:00+00:00"  # 10:07 in Bangkok
    assert post.updated_at.isoformat() == "2012-02-11T09:13:00+00:00"
    assert post.comment_count == 2
    assert "\u00a0" not in post.body and "<p>2.ศักยภาพการทำหน้าที่ของคุณอำนวยตำบล</p>" in post.body
    assert "๒.๒ การพัฒนาสมรรถนะ" in post.body  # Thai digits kept as written
    first, second = post.comments.order_by("position")
    assert first.body.startswith("อาจารย์ครับ...\n\nจากการที่ผมได้เข้าร่วมนั่งฟัง")
    assert first.guest_name == "ผู้เยี่ยมชม (ไม่ระบุชื่อ)" and first.status == Comment.Status.APPROVED
    assert second.position == 2 and second.body.startswith("ที่บางสะพาน")

    assert Post.objects.get(number=56873).comment_count == 0
    seventh, eighth = Post.objects.get(number=56697), Post.objects.get(number=56873)
    assert seventh.series == eighth.series and seventh.series.title == "สรุปบทเรียนการดำเนินงาน KM เมืองนคร"
    assert (seventh.series_part, eighth.series_part) == (7, 8)
    truncated = Post.objects.get(title="ถอดบทเรียนคุณเอื้อ")
    assert truncated.blog.title == "สวัสดิการและองค์กรการเงินชุมชน"  # "ความเห็น (0)" split off
    assert truncated.number == 56874

    page = client.get("/posts/56697/").content.decode()
    for text in ["ตอนที่7", "รักเธอประเทศไทย", "1 พฤศจิกายน 2549", "11 กุมภาพันธ์ 2555", "ที่บางสะพาน", "ความเห็น (2)"]:
        assert text in page, text
    assert client.get("/tags/รักเธอประเทศไทย/").content.decode().count('class="card"') == 2


def test_importing_twice_changes_nothing(samples):
    run(samples)
    before = (Post.objects.count(), Comment.objects.count(), Tag.objects.count(), Blog.objects.count())
    output = run(samples)
    assert "ใหม่ 0 ปรับปรุง 0 ไม่เปลี่ยน 3" in output
    assert (Post.objects.count(), Comment.objects.count(), Tag.objects.count(), Blog.objects.count()) == before


def test_a_changed_export_updates_the_post(samples, tmp_path):
    run(samples / "56697.txt")
    text = (samples / "56697.txt").read_text().replace("ตอนที่7", "ตอนที่ 7 (ปรับปรุง)")
    (tmp_path / "56697.txt").write_text(text)
    assert "ปรับปรุง 1" in run(tmp_path)
    assert Post.objects.get(number=56697).title.endswith("(ปรับปรุง)")


def test_author_option_owns_the_posts_and_blogs(samples):
    facilitator = make_user("somsri")
    run(samples / "56697.txt", "--author", "somsri")
    post = Post.objects.get(number=56697)
    assert post.author == facilitator and post.blog.owner == facilitator


def test_an_unknown_author_is_a_clear_error(samples):
    with pytest.raises(CommandError, match="ไม่พบผู้ใช้ 'nobody'"):
        run(samples, "--author", "nobody")


def damaged(samples: Path, tmp_path: Path) -> Path:
    """A folder of one good export and several damaged ones."""
    good = (samples / "56697.txt").read_text()
    (tmp_path / "good.txt").write_text(good)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00\x81garbage")
    (tmp_path / "no-signature.txt").write_text(good.split("บันทึกนี้เขียนที่")[0])
    (tmp_path / ".hidden.txt").write_text("ignored")
    return tmp_path


def test_bad_files_are_reported_and_the_rest_still_import(samples, tmp_path):
    folder = damaged(samples, tmp_path)
    err = StringIO()
    with pytest.raises(CommandError, match="นำเข้าไม่สำเร็จ 4 ไฟล์"):
        call_command("import_gotoknow", str(folder), str(tmp_path / "missing.txt"), stdout=StringIO(), stderr=err)
    report = err.getvalue()
    assert "empty.txt: ไฟล์ว่าง" in report
    assert "binary.txt: ไม่ใช่ไฟล์ข้อความ UTF-8" in report
    assert "no-signature.txt: ไม่พบบรรทัด 'บันทึกนี้เขียนที่ GotoKnow" in report
    assert "missing.txt: ไม่พบไฟล์หรือโฟลเดอร์นี้" in report
    assert ".hidden" not in report
    assert Post.objects.filter(number=56697).exists()


def test_messy_footers_are_read_or_reported(samples, tmp_path):
    text = (samples / "56697.txt").read_text()
    variants = {
        # Thai digits in the footer, a Creative Commons licence in GotoKnow's words.
        "thai-digits.txt": text.replace("56697", "๕๖๖๙๘").replace(
            "สงวนสิทธิ์ทุกประการ", "ครีเอทีฟคอมมอนส์แบบ แสดงที่มา-ไม่ใช้เพื่อการค้า-อนุญาตแบบเดียวกัน"
        ),
        "bad-date.txt": text.replace("56697", "56699").replace("01 Nov 2006 @ 10:07", "วันพุธ"),
        "odd-licence.txt": text.replace("56697", "56700").replace("สงวนสิทธิ์ทุกประการ", "ตามใจผู้อ่าน"),
        "no-tags.txt": text.replace("56697", "56701").replace("คำสำคัญ (Tags)#รักเธอประเทศไทย", ""),
        "crlf-bom.txt": "\ufeff" + text.replace("56697", "56702").replace("\n", "\r\n"),
    }
    for name, content in variants.items():
        (tmp_path / name).write_text(content)
    output = run(tmp_path)
    assert Post.objects.get(number=56698).licence == "cc-by-nc-sa"
    assert "อ่านวันที่เขียน 'วันพุธ' ไม่ได้" in output
    assert "ไม่รู้จักสัญญาอนุญาต 'ตามใจผู้อ่าน'" in output
    assert Post.objects.get(number=56700).licence == "all-rights-reserved"
    assert list(Post.objects.get(number=56701).tags.names()) == []
    crlf = Post.objects.get(number=56702)
    assert crlf.title == "สรุปบทเรียนการดำเนินงาน KM เมืองนคร ตอนที่7" and crlf.comment_count == 2


def test_a_number_taken_by_a_native_post_is_refused(samples, blog):
    make_post(blog, number=56697, title="บันทึกที่เขียนใน kmblog")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_gotoknow", str(samples / "56697.txt"), stdout=StringIO(), stderr=err)
    assert "หมายเลขบันทึก 56697 เป็นของบันทึกอื่น" in err.getvalue()
    assert Post.objects.get(number=56697).title == "บันทึกที่เขียนใน kmblog"


def test_a_comment_whose_first_line_is_missing_is_kept_as_an_unnamed_guests(samples, tmp_path):
    text = (samples / "56697.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    first_marker = next(i for i, line in enumerate(lines) if line.strip().startswith("เขียนเมื่อ"))
    damaged = tmp_path / "56697.txt"
    damaged.write_text("\n".join(lines[:first_marker] + lines[first_marker + 1 :]), encoding="utf-8")
    output = run(damaged)
    assert "แต่อ่านได้" not in output  # both comments read, none dropped
    first, second = Post.objects.get(number=56697).comments.order_by("position")
    assert first.body.startswith("อาจารย์ครับ...") and first.guest_name == "ผู้เยี่ยมชม (ไม่ระบุชื่อ)"
    assert second.position == 2 and second.body.startswith("ที่บางสะพาน")


def _normalised(text: str) -> str:
    from posts.gotoknow import clean_text

    return " ".join(clean_text(text).split())


def test_no_line_of_any_sample_is_silently_lost(samples):
    """Every non-empty line of every sample is imported, or named in a warning."""
    from django.utils.html import strip_tags

    output = run(samples)
    imported = []
    for post in Post.objects.select_related("blog").prefetch_related("tags", "comments"):
        imported += [post.title, post.lead, strip_tags(post.body), post.blog.title, str(post.number)]
        imported += list(post.tags.names()) + [c.body for c in post.comments.all()]
    everything = _normalised(" ".join(imported) + " " + output)
    metadata = ("บันทึกนี้เขียนที่ GotoKnow", "คำสำคัญ (Tags)", "หมายเลขบันทึก:", "ความเห็น (", "เขียนเมื่อ")
    for path in sorted(samples.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = _normalised(line)
            if not text or text.startswith(metadata):
                continue  # read into fields: checked by test_it_imports_every_sample
            assert text in everything, f"{path.name}: {text[:60]}"
