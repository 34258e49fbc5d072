"""Fuzz every API operation and every form, and count the answers that were 500s.

    .venv/bin/python bench/fuzz.py                  # about 3,300 requests
    .venv/bin/python bench/fuzz.py --examples 50     # per target; fewer for a quick look

The project's own fuzzing, in one run, through the Flask test client (the
whole app, no network):

* **The API**: schemathesis makes requests for every operation in
  ``/api/openapi.json``.
* **The edges** (issue 18): bodies around the 256 KB limit, with and without
  a ``Content-Length``, on every form's address; ``Host`` headers of any
  text; methods a page does not take; ``on=`` written every way.
* **The forms**: every form on the planner's pages (found in the HTML, with
  their fields and the options they offer), sent by hypothesis with those
  options, odd text, huge numbers, digits from other scripts (``²``) and empty
  values; date boxes also get the limits of a date and of C's whole numbers
  (``2147483648``); a plan's edit pages get the plan's current version half
  the time, to get past that check; and the addresses with numbers in them
  (``.../share/<id>/stop``).

It prints how many requests were sent, how many were answered with a 5xx, and
each distinct error (where, and the exception's type) so it can be fixed.
Rate limits and CSRF checks are off for the run: they have their own tests.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner import create_app

ODD = st.one_of(
    st.sampled_from(
        ["", " ", "0", "-1", "²", "١٢", "2147483648", "99999999999999999999999", "1e309", "NaN", "2027-02-30",
         "\x00", "<script>", "a" * 300, "convicted", "../../etc", "%00", "\u200b"]
    ),
    st.integers(-(10**25), 10**25).map(str),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
)  # fmt: skip
#: A date box (``...-day``, ``-month``, ``-year``): real-looking numbers, the limits of a date
#: (year 9999) and of C's whole numbers (2**31, 2**63), or anything odd; never left out.
DATE_BOX = st.one_of(
    st.integers(0, 32).map(str),
    st.sampled_from(["2027", "1899", "9999", "10000", "2147483648", "9223372036854775808"]),
    ODD,
)
#: Stands for the plan's version at the moment a form is sent.
CURRENT = "@current-version"


class Errors(logging.Handler):
    """Collects the exceptions the app logged while answering with a 500."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[0]:
            kind, value = record.exc_info[0], record.exc_info[1]
            self.seen.append(
                f"{kind.__name__}: {str(value).splitlines()[0][:120] if value else ''}"
            )


