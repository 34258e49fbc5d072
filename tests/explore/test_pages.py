"""The pages: titles, headings, forms and links, read with BeautifulSoup."""

from __future__ import annotations

import re

import pytest

from planner.help.content import grouped_skill_ids, skill_groups, word_terms
from tests.helpers import soup

PAGES = ["/", "/roles", "/route", "/help", "/help/words", "/accessibility", "/privacy"]

#: Words that would mean the planner asks about a person's record. It never does.
FORBIDDEN = re.compile(r"convict|offen[cs]e|criminal|prison|probation", re.IGNORECASE)


@pytest.mark.parametrize("url", PAGES)
def test_each_page_has_a_title_one_h1_and_the_nhs_header(client, url):
    page = soup(client.get(url))
    assert page.select_one("title").text.strip().endswith("Plan your NHS career")
    assert len(page.select("main h1")) == 1
    assert page.select_one("header.nhsuk-header")
    assert page.select_one("footer a[href='/privacy']")


def test_start_form_is_a_get_form_with_the_agreed_fields(client, catalogue):
    page = soup(client.get("/"))
    form = page.select_one("form#check-form")
    # Without JavaScript, "Show my options" lands on the options, not the top of the form.
    assert form["action"] == "/#options"
    assert form["method"] == "get"
    assert form["hx-get"] == "/"
    assert form["hx-target"] == "#options"
    # A tick replaces the address rather than adding to the history: Back leaves the page.
    assert form["hx-replace-url"] == "true"
    assert not form.has_attr("hx-push-url")
    assert page.select_one(form["hx-indicator"]).select_one(".app-loading")
    statuses = [i["value"] for i in form.select("input[type=radio][name=status]")]
    assert statuses == ["not-working", "volunteering", "nhs-role", "in-prison"]
    role_values = {o["value"] for o in form.select("select[name=role] option") if o["value"]}
    assert role_values == {r.id for r in catalogue.roles}
    boxes = {i["value"] for i in form.select("input[type=checkbox][name=have]")}
    assert boxes == {s.id for s in catalogue.skills}
    assert form.select_one("button[type=submit]").text.strip() == "Show my options"
    for fieldset in form.select("fieldset"):
        assert fieldset.select_one("legend").text.strip()


def test_every_skill_in_the_groups_exists_in_the_data(catalogue):
    known = {s.id for s in catalogue.skills}
    grouped = grouped_skill_ids()
    assert set(grouped) <= known, set(grouped) - known
    assert len(grouped) == len(set(grouped)), "a skill is in two groups"
    assert known <= set(grouped), f"skills not in any group: {known - set(grouped)}"


def test_every_skill_has_a_one_line_hint():
    for group in skill_groups():
        assert group["hint"]
        for entry in group["skills"] + group.get("more", {}).get("skills", []):
            assert entry.get("hint"), f"{entry['id']} has no hint"
            assert "\n" not in entry["hint"]


def test_options_panel_has_its_three_sections(client):
    page = soup(client.get("/"))
    panel = page.select_one("#options")
    for section in ("#apply-now", "#one-step", "#best-next-step"):
        assert panel.select_one(section), section
    # The change is announced by a short status line, not by reading the whole panel again.
    assert page.select_one("form#check-form #options-status")["role"] == "status"
    assert not panel.has_attr("aria-live")


def test_the_status_line_sums_up_the_options_and_links_to_them(client, some_ticks):
    page = soup(client.get("/", query_string=[("have", t) for t in some_ticks]))
    status = page.select_one("#options-status")
    now = len(page.select("#apply-now a[data-role]"))
    assert f"You could apply for {now} job" in status.text
    assert status.select_one("a[href='#options']").text == "See your options"
    assert not soup(client.get("/")).select_one("#options-status").text.strip()


def test_tick_groups_are_folded_and_say_what_is_ticked(client, some_ticks):
    page = soup(client.get("/", query_string=[("have", t) for t in some_ticks]))
    groups = page.select("form#check-form details.nhsuk-expander.app-group")
    assert len(groups) == len(skill_groups())
    assert not any(g.has_attr("open") for g in groups), "groups start folded"
    counts = {g["id"]: g.select_one("[data-ticked]")["data-ticked"] for g in groups}
    assert sum(int(c) for c in counts.values()) == len(some_ticks)
    for group in groups:
        ticked = len(group.select("input[name=have][checked]"))
        count = group.select_one(".app-group__count").text.strip()
        assert count == (f"{ticked} ticked" if ticked else "")


def test_role_links_carry_the_ticks_and_name_the_role(client, some_ticks):
    page = soup(client.get("/", query_string=[("have", t) for t in some_ticks]))
    links = page.select("#options a[data-role]")
    assert links, "ticking skills shows no jobs at all"
    for link in links:
        assert link["href"].startswith(f"/roles/{link['data-role']}?")
        for tick in some_ticks:
            assert f"have={tick}" in link["href"]
    for ticked in some_ticks:
        assert page.select_one(f"input[name=have][value={ticked}]").has_attr("checked")


