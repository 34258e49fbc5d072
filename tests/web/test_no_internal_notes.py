"""No page shows notes meant for us: every job page, a route from nothing and from a job to
every job, the help pages and the spent checker (the journey issue's list of phrases)."""

from __future__ import annotations

import re

INTERNAL = re.compile(r"before release|not re-checked|research notes|verify against|todo", re.I)


def test_no_page_shows_internal_notes(client, catalogue):
    roles = [r.id for r in catalogue.roles]
    urls = [
        "/",
        "/roles",
        "/help",
        "/help/words",
        "/accessibility",
        "/privacy",
        "/check-spent",
        "/working-with-someone",
        *(f"/roles/{r}" for r in roles),
        *(f"/route?to={r}" for r in roles),
        *(f"/route?from={roles[0]}&to={r}" for r in roles[1:]),
    ]
    shown = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        found = INTERNAL.search(response.get_data(as_text=True))
        if found:
            shown.append(f"{url}: {found.group(0)!r}")
    assert not shown
