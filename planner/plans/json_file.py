"""A plan as a JSON file the person can keep, and the strict check when it comes back.

The download holds exactly what the plan holds: no token, no id, nothing about
the person. Its keys are the fields of the records in :mod:`planner.plans.model`
and each is checked by that field's type and :class:`~planner.plans.model.Rule`,
so a new field needs no change here. An upload must match the format exactly
and name only skills, roles, courses and experience the planner knows; anything
else is refused with a list of what was wrong, and nothing is saved.

Version 2 of the format added the role each side named when agreeing; a
version 1 file (from before) lacks those keys and comes back with them empty.
Version 3 added, for each review, the day it was done and its note; older files'
reviews come back not done, with no note.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from planner.pathways.model import Catalogue
from planner.plans.forms import clean_text, mentions_justice
from planner.plans.model import NewPlan, Plan, Shape, shapes
from planner.plans.service import agreement_of, same_role

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ImportProblems",
    "other_file_kind",
    "plan_from_json",
    "plan_to_json",
    "read_plan_file",
]

FORMAT = "nhs-career-plan"
FORMAT_VERSION = 3
#: The versions an upload may be: each field's ``file_since`` says which carry it.
FORMAT_VERSIONS = tuple(range(1, FORMAT_VERSION + 1))
#: A plan file is four levels deep (plan, items, an item, its gains); anything far deeper is not one.
MAX_DEPTH = 8
#: What a plan file may name, by the ``known`` of a field's rule.
_NAMES = {"role": "a job in the planner", "skill": "skills in the planner"}
_AGREEMENT = ("employee_on", "employee_current", "manager_on", "manager_current")


class ImportProblems(ValueError):
    """Everything wrong with an uploaded plan, each with where it is."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _file_name(shape: Shape) -> str:
    return shape.rule.file_name or shape.name


def _in_file(record: type, version: int = FORMAT_VERSION) -> list[Shape]:
    """The fields a file of this format version carries for a record."""
    return [s for s in shapes(record) if s.rule.in_file and s.rule.file_since <= version]


# --- Writing ---------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return _json_record(value)
    return value


def _json_record(record: Any, kind: type | None = None) -> dict[str, Any]:
    """The fields of a record (as the ``kind`` of record, if given) under their file names."""
    fields = _in_file(kind or type(record))
    return {_file_name(s): _json_value(getattr(record, s.name)) for s in fields}


def plan_to_json(plan: Plan, today: date) -> dict[str, Any]:
    """The plan as a plain dict, ready for ``json.dumps``."""
    agreement = agreement_of(plan)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_on": today.isoformat(),
        **_json_record(plan, NewPlan),
        "agreement": {
            "employee_on": _json_value(plan.employee_agreed_on),
            "employee_current": agreement.employee_current,
            "manager_on": _json_value(plan.manager_agreed_on),
            "manager_current": agreement.manager_current,
        },
    }


# --- Reading ---------------------------------------------------------------------------------


def _too_deep(text: str) -> bool:
    """Whether brackets nest deeper than any plan file does (outside strings).

    Python's parser would give up with a RecursionError at about 1,000 levels:
    a 2 KB file could do that.

    >>> _too_deep('{"a": [[["[[[[[[[[[[ in a string"]]]}'), _too_deep("[" * 9 + "]" * 9)
    (False, True)
    """
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's keys, each once (in one pass: a quadratic check let a big file cost seconds)."""
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: set[str] = set()
        repeated = sorted({k for k, _ in pairs if k in seen or seen.add(k)})
        raise ImportProblems([f"the key {', '.join(repeated)} is in the file twice"])
    return found


#: Digits in the longest whole number a plan file holds (a version, a count of weeks), with room.
MAX_DIGITS = 18


def _whole_number(text: str) -> int:
    """A JSON whole number, refused if far longer than any in a plan. Python would take up
    to 4,300 digits (slowly: converting is quadratic) and then fail with no line number."""
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ImportProblems(["a number in the file is longer than any a plan holds"])
    return int(text)


def _no_constant(name: str) -> Any:
    raise ImportProblems([f"{name} is not a number a plan file can hold"])