def test_see_your_route_links_carry_the_ticks(client, some_ticks):
    page = soup(client.get("/", query_string=[("have", t) for t in some_ticks]))
    for link in page.select("#one-step a[data-route]"):
        assert link["href"].startswith("/route?")
        assert f"to={link['data-route']}" in link["href"]
        assert f"have={some_ticks[0]}" in link["href"]


def test_the_current_role_counts(client, catalogue):
    role = catalogue.roles[0]
    page = soup(client.get("/", query_string={"status": "nhs-role", "role": role.id}))
    assert page.select_one(f"select[name=role] option[value={role.id}]").has_attr("selected")
    assert page.select_one("input[name=status][value=nhs-role]").has_attr("checked")


def test_roles_page_has_a_grid_per_family(client, catalogue):
    page = soup(client.get("/roles"))
    tables = page.select("main table.app-ladder")
    assert len(tables) == len({r.family for r in catalogue.roles})
    linked = {a["data-role"] for a in page.select("main table a[data-role]")}
    assert linked == {r.id for r in catalogue.roles}


def test_every_role_page_is_titled_with_the_role(client, catalogue):
    for role in catalogue.roles:
        page = soup(client.get(f"/roles/{role.id}"))
        assert page.select_one("main h1").text.strip() == role.title
        assert page.select_one("main a[href^='/help/words#dbs']")
        assert page.select_one("main a[href^='/help/words#band']")
        assert page.select_one(f"main a[data-route={role.id}]")


def test_role_page_marks_what_you_have(client, catalogue):
    role = next(r for r in catalogue.roles if len(r.requires) >= 2)
    have = role.requires[0]
    page = soup(client.get(f"/roles/{role.id}", query_string={"have": have}))
    tags = [t.text.strip() for t in page.select("main .app-need .nhsuk-tag")]
    assert "You have this" in tags
    assert "You need this" in tags
    unmarked = soup(client.get(f"/roles/{role.id}"))
    assert not unmarked.select("main .app-need .nhsuk-tag")


def test_route_page_without_a_target_shows_the_form(client):
    page = soup(client.get("/route"))
    form = page.select_one("form#route-form")
    assert form["method"] == "get"
    assert form.select_one("select[name=to]")
    assert form.select_one("button[type=submit]").text.strip() == "Show my route"
    assert page.select_one("#routes")
    assert not page.select("#routes ol.route")


def test_route_page_shows_up_to_three_routes_with_drawings(client, some_ticks, target):
    page = soup(
        client.get("/route", query_string=[("to", target)] + [("have", t) for t in some_ticks])
    )
    routes = page.select("#routes ol.route")
    assert 1 <= len(routes) <= 3
    for ol in routes:
        section = ol.find_parent("section")
        svg = section.select_one("svg.app-route-map")
        assert svg["role"] == "img"
        assert svg.select_one("title").text.strip()
        assert section.select_one(f"#{svg['aria-describedby']}").name == "desc"
        for step in ol.select("li.app-step"):
            facts = [dt.text.strip() for dt in step.select("dt")]
            assert "How long" in facts
            assert "When" in facts
    assert page.select_one("#routes a[href*='#tips-']")
    kept = [i["value"] for i in page.select("form#route-form input[type=hidden][name=have]")]
    assert kept == some_ticks


#: The only place a form may mention prison: where a person is now ("I am in prison", issue 16)
#: and, if so, when they expect release. Both optional; nothing asks what anyone did.
PRISON_ANSWERS = {"I am in prison", "If you are in prison, when do you expect to be released?"}


@pytest.mark.parametrize("url", ["/", "/roles", "/route", "/route?to={target}", "/roles/{target}"])
def test_no_form_ever_asks_about_a_record(client, target, url):
    page = soup(client.get(url.format(target=target)))
    for field in page.select("input, select, textarea"):
        assert not FORBIDDEN.search(field.get("name", "")), field
        assert not field.has_attr("required"), field
        if field.get("id"):
            label = page.select_one(f"label[for={field['id']}]")
            if label and label.text.strip() not in PRISON_ANSWERS:
                assert not FORBIDDEN.search(label.text), label.text
    for legend in page.select("legend"):
        if legend.text.strip() not in PRISON_ANSWERS:
            assert not FORBIDDEN.search(legend.text), legend.text
    for text in (*page.select("label"), *page.select("legend")):
        assert not re.search(r"convict|offen[cs]e|criminal", text.text, re.IGNORECASE), text


def test_every_word_link_lands_on_an_explained_word(client, target):
    anchors = {t["id"] for t in word_terms()}
    words = soup(client.get("/help/words"))
    for anchor in anchors:
        assert words.select_one(f"main #{anchor} h2")
    for url in ["/", "/roles", f"/roles/{target}", f"/route?to={target}"]:
        for link in soup(client.get(url)).select("a[href^='/help/words#']"):
            assert link["href"].split("#", 1)[1] in anchors, (url, link["href"])


def test_help_page_groups_resources_for_you_and_for_employers(client):
    page = soup(client.get("/help"))
    for group in ("applications", "dbs", "wellbeing", "employers-practice"):
        assert page.select_one(f"main h3#{group}"), group
    links = page.select("main .app-resource a")
    assert len(links) >= 20
    assert all(a["href"].startswith("https://") for a in links)
