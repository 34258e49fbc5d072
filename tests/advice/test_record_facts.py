"""What a record changes, job by job: each fact and rule as the data and its sources give it.

Sources are in the data (data/nhs_bands.json) and the words (content/record_advice.json); each
test names the one it pins.
"""

from __future__ import annotations

import re

import pytest

from planner.advice.facts import declaration_form, job_facts, stays_open, with_article
from planner.advice.job import (
    getting_ready,
    job_advice,
    record_changes,
    record_warnings,
    statement_prompts,
    when_you_apply,
)
from planner.help.content import load_content

#: The way into an NHS job as it really goes (NHS Employers: no record question on the form;
#: a conditional offer, then declaration form A or B, a talk, the DBS check, references).
APPLY_ORDER = (
    "application",
    "interview",
    "offer",
    "declaration",
    "conversation",
    "dbs",
    "references",
    "start",
)


def _texts(lines) -> str:
    return " ".join(line.text for line in lines)


# ---- the SIA licence -------------------------------------------------------------------------


def test_the_security_officers_licence_is_the_sias_with_its_two_and_five_year_rule(catalogue):
    """NHS Jobs adverts 916246999 and 916260214 ask for an SIA licence (2 of 4 band 2 security
    adverts in November 2020); the SIA refuses a licence for a relevant offence within 2 years
    of the end of the sentence, and for a serious one within 5 (its criminality criteria);
    since 1 December 2025 sentences over 12 months need more checks and over 48 months the SIA
    means to refuse (GOV.UK press release)."""
    role = catalogue.role("security-officer")
    (need,) = role.licences
    assert (need.licence, need.asked) == ("sia-security-guard-licence", "some")
    assert {s.url for s in need.sources} >= {
        "https://www.jobs.nhs.uk/xi/vacancy/916246999",
        "https://www.jobs.nhs.uk/xi/vacancy/916260214",
    }
    licence = catalogue.licence(need.licence)
    rule = licence.record
    assert (rule.refused_within_years, rule.serious_within_years) == (2, 5)
    assert (rule.longer_checks_over_months, rule.refused_over_months) == (12, 48)
    assert licence.check_url.startswith("https://www.gov.uk/guidance/check-if-you-can-get-an-sia")
    words = _texts(record_changes(catalogue, role).lines)
    assert "Some jobs like this ask for an SIA security guard licence" in words
    assert "from the last 2 years, counted from the end of the sentence" in words
    assert "For a serious offence, it is 5 years." in words
    assert "more than 12 months means more checks" in words
    assert "more than 4 years, the SIA means to refuse" in words
    assert "the law requires" not in words  # most NHS security jobs are in-house (SIA FOI)


def test_the_licence_tool_is_a_link_in_its_line(catalogue):
    line = next(line for line in record_changes(catalogue, "security-officer").lines if line.link)
    assert line.link.title == "the SIA's criminal record indicator"
    assert line.before + line.link.title + line.after == line.text


def test_only_jobs_whose_adverts_ask_have_a_licence(catalogue):
    with_licence = {r.id for r in catalogue.roles if r.licences}
    assert "security-officer" in with_licence
    assert not {"porter", "cook", "receptionist"} & with_licence


# ---- barred lists ----------------------------------------------------------------------------


def test_a_porter_on_the_adults_barred_list_cannot_move_patients(catalogue):
    """eSafeguarding: porters transporting adult patients do regulated activity (enhanced check
    with the adults' barred list); regulated activity is work a barred person must not do, and
    applying for it is an offence (Unlock); a porter who moves only equipment needs a standard
    check (NHS Employers' porter scenario)."""
    role = catalogue.role("porter")
    assert role.barred.lists == ("adults",) and role.barred.closes == "moving-patients"
    words = _texts(record_changes(catalogue, role).lines)
    assert (
        "If you are on the adults' barred list, you cannot do the parts of this job that move"
        " patients. It is against the law to apply for them." in words
    )
    assert "only move goods, post and equipment do not check the barred list" in words


def test_what_stays_open_is_the_same_kind_of_job_with_no_barred_list(catalogue):
    porter = catalogue.role("porter")
    open_ = stays_open(catalogue, porter)
    assert {"domestic-assistant", "catering-assistant"} <= {r.id for r in open_}
    for role in open_:
        assert role.family == porter.family and role.band == porter.band
        assert role.barred is None and role.dbs.level != "enhanced-barred"
    assert stays_open(catalogue, catalogue.role("cook")) == []


def test_barred_lists_go_only_with_a_barred_list_check(catalogue):
    for role in catalogue.roles:
        assert (role.barred is not None) == (role.dbs.level == "enhanced-barred"), role.id


# ---- checks and declaration forms ------------------------------------------------------------


def test_admin_jobs_that_deal_with_patients_need_at_least_a_standard_check(catalogue):
    """GOV.UK DBS leaflet: a role with patient contact, face to face or by telephone, can be
    eligible for at least a standard check; Health Careers: many health records clerks work on
    reception or the phones; NHS Jobs adverts for each job show patient contact."""
    for role_id in (
        "health-records-clerk",
        "admin-assistant",
        "apprentice-administration-assistant",
        "admin-support-officer",
        "receptionist",
        "ward-clerk",
        "switchboard-operator",
        "medical-secretary",
    ):
        dbs = catalogue.role(role_id).dbs
        assert dbs.level != "basic" and dbs.patient_contact, role_id
        assert any("telephone" in (s.where or "") for s in dbs.sources), role_id


