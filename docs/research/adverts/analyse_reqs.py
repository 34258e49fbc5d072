import os
import sys, re, json, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_adverts import load, final_band3
R = {r['id']: r for r in load()}
roles = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'role_band_counts.json')))
EXCL = re.compile(r'specimen|supervisor|manager|team leader|senior|apprentice|health care assistant|information governance|project manager|pathology|lab\b', re.I)
REQ = {
 'gcse_eng_maths': r'GCSE[^.]{0,80}(?:English|Maths|Mathematics)|(?:English|Maths|Mathematics)[^.]{0,40}GCSE',
 'gcse_any': r'GCSE',
 'nvq2': r'NVQ\s*(?:level\s*)?(?:2|II)\b',
 'nvq3': r'NVQ\s*(?:level\s*)?(?:3|III)\b',
 'level3_any': r'level\s*3|NVQ\s*3|RSA\s*(?:3|III)|OCR\s*(?:level\s*)?3',
 'keyboard_typing': r'keyboard|typing|wpm|words per minute|touch typ|audio typ|RSA|OCR|word processing',
 'medical_terminology': r'medical terminology',
 'AMSPAR': r'AMSPAR|BSMSA',
 'customer_service': r'customer service|customer care|customer focused|public facing|dealing with the public|members of the public',
 'IT_skills': r'\bIT skills|computer skills|computer literate|Microsoft|MS Office|\bExcel\b',
 'time_served_or_apprenticeship': r'time[- ]served|served (?:an|a recognised|a formal)? ?apprenticeship|apprenticeship',
 '18th_edition': r'18th edition|BS\s*7671|17th edition',
 'city_guilds': r'City (?:and|&) Guilds|C&G',
 'SIA': r'\bSIA\b',
 'food_hygiene': r'food (?:safety|hygiene)|food handling',
 'driving_licence': r'driving licen[cs]e',
 'no_experience_needed': r'no (?:previous |prior )?experience (?:is )?(?:necessary|needed|required)|(?:desirable|advantage|advantageous|preferred)\s*,?\s*(?:but|although|however)?\s*not essential|full training (?:will be|is) (?:given|provided)',
 # patient contact
 'patients_in_person': r'face[- ]to[- ]face|front desk|reception desk|greet(?:ing)? (?:patients|visitors)|meet and greet|welcom(?:e|ing) (?:patients|visitors)|first point of contact|booking in|book(?:ing)? patients in|patients arriv',
 'telephone': r'telephone(?! ?number)(?! ?no\b)(?! ?:)|phone calls|calls from|switchboard|answer(?:ing)? (?:the )?(?:phone|calls)',
 'patients_word': r'patient',
 'wards': r'\bwards?\b',
}
REQ = {k: re.compile(v, re.I) for k, v in REQ.items()}
out = {}
for role, v in roles.items():
    ads = [a for a in v['adverts'] if not EXCL.search(a['title']) or role in ('catering_supervisor', 'catering_manager')]
    ads = [a for a in ads if a['band']]   # AfC-banded only (NHS/AfC-paying employers)
    cnt = collections.Counter(); ex = collections.defaultdict(list)
    for a in ads:
        t = R[a['id']]['text']
        for k, rx in REQ.items():
            m = rx.search(t)
            if m:
                cnt[k] += 1
                if len(ex[k]) < 4:
                    ex[k].append(dict(id=a['id'], title=a['title'], quote=t[max(0, m.start() - 120):m.end() + 120].replace('\n', ' ')))
    bands = collections.Counter(a['band'] for a in ads)
    out[role] = dict(n=len(ads), bands=dict(bands.most_common()), counts=dict(cnt.most_common()), examples=ex,
                     ids=[(a['id'], a['band'], a['title']) for a in ads])
    print('==', role, len(ads), dict(bands.most_common()))
    print('   ', dict(cnt.most_common()))
json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'role_requirements.json'), 'w'), indent=1)
