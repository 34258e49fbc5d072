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

// A link to keep (templates/plans/parts/link_tools.html): Copy, and Share where the browser
// can share (most phones). Without JavaScript the box and the words under its label do it.
for (const buttons of document.querySelectorAll("[data-link-buttons]")) {
  buttons.hidden = false;
  for (const share of buttons.querySelectorAll("[data-share]")) share.hidden = !navigator.share;
}

document.addEventListener("focusin", (event) => {
  if (event.target.matches?.("[data-select-all]")) event.target.select();
});

async function copyLink(box) {
  box.focus();
  box.select();
  try {
    await navigator.clipboard.writeText(box.value);
    return true;
  } catch {
    return document.execCommand("copy");
  }
}

document.addEventListener("click", async (event) => {
  const copy = event.target.closest?.("[data-copy]");
  const share = event.target.closest?.("[data-share]");
  const id = copy?.dataset.copy ?? share?.dataset.share;
  const box = id && document.getElementById(id);
  if (!box) return;
  if (share) {
    try {
      await navigator.share({ title: share.dataset.shareText, text: share.dataset.shareText, url: box.value });
    } catch {
      // The person closed the share sheet: nothing to do.
    }
    return;
  }
  const status = document.getElementById(`${id}-status`);
  const copied = await copyLink(box);
  status.textContent = copied ? status.dataset.copied : status.dataset.notCopied;
});

// The header and footer come again with each htmx update (their links carry the new answers):
// start NHS.UK frontend in the new header, so its menu folds on a narrow screen as before.
document.addEventListener("htmx:afterSettle", () => {
  const header = document.getElementById("site-header");
  if (header?.querySelector("[data-module]:not([data-nhsuk-header-init])")) initAll({ scope: header });
});
