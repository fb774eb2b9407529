// Names for the editor's controls in the reader's language (Thai or English).
// django-prose-editor writes its menu's titles and options in English, with no way to
// translate them; posts/forms.py gives ours, by each control's data-name, on the textarea.
const relabel = (bar, labels) => {
  const set = (element, attribute, text) => {
    if (text && element.getAttribute(attribute) !== text) element.setAttribute(attribute, text);
  };
  for (const control of bar.querySelectorAll("[data-name]")) {
    const label = labels.names[control.dataset.name];
    if (!label) continue;
    if (control.classList.contains("prose-menubar__option")) {
      const text = control.firstElementChild || control;
      if (text.textContent !== label) text.textContent = label;
    } else {
      set(control, "title", label);
      set(control, "aria-label", label);
    }
  }
  for (const picker of bar.querySelectorAll(".prose-menubar__selected button")) {
    const label = labels.titles[(picker.getAttribute("title") || "").toLowerCase()];
    set(picker, "title", label);
    set(picker, "aria-label", label);
  }
};

const watch = () => {
  for (const textarea of document.querySelectorAll("textarea[data-editor-labels]")) {
    const editor = textarea.closest(".prose-editor") || textarea.parentElement;
    const bar = editor && editor.querySelector(".prose-menubar");
    if (!bar || bar.dataset.labelled) continue;
    bar.dataset.labelled = "1";
    const labels = JSON.parse(textarea.dataset.editorLabels);
    relabel(bar, labels);
    // The package redraws titles as the cursor moves: put ours back each time.
    new MutationObserver(() => relabel(bar, labels)).observe(bar, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["title"],
    });
  }
};

// The editor is built asynchronously, after this module runs.
new MutationObserver(watch).observe(document.documentElement, { childList: true, subtree: true });
watch();
