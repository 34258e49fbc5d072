"""Explore: the start page, the jobs, one job, and the route to a chosen job (blueprint "explore").

``answers`` is the one parser of a person's answers (shared with plans and the
API), ``contexts`` works out what each page area shows, ``drawing`` lays a
route out for its picture, and ``route_cache`` remembers answers per process.
The blueprint is ``planner.explore.views.bp``; this file imports nothing, so a module
that needs only an explore helper (``labels``, say) does not pull in every page.
"""
