"""Load the stochastictalk/nhs_jobs_data adverts (November 2020) and derive band and family.
Band: explicit 'Band N' in title/salary text/description first; otherwise exact 2020/21 England AfC
salary range (min, max) as found in the adverts themselves (see band_from_salary)."""
import json, glob, re, html, os
D = os.environ.get('NHS_JOBS_DATA') or os.path.join(os.path.dirname(__file__), 'nhsjobs', 'data')

# 2020/21 England AfC band min/max (lasunison.com/pay table; cross-checked in the data, see check_salary_map)
AFC2020 = {'2': (18005, 19337), '3': (19737, 21142), '4': (21892, 24157), '5': (24907, 30615),
           '6': (31365, 37890), '7': (38890, 44503), '8a': (45753, 51668), '8b': (53168, 62001),
           '8c': (63751, 73664), '8d': (75914, 87754), '9': (91004, 104927)}

def clean(s):
    s = html.unescape(html.unescape(s))
    s = re.sub(r'<\s*(br|/p|/li|/h\d|/div)\s*/?>', '\n', s, flags=re.I)
    s = re.sub(r'<[^>]+>', ' ', s)
    s = s.replace('\u00a0', ' ')
    s = re.sub(r'[ \t]+', ' ', s)
    return s.strip()

BAND_RE = re.compile(r'\b(?:afc\s*)?band\s*[:\-]?\s*(\d)\s*([abcd])?\b(?:\s*(?:/|-|–|or|to)\s*(?:band\s*)?(\d)\s*([abcd])?\b)?', re.I)

def explicit_bands(text):
    out = []
    for m in BAND_RE.finditer(text):
        b1 = m.group(1) + (m.group(2) or '').lower()
        out.append(b1)
        if m.group(3):
            out.append(m.group(3) + (m.group(4) or '').lower())
    return out

def band_from_salary(mn, mx):
    for b, (lo, hi) in AFC2020.items():
        if mn == lo and mx == hi:
            return b
    # single-point or partial ranges inside one band
    if mn and mx:
        for b, (lo, hi) in AFC2020.items():
            if lo <= mn <= hi and lo <= mx <= hi and (mn == lo or mx == hi):
                return b
    return None

def load():
    recs = []
    for f in sorted(glob.glob(os.path.join(D, '*.json'))):
        d = json.load(open(f))
        v = d['baseSalary']['value']
        def num(x):
            try: return int(float(x))
            except: return None
        mn, mx = num(v.get('minValue')), num(v.get('maxValue'))
        title = html.unescape(d['title']).strip()
        sal = v.get('value') or ''
        text = clean(d['description'])
        head = title + ' | ' + sal
        eb_head = explicit_bands(head)
        eb_text = explicit_bands(text)
        sb = band_from_salary(mn, mx)
        recs.append(dict(id=d['url'].rsplit('/', 1)[1], url=d['url'], title=title, salary=sal, min=mn, max=mx,
                         org=d['hiringOrganization']['name'], text=text, eb_head=eb_head, eb_text=eb_text, sb=sb,
                         posted=d['datePosted']))
    return recs

def final_band(r):
    """Return (band, how). Uses title/salary text band if unique; else salary exact range; else unique band in text."""
    if r['eb_head']:
        s = sorted(set(r['eb_head']))
        return ('/'.join(s), 'title/salary text')
    if r['sb']:
        return (r['sb'], 'salary range 2020/21')
    if r['eb_text']:
        s = sorted(set(r['eb_text']))
        if len(s) == 1:
            return (s[0], 'description text')
        return ('/'.join(s), 'description text (several)')
    return (None, 'none')

HOURS_PER_YEAR = 18005 / 9.21   # inferred from the adverts: band 2 entry £18,005 = £9.21 per hour

def band_from_hourly(sal):
    m = re.search(r'£?\s*(\d{1,2}\.\d{2})\s*(?:-|–|to)?\s*(?:£?\s*(\d{1,2}\.\d{2}))?\s*(?:per hour|ph|/hour|/hr|p/h|phr|per hr|an hour|hourly)', sal, re.I)
    if not m:
        return None
    vals = [float(x) * HOURS_PER_YEAR for x in m.groups() if x]
    for b, (lo, hi) in AFC2020.items():
        if all(lo * 0.995 <= v <= hi * 1.005 for v in vals):
            return b
    return None

def final_band2(r):
    b, how = final_band(r)
    if b is None:
        hb = band_from_hourly(r['salary'])
        if hb:
            return (hb, 'hourly rate x 1955 (inferred)')
    return (b, how)

# 2020/21 HCAS (pct, minimum, maximum) as they appear in the adverts' own figures (inferred from the data:
# e.g. band 3 £19,737 + £4,473 = £24,210 'inclusive' at Great Ormond Street, advert 916242950)
HCAS = {'inner London': (0.20, 4473, 6890), 'outer London': (0.15, 3784, 4822), 'fringe': (0.05, 1034, 1791)}

def band_from_hcas(mn, mx):
    if not (mn and mx):
        return None
    for b, (lo, hi) in AFC2020.items():
        for zone, (p, a, z) in HCAS.items():
            h = lambda base: min(max(base * p, a), z)
            if abs(mn - (lo + h(lo))) <= 2 and abs(mx - (hi + h(hi))) <= 2:
                return b
    return None

def final_band3(r):
    b, how = final_band2(r)
    if b is None:
        hb = band_from_hcas(r['min'], r['max'])
        if hb:
            return (hb, 'salary incl. HCAS (inferred)')
    return (b, how)
