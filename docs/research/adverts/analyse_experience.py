import os
import sys, csv, json, collections, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_adverts import load, final_band3 as final_band2
from families import family, subfamily, is_super
from experience import find

R = load()
rows = []
adv = []
for r in R:
    f = family(r['title'])
    if not f:
        continue
    b, how = final_band2(r)
    hits = find(r['text'])
    txt = r['text']
    any_exp = bool(re.search(r'(previous|prior|proven|relevant|demonstrable|significant|substantial|recent) (?:\w+ ){0,3}experience|experience (?:of|in|within|working)', txt, re.I))
    no_exp = bool(re.search(r'no (?:previous |prior )?experience (?:is )?(?:necessary|needed|required)|full training (?:will be|is) (?:given|provided)|training will be (?:given|provided)|no formal qualifications', txt, re.I))
    a = dict(id=r['id'], url=r['url'], title=r['title'], org=r['org'], band=b, band_how=how, family=f,
             sub=subfamily(r['title'], f), supervisory=is_super(r['title']), n_hits=len(hits), any_exp=any_exp, no_exp=no_exp)
    adv.append(a)
    for h in hits:
        rows.append(dict(a, months=h['months'], phrase=h['phrase'], context=h['context'], qual=h['qual'], plus=h['plus'],
                         range_hi=h['range_hi'], sentence=h['sentence'][:400]))
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'experience_hits.csv'), 'w', newline='') as fh:
    w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
    w.writeheader(); w.writerows(rows)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'nonclinical_adverts.json'), 'w') as fh:
    json.dump(adv, fh, indent=0)
print(len(adv), 'non-clinical adverts;', len(rows), 'duration hits in', len(set(x['id'] for x in rows)), 'adverts')
for x in rows:
    print(x['id'], x['family'][:5], x['sub'], 'S' if x['supervisory'] else '-', x['band'], x['title'][:45], '|', x['months'], x['context'], '|', x['phrase'], '|', x['sentence'][:160].replace('\n', ' '))