#: How the files people bring instead of a plan file begin: the plan's PDF handout, its
#: calendar file, a photo of a printout, a document.
_OTHER_FILES = (
    ("pdf", (b"%PDF-",)),
    ("calendar", (b"BEGIN:VCALENDAR",)),
    ("picture", (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF")),
    ("document", (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf")),
)


def other_file_kind(raw: bytes) -> str | None:
    """What kind of file this is, when it is plainly not a plan file but something people
    keep beside one: ``pdf``, ``calendar``, ``picture`` or ``document``; else ``None``.

    >>> other_file_kind(b"%PDF-1.4 ..."), other_file_kind(b"\\xef\\xbb\\xbfBEGIN:VCALENDAR\\r\\n")
    ('pdf', 'calendar')
    >>> other_file_kind(b'{"format": "nhs-career-plan"}') is None
    True
    """
    start = raw[:64].removeprefix(b"\xef\xbb\xbf").lstrip()
    for kind, signatures in _OTHER_FILES:
        if start.startswith(signatures):
            return kind
    return "picture" if start[4:8] == b"ftyp" else None  # a phone's photo (HEIC)


def read_plan_file(raw: bytes) -> Any:
    """The JSON in an uploaded file, refusing what no plan file holds.

    Raises :class:`ImportProblems` for text that is not UTF-8 JSON, nesting far
    deeper than a plan, a key given twice (which would silently hide one of
    the two values), a whole number longer than any in a plan, and ``NaN`` or
    ``Infinity``. It takes time in step with the file's size.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportProblems(["the file is not text"]) from None
    if _too_deep(text):
        raise ImportProblems(["the file has lists inside lists far deeper than a plan has"])
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_repeats,
            parse_constant=_no_constant,
            parse_int=_whole_number,
        )
    except ValueError as err:
        if isinstance(err, ImportProblems):
            raise
        raise ImportProblems([f"the file is not JSON (line {err.lineno})"]) from None


class _Checker:
    def __init__(self, catalogue: Catalogue, version: int = FORMAT_VERSION):
        self.problems: list[str] = []
        self.version = version
        roles = {r.id for r in catalogue.roles}
        self.known = {"role": roles, "skill": {s.id for s in catalogue.skills}}
        self.steps = {
            "course": {x.id for x in catalogue.learning if x.kind == "course"},
            "apprenticeship": {x.id for x in catalogue.learning if x.kind == "apprenticeship"},
            # Time in a job before moving up a band is an experience step named by its rule.
            "experience": {x.id for x in catalogue.experience}
            | set(catalogue.by_id["time_in_post"]),
            "role": roles,
        }

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def keys(self, value: Any, expected: set[str], where: str) -> bool:
        if not isinstance(value, dict):
            self.fail(where, "must be an object")
            return False
        missing, extra = expected - value.keys(), value.keys() - expected
        if missing:
            self.fail(where, f"missing {', '.join(sorted(missing))}")
        if extra:
            self.fail(where, f"unknown {', '.join(sorted(str(k) for k in extra))}")
        return not missing and not extra

    def text(self, value: Any, where: str, limit: int, required: bool = False) -> str:
        if not isinstance(value, str):
            self.fail(where, "must be text")
            return ""
        clean = clean_text(value)
        if len(clean) > limit:
            self.fail(where, f"must be {limit} characters or fewer")
        if required and not clean:
            self.fail(where, "must not be empty")
        if mentions_justice(clean):
            self.fail(where, "must not include details of any conviction")
        return clean

    def day(self, value: Any, where: str, required: bool = False) -> date | None:
        if value is None and not required:
            return None
        try:
            day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            day = None
        if day is None or not date(2000, 1, 1) <= day <= date(2100, 12, 31):
            self.fail(where, "must be a date like 2027-03-31")
        return day

    def choice(self, value: Any, choices, where: str) -> str:
        if not isinstance(value, str) or value not in choices:
            self.fail(where, f"must be one of {', '.join(choices)}")
            return next(iter(choices))
        return value

    def whole(self, value: Any, where: str, maximum: int) -> int:
        # type() and not isinstance(): true is a bool, and 1.0 a float, never a count of weeks.
        if type(value) is not int or not 0 <= value <= maximum:
            self.fail(where, f"must be a whole number from 0 to {maximum}")
            return 0
        return value

    def ids(self, value: Any, known: set[str], where: str, limit: int = 200) -> tuple[str, ...]:
        if not isinstance(value, list) or len(value) > limit:
            self.fail(where, f"must be a list of up to {limit} ids")
            return ()
        good = [v for v in value if isinstance(v, str) and v in known]
        unknown = [v for v in value if not (isinstance(v, str) and v in known)]
        if unknown:
            self.fail(where, f"unknown ids {', '.join(str(u)[:80] for u in unknown[:5])}")
        if len(set(good)) != len(good):
            self.fail(where, "has the same id twice")
        return tuple(good)

    def records(self, shape: Shape, value: Any, where: str) -> tuple[Any, ...]:
        low, high = (1 if shape.rule.required else 0), shape.rule.max_count
        if not isinstance(value, list) or not low <= len(value) <= high:
            span = f"{low} to {high}" if low else f"up to {high}"
            self.fail(where, f"must be a list of {span} {where}")
            return ()
        found = [self.record(shape.records, v, f"{where}[{n}]") for n, v in enumerate(value)]
        return tuple(r for r in found if r is not None)

    def field(self, shape: Shape, value: Any, where: str) -> Any:
        """One field checked by its type and rule."""
        limit = shape.rule
        if shape.records is not None:
            return self.records(shape, value, where)
        if shape.kind is list:
            return self.ids(value, self.known[limit.known or "skill"], where)
        if shape.kind is date:
            return self.day(value, where, required=not shape.optional)
        if shape.kind is int:
            return self.whole(value, where, limit.maximum or 0)
        if shape.optional and value is None:
            return None
        if limit.choices:
            return self.choice(value, limit.choices, where)
        if limit.known in self.known:
            if not isinstance(value, str) or value not in self.known[limit.known]:
                or_null = ", or be null" if shape.optional else ""
                self.fail(where, f"must name {_NAMES[limit.known]}{or_null}")
            return value
        if limit.known == "step":
            return value if isinstance(value, str) else None  # checked with its step_kind
        return self.text(value, where, limit.max_length or 0, required=limit.required)

    def record(self, record: type, value: Any, where: str, **extra: Any) -> Any:
        """A record from a JSON object with exactly the record's keys, or ``None``."""
        fields = _in_file(record, self.version)
        if not self.keys(value, {_file_name(s) for s in fields} | set(extra), where):
            return None
        inside = "" if record is NewPlan else f"{where}."
        values = {
            s.name: self.field(s, value[_file_name(s)], inside + _file_name(s)) for s in fields
        }
        if "ref" in values and "step_kind" in values:
            self.step(values["ref"], value["ref"], values["step_kind"], where)
        return values if record is NewPlan else record(**values)

    def step(self, ref: str | None, raw: Any, step_kind: str | None, where: str) -> None:
        """An item from a route step names a known step of that kind."""
        from_a_step = raw is not None or step_kind is not None
        if from_a_step and (ref is None or ref not in self.steps.get(step_kind or "", set())):
            self.fail(f"{where}.ref", "must name a known course, job or experience")


def _agreement(check: _Checker, value: Any, content: dict[str, Any]) -> dict[str, Any] | None:
    """The agreement block (dates, and whether each agreement is still current), with the
    role each side named: only beside a date, and never the same role for both sides."""
    if not check.keys(value, set(_AGREEMENT), "agreement"):
        return None
    agreed: dict[str, Any] = {}
    for who in ("employee", "manager"):
        agreed[f"{who}_on"] = check.day(value[f"{who}_on"], f"agreement.{who}_on")
        current = value[f"{who}_current"]
        if not isinstance(current, bool) or (current and not agreed[f"{who}_on"]):
            check.fail(f"agreement.{who}_current", "must be true only with a date")
        agreed[f"{who}_current"] = current is True
        if content.get(f"{who}_agreed_as") and not agreed[f"{who}_on"]:
            check.fail(f"{who}_agreed_as", f"must be empty unless agreement.{who}_on has a date")
    if same_role(content.get("employee_agreed_as", ""), content.get("manager_agreed_as", "")):
        check.fail("manager_agreed_as", "must not be the role the employee named")
    return agreed


def _version_of(data: Any) -> int | None:
    """The format version a file says it is, if it is a plan file of a version read here."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    version = data.get("format_version")
    # type() and not isinstance(): true is a bool, and 1.0 a float, never a version.
    return version if type(version) is int and version in FORMAT_VERSIONS else None


def plan_from_json(data: Any, catalogue: Catalogue) -> NewPlan:
    """Check an uploaded plan against the format and the catalogue. Raises :class:`ImportProblems`."""
    version = _version_of(data)
    check = _Checker(catalogue, version or FORMAT_VERSION)
    header = {"format", "format_version", "exported_on", "agreement"}
    content = check.record(NewPlan, data, "plan", **dict.fromkeys(header))
    if content is None:
        raise ImportProblems(check.problems)
    if version is None:
        *first, last = (str(v) for v in FORMAT_VERSIONS)
        versions = f"{', '.join(first)} or {last}" if first else last
        check.fail("plan", f"is not an {FORMAT} file of version {versions}")
    check.day(data["exported_on"], "exported_on", required=True)
    agreed = _agreement(check, data["agreement"], content)
    if check.problems or agreed is None:
        raise ImportProblems(check.problems)
    stale = any(agreed[f"{w}_on"] and not agreed[f"{w}_current"] for w in ("employee", "manager"))
    content_version = 2 if stale else 1

    def agreed_version(who: str) -> int | None:
        if not agreed[f"{who}_on"]:
            return None
        return content_version if agreed[f"{who}_current"] else content_version - 1

    return NewPlan(
        **content,
        content_version=content_version,
        employee_agreed_on=agreed["employee_on"],
        employee_agreed_version=agreed_version("employee"),
        manager_agreed_on=agreed["manager_on"],
        manager_agreed_version=agreed_version("manager"),
    )
