"""A code to scan (a QR code) of a plan's link, for the screen and for paper.

Only ever of a link the page already shows in words; on paper only when the person asked
for the link (``?link=1``). A phone's camera opens the link, so nobody types 43 letters.
"""

from __future__ import annotations

import segno
from markupsafe import Markup

__all__ = ["scan_code"]


def scan_code(link: str) -> Markup:
    """The link as an inline SVG QR code (medium error correction: a creased sheet still scans).

    >>> str(scan_code("https://example.org/plans/x")).startswith('<svg width="')
    True
    """
    svg = segno.make(link, error="m").svg_inline(scale=3, title="Code to scan: the link")
    return Markup(svg)  # segno writes only the path of the code and the title given here
