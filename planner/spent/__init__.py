"""The spent-date checker: the Rehabilitation of Offenders Act and DBS filtering rules
(pure, no Flask: :mod:`planner.spent.rules`), and the page that reads a person's answers
and shows what the rules say (:mod:`planner.spent.views`, blueprint "spent").

This package's ``__init__`` imports nothing, so the rules load without Flask.
"""
