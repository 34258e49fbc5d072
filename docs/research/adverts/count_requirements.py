"""Count how many adverts support each requirement of each planner job (issue 19, section 1).

For every job in data/nhs_bands.json a title pattern and bands pick its adverts from the
November 2020 snapshot (stochastictalk/nhs_jobs_data; set NHS_JOBS_DATA to its data/ folder).
For each requirement a pattern is searched sentence by sentence in the advert text; a
sentence is "essential" when it says essential/required/must/minimum..., "desirable" when it
says desirable/preferred/advantage/ideally/not essential..., otherwise "unmarked".
"Or equivalent experience" is counted where a qualification and "or ... experience" sit in
one sentence. The adverts are summaries: most person specifications were attachments that
are not in the data, so a missing mention is not evidence against a requirement.

Output: requirement_counts.json beside this file (counts and up to three quoted examples per
job and requirement), and a table on stdout. Run: NHS_JOBS_DATA=... python3 count_requirements.py
"""

from __future__ import annotations

import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from experience import DES, ESS, sentences  # noqa: E402
from families import family, is_super  # noqa: E402
from load_adverts import final_band3, load  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

ADMIN_WORDS = (
    r"admin|clerk|clerical|secretar|co-?ordinator|support officer|assistant|officer|"
    r"booking|receptionist|records|pathway|validation|PA\b|personal assistant"
)
SUPER_WORDS = r"supervisor|team leader|team lead|manager|head of|lead\b"
#: job id -> (title pattern, bands, family wanted or None, supervisory: True/False/None)
JOBS: dict[str, tuple[str, tuple[str, ...], str | None, bool | None]] = {
    "receptionist": (r"reception", ("2", "3"), None, False),
    "ward-clerk": (
        r"ward (?:\w+ )?(?:clerk|administrator|admin\b|clerical|receptionist)",
        ("2", "3"),
        None,
        False,
    ),
    "health-records-clerk": (r"(?:medical|health|patient|clinical) records", ("2", "3"), None, False),
    "switchboard-operator": (r"switchboard|telephonist", ("2", "3"), None, False),
    "medical-secretary": (r"medical secretar", ("3", "4"), None, False),
    "admin-band-2": (ADMIN_WORDS, ("2",), "admin_business", False),
    "admin-band-3": (ADMIN_WORDS, ("3",), "admin_business", False),
    "admin-band-4": (ADMIN_WORDS, ("4",), "admin_business", False),
    "admin-team-lead": (r"team leader|supervisor|team lead", ("4",), "admin_business", True),
    "admin-manager": (r"manager", ("5",), "admin_business", True),
    "business-admin-co-ordinator": (r"co-?ordinator|officer", ("5",), "admin_business", False),
    "senior-admin-manager": (r"manager", ("6",), "admin_business", True),
    "business-intelligence-manager": (r"analyst|intelligence|information", ("6", "7"), None, None),
    "departmental-admin-manager": (r"manager", ("7",), "admin_business", True),
    "estates-and-facilities-admin": (
        r"(?:estates|facilities|helpdesk|help desk).{0,30}(?:admin|clerk|officer|assistant|helpdesk|operator)",
        ("2", "3", "4"),
        None,
        False,
    ),
    "domestic-assistant": (
        r"domestic|housekeep|cleaner|hotel services assistant",
        ("2",),
        "estates_facilities",
        False,
    ),
    "porter": (r"porter", ("2",), "estates_facilities", False),
    "security-officer": (r"security (?:officer|operative)|porter.{0,8}security", ("2", "3"), None, False),
    "catering-assistant": (
        r"catering (?:assistant|operative)|food service|kitchen assistant|ward host|hostess|"
        r"hotel services assistant.{0,5}catering",
        ("2",),
        None,
        False,
    ),
    "cook": (r"\bchef\b|\bcook\b", ("2", "3"), None, False),
    "estates-assistant": (
        r"estates (?:assistant|support|worker|porter|labourer)|maintenance assistant|labourer",
        ("2", "3"),
        None,
        False,
    ),
    "gardener": (r"gardener|grounds", ("2", "3"), None, None),
    "craftsperson-and-tradesperson": (
        r"craft|trades?person|carpenter|joiner|fitter|plumb|electric|multi[- ]?skilled|"
        r"maintenance (?:technician|craftsperson|craftsman)|building craftsperson",
        ("3", "4", "5"),
        "estates_facilities",
        False,
    ),
    "electrician": (r"electric", ("4", "5"), "estates_facilities", False),
    "plumber": (r"plumb|fitter", ("4", "5", "6"), "estates_facilities", None),
    "tradesperson-team-leader": (
        r"team supervisor|maintenance supervisor|team leader",
        ("5", "6"),
        "estates_facilities",
        None,
    ),
    "estates-officer": (r"estates (?:\w+ )?officer|operational services officer", ("5", "6"), None, None),
    "estates-manager": (
        r"estates.{0,25}manager|engineering manager|technical manager",
        ("6", "7"),
        None,
        True,
    ),
    "estates-manager-higher-level": (r"estates|engineering", ("8a", "8b"), None, True),
    "head-of-estates-and-director": (r"estates|facilities", ("8c", "8d", "9"), None, True),
    "facilities-team-leader-and-supervisor": (
        r"supervisor|team leader|charge ?hand",
        ("3", "4"),
        "estates_facilities",
        True,
    ),
    "cleaning-services-team-leader": (
        r"domestic manager|deputy facilities manager|cleaning.{0,20}manager",
        ("4",),
        None,
        True,
    ),
    "facilities-manager": (
        r"facilities manager|hotel services manager|domestic services manager|support services manager",
        ("5", "6", "7"),
        None,
        True,
    ),
    "catering-supervisor": (r"catering.{0,25}supervisor", ("3", "4"), None, True),
    "catering-manager": (r"catering.{0,20}manager", ("4", "5", "6"), None, True),
    "facilities-band-6-managers": (
        r"facilities|hotel services|catering|cleaning|domestic|waste|security management",
        ("6",),
        None,
        None,
    ),
    "security-senior": (r"security", ("3", "4", "5", "6", "7"), None, None),
}
#: Titles that match a job's words but are another job (clinical, IT, finance...).
NOT = re.compile(
    r"apprentic|nurse|nursing|therap|clinical (?:nurse|lead)|cyber|IT security|information governance|"
    r"network|software|pharmac|radiograph|physio|psycholog|doctor|consultant",
    re.I,
)

