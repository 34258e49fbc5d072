import os
"""Manual curation of the 45 adverts with a regex-found duration (see experience_hits.csv).
Fields: id, band (final, with method), family, sub, supervisory (title or requirement), employer (NHS/AfC or other),
months = stated essential minimum in months (lower bound of a range), kind, include (main stats) and reason."""
import json, statistics, csv, collections
rows = {r['id']: r for r in csv.DictReader(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'experience_hits.csv')))}
C = [
 # id, band, band_how, family, sub, supervisory, employer, months, kind, include, note
 ('916234508','2','text "Band 2/3" + £9.89/h = band 2 top (inferred)','admin',None,False,'NHS Professionals (bank)',3,'similar admin role (in last 2 years)',True,'bank post'),
 ('916238055','7','salary','admin',None,False,'NHS',24,'post-qualification finance',False,'"preferably" = desirable'),
 ('916240640','5','salary','ef','trades',False,'NHS',36,'electrical maintenance/installation (trade)',True,''),
 ('916241437','3/4','text + £10.81/h = band 3 top (inferred)','admin',None,False,'NHS Professionals (bank)',6,'paid experience AT band 3/4 as medical secretary',True,'bank post; explicit time-at-band'),
 ('916241894','8a','salary incl. 5% fringe HCAS (inferred)','admin',None,True,'NHS',36,'management',True,''),
 ('916242438','2','salary','admin',None,False,'NHS',12,'NHS environment',False,'"ideally" = desirable'),
 ('916242950','3','salary incl. inner London HCAS (inferred)','ef','hotel_services',True,'NHS',12,'restaurant supervisor (supervisory)',True,''),
 ('916243288',None,'non-AfC salary','admin',None,False,'non-NHS (CIC)',24,'governance/risk role',False,'non-AfC employer; essential/desirable not marked'),
 ('916243332',None,'non-AfC salary','ef','hotel_services',False,'non-NHS (hospice)',24,'cook or assistant cook',False,'non-AfC employer; essential/desirable not marked'),
 ('916244058','8a','salary','admin',None,True,'NHS',60,'registered clinical profession',False,'clinical registration requirement (not admin route)'),
 ('916244307','5','salary incl. outer London HCAS (inferred)','admin',None,False,'NHS',12,'supervisory position',True,'supervisory experience required for a non-manager title'),
 ('916244400',None,'non-AfC salary','admin',None,False,'non-NHS',12,'similar role in customer service / call centre',False,'non-AfC employer'),
 ('916244594','4','salary','admin',None,False,'NHS',12,'patient/customer-focused environment',True,''),
 ('916244920','4','salary','admin',None,False,'NHS',24,'health and safety',True,''),
 ('916245012','7','text + salary','admin',None,False,'NHS',36,'accounting (post CCAB)',True,''),
 ('916247204','5','salary','admin',None,False,'NHS',48,'NHS (ESR) payroll',True,''),
 ('916247343','3','salary','admin',None,False,'NHS',24,'patient record systems + admin/clerical',True,''),
 ('916247417','3','salary','admin',None,False,'NHS',24,'patient record systems + admin/clerical',True,'duplicate advert of 916247343 (same trust, same text)'),
 ('916248174','6','salary','admin',None,True,'NHS',72,'NHS payroll incl. manager level',True,''),
 ('916249038','2','salary incl. outer London HCAS (inferred)','admin',None,False,'NHS',12,'stock control / invoicing',True,''),
 ('916249348','3','salary','admin',None,False,'NHS',24,'administration role',True,''),
 ('916249940','4','title "Band 4"','admin',None,False,'NHS',24,'as a senior administrator (NHS/public sector)',True,''),
 ('916251116',None,'non-AfC salary','admin',None,True,'non-NHS (GP)',24,'customer service',False,'"(Preferred)" = desirable; non-AfC'),
 ('916251123','3','£10.81 = band 3 top hourly (inferred)','admin',None,False,'NHS Professionals (bank)',12,'office',True,'bank post'),
 ('916251227','3','salary','admin',None,False,'NHS-commissioned CIC on AfC scale',24,'secretarial',True,''),
 ('916251453','5','salary','ef','trades',False,'NHS',60,'fire safety',True,''),
 ('916252042','6','salary','admin',None,False,'NHS',24,'software testing (IT)',True,'IT/digital post'),
 ('916253351','5','salary','admin',None,False,'NHS',12,'human resources',True,''),
 ('916254100','3','salary incl. outer London HCAS (inferred)','admin',None,False,'NHS',24,'administrative (some healthcare)',False,'essential/desirable not marked'),
 ('916254355','2','salary','admin',None,False,'NHS',24,'busy office environment',True,''),
 ('916255233','3','salary','admin',None,False,'NHS',24,'secretarial/administrative',True,''),
 ('916255415','7','salary + text','admin',None,False,'NHS',24,'R&I finance',False,'essential/desirable not marked'),
 ('916256465',None,'non-AfC salary','admin',None,False,'non-NHS (hospice)',12,'payroll',False,'non-AfC employer'),
 ('916257775','2','salary','admin',None,False,'NHS',24,'NHS clerical role (ALTERNATIVE to 5 GCSEs)',True,'experience as an alternative to qualifications'),
 ('916257793','8b','salary (+fringe HCAS)','admin',None,True,'NHS (CCG)',36,'senior informatics analysis',True,''),
 ('916258487',None,'non-AfC hourly','admin',None,False,'non-NHS (independent)',12,'accounts/business office',False,'non-AfC employer'),
 ('916258508','2','salary','admin',None,False,'NHS',12,'clerical post',True,''),
 ('916258532','4','salary','admin',None,False,'NHS',36,'AT BAND 3 in a related setting or prison',True,'explicit time-at-band-below'),
 ('916258658','2','salary incl. outer London HCAS (inferred)','admin',None,False,'NHS',24,'receptionist / customer service adviser (2-3 years)',True,''),
 ('916258692','3','salary','admin',None,False,'NHS',6,'administrative post',True,''),
 ('916258841',None,'non-AfC salary','admin',None,False,'non-NHS (independent hospital)',60,'payroll',False,'non-AfC employer'),
 ('916258988','3','salary incl. outer London HCAS (inferred)','admin',None,False,'NHS',12,'office setting',True,''),
 ('916259172','2','salary','ef','hotel_services',False,'NHS',24,'driving (licence held 2 years)',False,'driving-licence tenure, not job experience'),
 ('916259400',None,'non-AfC salary','admin',None,False,'non-NHS (charity)',12,'administrative',False,'non-AfC employer'),
 ('916260214','2','text "Band 2" (NHSP)','ef','hotel_services',False,'NHS Professionals (bank)',24,'security, public-facing',True,'bank post'),
]
assert len(C) == len(set(x[0] for x in C)) == 45, len(C)
out = []
for (i, band, how, fam, sub, sup, emp, m, kind, inc, note) in C:
    r = rows[i]
    out.append(dict(id=i, url=f'https://www.jobs.nhs.uk/xi/vacancy/{i}', title=r['title'], org=r['org'], band=band, band_method=how,
                    family=fam, sub=sub, supervisory=sup, employer=emp, min_months=m, experience_kind=kind, included=inc, note=note,
                    quote=r['sentence'][:300]))
