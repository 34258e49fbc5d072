import os
import json,re,sys,collections; sys.path.insert(0,os.path.dirname(os.path.abspath(__file__)))
from load_adverts import load
R={r['id']:r for r in load()}
A=json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'nonclinical_adverts.json')))
pat=re.compile(r'no (?:previous |prior |formal )?experience (?:is )?(?:necessary|needed|required)|(?:desirable|advantage|advantageous|preferred|preferable)\s*,?\s*(?:but|although|however)?\s*not essential|not essential\s*,?\s*as (?:full |on the job |all )?training|no experience\b', re.I)
t=collections.defaultdict(collections.Counter); ex=collections.defaultdict(list)
for a in A:
    b=a['band'] if a['band'] and '/' not in a['band'] else 'other/unbanded'
    k=(a['family'],'supervisory' if a['supervisory'] else 'non-supervisory',b)
    t[k]['n']+=1
    m=pat.search(R[a['id']]['text'])
    if m:
        t[k]['experience_not_essential_phrase']+=1
        if len(ex[k])<5: ex[k].append(dict(id=a['id'],title=a['title'],quote=R[a['id']]['text'][max(0,m.start()-100):m.end()+50].replace('\n',' ')))
json.dump({' | '.join(k):dict(v) for k,v in t.items()},open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'not_essential_counts.json'),'w'),indent=1)
json.dump({' | '.join(k):v for k,v in ex.items()},open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'not_essential_examples.json'),'w'),indent=1)
for k in sorted(t):
    if k[2] in ('2','3','4'): print(k, dict(t[k]))
