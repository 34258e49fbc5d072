"""The route page: each route summed up first (the total as a range, the jobs on the way, the
next step), a drawing over time with a text alternative, steps of one line that open for the
detail (honest overlaps and "counts as"), finder links, and a table comparing the routes."""

from __future__ import annotations

import re
from datetime import date
from functools import partial

import pytest
from flask import render_template
from werkzeug.datastructures import MultiDict

from planner.explore.answers import Answers, read_answers
from planner.explore.drawing import draw_route
from planner.explore.route import routes_context, total_words
from planner.explore.route_steps import funding_words, step_views
from planner.pathways import Limits, find_routes
from planner.pathways.model import Route, Step
from tests.helpers import soup

TODAY = date(2026, 12, 1)
B2_TO_B7 = "/route?from=apprentice-administration-assistant&to=departmental-admin-manager"
#: Words that would mean a page asks about, or talks about, a person's record.
RECORD_WORDS = re.compile(r"convict|criminal|offen[cs]e|spent", re.IGNORECASE)


@pytest.fixture
def graph(app):
    return app.extensions["planner"]["graph"]


def _args(**values: str) -> MultiDict:
    return MultiDict(list(values.items()))


def _lines(page) -> list[str]:
    return [" ".join(s.get_text(" ").split()) for s in page.select("ol.route > li summary")]


def test_the_total_is_a_range_from_the_least_to_what_most_people_take():
    assert total_words(Route(182, (), (), 156)) == "about 3 to 3 and a half years"
    assert total_words(Route(14, (), (), 8)) == "about 2 to 3 months"
    assert total_words(Route(52, (), ())) == "about 1 year"


def test_each_route_heading_and_summary_give_the_range(client, app, graph):
    page = soup(client.get("/route?to=facilities-team-leader&status=not-working"))
    with app.app_context():
        args = _args(to="facilities-team-leader", status="not-working")
        answers = read_answers(args, graph, "from")
        found = app.extensions["planner"]["routes"](answers.start, answers.to, on=date.today())
    for n, route in enumerate(found, start=1):
        heading = page.select_one(f"#route-{n}-heading").get_text(" ", strip=True)
        assert heading == f"Route {n}: {total_words(route)}"
        total = page.select_one(f"#route-{n} .app-route-summary__total").get_text(strip=True)
        assert total == total_words(route).capitalize()


def test_the_summary_comes_first_with_jobs_bands_pay_and_the_next_step(client):
    page = soup(client.get(B2_TO_B7))
    route = page.select_one("#route-1")
    first = route.select_one(".app-route-summary")
    assert first.find_previous("ol", class_="route") is None, (
        "the summary must come before the steps"
    )
    keys = [k.get_text(strip=True) for k in first.select(".nhsuk-summary-list__key")]
    assert keys == ["How long", "Jobs on the way", "Your next step"]
    jobs = first.select("#route-1-jobs > li")
    assert jobs[0].get_text(" ", strip=True).startswith("Your job now: Apprentice Administration")
    assert "Departmental Admin Manager" in jobs[-1].get_text()
    for job in jobs:
        facts = job.select_one(".app-jobs__facts").get_text(" ", strip=True)
        assert re.match(r"Band \w+ · £[\d,]+( to £[\d,]+)? a year", facts), facts
    bands = [re.search(r"Band (\w+)", j.get_text()).group(1) for j in jobs]
    assert bands == sorted(bands), "the jobs on the way climb the bands"
    next_step = first.select_one(".app-next").get_text(" ", strip=True)
    assert _lines(route)[0] == f"Step 1: {next_step}"


def test_steps_are_closed_lines_that_open_for_the_detail(client):
    page = soup(client.get(B2_TO_B7))
    steps = page.select("#route-1-steps > li.app-step")
    assert steps
    for step in steps:
        details = step.select_one("details.app-step__details")
        assert not details.has_attr("open")
        line = " ".join(details.select_one("summary").get_text(" ").split())
        assert re.match(r"Step \d+: (Job|Course|Apprenticeship|Experience|Way in) · .+ · .+", line)
        facts = [dt.get_text(strip=True) for dt in details.select("dt")]
        assert {"How long", "When"} <= set(facts)


