// The editor keeps what is typed on the server every few seconds (posts.views.autosave),
// so nothing is lost to a closed tab or a flat battery, and another device can continue.
// Leaving the page with changes not yet kept asks first.
const form = document.querySelector("form.editor-form[data-autosave-url]");

if (form) {
  const status = form.querySelector(".autosave-status");
  const DELAY = 3000;
  let dirty = false;
  let submitting = false;
  let timer = null;

  const say = (text) => {
    if (status) status.textContent = text;
  };

  const save = async () => {
    timer = null;
    const data = new FormData(form);
    data.delete("action");
    const sent = dirty;
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": data.get("csrfmiddlewaretoken") || "" },
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error || response.status);
      if (sent) dirty = false;
      say(answer.label);
    } catch (error) {
      say(form.dataset.msgFailed);
    }
  };

  const changed = () => {
    dirty = true;
    say(form.dataset.msgDirty);
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  };

  // Typing in the rich-text editor bubbles up as input events too.
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", () => {
    submitting = true;
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}
