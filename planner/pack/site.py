"""Every page of the offline site, asked of the app's own views, with links that are files.

Each page is fetched through the app (its views, context functions and templates) with a
:class:`PackPage` in the request (see :mod:`planner.web.offline`), so the pack's pages are
the app's pages: only their links differ, and what cannot work from a folder is left out.
The pack's one page of its own is the front page, which says what the pack is.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask, g, render_template

from planner.config import ROOT
from planner.pack.routes import RouteGroup
from planner.pack.starts import StartingPoint, answers_key, pack_words
from planner.web.offline import ENVIRON_KEY, NotInPack

__all__ = ["PackPage", "SiteMap", "write_site"]

#: Pages that are one file whatever the answers.
FIXED_PAGES = {
    "explore.start": "index.html",
    "explore.roles": "jobs/index.html",
    "explore.learning": "courses.html",
    "help.index": "help/index.html",
    "help.words": "help/words.html",
    "spent.how_it_works": "help/spent.html",
}
#: Pages of one job besides its own page: the endpoint, and both the file name after the
#: job's id and the app's address after /roles/<id>/.
JOB_PAGES = {"advice.ready": "getting-ready", "advice.statement": "your-statement"}

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.DOTALL)
_BLANK_LINES = re.compile(r"[ \t]*\n\s*")
_CSS_URL = re.compile(r"url\((['\"]?)([^'\")]+)\1\)")


@dataclass
class SiteMap:
    """What the site holds and where: the date it was made, the jobs and their route pages."""

    made_on: str
    role_ids: frozenset[str]
    groups: dict[str, list[RouteGroup]]
    starts: list[StartingPoint]
    statics: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._route_pages = {
            (group.role_id, start.key): group.path
            for groups in self.groups.values()
            for group in groups
            for start in group.starts
        }

    def path_of(self, endpoint: str, values: dict[str, Any]) -> str:
        """The file that holds ``endpoint`` with these values; :class:`NotInPack` if none."""
        if endpoint in FIXED_PAGES:
            return FIXED_PAGES[endpoint]
        if endpoint == "explore.role" and values.get("role_id") in self.role_ids:
            return f"jobs/{values['role_id']}.html"
        if endpoint in JOB_PAGES and values.get("role_id") in self.role_ids:
            return f"jobs/{values['role_id']}-{JOB_PAGES[endpoint]}.html"
        if endpoint == "explore.route":
            release = (values.get("release_month"), values.get("release_year"))
            known = tuple(int(n) for n in release) if all(release) else None
            key = (values.get("to"), answers_key(values.get("status"), values.get("have"), known))
            if key in self._route_pages:
                return self._route_pages[key]
        raise NotInPack(endpoint, values)

    def route_group(self, role_id: str, start: StartingPoint) -> RouteGroup:
        return next(g for g in self.groups[role_id] if start in g.starts)

    def pages(self) -> list[PackPage]:
        """Every page the site holds, with the address the app answers it at."""
        pages = [PackPage("index.html", self)]
        pages += [
            PackPage(path, self, url=_URLS[endpoint])
            for endpoint, path in FIXED_PAGES.items()
            if endpoint in _URLS
        ]
        for role_id in sorted(self.role_ids):
            pages.append(PackPage(f"jobs/{role_id}.html", self, url=f"/roles/{role_id}"))
            for endpoint, suffix in JOB_PAGES.items():
                path = self.path_of(endpoint, {"role_id": role_id})
                pages.append(PackPage(path, self, url=f"/roles/{role_id}/{suffix}"))
            for group in self.groups[role_id]:
                query = urlencode(list(group.starts[0].args(role_id).items(multi=True)))
                pages.append(PackPage(group.path, self, url=f"/route?{query}", group=group))
        return pages


#: The app's addresses of the pages in FIXED_PAGES (the front page is the pack's own).
_URLS = {
    "explore.roles": "/roles",
    "explore.learning": "/learning",
    "help.index": "/help",
    "help.words": "/help/words",
    "spent.how_it_works": "/check-spent/how-it-works",
}


@dataclass
class PackPage:
    """One page being written into the pack: the seam's :class:`~planner.web.offline.OfflinePage`.

    ``group`` is set on a route page: the starting points it is the answer for.
    """

    path: str
    site: SiteMap
    url: str | None = None
    group: RouteGroup | None = None

    @property
    def made_on(self) -> str:
        return self.site.made_on

    def relative(self, target: str) -> str:
        """``target`` (a path in the pack) as a link from this page."""
        return posixpath.relpath(target, posixpath.dirname(self.path) or ".")

    def page_href(self, endpoint: str, values: dict[str, Any]) -> str:
        values = dict(values)
        anchor = values.pop("_anchor", None)
        href = self.relative(self.site.path_of(endpoint, values))
        return f"{href}#{anchor}" if anchor else href

    def static_href(self, filename: str) -> str:
        self.site.statics.add(filename)
        return self.relative(f"static/{filename}")

    def routes_from(self, role_id: str) -> list[tuple[StartingPoint, str]]:
        """Each starting point, and the link to its routes to the job ``role_id``."""
        return [
            (start, self.relative(self.site.route_group(role_id, start).path))
            for start in self.site.starts
        ]


def _tidy(html: str) -> str:
    """No scripts (the NHS.UK template's one-line class setter included) and no blank lines."""
    return _BLANK_LINES.sub("\n", _SCRIPT.sub("", html))


def _render_page(app: Flask, client: Any, page: PackPage) -> str:
    if page.url is None:
        with app.test_request_context("/"):
            g.offline_page = page
            return render_template(
                "pack/index.html", nav="start", words=pack_words(), starts=page.site.starts
            )
    response = client.get(page.url, environ_overrides={ENVIRON_KEY: page})
    if response.status_code != 200:
        raise RuntimeError(f"{page.url} answered {response.status_code} while packing")
    return response.get_data(as_text=True)


def _copy_static(site: SiteMap, out: Path) -> None:
    """The static files the pages named, and the images their style sheets name."""
    todo = sorted(site.statics)
    done: set[str] = set()
    while todo:
        name = todo.pop()
        if name in done:
            continue
        done.add(name)
        source = ROOT / "static" / name
        target = out / "static" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        if name.endswith(".css"):
            for _, ref in _CSS_URL.findall(source.read_text(encoding="utf-8")):
                if "://" not in ref and not ref.startswith(("data:", "#")):
                    todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(name), ref)))


def write_site(app: Flask, site: SiteMap, out: Path) -> list[str]:
    """Write every page and the files they use into ``out``; the pages' paths in order."""
    client = app.test_client()
    written = []
    for page in site.pages():
        html = _tidy(_render_page(app, client, page))
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(page.path)
    _copy_static(site, out)
    return written
