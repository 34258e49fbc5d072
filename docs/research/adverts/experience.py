"""Find stated minimum experience durations in advert text."""
import re
NUM = r'(\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty[- ]four|a|an)'
WORDNUM = {'one':1,'two':2,'three':3,'four':4,'five':5,'six':6,'seven':7,'eight':8,'nine':9,'ten':10,'twelve':12,
           'eighteen':18,'twenty-four':24,'twenty four':24,'a':1,'an':1}
UNIT = r'(months?|years?|yrs?)'
# A duration token, optionally as a range "2-3 years", optional '+'
DUR = re.compile(r'(?P<q>at least|a minimum of|minimum of|min\.? of|minimum|min\.?|no less than|not less than|more than|over|in excess of|upwards of)?\s*'
                 r'\b(?P<n1>' + NUM[1:-1] + r')\s*(?:\(\d+\)\s*)?(?:(?:-|–|to)\s*(?P<n2>\d{1,2}|two|three|four|five|six))?\s*(?P<plus>\+)?\s*-?\s*'
                 r'(?P<u>' + UNIT[1:-1] + r')(?![a-z])(?P<plus2>\s*\+)?', re.I)
EXP = re.compile(r'experience|experienced|worked|working (?:in|within|as)|work(?:ing)? history|served', re.I)
NOT_EXP = re.compile(r'contract|fixed[- ]term|secondment|maternity|temporary|this (?:post|role) is|funded|training programme|the programme|course|'
                     r'apprenticeship (?:will|lasts|is)|placement|within (?:the )?(?:first|next)|probation|months? of (?:starting|appointment|commenc)|'
                     r'(?:years?|months?) old|aged|age of|'
                     r'renewed|refresh|every|expire|valid|leave|holiday|pension|years? of age|per year|per month|annual|pilot|period|'
                     r'established|over the (?:next|last|past)|for (?:up to )?(?:\d+|six|twelve) months', re.I)
ESS = re.compile(r'essential|required|must|minimum|at least|no less than|is needed|you will need|you will have|will have|should have|need to have|require', re.I)
DES = re.compile(r'desirable|desired|preferable|preferred|ideally|would be an advantage|advantageous|beneficial|would be useful|welcome', re.I)

def to_months(n, unit):
    n = n.lower()
    v = float(WORDNUM.get(n, None) or WORDNUM.get(n.replace('-', ' '), None) or n) if not n.replace('.', '').isdigit() else float(n)
    return v * (12 if unit.lower().startswith('y') else 1)

def sentences(text):
    # split on line breaks and sentence ends
    parts = re.split(r'\n+|(?<=[.!?;])\s+(?=[A-Z•\-*])|•', text)
    return [p.strip() for p in parts if p.strip()]

def find(text):
    out = []
    for s in sentences(text):
        if len(s) > 600:
            continue
        if not EXP.search(s):
            continue
        for m in DUR.finditer(s):
            n1 = m.group('n1')
            if n1.lower() in ('a', 'an') and not m.group('q'):
                # "a year's experience" -> accept only if followed by experience
                pass
            # experience word within 80 chars after or 60 before the duration
            after = s[m.end():m.end() + 80]
            before = s[max(0, m.start() - 60):m.start()]
            if not (re.search(r'experience|worked|working|served', after, re.I) or re.search(r'experience', before, re.I)):
                continue
            window = s[max(0, m.start() - 70):m.end() + 70]
            if NOT_EXP.search(window):
                continue
            pre = s[max(0, m.start() - 25):m.start()]
            if re.search(r'(?:last|past|within the|days|hours|in the)\s*$', pre, re.I) and not m.group('q'):
                continue
            if n1.lower() in ('a', 'an') and not re.match(r"\s*(?:'s|’s|s'|s’)?\s*(?:of )?(?:\w+ ){0,2}experience", s[m.end():m.end()+40], re.I):
                continue
            if m.group('u').lower().startswith('y') and n1.isdigit() and int(float(n1)) > 15:
                continue
            try:
                months = to_months(n1, m.group('u'))
            except Exception:
                continue
            if months <= 0 or months > 180:
                continue
            ess = bool(ESS.search(s)) or bool(m.group('q'))
            des = bool(DES.search(s))
            out.append(dict(months=months, phrase=m.group(0).strip(), sentence=s, qual=(m.group('q') or '').lower(),
                            plus=bool(m.group('plus') or m.group('plus2')), range_hi=m.group('n2'),
                            context='desirable' if des and not ess else ('essential' if ess and not des else ('mixed' if ess and des else 'unmarked'))))
    return out
