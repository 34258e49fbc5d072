"""The site's promise, checked before anything is written: every link is a file in the pack.

No page may hold a form, a script or a frame, or name anything outside the pack (another
website, or a path from the root of the disk); every link and file a page names must be
there, and every ``#part`` of a link must be an id on the page it points at.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["PackLinkError", "check_links", "page_links"]

#: Elements a page of the pack must not hold: nothing to send, nothing to run.
FORBIDDEN = {"form", "script", "iframe", "object", "embed", "input", "textarea", "select"}
#: Attributes that name another file.
LINKING = {"href", "src", "srcset", "action", "poster", "data"}
_CSS_URL = re.compile(r"url\((['\"]?)([^'\")]+)\1\)")


class PackLinkError(RuntimeError):
    """Pages of the pack that break its promise; each line says which page and what."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("The offline pack is not right:\n" + "\n".join(problems[:50]))


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.forbidden: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN:
            self.forbidden.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in LINKING and value is not None:
                if name == "srcset":
                    self.links += [part.split()[0] for part in value.split(",") if part.strip()]
                else:
                    self.links.append(value)


def page_links(html: str) -> tuple[list[str], set[str], list[str]]:
    """A page's links, its ids, and the forbidden elements it holds."""
    parser = _Page()
    parser.feed(html)
    parser.close()
    return parser.links, parser.ids, parser.forbidden


def _problem_with(link: str, page: str, root: Path, ids: dict[str, set[str]]) -> str | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("/"):
        return f"{page}: links outside the pack: {link}"
    if parts.query:
        return f"{page}: a link with a query cannot work from a folder: {link}"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if parts.path and (target.startswith("..") or not (root / target).is_file()):
        return f"{page}: links to a file the pack does not have: {link}"
    if not parts.path:
        target = page
    if parts.fragment and target in ids and parts.fragment not in ids[target]:
        return f"{page}: links to #{parts.fragment}, which {target} does not have"
    return None


def check_links(root: Path) -> None:
    """Check every page and style sheet under ``root``; raise :class:`PackLinkError` if any fails."""
    pages = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*.html"))}
    found = {name: page_links(path.read_text(encoding="utf-8")) for name, path in pages.items()}
    ids = {name: page_ids for name, (_, page_ids, _) in found.items()}
    problems = []
    for name, (links, _, forbidden) in found.items():
        problems += [f"{name}: has a <{tag}>" for tag in sorted(set(forbidden))]
        problems += [p for link in links if (p := _problem_with(link, name, root, ids))]
    for sheet in sorted(root.rglob("*.css")):
        name = sheet.relative_to(root).as_posix()
        for _, ref in _CSS_URL.findall(sheet.read_text(encoding="utf-8")):
            if not ref.startswith("data:") and (p := _problem_with(ref, name, root, ids)):
                problems.append(p)
    if problems:
        raise PackLinkError(problems)
