"""Page weight, counted as it crosses the wire: gzip bodies plus an allowance for headers.

The browser tests measure the same budgets in Chromium; these run everywhere, fast.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from tests.helpers import soup

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
START_PAGE_BUDGET = 150 * 1024
UPDATE_BUDGET = 15 * 1024
#: Response headers (CSP, cache, Vary...) are not in the body; allow this much per request.
HEADER_ALLOWANCE = 900


def _size(client, url: str, headers=GZIP) -> int:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    body = response.get_data()
    response.close()
    return len(body) + HEADER_ALLOWANCE


def _first_visit(client) -> dict[str, int]:
    sizes = {"/": _size(client, "/")}
    page = soup(client.get("/"))
    urls = [link["href"] for link in page.select("link[href]")]
    urls += [script["src"] for script in page.select("script[src]")]
    for url in urls:
        sizes[url] = _size(client, url)
        if url.split("?")[0].endswith(".js"):
            with client.get(url) as response:
                source = response.get_data(as_text=True)
            for imported in re.findall(r'import [^"]*"([^"]+)"', source):
                full = urljoin(url.split("?")[0], imported)
                sizes[full] = _size(client, full)
    return sizes


def test_text_responses_are_gzipped(client):
    for url in ("/", "/static/vendor/nhsuk/nhsuk-frontend.min.css"):
        response = client.get(url, headers=GZIP)
        assert response.headers["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in response.headers["Vary"]
        response.close()
    plain = client.get("/", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers


def test_start_page_first_visit_fits_the_budget(client):
    sizes = _first_visit(client)
    total = sum(sizes.values())
    report = "\n".join(f"{size / 1024:6.1f} KB  {url}" for url, size in sizes.items())
    assert total <= START_PAGE_BUDGET, f"{total / 1024:.1f} KB:\n{report}"


def test_an_htmx_update_fits_the_budget(client, some_ticks):
    query = "&".join(f"have={t}" for t in some_ticks)
    size = _size(client, f"/?{query}", headers={**GZIP, "HX-Request": "true"})
    assert size <= UPDATE_BUDGET, f"{size / 1024:.1f} KB"