REQUIREMENTS: dict[str, str] = {
    "gcse_english_maths": r"GCSE[^.]{0,80}(?:English|Maths|Mathematics)|(?:English|Maths|Mathematics)[^.]{0,40}GCSE",
    "gcse_count_4_or_5": r"(?:4|5|four|five) GCSE",
    "nvq_or_level_2": r"NVQ\s*(?:level\s*)?(?:2|II)\b|level\s*2 (?:qualification|NVQ|certificate|diploma)",
    "nvq_or_level_3": r"NVQ\s*(?:level\s*)?(?:3|III)\b|level\s*3|RSA\s*(?:3|III)|A[- ]levels?\b",
    "nvq_or_level_4_hnc_hnd": r"NVQ\s*(?:level\s*)?(?:4|IV)\b|level\s*4|\bHNC\b|\bHND\b|foundation degree",
    "degree": r"\bdegree\b(?! of)|graduate",
    "or_equivalent_experience": (
        r"(?:degree|qualification|qualified|NVQ|level\s*\d|HNC|HND|GCSE|diploma|certificate)"
        r"[^.]{0,120}\bor (?:\w+ ){0,3}(?:equivalent |relevant |demonstrable |significant |proven )?experience"
    ),
    "leadership_qualification": r"\bILM\b|leadership (?:qualification|certificate)|management qualification|CMI\b",
    "supervisory_experience": (
        r"(?:supervisory|supervising|supervision|line management|managing (?:staff|people|a team)|"
        r"leading (?:a )?teams?|team leader|management) (?:\w+ ){0,2}experience|experience (?:\w+ ){0,3}"
        r"(?:supervisory|supervising|line manag|managing (?:staff|people|teams?)|leading (?:a )?teams?)"
    ),
    "nhs_experience": r"NHS experience|experience (?:\w+ ){0,4}(?:in|within|of) (?:the |an )?NHS",
    "experience_outside_nhs_welcome": r"(?:NHS|public sector) or (?:private|other|commercial)|outside (?:of )?the NHS",
    "typing_keyboard": r"keyboard|typing|wpm|words per minute|touch typ|audio typ|word processing|\bRSA\b|\bOCR\b",
    "medical_terminology": r"medical terminology",
    "amspar": r"AMSPAR|BSMSA",
    "customer_service": r"customer service|customer care|public facing|dealing with the public",
    "it_skills": r"\bIT skills|computer skills|computer literate|Microsoft|MS Office|\bExcel\b",
    "time_served_or_apprenticeship": r"time[- ]served|served (?:an|a recognised|a formal)? ?apprenticeship|apprenticeship",
    "trade_qualification": r"City (?:and|&) Guilds|C&G|NVQ\s*(?:level\s*)?3|trade qualification|craft qualification",
    "18th_edition": r"18th edition|BS\s*7671|17th edition",
    "sia_licence": r"\bSIA\b",
    "food_hygiene": r"food (?:safety|hygiene)|food handling",
    "catering_qualification": r"City (?:and|&) Guilds 70[56]|NVQ[^.]{0,40}(?:food|catering|cookery|culinary)|catering qualification|chef qualification",
    "bics_cleaning": r"\bBICS\b|cleaning (?:qualification|certificate)",
    "driving_licence": r"driving licen[cs]e",
    "iosh_nebosh": r"IOSH|NEBOSH",
    "fm_qualification": r"IWFM|BIFM|facilities management qualification",
    "no_experience_needed": (
        r"no (?:previous |prior |formal )?experience (?:is )?(?:necessary|needed|required)|"
        r"experience[^.]{0,60}(?:desirable|advantage|advantageous|preferred)\s*,?\s*(?:but|although|however)?\s*not essential|"
        r"full training (?:will be|is) (?:given|provided)"
    ),
}
RX = {k: re.compile(v, re.I) for k, v in REQUIREMENTS.items()}
NOT_ESSENTIAL = re.compile(r"not essential|not necessary|would be an advantage|advantageous", re.I)


