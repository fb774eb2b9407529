"""Photos and a PDF in a real browser, desktop and phone: a writer adds pictures by the button, by
dragging them in and by pasting, describes each, attaches a report, publishes; a reader sees sharp,
correctly sized pictures and downloads the PDF; a file of the wrong kind is refused in the editor."""

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.conftest import screenshot
from tests.browser.test_communities import as_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "ภาพเวทีถอดบทเรียนกองทุนหมู่บ้าน"


def picture(width: int, height: int, colour) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (width, height), colour)
    image.paste((250, 250, 250), (width // 4, height // 4, width // 2, height // 2))
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def give_files(page, event: str, files: list[tuple[str, str, bytes]]) -> None:
    """Drop files onto the editor, or paste them, as the browser would hand them over."""
    payload = [(name, kind, base64.b64encode(data).decode()) for name, kind, data in files]
    page.evaluate(
        """([event, files]) => {
            const transfer = new DataTransfer();
            for (const [name, kind, data] of files) {
                const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
                transfer.items.add(new File([bytes], name, { type: kind }));
            }
            const body = document.querySelector("textarea[data-upload-url]");
            const box = body.closest(".prose-editor") || body.parentElement;
            const target = [...box.querySelectorAll(".ProseMirror")].find((element) => element.editor);
            const init = { bubbles: true, cancelable: true };
            target.dispatchEvent(event === "paste"
                ? new ClipboardEvent("paste", { ...init, clipboardData: transfer })
                : new DragEvent("drop", { ...init, dataTransfer: transfer }));
        }""",
        [event, payload],
    )


def describe(page, alt: str, caption: str = "") -> None:
    dialog = page.locator("dialog.media-describe")
    dialog.wait_for()
    dialog.locator("input[name=alt]").fill(alt)
    if caption:
        dialog.locator("input[name=caption]").fill(caption)
    dialog.get_by_role("button", name="แทรกรูป").click()
    dialog.wait_for(state="detached")


def test_photos_by_button_drag_and_paste_and_a_pdf(
    page, live_server, demo_site, browser, run_tasks, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    context, writer = as_person(browser, page, base, "somsri")
    writer.goto(base + "/posts/new/")
    writer.fill("#id_title", TITLE)

    # By the button: a landscape photo.
    button_photo = tmp_path / "IMG_0101.jpg"
    button_photo.write_bytes(picture(2400, 1600, (40, 110, 70)))
    writer.locator(".editor-media input[type=file]").set_input_files(str(button_photo))
    screenshot_dialog = writer.locator("dialog.media-describe")
    screenshot_dialog.wait_for()
    screenshot(writer, "media-describe")
    describe(writer, "ผู้เข้าร่วมเวทีนั่งล้อมวงใต้ต้นไม้", "เวทีเช้าวันเสาร์ที่ศาลาหมู่บ้าน")

    # Dragged in, then pasted: two more.
    give_files(writer, "drop", [("flipchart.jpg", "image/jpeg", picture(1200, 1600, (150, 60, 30)))])
    describe(writer, "กระดาษฟลิปชาร์ตสรุปบทเรียนสามข้อ")
    give_files(writer, "paste", [("image.png", "image/jpeg", picture(900, 600, (20, 60, 160)))])
    describe(writer, "สมุดบัญชีของกลุ่มออมทรัพย์")

    # A report by the button, and a file of the wrong kind.
    report = tmp_path / "รายงานเวที.pdf"
    report.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    writer.locator(".editor-media input[type=file]").set_input_files(str(report))
    writer.locator(".tiptap.ProseMirror a", has_text="รายงานเวที.pdf").wait_for()
    bad = tmp_path / "notes.txt"
    bad.write_text("<script>alert(1)</script>")
    writer.locator(".editor-media input[type=file]").set_input_files(str(bad))
    writer.locator(".editor-uploads li.error").wait_for()
    assert "ไม่รับไฟล์ชนิดนี้" in writer.locator(".editor-uploads li.error").inner_text()
    assert writer.locator(".tiptap.ProseMirror img").count() == 3
    # The first photo again, chosen from the library: reused, not uploaded twice.
    writer.get_by_role("button", name="เลือกจากคลังของฉัน").click()
    writer.locator("dialog.media-library-picker img[alt='IMG_0101.jpg']").click()
    describe(writer, "ผู้เข้าร่วมเวทีอีกมุมหนึ่ง")
    assert writer.locator(".tiptap.ProseMirror img").count() == 4
    screenshot(writer, "media-editor")

    writer.get_by_role("button", name="เผยแพร่ทันที").click()
    writer.locator("h1", has_text=TITLE).wait_for()
    run_tasks()  # the renditions

    # A reader: sharp, sized pictures and the PDF to download.
    reader = browser.new_context(viewport=page.viewport_size, locale="th-TH").new_page()
    reader.viewport_name = page.viewport_name
    reader.goto(writer.url)
    images = reader.locator(".post-body img")
    assert images.count() == 4
    for n in range(4):
        image = images.nth(n)
        image.scroll_into_view_if_needed()
        reader.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        assert image.get_attribute("alt") and image.get_attribute("loading") == "lazy"
        shown = image.evaluate("(img) => img.getBoundingClientRect().width")
        natural = image.evaluate("(img) => img.naturalWidth")
        assert natural >= shown  # never blown up beyond its pixels
        assert shown <= page.viewport_size["width"]
    assert reader.locator(".post-body picture source[type='image/webp']").count() == 4
    assert "เวทีเช้าวันเสาร์ที่ศาลาหมู่บ้าน" in reader.inner_text(".post-body")
    assert "รายงานเวที.pdf" in reader.inner_text(".attachments")
    with reader.expect_download() as download:
        reader.locator(".attachments a").click()
    # (The test server hands /media/ files out itself, bypassing the site's view; that the view
    # names the download and marks it an attachment is tested in tests/media/test_uploads.py.)
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    screenshot(reader, "media-post")
    context.close()
