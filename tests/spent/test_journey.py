"""The spent checker joined up with the rest of the planner (issue 11).

The person's answers (where they are now, what they have, the job they want,
their area of work) come in the web address, ride along in hidden fields, and
shape the verdict: the job's own check, on the person's own route. Conviction
details still never leave the POST.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import textstat

from planner.pathways import NoRoute
from planner.spent.form import MAX_ENTRIES
from planner.wording import weeks_in_words
from tests.helpers import MAX_FK_GRADE, MAX_SMOG, main_text, soup

FINE_2020 = {  # spent on 1 June 2021; not filtered until 1 June 2031
    "c1-outcome": "fine",
    "c1-date-day": "1",
    "c1-date-month": "6",
    "c1-date-year": "2020",
    "c1-under18": "no",
}
ORDER_2025 = {  # spent on 2 January 2027 (when the order ends)
    "c2-outcome": "community_order",
    "c2-date-day": "1",
    "c2-date-month": "1",
    "c2-date-year": "2025",
    "c2-under18": "no",
    "c2-end-day": "1",
    "c2-end-month": "1",
    "c2-end-year": "2027",
}


def post(client, csrf, **fields):
    return client.post("/check-spent", follow_redirects=True, data={"csrf_token": csrf, **fields})


def hidden(page) -> list[tuple[str, str]]:
    return [
        (i["name"], i["value"])
        for i in page.select("main form input[type=hidden]")
        if i["name"] not in ("csrf_token", "entries")
    ]


def role_sentences(response) -> list[str]:
    return [p.get_text(" ", strip=True) for p in soup(response).select(".app-spent-role")]


def left_out(response) -> list[str]:
    return [p.get_text(" ", strip=True) for p in soup(response).select(".app-spent-left-out p")]


# --------------------------------------------------------------------------- answers carried


def test_answers_in_the_address_become_hidden_fields_and_the_chosen_job(client, some_ticks):
    query = "&".join(
        ["status=nhs-role", "role=porter", "to=admin-team-lead", "area=facilities"]
        + [f"have={t}" for t in some_ticks]
    )
    page = soup(client.get(f"/check-spent?{query}"))
    assert sorted(hidden(page)) == sorted(
        [("status", "nhs-role"), ("role", "porter"), ("area", "facilities")]
        + [("have", t) for t in some_ticks]
    )
    assert page.select_one("select[name=to] option[selected]")["value"] == "admin-team-lead"
    assert "Admin Team Lead" in page.select_one("main").get_text()


def test_the_route_page_spelling_from_is_kept(client):
    page = soup(client.get("/check-spent?from=porter&to=admin-team-lead"))
    assert ("from", "porter") in hidden(page)


@pytest.mark.parametrize(
    "query,line,kept",
    [
        ("to=no-such-job&status=volunteering", "We left out the job you want", ["status"]),
        ("have=no-such-skill&have=teamwork", "We left out some things you have", ["have"]),
        ("role=no-such-job&have=teamwork", "We left out the job you do now", ["have"]),
        ("from=no-such-job&to=porter", "We left out the job you do now", []),
        ("status=astronaut&area=facilities", "We left out where you are now", ["area"]),
        ("area=the-moon&have=teamwork", "We left out the area of work", ["have"]),
        ("have=" + "x" * 500, "We left out some things you have", []),
        ("&".join(["have=teamwork"] * 300), "We left out some things you have", []),
    ],
)
def test_unknown_answers_are_left_out_with_a_clear_line(client, csrf, query, line, kept):
    response = client.get(f"/check-spent?{query}")
    assert response.status_code == 200
    assert any(text.startswith(line) for text in left_out(response)), left_out(response)
    # What is known still rides along, and the bad value does not.
    fields = hidden(soup(response))
    assert sorted({name for name, _ in fields}) == sorted(kept)
    assert not any(bad in value for _, value in fields for bad in ("no-such", "moon", "xxx"))
    # The same on the POST, with the answers in the form instead of the address.
    answered = post(client, csrf, **parse_qs(query), **FINE_2020)
    assert answered.status_code == 200
    assert any(text.startswith(line) for text in left_out(answered))
    assert sorted({name for name, _ in hidden(soup(answered))}) == sorted(kept)


def test_the_verdict_uses_their_own_route_not_a_route_from_nothing(app, client, csrf, some_ticks):
    routes = app.extensions["planner"]["routes"]
    with app.app_context():
        from planner.config import today

        own = routes(some_ticks, "admin-team-lead", "porter", on=today())[0].total_weeks
        from_nothing = routes([], "admin-team-lead", on=today())[0].total_weeks
    assert weeks_in_words(own) != weeks_in_words(from_nothing), "pick answers that differ"
    fields = {"role": "porter", "to": "admin-team-lead", "have": some_ticks, **FINE_2020}
    response = post(client, csrf, **fields)
    assert response.status_code == 200
    sentences = role_sentences(response)
    assert sentences[0].startswith("Today,")
    assert sentences[1].startswith(
        f"By the time you could apply for Admin Team Lead in {weeks_in_words(own)}"
    )
    # The way back to the route keeps every answer.
    link = soup(response).select_one(".app-spent-job a[href^='/route']")
    query = parse_qs(urlsplit(link["href"]).query)
    assert query["to"] == ["admin-team-lead"] and query["from"] == ["porter"]
    assert sorted(query["have"]) == sorted(some_ticks)


def test_jobs_on_the_way_each_use_their_own_check(client, csrf, catalogue):
    response = post(client, csrf, to="admin-team-lead", **FINE_2020)
    items = soup(response).select(".app-spent-on-the-way li")
    assert items, "a route from nothing to Admin Team Lead passes through other jobs"
    for item in items:
        title = item.select_one("a").get_text(strip=True)
        role = next(r for r in catalogue.roles if r.title == title)
        level = role.dbs.level.replace("-", " ").replace("barred", "barred list")
        assert f"a {level} check" in item.get_text(" ") or f"an {level} check" in item.get_text(" ")


def test_no_route_to_the_job_says_so_and_answers_for_today(app, client, csrf, monkeypatch):
    """The shipped data has a route to every job, so the route finder is made to find none."""

    def no_route(*args, **kwargs):
        raise NoRoute("porter", (), "none")

    monkeypatch.setitem(app.extensions["planner"], "routes", no_route)
    response = post(client, csrf, to="porter", **FINE_2020)
    assert response.status_code == 200
    assert "We could not find a route to this job" in soup(response).get_text()
    assert [s.split(",")[0] for s in role_sentences(response)] == ["Today"]


def test_never_a_basic_check_sentence_for_a_job_that_is_not_basic(client, csrf, catalogue):
    """A spent, unfiltered fine: a basic check does not show it; other checks do."""
    seen = set()
    for role in catalogue.roles:
        if role.dbs.level in seen and role.dbs.level != "basic":
            continue
        seen.add(role.dbs.level)
        response = post(client, csrf, to=role.id, **FINE_2020)
        text = " ".join(role_sentences(response))
        assert text, role.id
        if role.dbs.level == "basic":
            assert "a basic check does not show it" in text
        else:
            assert "basic" not in text, (role.id, text)
            assert "shows it" in text
    assert len(seen) >= 2


# --------------------------------------------------------------------------- one at a time


def test_add_another_keeps_every_value_and_adds_an_empty_entry(client, csrf, some_ticks):
    fields = {"to": "porter", "have": some_ticks, "entries": "1", "add": "1", **FINE_2020}
    fields["c1-specified_offence"] = "no"
    response = post(client, csrf, **fields)
    assert response.status_code == 200
    page = soup(response)
    assert not page.select(".nhsuk-error-summary")
    assert page.select_one("input[name=entries]")["value"] == "2"
    assert page.select_one("#entry-2 select[name=c2-outcome]")
    assert page.select_one("select[name=c1-outcome] option[selected]")["value"] == "fine"
    assert page.select_one("input[name=c1-date-year]")["value"] == "2020"
    assert page.select_one("input[name=c1-under18][value=no]").has_attr("checked")
    assert page.select_one("input[name=c1-specified_offence][value=no]").has_attr("checked")
    assert sorted(v for k, v in hidden(page) if k == "have") == sorted(some_ticks)
    # Each entry can now be removed, and the next "add" lands on entry 3.
    assert [b["value"] for b in page.select("button[name=remove]")] == ["1", "2"]
    assert page.select_one("button[name=add]")["formaction"].endswith("#entry-3")


def test_remove_takes_one_out_and_numbers_the_rest_again(client, csrf):
    third = {k.replace("c2-", "c3-"): v for k, v in ORDER_2025.items()}
    fields = {"entries": "3", "remove": "2", **FINE_2020, **third}
    fields |= {"c2-outcome": "absolute_discharge", "c2-date-year": "2010"}
    page = soup(post(client, csrf, **fields))
    assert page.select_one("input[name=entries]")["value"] == "2"
    assert page.select_one("select[name=c2-outcome] option[selected]")["value"] == (
        "community_order"
    )
    assert page.select_one("input[name=c2-end-year]")["value"] == "2027"
    assert not page.select("[name^=c3-]")


def test_checking_two_entries_answers_both_in_the_form_s_numbers(client, csrf):
    fields = {
        "entries": "3",
        **FINE_2020,
        **{k.replace("c2-", "c3-"): v for k, v in ORDER_2025.items()},
    }
    response = post(client, csrf, **fields)  # entry 2 left empty: left out, 3 becomes 2
    assert response.status_code == 200
    page = soup(response)
    assert [h.get_text(" ", strip=True)[:8] for h in page.select(".app-spent-answer h3")] == [
        "Entry 1:",
        "Entry 2:",
    ]
    assert page.select_one("input[name=entries]")["value"] == "2"
    status = [li.get_text(" ", strip=True) for li in page.select(".app-spent-status li")]
    assert status == [
        "Entry 1 has been spent since 1 June 2021.",
        "Entry 2 is not spent yet. It becomes spent on 2 January 2027.",
    ]


def test_the_first_button_in_the_form_checks(client):
    """Pressing Enter in a box presses the form's first button: never 'remove'."""
    page = soup(client.get("/check-spent"))
    first = page.select_one("main form button")
    assert first.get_text(strip=True) == "Check" and not first.has_attr("name")


