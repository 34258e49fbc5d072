"""The offline edition: ``planner pack DIR`` writes a static site, a zip, a SCORM 1.2 package
and a printable booklet, for people inside prison with no internet.

``starts`` names the starting points, ``routes`` asks the app's own route search for each,
``site`` renders every page through the app's own views with file links (``links``),
``scorm`` writes the manifest, ``booklet`` the PDF, and ``build`` puts it all in place.
"""
