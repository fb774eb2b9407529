// Suggest existing tags while the writer types in a comma-separated tags field.
// The field keeps working as plain text without this script.
const gettext = window.gettext || ((text) => text);
const source = document.getElementById("tag-suggest-url");
const endpoint = source && source.dataset.url;
const fromTextEndpoint = source && source.dataset.fromText;

function lastToken(value) {
  const parts = value.split(/[,#]/);
  return parts[parts.length - 1].trim();
}

function replaceLastToken(value, tag) {
  const cut = Math.max(value.lastIndexOf(","), value.lastIndexOf("#"));
  const head = cut >= 0 ? value.slice(0, cut + 1) : "";
  return `${head}${head && !head.endsWith(" ") ? " " : ""}${tag}, `;
}

for (const input of document.querySelectorAll("input[data-tag-suggest]")) {
  if (!endpoint) break;
  const list = document.createElement("ul");
  list.className = "tag-suggestions";
  list.hidden = true;
  list.setAttribute("aria-label", gettext("คำสำคัญที่แนะนำ"));
  input.insertAdjacentElement("afterend", list);
  let timer;
  let latest = 0;

  const show = (tags) => {
    list.replaceChildren(
      ...tags.map((tag) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = `#${tag}`;
        button.addEventListener("click", () => {
          input.value = lastToken(input.value) ? replaceLastToken(input.value, tag) : `${input.value}${tag}, `;
          list.hidden = true;
          input.focus();
        });
        item.append(button);
        return item;
      }),
    );
    list.hidden = tags.length === 0;
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const token = lastToken(input.value);
    if (!token) return show([]);
    timer = setTimeout(async () => {
      const request = ++latest;
      const response = await fetch(`${endpoint}?q=${encodeURIComponent(token)}`);
      if (!response.ok || request !== latest) return;
      const data = await response.json();
      const chosen = input.value.split(/[,#]/).map((t) => t.trim().toLowerCase());
      show(data.tags.filter((tag) => !chosen.slice(0, -1).includes(tag.toLowerCase())));
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") list.hidden = true;
  });

  // "Suggest from the text": key words of what has been written so far.
  if (fromTextEndpoint && input.form) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small tag-suggest-text";
    button.textContent = gettext("แนะนำคำสำคัญจากเนื้อหา");
    list.insertAdjacentElement("afterend", button);
    button.addEventListener("click", async () => {
      const form = new FormData(input.form);
      const data = new FormData();
      for (const name of ["csrfmiddlewaretoken", "title", "lead", "body"]) data.append(name, form.get(name) || "");
      const response = await fetch(fromTextEndpoint, { method: "POST", body: data });
      if (!response.ok) return;
      const chosen = input.value.split(/[,#]/).map((t) => t.trim().toLowerCase());
      show((await response.json()).tags.filter((tag) => !chosen.includes(tag.toLowerCase())));
    });
  }
}