def test_there_is_a_limit_and_it_is_said(client, csrf):
    page = soup(post(client, csrf, entries=str(MAX_ENTRIES), add="1", **FINE_2020))
    assert page.select_one("input[name=entries]")["value"] == str(MAX_ENTRIES)
    assert not page.select("button[name=add]")
    assert f"up to {MAX_ENTRIES} at once" in page.get_text()


def test_an_error_in_entry_two_points_at_it_and_keeps_entry_one(client, csrf):
    fields = {"entries": "2", **FINE_2020, "c2-outcome": "fine", "c2-date-year": "2020"}
    response = post(client, csrf, **fields)
    assert response.status_code == 400
    page = soup(response)
    links = [a["href"] for a in page.select(".nhsuk-error-summary a")]
    assert "#c2-date-day" in links and "#c2-under18" in links
    assert page.select_one("#c2-date-day")
    assert page.select_one("input[name=c1-date-year]")["value"] == "2020"


# --------------------------------------------------------------------------- plain words


def test_what_spent_means_is_answered_with_sources(client, csrf):
    page = soup(post(client, csrf, **FINE_2020))
    card = page.select_one(".app-spent-mine")
    assert card.select_one("h3").get_text(strip=True) == "What spent means for you"
    assert card.select_one(".app-spent-status li").get_text(" ", strip=True) == (
        "It has been spent since 1 June 2021."
    )
    points = card.select(".app-spent-meaning li")
    assert len(points) >= 4
    for point in points:
        assert point.select_one(".app-sources a[href^='https://']")