def test_no_step_is_shown_as_free_time(client):
    for url in (B2_TO_B7, "/route?to=admin-team-lead", "/route?to=facilities-team-leader"):
        text = soup(client.get(url)).select_one("#routes").get_text(" ")
        assert "no extra time" not in text
        assert not re.search(r"\b0 weeks\b", text)


def test_overlapping_steps_say_their_full_length_and_what_overlaps(app, catalogue):
    """Side-by-side courses start together; experience in a job shows its whole year."""
    route = Route(
        84,
        (),
        (
            Step(
                "course",
                "functional-skills-english-level-2-course",
                "FS English",
                18,
                (),
                full_weeks=18,
            ),
            Step(
                "course", "functional-skills-maths-level-2-course", "FS maths", 0, (), full_weeks=18
            ),
            Step(
                "role",
                "admin-assistant",
                "Admin Assistant",
                14,
                (),
                starts_after_weeks=18,
                weeks_min=8,
                weeks_max=14,
            ),
            Step(
                "experience",
                "a-year-working-in-an-office",
                "A year working in an office",
                0,
                (),
                starts_after_weeks=32,
                full_weeks=52,
            ),
            Step(
                "experience",
                "two-years-working-in-the-nhs",
                "Two years working in the NHS",
                26,
                (),
                starts_after_weeks=58,
                full_weeks=104,
            ),
        ),
    )
    views = step_views(catalogue, route, TODAY, "apprentice-administration-assistant")
    assert views[1].line == "about 4 months, side by side with the course above"
    assert "side by side with FS English" in " ".join(views[1].how_long)
    assert views[3].line == "about 1 year, all of it while you do the job"
    assert "All of it happens while you work as Admin Assistant." in views[3].how_long
    assert views[4].line == "about 2 years, about 1 and a half years of it while you do the job"
    assert views[2].line == "about 2 to 3 months to apply and start"


def test_time_in_post_says_the_least_adverts_ask_and_what_most_ask(catalogue):
    rule = catalogue.by_id["time_in_post"]["a-year-in-your-admin-job-before-moving-up"]
    route = Route(
        66,
        (),
        (
            Step("experience", rule.id, "Time in your job", 52, (), full_weeks=52),
            Step("role", "admin-team-lead", "Admin Team Lead", 14, (), starts_after_weeks=52),
        ),
    )
    view = step_views(catalogue, route, TODAY, "admin-assistant")[0]
    assert view.title == "Time as Admin Assistant before moving up a band"
    assert view.line == "at least 1 year"
    words = " ".join(view.how_long)
    assert "ask for at least 1 year" in words
    if rule.typical_weeks > rule.weeks:
        assert "Many ask for" in words
    assert view.sources == rule.sources


def test_counts_as_is_worded_honestly(client, app, graph, catalogue):
    """What a step only counts as is never listed as what it gives."""
    page = soup(client.get("/route?to=admin-team-lead"))
    with app.app_context():
        answers = read_answers(_args(to="admin-team-lead"), graph, "from")
        route = app.extensions["planner"]["routes"](answers.start, answers.to, on=date.today())[0]
    items = page.select("#route-1-steps > li")
    assert len(items) == len(route.steps)
    counted = 0
    for step, item in zip(route.steps, items, strict=True):
        facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in item.select("dt")}
        gives = facts["What it gives you"].get_text(" ") if "What it gives you" in facts else ""
        for skill_id in step.counts_as:
            name = catalogue.skill(skill_id).name
            assert name in facts["What it counts as"].get_text(" "), name
            assert name not in gives, f"{name} is shown as given"
            counted += 1
        if step.counts_as:
            assert "employers accept it in its place" in facts["What it counts as"].get_text()
        else:
            assert "What it counts as" not in facts
    assert counted, "a route from nothing to Admin Team Lead has a Functional Skills course"
    assert not re.search(r"gives you a GCSE", page.get_text(), re.IGNORECASE)


def test_best_effort_routes_say_so(app, graph):
    slow = partial(find_routes, graph, limits=Limits(expansions=1))
    with app.test_request_context("/route?to=admin-team-lead"):
        answers = read_answers(_args(to="admin-team-lead"), graph, "from")
        context = routes_context(graph, answers, TODAY, slow)
        assert context["routes"][0].best_effort
        html = render_template("explore/_routes.html", as_fragment=False, **context)
    assert "We could not check this is the fastest route." in html


