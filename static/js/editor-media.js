// Pictures and documents in the editor: a button, dragging files in, or pasting them. Each file
// goes to the upload endpoint named by the editor's data-upload-url (media.views.upload) with a
// progress line; each picture then asks for its description (alt, required to publish) and an
// optional caption before it is inserted; a document is inserted as a link to download it.
const { gettext: _ = (s) => s, interpolate = (s) => s } = window;

// The editor may be ready before this module runs (Tiptap keeps itself on its element), or after.
document.addEventListener("prose-editor:ready", (event) => setUp(event.detail.editor, event.detail.textarea));
const look = () => {
  let waiting = false;
  for (const textarea of document.querySelectorAll("textarea[data-upload-url]")) {
    if (textarea.dataset.uploads) continue;
    const box = textarea.closest(".prose-editor") || textarea.parentElement;
    const element = [...box.querySelectorAll(".ProseMirror")].find((candidate) => candidate.editor);
    if (element) setUp(element.editor, textarea);
    else waiting = true;
  }
  return waiting;
};
let tries = 0;
const poll = () => {
  if (look() && tries++ < 100) setTimeout(poll, 100);
};
poll();

function setUp(editor, textarea) {
  const url = textarea.dataset.uploadUrl;
  if (!url || textarea.dataset.uploads) return;
  textarea.dataset.uploads = "on";
  const form = textarea.closest("form");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const root = textarea.closest(".prose-editor") || textarea.parentElement;

  const bar = document.createElement("div");
  bar.className = "editor-media";
  bar.innerHTML = `<button type="button" class="button button-small"></button>
    <button type="button" class="button button-small editor-library"></button>
    <input type="file" multiple hidden accept="image/*,.heic,.heif,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.txt">
    <span class="editor-media-hint"></span><ul class="editor-uploads" aria-live="polite"></ul>`;
  root.before(bar);
  const button = bar.querySelector("button");
  const picker = bar.querySelector("input[type=file]");
  const list = bar.querySelector(".editor-uploads");
  button.textContent = _("แทรกรูปหรือไฟล์");
  bar.querySelector(".editor-media-hint").textContent = _("หรือลากไฟล์มาวาง หรือวางรูปจากคลิปบอร์ด");
  button.addEventListener("click", () => picker.click());
  const reuse = bar.querySelector(".editor-library");
  reuse.textContent = _("เลือกจากคลังของฉัน");
  reuse.dataset.url = textarea.dataset.libraryUrl || "";
  reuse.addEventListener("click", async () => {
    const response = await fetch(reuse.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) return;
    const chosen = await choose((await response.json()).files);
    if (chosen) queue = queue.then(() => place(chosen, document.createElement("li")));
  });
  picker.addEventListener("change", () => {
    sendAll(picker.files);
    picker.value = "";
  });

  // Files dropped or pasted into the text: taken here, before the editor sees them.
  const dom = editor.view.dom;
  dom.addEventListener("drop", (e) => {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      e.preventDefault();
      e.stopPropagation();
      sendAll(e.dataTransfer.files);
    }
  }, true);
  dom.addEventListener("paste", (e) => {
    if (e.clipboardData && e.clipboardData.files.length) {
      e.preventDefault();
      e.stopPropagation();
      sendAll(e.clipboardData.files);
    }
  }, true);

  let queue = Promise.resolve();
  function sendAll(files) {
    for (const file of Array.from(files)) {
      const line = document.createElement("li");
      line.textContent = interpolate(_("กำลังอัปโหลด %s"), [file.name]);
      const progress = document.createElement("progress");
      progress.max = 100;
      progress.value = 0;
      line.append(" ", progress);
      list.append(line);
      const sent = send(file, progress);
      // Several files upload at once; they are described and inserted one after another.
      queue = queue.then(() => sent.then((answer) => place(answer, line), (error) => fail(line, file, error)));
    }
  }

  function send(file, progress) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open("POST", url);
      request.setRequestHeader("X-CSRFToken", token);
      request.upload.addEventListener("progress", (e) => {
        if (e.lengthComputable) progress.value = Math.round((e.loaded * 100) / e.total);
      });
      request.addEventListener("load", () => {
        let answer = {};
        try {
          answer = JSON.parse(request.responseText);
        } catch (error) {
          answer = {};
        }
        if (request.status >= 200 && request.status < 300) resolve(answer);
        else reject(answer.error || interpolate(_("อัปโหลดไม่สำเร็จ (%s)"), [request.status]));
      });
      request.addEventListener("error", () => reject(_("ส่งไฟล์ไม่สำเร็จ ตรวจการเชื่อมต่อแล้วลองอีกครั้ง")));
      const data = new FormData();
      data.append("file", file);
      request.send(data);
    });
  }

  function fail(line, file, error) {
    line.className = "error";
    line.textContent = interpolate(_("%s: %s"), [file.name, error]);
  }

  async function place(answer, line) {
    line.remove();
    if (answer.kind === "image") {
      const described = await describe(answer);
      if (!described) return;
      const size = answer.width ? ` width="${answer.width}" height="${answer.height}"` : "";
      // Text after the picture (its caption, or an empty line) keeps the cursor off the picture,
      // so the next insertion does not replace it.
      const caption = described.caption ? `<p><em>${escape(described.caption)}</em></p>` : "<p></p>";
      editor
        .chain()
        .focus()
        .insertContent(`<img src="${escape(answer.url)}" alt="${escape(described.alt)}"${size}>${caption}`)
        .run();
    } else {
      editor.chain().focus().insertContent(`<p><a href="${escape(answer.url)}">${escape(answer.name)}</a></p>`).run();
    }
  }

  function choose(files) {
    return new Promise((resolve) => {
      const dialog = document.createElement("dialog");
      dialog.className = "media-library-picker";
      const list = document.createElement("ul");
      for (const file of files) {
        const item = document.createElement("li");
        const pick = document.createElement("button");
        pick.type = "button";
        if (file.kind === "image") {
          const img = document.createElement("img");
          img.src = file.url;
          img.alt = file.name;
          pick.append(img);
        } else {
          pick.textContent = file.name;
        }
        pick.title = file.name;
        pick.addEventListener("click", () => {
          dialog.chosen = file;
          dialog.close();
        });
        item.append(pick);
        list.append(item);
      }
      const empty = document.createElement("p");
      empty.textContent = files.length ? "" : _("ยังไม่ได้อัปโหลดรูปหรือเอกสาร");
      const cancel = document.createElement("button");
      cancel.type = "button";
      cancel.className = "button";
      cancel.textContent = _("ปิด");
      cancel.addEventListener("click", () => dialog.close());
      dialog.append(list, empty, cancel);
      document.body.append(dialog);
      dialog.addEventListener("close", () => {
        dialog.remove();
        resolve(dialog.chosen || null);
      });
      dialog.showModal();
    });
  }

  function describe(answer) {
    return new Promise((resolve) => {
      const dialog = document.createElement("dialog");
      dialog.className = "media-describe";
      dialog.innerHTML = `<form method="dialog">
        <img alt="" src="">
        <label><span></span><input name="alt" required maxlength="300"></label>
        <label><span></span><input name="caption" maxlength="300"></label>
        <p class="error" hidden></p>
        <div class="actions"><button value="ok" class="button button-primary"></button> <button value="cancel" formnovalidate class="button"></button></div>
      </form>`;
      const [altLabel, captionLabel] = dialog.querySelectorAll("label span");
      altLabel.textContent = _("คำอธิบายรูป (จำเป็น: สำหรับผู้ที่มองไม่เห็นรูป)");
      captionLabel.textContent = _("คำบรรยายใต้รูป (ไม่ใส่ก็ได้)");
      dialog.querySelector("img").src = answer.url;
      const [ok, cancel] = dialog.querySelectorAll("button");
      ok.textContent = _("แทรกรูป");
      cancel.textContent = _("ไม่แทรก");
      document.body.append(dialog);
      dialog.addEventListener("close", () => {
        const data = new FormData(dialog.querySelector("form"));
        const alt = (data.get("alt") || "").trim();
        dialog.remove();
        resolve(dialog.returnValue === "ok" && alt ? { alt, caption: (data.get("caption") || "").trim() } : null);
      });
      dialog.showModal();
      dialog.querySelector("input[name=alt]").focus();
    });
  }

  function escape(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML.replace(/"/g, "&quot;");
  }
}
