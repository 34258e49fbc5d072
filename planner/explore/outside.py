"""Links to other services: NHS Jobs, and finders for courses and apprenticeships.

Their addresses are kept in one place, ``content/links.json``, with a note of
how each was checked; :func:`outside_link` fills in the words to search for.
No Flask here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote_plus, urlsplit

from planner.help.content import load_content
from planner.pathways.model import Experience, Learning

__all__ = ["OutsideLink", "finder_link", "outside_link"]


@dataclass(frozen=True)
class OutsideLink:
    """A link to another service: its words, its address, and the service's name."""

    text: str
    url: str
    service: str

    @property
    def site(self) -> str:
        """The service's own address, to note down where there is no link (the offline edition).

        >>> outside_link("nhs-jobs", "Porter").site
        'https://www.jobs.nhs.uk'
        """
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


def outside_link(kind: str, term: str) -> OutsideLink:
    """A link to the service ``kind`` in ``content/links.json`` that searches for ``term``.

    >>> outside_link("nhs-jobs", "Porter").url
    'https://www.jobs.nhs.uk/candidate/search/results?keyword=Porter'
    """
    entry = load_content("links")["links"][kind]
    return OutsideLink(
        text=entry["text"].format(term=term),
        url=entry["url"].format(term=quote_plus(term)),
        service=entry["name"],
    )


#: "Business Administrator apprenticeship Level 3" -> "Business Administrator".
_SEARCH_WORDS = re.compile(r"\s+(?:degree\s+)?(?:apprenticeship|course)\b.*$", re.IGNORECASE)


def finder_link(item: Learning | Experience | None) -> OutsideLink | None:
    """Where to find a place on a course or apprenticeship near you; None for experience.

    >>> from planner.pathways.testing import tiny_catalogue
    >>> finder_link(tiny_catalogue().item("fs-maths-2")).service
    'Find a course (National Careers Service)'
    """
    if not isinstance(item, Learning):
        return None
    kind = "apprenticeship-finder" if item.kind == "apprenticeship" else "course-finder"
    if item.id in load_content("links")["links"][kind].get("skip", []):
        return None
    return outside_link(kind, _SEARCH_WORDS.sub("", item.name).strip())
