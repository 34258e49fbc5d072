"""No printout or PDF of any plan page holds the link that can change the plan, unless asked.

Every plan page is printed in every mode (larger print on and off, JavaScript on and
off) twice: with print media emulation (the text, the form values and the addresses
NHS.UK's print style writes after links) and as Chromium's own PDF (``page.pdf()``,
read back with pypdf). The edit token may appear only on the print page the person
asked to carry the link (``link=1``); no code to scan shows on paper otherwise.
"""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from .plan_pages import edit_pages, save_plan

pytestmark = pytest.mark.browser

#: Everything printing would put on paper: visible text, visible form values, and the
#: text of ::before and ::after (NHS.UK's print style adds " (Link: <href>)" after links).
PRINTED_TEXT = """() => {
  const out = [document.body.innerText];
  const resolve = (content, el) =>
    content.replace(/attr\\(([\\w-]+)\\)/g, (_, name) => JSON.stringify(el.getAttribute(name) || ""));
  for (const el of document.body.querySelectorAll("*")) {
    if (!el.checkVisibility()) continue;
    for (const pseudo of ["::before", "::after"]) {
      const content = getComputedStyle(el, pseudo).content;
      if (content && content !== "none" && content !== "normal") out.push(resolve(content, el));
    }
    if ((el.tagName === "INPUT" && el.type !== "hidden") || el.tagName === "TEXTAREA") {
      out.push(el.value);
    }
  }
  return out.join("\\n");
}"""
#: Codes to scan that would show on paper.
PRINTED_CODES = (
    "() => [...document.querySelectorAll('[data-qr]')].filter(el => el.checkVisibility()).length"
)


def _pieces(token: str) -> list[str]:
    """The token, and its two halves: a long link may wrap across lines on paper."""
    return [token, token[:16], token[-16:]]


def _without_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def printed(page) -> tuple[str, str, int]:
    """What printing this page puts on paper: emulated text, PDF text, and codes to scan."""
    page.emulate_media(media="print")
    try:
        text = page.evaluate(PRINTED_TEXT)
        codes = page.evaluate(PRINTED_CODES)
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
        pdf_text = "\n".join(sheet.extract_text() for sheet in pdf.pages)
    finally:
        page.emulate_media(media="screen")
    return text, pdf_text, codes


@pytest.mark.parametrize("adviser", [False, True], ids=["normal", "larger-print"])
def test_no_printout_of_any_plan_page_holds_the_edit_link(site, open_tab, js, adviser):
    tab = open_tab(js=js, viewport={"width": 320, "height": 640})
    plan = save_plan(tab, site, adviser=adviser)
    plan_url, token = plan.url, plan.token
    leaks = []
    for label, url in edit_pages(tab, plan_url):
        tab.goto(url)
        text, pdf_text, codes = printed(tab.page)
        asked = "link=1" in url
        for where, found in (("print emulation", text), ("PDF", pdf_text)):
            flat = _without_space(found)
            if not asked and any(piece in flat for piece in _pieces(token)):
                leaks.append(f"{label}: the {where} holds the edit link")
        if codes and not asked:
            leaks.append(f"{label}: {codes} code(s) to scan show on paper")
        if asked and token not in _without_space(pdf_text):
            leaks.append(f"{label}: the link was asked for but is not on the printout")
    tab.assert_clean()
    assert not leaks, "\n".join(leaks)


def test_larger_print_is_for_the_screen_and_the_printout_is_the_same(site, open_tab):
    """In larger print the printout is as long as in normal print, and starts with the plan."""
    tab = open_tab(viewport={"width": 1280, "height": 800})
    plan_url = save_plan(tab, site).url
    sheets = {}
    for mode, query in (("normal", ""), ("larger print", "?adviser=1")):
        tab.goto(f"{plan_url}/print{query}")
        tab.page.emulate_media(media="print")
        pages = pypdf.PdfReader(io.BytesIO(tab.page.pdf(format="A4"))).pages
        tab.page.emulate_media(media="screen")
        first = pages[0].extract_text()
        assert first.startswith("NHS career plan"), f"{mode}: {first[:200]}"
        assert "What to do and when" in first and "Goal:" in first, f"{mode}: a wasted first sheet"
        sheets[mode] = len(pages)
    assert sheets["larger print"] == sheets["normal"], sheets


def test_the_pdf_handout_holds_the_link_only_when_asked(site, open_tab):
    tab = open_tab()
    plan = save_plan(tab, site, adviser=True)
    plan_url, token = plan.url, plan.token
    for query, wanted in (("", False), ("?link=1", True)):
        response = tab.page.request.get(f"{plan_url}.pdf{query}")
        assert response.status == 200
        text = _without_space(
            "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.body())).pages)
        )
        assert (token in text) is wanted, query
