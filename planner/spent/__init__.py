"""The spent-date checker.

The rules are a pure package (no Flask, standard library only):
:mod:`~planner.spent.rules` reads and checks the rules file,
:mod:`~planner.spent.records` holds what is entered and what is answered,
:mod:`~planner.spent.periods` says when one conviction becomes spent,
:mod:`~planner.spent.filtering` whether DBS filtering leaves it off,
:mod:`~planner.spent.combination` how several change each other (``assess``), and
:mod:`~planner.spent.shows` what a check level shows on a date.
The web side reads the form (:mod:`~planner.spent.form`) and shows the page
(:mod:`~planner.spent.views`, blueprint "spent").

This package's ``__init__`` imports nothing, so the rules load without Flask.
"""