def test_a_full_search_is_not_labelled_best_effort(client):
    page = soup(client.get("/route?to=porter"))
    assert not page.select(".app-best-effort")


def test_finder_links_sit_next_to_courses_apprenticeships_and_jobs(client):
    page = soup(client.get("/route?to=admin-team-lead"))
    kinds_seen = set()
    for step in page.select("ol.route > li.app-step"):
        kind = next(c for c in step["class"] if c.startswith("app-step--")).split("--")[1]
        line = step.select_one("summary").get_text(" ")
        links = [a["href"] for a in step.select("a.app-outside")]
        if "Way in" in line:
            assert not links, "a way in says where to ask instead"
        elif kind == "course":
            assert links and links[0].startswith("https://nationalcareers.service.gov.uk/")
        elif kind == "apprenticeship":
            assert links and links[0].startswith("https://www.findapprenticeship.service.gov.uk/")
        elif kind == "role":
            assert links and links[0].startswith("https://www.jobs.nhs.uk/")
        else:
            assert not links
        kinds_seen.add(kind)
    assert {"course", "role"} <= kinds_seen


def test_the_drawing_has_a_time_axis_and_a_text_alternative(client, catalogue):
    page = soup(client.get(B2_TO_B7))
    svg = page.select_one("#route-1 svg.app-route-map")
    assert svg["role"] == "img"
    title = page.select_one(f"#{svg['aria-labelledby']}")
    desc = page.select_one(f"#{svg['aria-describedby']}")
    assert title.name == "title" and "Departmental Admin Manager" in title.get_text()
    lines = desc.get_text().strip().splitlines()
    assert lines[0] == "Now: Apprentice Administration Assistant, band 2."
    assert any(line.endswith("Departmental Admin Manager, band 7.") for line in lines)
    texts = [t.get_text() for t in svg.select("text")]
    assert "Years from now" in texts and "Now" in texts
    assert str(date.today().year) in texts, "calendar years under the marks"
    assert {"Band 2", "Band 7"} <= set(texts)
    # No numbered dots any more: no text in the drawing is a bare step number.
    assert not [t for t in texts if re.fullmatch(r"\d{1,2}", t) and int(t) > 20]


def test_the_drawing_climbs_one_row_per_band_and_ends_at_the_goal(catalogue):
    route = find_routes_in(catalogue, "admin-assistant", "admin-manager")
    drawing = draw_route(route, catalogue, "admin-assistant", TODAY)
    assert [r.label for r in drawing.rows] == ["Band 5", "Band 4", "Band 3"]
    assert drawing.dots[-1].goal and not any(d.goal for d in drawing.dots[:-1])
    assert drawing.dots[-1].y == drawing.rows[0].y
    assert drawing.ticks[0].years == "Now" and drawing.ticks[0].calendar == "2026"
    assert all(drawing.left <= t.x <= drawing.right for t in drawing.ticks)


def find_routes_in(catalogue, role: str, target: str) -> Route:
    from planner.pathways import build_graph

    return find_routes(build_graph(catalogue), [], target, current_role=role, on=TODAY)[0]


def test_alternatives_are_compared_in_one_short_table(client):
    page = soup(client.get("/route?to=facilities-team-leader&status=not-working"))
    routes = page.select("section.app-route")
    table = page.select_one("table#compare-routes")
    if len(routes) < 2:
        assert table is None
        return
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["Route", "How long", "Jobs on the way", "Main learning"]
    rows = table.select("tbody tr")
    assert len(rows) == len(routes)
    for n, row in enumerate(rows, start=1):
        assert row.select_one("th a")["href"] == f"#route-{n}"
    # The table sits after the first route's summary, before the other routes.
    assert table.find_previous("section")["id"] == "route-1"


def test_level_7_funding_depends_on_being_under_22(catalogue):
    senior = catalogue.learning_item("senior-leader-apprenticeship-level-7")
    assert senior.funded_up_to_age == 21
    unknown = funding_words(senior, None, 0)
    assert "only for people under 22" in unknown and "employer would have to pay" in unknown
    assert "employer would have to pay" in funding_words(senior, False, 0)
    assert funding_words(senior, True, 0).endswith("if you start before you turn 22.")
    later = funding_words(senior, True, 300)
    assert "if you start before you turn 22" in later
    assert later.endswith("This step starts in about 6 years.")
    other = catalogue.learning_item("functional-skills-english-level-2-course")
    assert funding_words(other, None, 0) is None


