"""Every page reads at about age 9 to 11: short sentences and common words.

NHS content guidance asks for a reading age of 9 to 11 and at most 11 to 14
(service-manual.nhs.uk/content/how-we-write). We score the visible main text of
each page. Headings, list items and table cells count as sentences of their own,
as a reader meets them. Source citations (``.app-sources``) are references, not
prose, and the options of a select are lists of job names, so both are left out.
"""

from __future__ import annotations

import re

import pytest
import textstat

from tests.helpers import MAX_FK_GRADE, MAX_SMOG, main_text

pytestmark = pytest.mark.usefixtures("offline_syllables")


def _pages(target: str, ticks: list[str], catalogue) -> list[str]:
    have = "&".join(f"have={t}" for t in ticks)
    roles = [r.id for r in catalogue.roles]
    area = catalogue.families[-1][0]
    return [
        "/",
        f"/?{have}",
        f"/?{have}&area={area}&to={target}&adviser=Visit-01",
        "/next-person?adviser=Visit-01",
        f"/compare?job={roles[0]}&job={target}&job={roles[-1]}&{have}",
        f"/compare?job={target}",
        "/compare?" + "&".join(f"job={r}" for r in roles[:5]),
        "/compare?job=no-such-role",
        f"/?area={area}x",
        f"/?status=nhs-role&role={roles[0]}&{have}",
        "/roles",
        *(f"/roles/{r}" for r in roles[:: max(1, len(roles) // 4)]),
        f"/roles/{target}?{have}",
        "/route",
        f"/route?to={target}&{have}",
        f"/route?to={target}",
        "/route?from=apprentice-administration-assistant&to=departmental-admin-manager",
        "/route?to=facilities-team-leader&status=not-working",
        "/route?from=admin-team-lead&to=admin-manager&time_in_job=1-to-2-years&age=31-or-over",
        "/route?to=porter&time_in_job=ages",
        f"/?role={roles[0]}&time_in_job=over-2-years&time_in_nhs=over-2-years&age=16-to-21",
        "/roles/porter/getting-ready",
        "/roles/security-officer/getting-ready",
        "/roles/security-officer/your-statement",
        "/route?to=security-officer&status=not-working&have=teamwork",
        "/route?to=catering-supervisor&status=in-prison&release_month=8&release_year=2027",
        "/route?to=porter&status=in-prison",
        "/help",
        "/help/words",
        "/learning",
        "/check-spent/how-it-works",
        "/accessibility",
        "/privacy",
        "/roles/no-such-role",
        "/?have=no-such-skill",
        "/?" + "&".join(["have=teamwork"] * 300),
    ]


def test_main_text_splits_blocks_into_sentences():
    text = main_text("<main><h1>Hello</h1><ul><li>One thing</li><li>Two.</li></ul></main>")
    assert text == "Hello. One thing. Two."


def test_every_page_is_easy_to_read(client, catalogue, target, some_ticks):
    problems = []
    for url in _pages(target, some_ticks, catalogue):
        response = client.get(url)
        assert response.status_code < 500, url
        text = main_text(response.get_data(as_text=True))
        grade = textstat.flesch_kincaid_grade(text)
        smog = textstat.smog_index(text)
        if grade > MAX_FK_GRADE or smog > MAX_SMOG:
            problems.append(f"{url}: Flesch-Kincaid grade {grade:.1f}, SMOG {smog:.1f}")
    assert not problems, "Pages too hard to read:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "name", ["words", "pathway_one", "resources", "skills", "links", "record_advice", "pack"]
)
def test_content_files_use_short_sentences(name):
    from planner.help.content import load_content

    def strings(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in (
                    "url",
                    "title",
                    "where",
                    "source",
                    "sources",
                    "address",
                    "source_where",
                    "note",
                ):
                    yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)

    long = []
    for text in strings(load_content(name)):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if len(sentence.split()) >= 25:
                long.append(sentence)
    assert not long, "Sentences of 25 words or more:\n" + "\n".join(long)