def test_the_hard_words_are_explained_with_links(client):
    page = soup(client.get("/check-spent"))
    words = {dt["id"]: dt.find_next_sibling("dd") for dt in page.select(".app-spent-words dt")}
    assert {"word-spent", "word-filtered", "word-specified_offence"} <= set(words)
    for dd in words.values():
        hrefs = [a["href"] for a in dd.select("a")]
        assert any(h.startswith(("https://www.gov.uk/", "https://unlock.org.uk/")) for h in hrefs)
    hint = page.select_one("#c1-specified_offence-hint")
    assert "never filtered" in hint.get_text() and hint.select_one(
        "a[href='#word-specified_offence']"
    )
    assert page.select_one("a[href='#word-filtered']") is None  # only in answers
    answered = soup(post_client_fine(page, client))
    assert answered.select_one(".app-spent-answer a[href='#word-filtered']")


def post_client_fine(page, client):
    token = page.select_one("input[name=csrf_token]")["value"]
    return post(client, token, **FINE_2020)


# --------------------------------------------------------------------------- nothing meant for us

INTERNAL = re.compile(r"before release|not re-checked|research notes|verify against", re.I)


def _every_outcome_answered(client, csrf, catalogue):
    from planner.spent.views import rules

    for outcome in [*rules().outcomes, "not_sure"]:
        fields = {**FINE_2020, "c1-outcome": outcome, "c1-date-year": "2015", "c1-length": "6"}
        fields |= {"c1-end-day": "1", "c1-end-month": "12", "c1-end-year": "2015"}
        yield f"answer for {outcome}", post(client, csrf, to=catalogue.roles[-1].id, **fields)


