"""The route cache: answers are remembered per question, and a date cannot force new work."""

from __future__ import annotations

from datetime import date

from planner.catalogue import load_catalogue
from planner.explore.route_cache import make_route_finder
from planner.pathways import build_graph
from planner.pathways.graph import index_of


def test_later_dates_share_one_answer_once_no_course_changes_after_them(monkeypatch):
    import planner.pathways.search.routes as routes

    graph = build_graph(load_catalogue())
    last = index_of(graph).last_date_change
    assert last is not None  # the shipped data has courses that stop taking starts
    searched = []
    real = routes.find_routes

    def counting(*args, **kwargs):
        searched.append(kwargs.get("on"))
        return real(*args, **kwargs)

    monkeypatch.setattr("planner.explore.route_cache.find_routes", counting)
    finder = make_route_finder(graph)
    for day in (date(2030, 1, 1), date(2031, 6, 2), date(2099, 12, 31)):
        finder(["teamwork"], "porter", on=day)
    assert searched == [last]  # one search for all three days
    finder(["teamwork"], "porter", on=date(2026, 12, 1))  # before a change: its own answer
    assert len(searched) == 2


def test_people_asking_one_new_question_at_once_share_one_search(monkeypatch):
    """Whatever the timing, one search: the others wait for its answer, not for a slot."""
    import threading
    import time

    import planner.pathways.search.routes as routes

    graph = build_graph(load_catalogue())
    searched = []
    release = threading.Event()
    real = routes.find_routes

    def held(*args, **kwargs):
        searched.append(kwargs.get("on"))
        release.wait(30)  # the first search is still running while the others ask
        return real(*args, **kwargs)

    monkeypatch.setattr("planner.explore.route_cache.find_routes", held)
    finder = make_route_finder(graph)
    answers = []
    askers = [
        threading.Thread(target=lambda: answers.append(finder(["teamwork"], "porter")))
        for _ in range(4)
    ]
    for asker in askers:
        asker.start()
    time.sleep(0.5)
    release.set()
    for asker in askers:
        asker.join(60)
    assert len(searched) == 1
    assert len(answers) == 4 and all(answer == answers[0] for answer in answers)
