"""The whole journey under load, plus two closed-loop users for the route page : /healthz ratio.

    .venv/bin/locust -f bench/locustfile.py --headless -u 10 -r 5 -t 60s --host http://127.0.0.1:PORT

* ``Journey`` (most users): start page, route page, save the route as a plan,
  open it, change it (a save), sometimes print, download or share it, then
  delete it. Every answer is checked, so a wrong status counts as a failure.
* ``RoutePage`` and ``Health`` (one user each, no waiting): each asks for its
  page as fast as the server answers, in the same run, so their request rates
  compare what the server can sustain for each under the same load.

Run it against a server started with high rate limits (bench/servers.py does):
one client address sends everything here.
"""

from __future__ import annotations

import random
import re
import time

from locust import HttpUser, between, constant, task

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')

#: Realistic questions: a few ticked skills, a job a step or more up.
QUERIES = [
    {"to": "business-admin-assistant", "have": ["teamwork", "literacy-skills"]},
    {
        "to": "admin-assistant",
        "have": ["teamwork", "literacy-skills", "numeracy-skills", "basic-ict-skills"],
    },
    {"to": "porter", "have": ["teamwork", "customer-care"]},
    {"to": "domestic-assistant", "have": ["teamwork"]},
    {"to": "estates-and-facilities-admin-assistant", "have": ["teamwork", "literacy-skills"]},
    {"to": "catering-assistant", "have": ["customer-care", "teamwork"]},
]
#: The route page the RoutePage user asks for again and again.
ROUTE_PAGE = QUERIES[0]


def _expect(response, status: int) -> None:
    if response.status_code != status:
        response.failure(f"expected {status}, got {response.status_code}")
    else:
        response.success()


def ask_for_route(user: HttpUser, query: dict, name: str) -> None:
    """Ask as a person does: "busy, try again in N seconds" (503 with Retry-After, the cap
    on searches at once) is waited out and asked again, up to five times; any other
    answer but 200 is a failure. Each wait is counted under "<name> (busy: asked again)"."""
    for _ in range(5):
        with user.client.get("/route", params=query, name=name, catch_response=True) as page:
            if page.status_code == 503 and page.headers.get("Retry-After"):
                page.success()
                user.environment.events.request.fire(
                    request_type="GET", name=f"{name} (busy: asked again)", response_time=0,
                    response_length=0, exception=None, context={},
                )  # fmt: skip
                time.sleep(int(page.headers["Retry-After"]))
                continue
            _expect(page, 200)
            return


class Journey(HttpUser):
    """A person: check, see routes, save a plan, change it, take it away, delete it."""

    weight = 8
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        page = self.client.get("/plans/import", name="/plans/import (CSRF)")
        self.csrf = CSRF.search(page.text).group(1)

    @task
    def journey(self) -> None:
        query = random.choice(QUERIES)
        self.client.get("/", params={"have": query["have"]}, name="start page")
        ask_for_route(self, query, "route page")
        with self.client.post(
            "/plans",
            data={"csrf_token": self.csrf, "route": "1", **query},
            allow_redirects=False,
            name="save plan (new)",
            catch_response=True,
        ) as created:
            _expect(created, 303)
        if created.status_code != 303:
            return
        plan_url = created.headers["Location"].split("?")[0]  # the answers ride in the query
        token = plan_url.rsplit("/", 1)[1]
        self.client.get(plan_url, name="plan page")
        page = self.client.get(f"{plan_url}/items/1", name="plan step page")
        version = VERSION.search(page.text).group(1)
        edit = {
            "csrf_token": self.csrf,
            "version": version,
            "title": "Enrol on the course",
            "kind": "action",
            "status": "in-progress",
            "note": "Asked my manager about it",
        }
        with self.client.post(
            f"{plan_url}/items/1",
            data=edit,
            allow_redirects=False,
            name="save plan (edit)",
            catch_response=True,
        ) as saved:
            _expect(saved, 303)
        self.client.get(plan_url, name="plan page")
        roll = random.random()
        if roll < 0.2:
            self.client.get(f"/plans/{token}.pdf", name="plan PDF")
        elif roll < 0.4:
            self.client.get(f"/plans/{token}.ics", name="plan calendar")
        elif roll < 0.6:
            shared = self.client.post(
                f"/plans/{token}/share",
                data={"csrf_token": self.csrf, "label": "line-manager", "days": "30"},
                name="share plan",
            )
            link = re.search(
                r'id="new-link-value" type="text" readonly value="[^"]*(/shared/[^"]+)"',
                shared.text,
            )
            if link:
                self.client.get(link.group(1), name="shared plan page")
        with self.client.post(
            f"/plans/{token}/delete",
            data={"csrf_token": self.csrf},
            allow_redirects=False,
            name="delete plan",
            catch_response=True,
        ) as deleted:
            _expect(deleted, 303)


class RoutePage(HttpUser):
    """Asks for one route page as fast as the server answers."""

    fixed_count = 1
    wait_time = constant(0)

    @task
    def route(self) -> None:
        ask_for_route(self, ROUTE_PAGE, "route page (closed loop)")


class Health(HttpUser):
    """Asks for /healthz as fast as the server answers."""

    fixed_count = 1
    wait_time = constant(0)

    @task
    def health(self) -> None:
        self.client.get("/healthz", name="/healthz (closed loop)")
