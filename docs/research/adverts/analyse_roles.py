import os
import sys, re, json, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_adverts import load, final_band3 as final_band2
R = load()
ROLES = {
 'receptionist': r'reception',
 'ward_clerk_or_ward_administrator': r'ward (?:\w+ )?(?:clerk|administrator|admin\b|clerical|receptionist)|ward support (?:clerk|administrator)',
 'medical_secretary': r'medical secretar',
 'medical_or_health_records': r'(?:medical|health|patient|clinical) records',
 'switchboard_telephonist': r'switchboard|telephonist|telephone operator|telecommunications? operator|\bPBX\b',
 'security_officer': r'security (?:officer|operative|guard|supervisor)|porter.{0,5}security|security.{0,5}porter',
 'ef_helpdesk': r'help ?desk',
 'electrician': r'electric',
 'plumber': r'plumb',
 'catering_assistant': r'catering assistant|catering operative|food service assistant|kitchen assistant|hotel services assistant.{0,5}catering|ward host|hostess|catering services|catering and|cleaning and catering|cleaning & catering',
 'cook_chef': r'\bchef\b|\bcook\b',
 'catering_supervisor': r'catering supervisor|catering.{0,20}supervisor',
 'catering_manager': r'catering manager',
}
out = {}
for role, pat in ROLES.items():
    rx = re.compile(pat, re.I)
    hits = [r for r in R if rx.search(r['title'])]
    bands = collections.Counter()
    items = []
    for r in hits:
        b, how = final_band2(r)
        bands[b or 'unbanded'] += 1
        items.append(dict(id=r['id'], title=r['title'], org=r['org'], band=b, band_how=how, salary=r['salary']))
    out[role] = dict(pattern=pat, n=len(hits), bands=dict(bands.most_common()), adverts=items)
    print(role, len(hits), dict(bands.most_common()))
json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'role_band_counts.json'), 'w'), indent=1)
