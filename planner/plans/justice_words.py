"""Spotting words about convictions and the justice system in what people type into a plan.

A plan must never hold details of a conviction, so free text that mentions one
is refused (see the privacy page, templates/help/privacy.html). Matching
happens on a folded copy of the text, never on the text itself: the saved
words stay exactly as typed. Folding undoes the usual ways round a word list:

- compatibility forms (full-width and mathematical letters, ligatures) by NFKC;
- invisible format characters (zero-width spaces and joiners, soft hyphens,
  direction marks) are dropped, so ``con\u200bvicted`` is one word again;
- accents and other combining marks are dropped (``cönvicted``);
- Cyrillic and Greek letters that look like Latin ones, and digits or symbols
  inside a word (``pr1son``, ``c0nvicted``), become the Latin letter they stand for.

Everyday workplace words that share a stem are allowed: a "probation period"
at work says nothing about a conviction.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "mentions_justice", "without_justice_words"]

#: Letters from other scripts that look like Latin letters (after casefolding).
#: A small, common subset of Unicode's confusables (UTS #39), chosen for the words we match.
_LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "е": "e",
        "һ": "h",
        "н": "h",
        "і": "i",
        "ј": "j",
        "к": "k",
        "ӏ": "l",
        "м": "m",
        "о": "o",
        "р": "p",
        "ԛ": "q",
        "г": "r",
        "ѕ": "s",
        "т": "t",
        "с": "c",
        "у": "y",
        "ѵ": "v",
        "ԝ": "w",
        "х": "x",
        "ԁ": "d",
        "п": "n",
        # Greek
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "γ": "y",
        "ς": "s",
        # Latin letters NFKD leaves whole
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ħ": "h",
        "ŀ": "l",
    }
)

#: Digits and symbols people put inside a word in place of a letter.
_IN_WORD = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
#: A run of letters, digits and those symbols that holds at least one letter.
_TOKEN = re.compile(r"[\w@$]*[^\W\d_][\w@$]*")

#: Words that point to a conviction or the justice system, on folded text.
#: ``[li]`` stands for an "l" that may have been written as "1" (folded to "i").
_JUSTICE = re.compile(
    r"\b(convict\w*|offen[cs]es?|offender\w*|offending|crimina[li]\w*|prison\w*|ja[li][li]\w*"
    r"|gao[li]|probation\w*|paro[li]e\w*|custod\w*|sentenced|inmate\w*"
    r"|[li]icence conditions?|hmp)\b"
)
#: Workplace phrases that share a stem with the words above and are fine in a plan.
_WORKPLACE = re.compile(r"\bprobationary\b|\bprobation (?:period|review|meeting)s?\b")


def _fold_token(match: re.Match[str]) -> str:
    return match.group(0).translate(_IN_WORD)


def fold(text: str) -> str:
    """The text as the word list sees it: one form of each letter, nothing invisible.

    >>> fold("Ｃon\\u200bvi\\u0441ted")  # full-width C, a zero-width space, a Cyrillic "с"
    'convicted'
    >>> fold("pr1s0n in 2027"), fold("cönvicted")
    ('prison in 2027', 'convicted')
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Mn", "Me"))
    text = text.translate(_LOOK_ALIKES)
    return _TOKEN.sub(_fold_token, text)


def mentions_justice(text: str) -> bool:
    """True when text mentions convictions, offences, prison or probation, however it is spelt.

    >>> mentions_justice("Ask my manager about the course"), mentions_justice("On probation")
    (False, True)
    >>> mentions_justice("p\\u0433obation"), mentions_justice("Pass my probation period")
    (True, False)
    """
    folded = _WORKPLACE.sub(" ", fold(text))
    return bool(_JUSTICE.search(folded))


#: Words that only join others: a suggestion does not end with one.
_JOINING_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "my",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "about",
    ]
)


def without_justice_words(text: str) -> str:
    """The text with the words about the justice system taken out: wording a plan can keep.

    A person can ask for time off for appointments without saying what they are for. Returns
    ``""`` when nothing sensible is left.

    >>> without_justice_words("Time off for probation appointments")
    'Time off for appointments'
    >>> without_justice_words("Licence conditions: a day off each month")
    'A day off each month'
    >>> without_justice_words("Flexible hours for court dates and probation")
    'Flexible hours for court dates'
    >>> without_justice_words("Probation"), without_justice_words("A mentor")
    ('', 'A mentor')
    """
    words = text.split()
    kept = [not mentions_justice(word) for word in words]
    for n in range(len(words) - 1):  # phrases such as "licence conditions"
        if kept[n] and kept[n + 1] and mentions_justice(f"{words[n]} {words[n + 1]}"):
            kept[n] = kept[n + 1] = False
    left_words = [word for word, keep in zip(words, kept, strict=True) if keep]
    while left_words and left_words[-1].casefold().strip(",.;:") in _JOINING_WORDS:
        left_words.pop()
    left = " ".join(left_words).strip(" ,.;:")
    if mentions_justice(left) or not any(c.isalpha() for c in left):
        return ""
    return left[:1].upper() + left[1:]
