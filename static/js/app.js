// Our only script: start NHS.UK frontend, start it again inside content htmx swaps in, and keep
// screen readers and the page in step while htmx works. Everything here only enhances: each page
// works the same without it. No inline scripts, no eval: the page's Content-Security-Policy forbids both.
import { initAll } from "../vendor/nhsuk/nhsuk-frontend.min.js";

initAll();

document.addEventListener("htmx:afterSwap", (event) => {
  initAll({ scope: event.detail.target });
});

// While htmx fetches new content for a region, the region says it is busy (aria-busy), so a
// screen reader waits for the new content instead of reading the old.
document.addEventListener("htmx:beforeRequest", (event) => {
  event.detail.target?.setAttribute("aria-busy", "true");
});
for (const name of ["htmx:afterSettle", "htmx:afterRequest", "htmx:sendError", "htmx:responseError"]) {
  document.addEventListener(name, (event) => {
    if (name === "htmx:afterRequest" && event.detail.successful) return; // afterSettle clears it
    event.detail.target?.removeAttribute("aria-busy");
  });
}

// Each folded group of boxes says how many of its boxes are ticked, so a person sees what they
// chose without opening every group. The server writes the same words for the first view.
document.addEventListener("change", (event) => {
  const group = event.target.closest?.("details.app-group");
  const count = group?.querySelector("[data-ticked]");
  if (!count) return;
  const ticked = group.querySelectorAll("input[type=checkbox]:checked").length;
  count.dataset.ticked = String(ticked);
  count.textContent = ticked ? `${ticked} ticked` : "";
});

// "Next person" replaces the page it is pressed on in the browser's history, so Back does not
// lead to it. Every earlier page of that person is closed on the server too (see
// planner/plans/next_person.py); without JavaScript the link still goes to the same page.
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[data-next-person]");
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  window.location.replace(link.href);
});

// A page in larger print that the browser brings back from its back/forward cache is asked
// for again, so a page closed by "Next person" shows as closed, never as it was.
window.addEventListener("pageshow", (event) => {
  if (event.persisted && document.documentElement.classList.contains("app-adviser")) {
    window.location.reload();
  }
});
