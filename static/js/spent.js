// The spent checker with JavaScript: htmx sends the form and swaps the answer into the page, so no
// POST joins the browser's history and Back never asks to send the form again. This file lands
// the person where the page without JavaScript would (the answers, the new entry, or the list of
// problems), lets a form with problems (400) be shown, and falls back to sending the form the
// ordinary way for anything else, so a refusal gets its own full page.
const BODY = "spent-body";
let landing = "answers";

document.addEventListener("htmx:configRequest", (event) => {
  if (!event.detail.elt.closest?.(`#${BODY}`)) return;
  const action = event.detail.triggeringEvent?.submitter?.getAttribute("formaction") || "";
  landing = action.includes("#") ? action.split("#")[1] : "answers";
});

document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.target?.id !== BODY) return;
  const status = event.detail.xhr.status;
  const ours = event.detail.serverResponse.includes(`id="${BODY}"`);
  if ((status === 200 || status === 400) && ours) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
    return;
  }
  event.detail.shouldSwap = false;
  event.detail.isError = false;
  event.detail.elt.closest("form")?.submit();
});

document.addEventListener("htmx:sendError", (event) => {
  event.detail.elt.closest?.(`#${BODY} form`)?.submit();
});

document.addEventListener("htmx:afterSettle", (event) => {
  if (event.detail.target?.id !== BODY) return;
  const body = document.getElementById(BODY);
  const place = body?.querySelector(".nhsuk-error-summary") || document.getElementById(landing);
  if (!place) return;
  if (!place.hasAttribute("tabindex")) place.setAttribute("tabindex", "-1");
  place.focus({ preventScroll: true });
  place.scrollIntoView({ block: "start" });
});
