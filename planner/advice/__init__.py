"""Advice for someone with a record, job by job: what a record changes, the way in as it
really goes, getting ready, and private help with a statement.

``job.py`` holds the functions (catalogue and role in, plain data out) that the pages and
the offline pack both use; ``views.py`` is the blueprint. The words are in
``content/record_advice.json``; the facts are each job's own data.
"""
