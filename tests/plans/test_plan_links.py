"""Plan links and QR codes carry the planner's own address, never a Host header a client sent."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

BASE = "https://careers.example.nhs.uk"
EVIL = {"Host": "evil.example"}


def links_on(html: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<]+/(?:plans|shared)/[A-Za-z0-9_-]{43}", html)


def test_with_a_base_url_every_plan_link_uses_it(app, client, make_plan, csrf):
    app.config["BASE_URL"] = BASE + "/"
    token = make_plan()
    for page in (f"/plans/{token}", f"/plans/{token}/print?link=1"):
        html = client.get(page, headers=EVIL).get_data(as_text=True)
        found = links_on(html)
        assert found, page
        assert all(link.startswith(BASE + "/") for link in found), found
        assert "evil.example" not in html
    response = client.post(
        f"/plans/{token}/share", data={"csrf_token": csrf, "label": "mentor", "days": "30"}
    )
    assert response.status_code == 200, response.text[:300]
    new_link = BeautifulSoup(response.text, "html.parser").select_one("#new-link-value")
    shared = [v for v in links_on(response.text) if "/shared/" in v]
    assert shared and shared[0].startswith(f"{BASE}/shared/"), new_link


def test_the_pdf_and_its_qr_code_use_the_base_url(app, client, make_plan):
    from io import BytesIO

    from pypdf import PdfReader

    app.config["BASE_URL"] = BASE
    token = make_plan()
    pdf = client.get(f"/plans/{token}.pdf?link=1", headers=EVIL).data
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert f"{BASE}/plans/{token}" in text.replace("\n", "")
    assert "evil.example" not in text


def test_without_a_base_url_links_use_the_address_asked_for(client, make_plan):
    token = make_plan()
    html = client.get(f"/plans/{token}").get_data(as_text=True)
    assert f"http://localhost/plans/{token}" in links_on(html)