MANDATORY = re.compile(r"mandatory|must|essential(?! but)", re.I)


def marking(sentence: str) -> str:
    """Essential when a sentence says so plainly (mandatory, must); desirable when it hedges
    (desirable, ideally, not essential); essential for softer "will have" wording; else unmarked."""
    if MANDATORY.search(sentence) and not NOT_ESSENTIAL.search(sentence):
        return "essential"
    if DES.search(sentence) or NOT_ESSENTIAL.search(sentence):
        return "desirable"
    if ESS.search(sentence):
        return "essential"
    return "unmarked"


def pick(adverts, pattern, bands, fam, sup):
    rx = re.compile(pattern, re.I)
    for a in adverts:
        if a["band"] not in bands or NOT.search(a["title"]) or not rx.search(a["title"]):
            continue
        if fam is not None and a["family"] != fam:
            continue
        if sup is not None and is_super(a["title"]) != sup:
            continue
        yield a


def main() -> None:
    adverts = load()
    for a in adverts:
        a["band"] = final_band3(a)[0]
        a["family"] = family(a["title"])
    out = {}
    for job, (pattern, bands, fam, sup) in JOBS.items():
        chosen = list(pick(adverts, pattern, bands, fam, sup))
        counts: dict[str, collections.Counter] = {}
        examples: dict[str, list] = collections.defaultdict(list)
        for a in chosen:
            seen: dict[str, str] = {}
            for s in sentences(a["text"]):
                for key, rx in RX.items():
                    if rx.search(s):
                        mark = marking(s)
                        # an advert counts once per requirement, at its strongest marking
                        order = ["unmarked", "desirable", "essential"]
                        if key not in seen or order.index(mark) > order.index(seen[key]):
                            seen[key] = mark
                            if len(examples[key]) < 3 and all(e["id"] != a["id"] for e in examples[key]):
                                examples[key].append(dict(id=a["id"], band=a["band"], title=a["title"], marked=mark, quote=s[:300]))
            for key, mark in seen.items():
                counts.setdefault(key, collections.Counter())[mark] += 1
                counts[key]["any"] += 1
        out[job] = dict(
            pattern=pattern,
            bands=list(bands),
            adverts=len(chosen),
            ids=[a["id"] for a in chosen],
            counts={k: dict(v) for k, v in sorted(counts.items(), key=lambda kv: -kv[1]["any"])},
            examples=examples,
        )
        top = ", ".join(
            f"{k} {v['any']} (ess {v.get('essential', 0)}, des {v.get('desirable', 0)})"
            for k, v in list(out[job]["counts"].items())[:8]
        )
        print(f"{job}: {len(chosen)} adverts; {top}")
    with open(os.path.join(HERE, "requirement_counts.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
