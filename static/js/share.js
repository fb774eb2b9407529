// "คัดลอกลิงก์": copy the post's address. Plain links do the rest (LINE, Facebook): no third-party script.
for (const button of document.querySelectorAll(".copy-link")) {
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.url);
      button.textContent = button.dataset.done;
    } catch (error) {
      window.prompt("", button.dataset.url);
    }
  });
}