json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'item1_curated.json'), 'w'), indent=1)

def q(v):
    v = sorted(v)
    if len(v) == 1: return (v[0], v[0], v[0])
    qs = statistics.quantiles(v, n=4, method='inclusive')
    return (qs[0], statistics.median(v), qs[2])

inc = [o for o in out if o['included'] and o['id'] != '916247417']  # drop duplicate advert
groups = collections.OrderedDict()
def add(key, o): groups.setdefault(key, []).append(o)
for o in inc:
    fam = 'Admin & Business' if o['family'] == 'admin' else 'Estates & Facilities'
    sup = 'supervisory/manager' if o['supervisory'] else 'non-supervisory'
    b = o['band'] if o['band'] in ('2', '3', '4', '5', '6', '7') else ('3/4' if o['band'] == '3/4' else o['band'])
    add((fam, sup, b), o)
    add((fam, sup, 'all bands'), o)
    add((fam, 'all', 'all bands'), o)
for k in groups: groups[k] = groups[k]
summary = []
for k in sorted(groups, key=lambda k: (k[0], k[1], str(k[2]))):
    v = [o['min_months'] for o in groups[k]]
    q1, md, q3 = q(v)
    summary.append(dict(family=k[0], group=k[1], band=k[2], n=len(v), median=md, q1=q1, q3=q3, min=min(v), max=max(v),
                        ids=[o['id'] for o in groups[k]]))
    print(k, 'n=', len(v), 'median', md, 'IQR', q1, q3, 'range', min(v), max(v), [ (o['id'], o['min_months']) for o in groups[k]])
json.dump(summary, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'item1_summary.json'), 'w'), indent=1)
# Admin band 2-4 non-supervisory "general/similar admin experience" subset
sub = [o for o in inc if o['family']=='admin' and not o['supervisory'] and o['band'] in ('2','3','3/4','4')]
v=[o['min_months'] for o in sub]; print('admin non-sup bands 2-4', len(v), q(v), sorted(v))