class Fuzzer:
    def __init__(self, examples: int, folder: Path):
        self.app = create_app(
            {
                "TESTING": True,
                "DATABASE": str(folder / "fuzz.sqlite"),
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
            }
        )
        self.app.testing = False  # errors become 500 pages, as in production
        self.client = self.app.test_client()
        self.examples = examples
        self.requests = 0
        self.failures: Counter[str] = Counter()
        self.errors = Errors()
        self.app.logger.addHandler(self.errors)

    def send(self, method: str, url: str, where: str, **kwargs) -> int:
        self.requests += 1
        before = len(self.errors.seen)
        status = self.client.open(url, method=method, **kwargs).status_code
        if status >= 500:
            cause = self.errors.seen[before] if len(self.errors.seen) > before else "no log"
            self.failures[f"{method} {where}: {cause}"] += 1
        return status

    def settings(self):
        return settings(
            max_examples=self.examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )

    # --- the API -------------------------------------------------------------------------

    def api(self) -> None:
        import schemathesis

        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", self.app)
        for result in schema.get_all_operations():
            self.operation(result.ok())

    def operation(self, operation) -> None:
        where = f"{operation.method.upper()} {operation.path}"

        @self.settings()
        @given(case=operation.as_strategy())
        def check(case):
            self.requests += 1
            before = len(self.errors.seen)
            response = case.call(headers={"Accept-Encoding": "identity"})
            if response.status_code >= 500:
                cause = self.errors.seen[before] if len(self.errors.seen) > before else ""
                self.failures[f"{where}: {cause}"] += 1

        check()

    # --- the forms -----------------------------------------------------------------------

    def new_plan(self) -> str:
        data = {"to": "business-admin-assistant", "have": ["teamwork"], "route": "1"}
        location = self.client.post("/plans", data=data).headers["Location"]
        return urlsplit(location).path.rsplit("/", 1)[1]

    def forms_on(self, url: str) -> list[tuple[str, str, dict[str, list[str]]]]:
        """(method, action, {field: offered values}) for each form on a page."""
        page = BeautifulSoup(self.client.get(url).get_data(as_text=True), "html.parser")
        found = []
        for form in page.select("form"):
            action = form.get("action") or urlsplit(url).path
            if action.endswith("/delete"):
                continue  # deleting the plan would make every later form a 404
            fields: dict[str, list[str]] = {}
            for field in form.select("input[name], select[name], textarea[name]"):
                offered = [o.get("value", "") for o in field.select("option")]
                if field.get("value") is not None:
                    offered.append(field["value"])
                fields.setdefault(field["name"], []).extend(offered)
            found.append((form.get("method", "get").upper(), action, fields))
        return found

    def version_on(self, url: str) -> list[str]:
        """The plan version a page's forms send now, as a one-item list (empty if none)."""
        return next((f["version"][:1] for _, _, f in self.forms_on(url) if "version" in f), [])

    def form(self, method: str, action: str, fields: dict[str, list[str]], where: str) -> None:
        """Each field gets one of the values the page offers for it, or an odd one, or nothing:
        near-real forms reach the checks behind the first one."""

        def field(offered: list[str]):
            choices = [v for v in offered if v]
            real = st.sampled_from(choices) if choices else ODD
            return st.none() | real | ODD | st.lists(real | ODD, min_size=2, max_size=3)

        strategies = {
            name: DATE_BOX if re.search("-(day|month|year)$", name) else field(fields[name])
            for name in sorted(fields)
        }
        # A plan's edit pages check the plan's version first (409 if it is old), and every
        # save moves it on: half the time, send the plan's version now, to reach the rest.
        version = fields.get("version", [])[:1]
        if version:
            strategies["version"] = st.just(CURRENT) | strategies["version"]
        strategy = st.fixed_dictionaries(strategies)

        @self.settings()
        @given(data=strategy)
        def post(data):
            data = {k: version[0] if v == CURRENT else v for k, v in data.items() if v is not None}
            if method == "GET":
                self.send("GET", action, where, query_string=data)
            elif "plan" in fields:
                self.upload(action, where, data)
            elif self.send("POST", action, where, data=data) == 303 and version:
                version[:] = self.version_on(action) or version

        post()

    def upload(self, action: str, where: str, data: dict) -> None:
        """An uploaded plan file: a real one with fields swapped for odd JSON."""
        body = json.dumps(
            {**self.plan_file, **{k: v for k, v in data.items() if k in self.plan_file}}
        )
        files = {"plan": (io.BytesIO(body.encode()), "plan.json", "application/json")}
        self.send("POST", action, where, data=files)

    def plan_files(self) -> None:
        """Uploads built from a real plan file, with odd JSON in its fields, and nesting."""
        keys = sorted(self.plan_file)
        odd_json = st.recursive(
            st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=8), inner, max_size=3)
            ),
            max_leaves=10,
        )
        # Files nested 1,000 lists deep (2 KB of brackets) and 30,000 (60 KB): hypothesis raises
        # Python's recursion limit while it runs, so the first alone could hide the fault.
        deep = st.sampled_from([1000, 30000])

        @self.settings()
        @given(changes=st.dictionaries(st.sampled_from(keys), odd_json | deep, max_size=4))
        def send(changes):
            depth = next((v for v in changes.values() if v in (1000, 30000)), None)
            if depth and isinstance(depth, int):
                text = json.dumps({**self.plan_file, "items": "@"}).replace(
                    '"@"', "[" * depth + "]" * depth
                )
                files = {"plan": (io.BytesIO(text.encode()), "plan.json", "application/json")}
                self.send("POST", "/plans/import", "/plans/import (file)", data=files)
                return
            self.upload("/plans/import", "/plans/import (file)", changes)

        send()

    def forms(self) -> None:
        token = self.new_plan()
        self.plan_file = json.loads(self.client.get(f"/plans/{token}.json").data)
        plan = f"/plans/{token}"
        pages = ["/", "/roles", "/route?to=admin-team-lead&have=teamwork", "/check-spent",
                 "/compare?job=admin-team-lead&job=porter", "/plans/import", plan,
                 f"{plan}/share", f"{plan}/support", f"{plan}/items/new", f"{plan}/items/1",
                 f"{plan}/reviews/new", f"{plan}/agree", f"{plan}/items/1/remove"]  # fmt: skip
        for page in pages:
            for method, action, fields in self.forms_on(page):
                where = re.sub(r"[A-Za-z0-9_-]{43}", "<token>", action)
                self.form(method, action, fields, where)

    def edges(self) -> None:
        token = self.new_plan()
        plan = f"/plans/{token}"
        actions = ["/check-spent", "/plans", "/plans/import", f"{plan}/support", f"{plan}/agree",
                   f"{plan}/items/new", f"{plan}/share", f"{plan}/delete", "/route", "/api/routes",
                   "/healthz"]  # fmt: skip
        limit = 256 * 1024

        @self.settings()
        @given(
            action=st.sampled_from(actions),
            size=st.sampled_from([0, 1, limit - 1, limit, limit + 1, 2 * limit]),
            says_length=st.booleans(),
        )
        def big(action, size, says_length):
            body = io.BytesIO(b"x=" + b"a" * max(0, size - 2))
            extra = {"content_length": size} if says_length else {}
            self.send(
                "POST", action, re.sub(r"[A-Za-z0-9_-]{43}", "<token>", action),
                input_stream=body, content_type="application/x-www-form-urlencoded",
                environ_overrides={"wsgi.input_terminated": not says_length}, **extra,
            )  # fmt: skip

        hosts = st.one_of(
            st.text(st.characters(min_codepoint=33, max_codepoint=0x2FF), max_size=300),
            st.lists(st.text("ab-_9.", max_size=70), max_size=5).map(".".join),
            st.tuples(st.text("a.", max_size=20), st.text("0123456789x", max_size=7)).map(":".join),
        )

        @self.settings()
        @given(host=hosts, path=st.sampled_from(["/", "/healthz", "/route?to=porter", plan]))
        def host(host, path):
            self.send("GET", path, f"Host on {path}", headers={"Host": host})

        @self.settings()
        @given(
            method=st.sampled_from(["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "POST"]),
            path=st.sampled_from(
                [
                    "/",
                    "/roles",
                    "/api/roles",
                    "/api/routes?to=porter",
                    "/healthz",
                    "/readyz",
                    "/privacy",
                    plan,
                ]
            ),
        )
        def methods(method, path):
            self.send(method, path, f"{method} {path}")

        @self.settings()
        @given(
            on=st.one_of(ODD, st.dates().map(str), st.dates().map(lambda d: d.strftime("%Y%m%d")))
        )
        def on(on):
            self.send(
                "GET", "/api/routes?" + urlencode({"to": "porter", "on": on}), "/api/routes on="
            )

        for part in (big, host, methods, on):
            part()

    def numbers_in_addresses(self) -> None:
        token = self.new_plan()

        @self.settings()
        @given(number=st.integers(0, 10**30), role=ODD)
        def ask(number, role):
            self.send("POST", f"/plans/{token}/share/{number}/stop", "/plans/<t>/share/<id>/stop")
            self.send("GET", f"/roles/{role}", "/roles/<id>")

        ask()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=150, help="examples per target")
    args = parser.parse_args()
    logging.getLogger("planner").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        fuzzer = Fuzzer(args.examples, Path(tmp))
        parts = (fuzzer.api, fuzzer.edges, fuzzer.forms, fuzzer.plan_files,
                 fuzzer.numbers_in_addresses)  # fmt: skip
        for part in parts:
            part()
            print(f"{part.__name__}: {fuzzer.requests} requests so far", flush=True)
    total = sum(fuzzer.failures.values())
    print(f"{fuzzer.requests} requests, {total} answered with a 5xx")
    for where, count in fuzzer.failures.most_common():
        print(f"  {count:4d}  {where}")


if __name__ == "__main__":
    main()