@pytest.mark.parametrize(
    ("level", "form"),
    [("basic", "B"), ("standard", "A"), ("enhanced", "A"), ("enhanced-barred", "A")],
)
def test_the_declaration_form_follows_the_check(level, form):
    """NHS Employers' model forms (Unlock): A for jobs exempt from the Rehabilitation of
    Offenders Act (standard and enhanced checks), B for jobs it covers (basic checks)."""
    assert declaration_form(level) == form


def test_every_job_says_its_form_and_that_the_application_does_not_ask(catalogue):
    for role in catalogue.roles:
        sections = when_you_apply(catalogue, role)
        assert [s.id for s in sections] == list(APPLY_ORDER), role.id
        form = declaration_form(role.dbs.level)
        assert f"declaration form {form}" in _texts(sections[3].lines), role.id
        assert "does not ask about a criminal record" in _texts(sections[0].lines)


def test_a_basic_check_job_is_told_spent_convictions_need_not_be_declared(catalogue):
    cook = _texts(when_you_apply(catalogue, "cook")[3].lines)
    assert "You do not have to tell them about spent ones" in cook
    porter = _texts(when_you_apply(catalogue, "porter")[3].lines)
    assert "spent or not" in porter and "filtered" in porter


def test_driving_and_computer_limits_follow_what_the_job_asks(catalogue):
    """Offploy (for DWP work coaches): a driving ban, or a limit on using computers, are
    restrictions a conviction can bring."""
    for role in catalogue.roles:
        facts = job_facts(catalogue, role)
        words = _texts(record_changes(catalogue, role).lines)
        assert ("driving ban" in words) == ("driving-licence" in role.requires + role.desirable)
        assert ("limits how you use them" in words) == facts.computer


# ---- every job, every line -------------------------------------------------------------------


def test_every_line_for_every_job_is_filled_in_and_sourced(catalogue):
    for role in catalogue.roles:
        advice = job_advice(catalogue, role)
        lines = list(advice.record.lines)
        lines += [line for s in advice.apply + advice.ready for line in s.lines]
        lines += list(advice.statement.intro + advice.statement.tips)
        for line in lines:
            assert "{" not in line.text and "}" not in line.text, (role.id, line.text)
            assert line.sources, (role.id, line.text)
            assert all(s.title for s in line.sources)
        for prompt in advice.statement.prompts:
            assert prompt.sources and all("{" not in q for q in prompt.questions)


def test_the_getting_ready_list_covers_id_bank_history_referees_and_certificates(catalogue):
    sections = getting_ready(catalogue, "cook")
    assert [s.id for s in sections] == [
        "id",
        "bank",
        "history",
        "references",
        "certificates",
        "limits",
    ]
    history = _texts(sections[2].lines)
    assert "last 3 years" in history and "Time in custody is part of that history" in history
    certificates = _texts(sections[4].lines)
    assert "Catering qualification Level 2" in certificates
    assert "licence" in [s.id for s in getting_ready(catalogue, "security-officer")]


def test_the_statement_prompts_are_questions_not_a_template(catalogue):
    """Nacro: use your own words, do not use a template; Unlock: what happened, how you have
    changed, what makes you suitable."""
    statement = statement_prompts(catalogue, "porter")
    assert [p.id for p in statement.prompts] == ["what-happened", "what-changed", "what-you-bring"]
    for prompt in statement.prompts:
        assert all(q.endswith(("?", ".")) for q in prompt.questions)
        assert not any(re.search(r"_{3,}|\[.*\]|\.\.\.", q) for q in prompt.questions)
    assert "Why do you want to work as a porter?" in statement.prompts[2].questions
    assert "Do not copy a template" in _texts(statement.intro)


def test_route_warnings_are_only_licences_and_barred_lists(catalogue):
    warnings = record_warnings(catalogue, ["porter", "cook", "security-officer", "porter"])
    assert [w.role.id for w in warnings] == ["porter", "security-officer"]
    for warning in warnings:
        assert {line.topic for line in warning.lines} <= {"licence", "barred"}


def test_articles_follow_the_sound():
    assert with_article("SIA licence") == "an SIA licence"
    assert with_article("admin assistant") == "an admin assistant"
    assert with_article("porter") == "a porter"


def test_the_advice_words_have_their_sources_and_short_sentences():
    content = load_content("record_advice")
    keys = set(content["sources"]) | {"dbs", "barred", "licence"}

    def lines(node):
        if isinstance(node, dict):
            if "text" in node and "sources" in node:
                yield node
            for value in node.values():
                yield from lines(value)
        elif isinstance(node, list):
            for value in node:
                yield from lines(value)

    found = list(lines(content))
    assert len(found) > 40
    for line in found:
        assert line["sources"] and set(line["sources"]) <= keys, line


def test_the_api_gives_each_jobs_record_facts(client):
    security = client.get("/api/roles/security-officer").json
    assert security["dbs"]["declaration_form"] == "A"
    (licence,) = security["licences"]
    assert (licence["id"], licence["asked"]) == ("sia-security-guard-licence", "some")
    assert (licence["refused_within_years"], licence["serious_within_years"]) == (2, 5)
    porter = client.get("/api/roles/porter").json
    assert porter["barred_lists"] == {"lists": ["adults"], "closes": "moving-patients"}
    assert client.get("/api/roles/cook").json["dbs"]["declaration_form"] == "B"
    learning = {i["id"]: i for i in client.get("/api/learning").json["learning"]}
    assert learning["functional-skills-maths-level-2-course"]["inside_prison"] is True
    assert learning["team-leader-apprenticeship-level-3"]["inside_prison"] is False
