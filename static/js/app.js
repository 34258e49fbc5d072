// Our only script: start NHS.UK frontend, and start it again inside content htmx swaps in.
// No inline scripts, no eval: the page's Content-Security-Policy forbids both.
import { initAll } from "../vendor/nhsuk/nhsuk-frontend.min.js";

initAll();

document.addEventListener("htmx:afterSwap", (event) => {
  initAll({ scope: event.detail.target });
});