def test_the_route_page_speaks_of_a_record_only_as_a_jobs_facts(client):
    """Nothing on the route page asks about a record or says the person has one. What a record
    can change is said only as a job's facts (its licence, its barred lists, a private check),
    in the warning before the steps and in each job step's links, always as "if"."""
    for url in (B2_TO_B7, "/route?to=porter&status=not-working", "/route?to=porter&have=teamwork"):
        main = soup(client.get(url)).select_one("main")
        for sources in main.select(".app-sources"):
            sources.decompose()  # references, not words to the person
        facts = main.select(".app-route-warnings, .app-step__record")
        said = " ".join(" ".join(f.get_text(" ").split()) for f in facts)
        for fact in facts:
            fact.decompose()
        text = main.get_text(" ")
        assert not RECORD_WORDS.search(text), RECORD_WORDS.search(text)
        assert "?" not in said
        assert not re.search(r"\byou (have|had) (a|an) (record|conviction)", said, re.I)
        for sentence in re.split(r"(?<=\.) ", said):
            if re.search(r"record|barred list", sentence, re.I) and "offence" in sentence:
                assert "if your record" in sentence.lower(), sentence


def test_someone_in_a_job_is_asked_how_long_only_when_they_have_not_said(client):
    asked = soup(client.get("/route?from=admin-assistant&to=admin-team-lead"))
    link = asked.select_one("main a[href*='about-you-questions']")
    assert (
        link
        and "from=admin-assistant" not in link["href"]
        and "role=admin-assistant" in link["href"]
    )
    told = soup(
        client.get("/route?from=admin-assistant&to=admin-team-lead&time_in_job=1-to-2-years")
    )
    assert not told.select_one("main a[href*='about-you-questions']")


def test_time_in_the_job_shortens_the_route_on_the_page(client):
    new = soup(client.get("/route?from=admin-team-lead&to=admin-manager"))
    served = soup(
        client.get("/route?from=admin-team-lead&to=admin-manager&time_in_job=over-2-years")
    )
    assert new.select_one("#route-1-heading").text != served.select_one("#route-1-heading").text
    kept = [i["value"] for i in served.select("form.app-save-plan input[name=time_in_job]")]
    assert kept and set(kept) == {"over-2-years"}


def test_answers_record_carries_the_optional_answers():
    answers = Answers(role="porter", time_in_job="1-to-2-years", age="16-to-21")
    assert answers.args("from") == {
        "from": "porter",
        "time_in_job": "1-to-2-years",
        "age": "16-to-21",
    }


def test_tips_for_the_next_step_link_to_the_help_page(client):
    page = soup(client.get("/route?to=porter&status=not-working"))
    link = page.select_one("#route-1 .app-route-summary a[href*='#tips-']")
    anchor = link["href"].split("#")[1]
    assert link["href"].startswith("/help?") and "status=not-working" in link["href"]
    assert soup(client.get("/help")).select_one(f"#{anchor}")


def test_finder_link_words_read_well_for_every_course_and_apprenticeship(app):
    """Regression: "Find a Essential Digital Skills course near you", "Find a King's Trust Get
    into programme course near you". The words must read well whatever the item is called."""
    from planner.explore.outside import finder_link

    texts = [
        link.text
        for item in app.extensions["planner"]["catalogue"].learning
        if (link := finder_link(item)) is not None
    ]
    assert len(texts) > 10
    for text in texts:
        assert not re.search(r"\ba [AEIOU]", text), text
        assert "programme course" not in text, text
        assert text.startswith(("Find a course near you: ", "Find an apprenticeship: ")), text


def test_the_kings_trust_is_offered_with_its_age_only_to_someone_who_says_they_are_16_to_30(
    client,
):
    """The King's Trust Get into programme is for 16 to 30s (rwt-kings-trust): a 19-year-old out
    of work (age 16 to 21) sees it on the route, with who it is for; a 34-year-old does not."""
    young = soup(client.get("/route?to=security-officer&status=not-working&age=16-to-21"))
    first = young.select_one("#route-1-steps > li")
    assert "King's Trust" in first.get_text()
    assert "16 to 30" in first.get_text()
    older = soup(client.get("/route?to=security-officer&status=not-working&age=31-or-over"))
    assert "King's Trust" not in older.select_one("#route-1").get_text()
