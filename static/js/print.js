// The print page's "Print this page" button. Without JavaScript the button stays hidden and
// the page says which keys to press instead.
const button = document.querySelector(".app-print-button");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