def test_no_spent_page_shows_notes_meant_for_us(client, csrf, catalogue):
    """Every state of the spent pages, and the answer for every outcome (each shows its caveats).

    Other pages are not checked here: role pages and the API show a source titled
    "project research notes" from data/nhs_bands.json, which another engineer owns.
    """
    pages = [
        ("the form", client.get("/check-spent")),
        ("with answers", client.get("/check-spent?to=porter&have=teamwork")),
        ("help", client.get("/help")),
        ("two entries", post(client, csrf, to="porter", **FINE_2020, **ORDER_2025)),
        *_every_outcome_answered(client, csrf, catalogue),
    ]
    assert all(r.status_code == 200 for _, r in pages), [(n, r.status_code) for n, r in pages]
    found = [
        (name, match.group(0))
        for name, r in pages
        if (match := INTERNAL.search(r.get_data(as_text=True)))
    ]
    assert not found


def test_the_check_for_notes_finds_one(client):
    assert INTERNAL.search("Verify against Unlock before release. This was not re-checked.")


# --------------------------------------------------------------------------- reading age


def _grade(response) -> tuple[float, float]:
    text = main_text(response.get_data(as_text=True))
    return textstat.flesch_kincaid_grade(text), textstat.smog_index(text)


@pytest.mark.usefixtures("offline_syllables")
def test_every_new_state_is_easy_to_read(client, csrf, some_ticks):
    have = "&".join(f"have={t}" for t in some_ticks)
    states = {
        "with answers": client.get(f"/check-spent?to=porter&{have}"),
        "answers left out": client.get("/check-spent?to=nope&have=nope&area=nope"),
        "add another": post(client, csrf, add="1", **FINE_2020),
        "two answers and a route": post(
            client, csrf, to="admin-team-lead", have=some_ticks, **FINE_2020, **ORDER_2025
        ),
        "error in entry 2": post(client, csrf, **FINE_2020, **{"c2-outcome": "fine"}),
    }
    hard = {name: _grade(r) for name, r in states.items()}
    hard = {n: g for n, g in hard.items() if g[0] > MAX_FK_GRADE or g[1] > MAX_SMOG}
    assert not hard, hard


@pytest.mark.usefixtures("offline_syllables")
def test_every_new_sentence_is_short_and_plain():
    from planner.spent.guide import load_guide

    guide = load_guide()
    texts = [p.text for p in guide.meaning] + [w.means for w in guide.words.values()]
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            assert len(sentence.split()) < 25, sentence
    assert textstat.flesch_kincaid_grade(" ".join(texts)) <= MAX_FK_GRADE


def test_after_checking_the_menu_and_links_still_carry_the_answers(client, csrf, some_ticks):
    """Regression: after "Check" (a POST) the menu, footer and "What a DBS check is" links
    came from the empty address, so "Your route" forgot every tick and the chosen job."""
    response = post(
        client,
        csrf,
        status="not-working",
        have=some_ticks,
        area="estates-and-facilities",
        to="facilities-team-leader",
        **FINE_2020,
    )
    assert response.status_code == 200
    page = soup(response)
    inside = [
        a["href"]
        for a in page.select("header a[href], footer a[href], main a[href]")
        if a["href"].startswith("/") and not a["href"].startswith("/static")
    ]
    by_path = {urlsplit(href).path: parse_qs(urlsplit(href).query) for href in inside}
    for path in ("/route", "/roles", "/help", "/help/words"):
        query = by_path[path]
        assert sorted(query.get("have", [])) == sorted(some_ticks), (path, query)
        assert query.get("status") == ["not-working"], (path, query)
        assert query.get("area") == ["estates-and-facilities"], (path, query)
    assert by_path["/route"].get("to") == ["facilities-team-leader"]
    # Nothing typed about the conviction reaches any address.
    assert not any(re.search(r"c1-|outcome|fine|2020", href) for href in inside)
