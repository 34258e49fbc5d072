// The statement page: what a person writes stays in this page only. The boxes are in no form and
// have no name, so nothing can send them. When the page is left (or put in the back-forward
// cache) the boxes are emptied, so Back never shows one person's words to the next. Printing
// copies each box's words into the page, so the whole text prints, not just what the box shows.
const boxes = [...document.querySelectorAll("textarea[data-private]")];

function clearAll() {
  for (const box of boxes) {
    box.value = "";
    box.closest("section")?.querySelector(".app-print-copy")?.remove();
  }
}

window.addEventListener("pagehide", clearAll);
window.addEventListener("pageshow", (event) => {
  if (event.persisted) clearAll();
});

window.addEventListener("beforeprint", () => {
  for (const box of boxes) {
    const section = box.closest("section");
    section?.querySelector(".app-print-copy")?.remove();
    if (!box.value.trim()) continue;
    const copy = document.createElement("div");
    copy.className = "app-print-copy";
    copy.textContent = box.value;
    box.closest(".nhsuk-form-group").after(copy);
  }
});

const clear = document.querySelector(".app-clear-notes");
if (clear) {
  clear.hidden = false;
  clear.addEventListener("click", () => {
    clearAll();
    boxes[0]?.focus();
  });
}
