// Loaded in <head>, before the page is drawn: with JavaScript, a phone shows the header in
// one row and opens search and the menu from two buttons; without it, everything shows.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  const header = document.querySelector(".site-header");
  if (!header) return;
  for (const button of header.querySelectorAll("[data-toggle]")) {
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      for (const other of header.querySelectorAll("[data-toggle]")) {
        other.setAttribute("aria-expanded", "false");
        header.classList.remove(`show-${other.dataset.toggle}`);
      }
      button.setAttribute("aria-expanded", String(open));
      header.classList.toggle(`show-${button.dataset.toggle}`, open);
      if (open && button.dataset.toggle === "search") header.querySelector(".header-search input")?.focus();
    });
  }
});
