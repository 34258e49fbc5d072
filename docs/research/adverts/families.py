"""Title-based family classification (rules are deliberately simple and listed here)."""
import re
def rx(words): return re.compile(r'\b(?:' + '|'.join(words) + r')', re.I)

ADMIN = rx([r'admin', r'clerk', r'clerical', r'secretar', r'reception', r'personal assistant', r'\bPA\b', r'typist',
            r'booking', r'booker', r'scheduler', r'medical records', r'health records', r'records', r'switchboard', r'telephonist',
            r'data entry', r'data ', r'information (?:analyst|officer|manager)', r'analyst', r'finance', r'financial', r'accountant', r'accounts', r'payroll',
            r'\bHR\b', r'human resources', r'recruitment', r'workforce', r'business', r'governance', r'procurement', r'buyer',
            r'\bIT\b', r'ICT', r'digital', r'coordinator', r'co-ordinator', r'pathway', r'patient services', r'PALS', r'waiting list',
            r'validation', r'coder', r'coding', r'office', r'support officer', r'project', r'programme', r'operations', r'service manager',
            r'contracts?', r'communications', r'complaints', r'executive assistant', r'team secretary', r'typing', r'transcription',
            r'legal', r'payments?', r'invoice', r'cashier', r'purchase', r'planner', r'rota', r'e-?rostering', r'audit'])
EF = rx([r'estates?', r'facilities', r'facility', r'porter', r'portering', r'domestic', r'housekeep', r'cleaner', r'cleaning', r'catering', r'chef',
         r'cook', r'kitchen', r'host(?:ess)?\b', r'security', r'electrician', r'electrical', r'plumb', r'carpenter', r'joiner', r'fitter',
         r'maintenance', r'gardener', r'grounds', r'caretaker', r'handy', r'driver', r'laundry', r'linen', r'helpdesk', r'help desk',
         r'waste', r'hotel services', r'decorat', r'painter', r'multi[- ]?skilled', r'craftsperson', r'craftsman', r'craftworker', r'tradesperson', 
         r'energy', r'fire safety', r'car park', r'parking', r'mechanical', r'(?<!network )(?<!line )(?<!application )(?<!devops )(?<!endpoint management )(?<!undergraduate )engineer(?!ing technician)', r'catering', r'restaurant', r'food', r'ward host',
         r'storeperson', r'stores', r'logistics', r'transport'])
CLIN = rx([r'nurs', r'midwi', r'therap', r'physio', r'doctor', r'consultant', r'registrar', r'psycholog', r'pharmac', r'radiograph',
           r'clinical', r'health ?care assistant', r'\bHCA', r'practitioner', r'paramedic', r'dietit', r'dental', r'sonograph', r'scientist',
           r'biomedical', r'phlebotom', r'surgeon', r'\bGP\b', r'physician', r'optom', r'audiolog', r'podiatr', r'specialty', r'fellow',
           r'\bSHO\b', r'anaesth', r'health visitor', r'speech', r'occupational', r'counsell', r'psychiatr', r'matron', r'sister',
           r'charge nurse', r'care assistant', r'support worker', r'technologist', r'perfusion', r'orthopt', r'prosthet', r'dosimetr',
           r'medical (?:director|officer|practitioner|examiner)', r'trainee', r'care co-?ordinator', r'social worker', r'ward manager',
           r'theatre (?:practitioner|assistant)', r'assistant practitioner', r'play specialist', r'endoscop', r'cardiac', r'respiratory',
           r'vaccinat', r'immunis', r'screener', r'mortuary', r'anatomical', r'pathology', r'laborator', r'decontamination', r'labour', r'rehab', r'ambulance', r'voluntary', r'volunteer', r'emergency care', r'call handler', r'critical care', r'blood', r'network engineer', r'software', r'developer', r'infrastructure engineer', r'desktop', r'service desk', r'\bIT\b', r'ICT', r'digital', r'cyber', r'architect', r'technical officer', r'learning', r'education', r'\bBMS\b', r'information governance', r'medical engineering', r'radiology', r'patient transport', r'mental health', r'undergraduate', r'devops', r'server', r'matron', r'director of finance'])
# titles that mention clinical words but are plainly admin or E&F
ADMIN_STRONG = rx([r'clerk', r'secretar', r'administrator', r'receptionist', r'typist', r'coder', r'coding', r'booking', r'medical records',
                   r'health records', r'switchboard', r'telephonist', r'admin'])
EF_STRONG = rx([r'porter', r'domestic', r'housekeep', r'catering', r'chef', r'cook\b', r'electrician', r'plumb', r'carpenter',
                r'estates', r'facilities', r'security officer', r'maintenance', r'hotel services', r'ward host', r'cleaner'])
SUPER = rx([r'supervisor', r'team leader', r'manager', r'head of', r'\blead\b', r'director', r'deputy', r'chief', r'foreman',
            r'charge ?hand', r'controller', r'superintendent', r'team manager'])
TRADES = rx([r'estates?', r'electric', r'plumb', r'carpenter', r'joiner', r'fitter', r'maintenance', r'engineer', r'technician',
             r'craftsperson', r'tradesperson', r'multi[- ]?skilled', r'mechanical', r'decorat', r'painter', r'\bBMS\b', r'handy',
             r'caretaker', r'energy', r'fire safety', r'grounds', r'gardener', r'capital'])
HOTEL = rx([r'domestic', r'housekeep', r'clean', r'porter', r'portering', r'catering', r'chef', r'cook', r'kitchen', r'host',
            r'laundry', r'linen', r'waste', r'hotel', r'security', r'restaurant', r'food', r'driver', r'car park', r'parking', r'transport'])

HARD_CLIN = rx([r'nurs', r'midwi', r'\bRMN', r'\bRGN', r'\bRNLD', r'registered', r'therapist', r'physio', r'doctor', r'consultant',
                r'psycholog', r'pharmac', r'radiograph', r'paramedic', r'practitioner', r'resuscitation', r'surgical', r'theatre co',
                r'anaesth', r'scientist', r'house officer', r'\bSHO\b', r'site co-?ordinator', r'health ?care assistant', r'\bHCA\b'])
def family(title):
    t = title
    if HARD_CLIN.search(t) and not re.search(r'secretar|clerk|receptionist|typist|administrator|admin assistant', t, re.I):
        return None
    a, e, c = bool(ADMIN.search(t)), bool(EF.search(t)), bool(CLIN.search(t))
    if e and EF_STRONG.search(t) and not ADMIN_STRONG.search(t):
        fam = 'estates_facilities'
    elif a and ADMIN_STRONG.search(t):
        fam = 'admin_business'
    elif c:
        return None
    elif e and not a:
        fam = 'estates_facilities'
    elif a and not e:
        fam = 'admin_business'
    elif a and e:
        fam = 'estates_facilities' if EF_STRONG.search(t) else 'admin_business'
    else:
        return None
    return fam

def subfamily(title, fam):
    if fam != 'estates_facilities':
        return None
    if ADMIN_STRONG.search(title) or re.search(r'helpdesk|help desk|business', title, re.I):
        return 'ef_admin'
    if HOTEL.search(title) and not re.search(r'estates', title, re.I):
        return 'hotel_services'
    if TRADES.search(title):
        return 'trades'
    return 'ef_other'

def is_super(title):
    return bool(SUPER.search(title))
