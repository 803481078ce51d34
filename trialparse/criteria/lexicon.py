"""The closed vocabulary of LEXICON.md as tables: targets with surface forms, UCUM units, comparators, anchors.

Surface forms are regex fragments matched on the normalized text (see numbers.normalize). `ci` forms are
case-insensitive; `cs` forms are case-sensitive acronyms (EGFR the gene is not eGFR the filtration rate).
"""

from __future__ import annotations

import re
from typing import Final

from trialparse.criteria.model import Anchor, Comparator, Kind

# --- §2.1 AGE / MEASUREMENT / SCORE: key -> (kind, case-insensitive forms, case-sensitive forms) ---------
MEASURES: Final[dict[str, tuple[Kind, str, str]]] = {
    "platelets": (Kind.MEASUREMENT, r"platelets?(?: counts?)?|thrombocytes?|plt", ""),
    "anc": (
        Kind.MEASUREMENT,
        r"absolute neutrophils?(?: counts?)?|neutrophils?(?: counts?)?|(?:absolute )?granulocytes?(?: counts?)?"
        r"|polymorphonuclear(?: leukocytes)?|agc",
        r"ANC",
    ),
    "wbc": (
        Kind.MEASUREMENT,
        r"white blood cells?(?: counts?)?|white (?:blood )?cell counts?|leu[ck]ocytes?",
        "WBC",
    ),
    "lymphocytes": (Kind.MEASUREMENT, r"(?:absolute )?lymphocytes?(?: counts?)?", "ALC"),
    "hemoglobin": (Kind.MEASUREMENT, r"ha?emoglobin(?! ?a1c)", r"H[bB](?!A1c|a1c|s)|Hgb|HGB"),
    "blasts": (Kind.MEASUREMENT, r"blasts?(?: cells?)?", ""),
    "mrd": (Kind.MEASUREMENT, r"minimal residual disease|measurable residual disease", "MRD"),
    "creatinine": (
        Kind.MEASUREMENT,
        r"(?:serum )?creatinine(?! clearance| ratio)(?: levels?)?",
        r"S[Cc]r|Cr",
    ),
    "crcl": (Kind.MEASUREMENT, r"(?:calculated )?creatinine clearance", r"CrCl|CLcr|Ccr|CrCL|CRCL"),
    "egfr": (Kind.MEASUREMENT, r"(?:estimated )?glomerular filtration rate", r"e?GFR|FG"),
    "proteinuria": (
        Kind.MEASUREMENT,
        r"urine protein(?:[ /-]?(?:to[- ])?creatinine ratio)?|proteinuria|upcr|uacr|albuminuria",
        "",
    ),
    "potassium": (Kind.MEASUREMENT, r"potassium", r"K\+"),
    "sodium": (Kind.MEASUREMENT, r"sodium", r"Na\+"),
    "bilirubin_direct": (Kind.MEASUREMENT, r"(?:direct|conjugated) bilirubin", ""),
    "bilirubin_total": (Kind.MEASUREMENT, r"(?:total |serum ){0,8}bilirubin|tbil", ""),
    "ast": (Kind.MEASUREMENT, r"aspartate (?:amino)?transferase|aspartate transaminase", r"AST|SGOT"),
    "alt": (Kind.MEASUREMENT, r"alanine (?:amino)?transferase|alanine transaminase", r"ALT|SGPT"),
    "alp": (Kind.MEASUREMENT, r"alkaline phosphatase", r"ALP"),
    "albumin": (Kind.MEASUREMENT, r"(?:serum )?albumin(?!uria)", "ALB"),
    "inr": (Kind.MEASUREMENT, r"international normali[sz]ed ratio", "INR"),
    "pt": (Kind.MEASUREMENT, r"prothrombin time", ""),
    "aptt": (Kind.MEASUREMENT, r"(?:activated )?partial thromboplastin time", r"a?PTT|APTT"),
    "hba1c": (
        Kind.MEASUREMENT,
        r"hb ?a1c|a1c|glyc(?:at|osyl)ated ha?emoglobin|ha?emoglobin a1c",
        "",
    ),
    "glucose": (
        Kind.MEASUREMENT,
        r"(?:fasting )?(?:plasma |blood |serum )?glucose|blood sugar|glyca?emia",
        "FPG",
    ),
    "ldl": (Kind.MEASUREMENT, r"ldl(?:-c)?(?: cholesterol)?|low[- ]density lipoprotein(?: cholesterol)?", ""),
    "triglycerides": (Kind.MEASUREMENT, r"triglycerides?", "TG"),
    "lipase": (Kind.MEASUREMENT, r"lipase", ""),
    "amylase": (Kind.MEASUREMENT, r"amylase", ""),
    "tsh": (Kind.MEASUREMENT, r"thyroid[- ]stimulating hormone", "TSH"),
    "testosterone": (Kind.MEASUREMENT, r"(?:serum )?testosterone", ""),
    "psa": (Kind.MEASUREMENT, r"prostate[- ]specific antigen", "PSA"),
    "crp": (Kind.MEASUREMENT, r"c[- ]reactive protein", "CRP"),
    "cd4": (Kind.MEASUREMENT, r"cd4\+?(?: (?:t[- ]cells?|cells?|counts?|lymphocytes?))*", ""),
    "viral_load": (Kind.MEASUREMENT, r"viral load|hiv(?:-1)? rna|hbv[- ]?dna|hcv[- ]?rna", ""),
    "lvef": (Kind.MEASUREMENT, r"(?:left ventricular )?ejection fraction|lvef", "EF"),
    "qtc": (Kind.MEASUREMENT, r"corrected qt(?: interval)?|qt interval|qtc[fb]?(?: interval)?", ""),
    "fev1": (Kind.MEASUREMENT, r"fev ?1", ""),
    "spo2": (Kind.MEASUREMENT, r"(?:blood )?oxygen saturation|spo2|sao2", ""),
    "sbp": (Kind.MEASUREMENT, r"systolic(?: blood pressure| bp)?|sbp", ""),
    "dbp": (Kind.MEASUREMENT, r"diastolic(?: blood pressure| bp)?|dbp", ""),
    "heart_rate": (Kind.MEASUREMENT, r"heart rate|pulse(?: rate)?", "HR"),
    "body_temperature": (Kind.MEASUREMENT, r"(?:body )?temperature|fever", ""),
    "bmi": (Kind.MEASUREMENT, r"body mass index|bmi", ""),
    "body_weight": (Kind.MEASUREMENT, r"(?:body )?weight(?! (?:of )?(?:change|loss|gain))|weighing", ""),
    "height": (Kind.MEASUREMENT, r"height", ""),
    "life_expectancy": (
        Kind.MEASUREMENT,
        r"life[- ]?expectancy|expected survival|survival expectancy|expected to (?:live|survive)|estimated survival",
        "",
    ),
    "lesion_size": (Kind.MEASUREMENT, r"(?:tumou?r|lesion|nodule|mass) size|measurable lesions?", ""),
    "ecog": (
        Kind.SCORE,
        r"eastern cooperative oncology group(?: \(ecog\))?(?: performance(?: status| score)*)?"
        r"|ecog(?: performance(?: status| score)*)?(?: \(ps\))?|who performance(?: status| score)*|who ps|zubrod"
        r"|performance status(?: score)?",
        "",
    ),
    "karnofsky": (Kind.SCORE, r"karnofsky(?: performance)?(?: status| scale| score)*|kps", ""),
    "lansky": (Kind.SCORE, r"lansky(?: play)?(?:[- ]performance)?(?: status| scale| score)*", ""),
    "nyha": (
        Kind.SCORE,
        r"nyha(?: (?:functional )?class(?:es)?)?|new york heart association(?: (?:functional )?class(?:es)?)?",
        "",
    ),
    "ctcae_grade": (Kind.SCORE, r"ctcae(?: v?[\d.]+)?(?: grade)?|nci[- ]ctc(?:ae)?(?: grade)?|grade", ""),
    "pain_score": (
        Kind.SCORE,
        r"visual analog(?:ue)? scale|numeric(?:al)? (?:pain )?rating scale|pain (?:intensity|score)",
        r"VAS|NRS|NPRS",
    ),
    "odi": (Kind.SCORE, r"oswestry disability index|odi", ""),
    "mmse": (Kind.SCORE, r"mini[- ]mental state(?: examination)?|mmse", ""),
}

# Combined names that stand for several keys (LEXICON §2.1, rule 2).
COMBINED: Final[dict[str, tuple[str, ...]]] = {
    r"transaminases?|aminotransferases?|liver enzymes": ("ast", "alt"),
}

# Measures with no target key: a threshold after them is OTHER_NUMERIC, never the previous target's.
OTHER_MEASURES: Final[str] = (
    r"calcium|magnesium|phosphate|phosphorus|ldh|lactate dehydrogenase|ferritin|ha?ematocrit|fvc|dlco"
    r"|t[- ]score|moca|phq-?9|gcs|gleason(?: score)?|hoehn(?: (?:and|&) yahr)?(?: stage)?|audit|fsh"
    r"|follicle[- ]stimulating hormone|rbc|red blood cells?|cholesterol|uric acid|ige|igg|cobb angle"
    r"|pack[- ]years?|drinks|hads|bdi|hamd|madrs|ipss|tlc|hdl"
)

# --- §2.2 reproductive ---------------------------------------------------------------------------------
PREGNANCY_TEST: Final[str] = (
    r"pregnancy tests?|test(?:ing)? (?:for )?pregnancy|(?:serum|urine) (?:beta|β)[- ]?h?cg(?: test)?|(?:β|beta)[- ]?hcg"
)
PREGNANCY: Final[str] = (
    r"(?:non[- ]?)?pregnan(?:t|cy|cies)|(?:plan(?:ning)?|intend(?:ing)?|wish(?:ing)?) to (?:become pregnant|conceive)"
    r"|expecting to conceive"
)
LACTATION: Final[str] = (
    r"(?:non[- ]?)?(?:breast[- ]?feeding|lactat(?:ing|ion)|nursing(?! homes?\b)|breastfeed)"
)
CONTRACEPTION: Final[str] = (
    r"contracepti(?:on|ves?)(?: (?:measures?|methods?))?|birth control|condoms?|(?:sexual )?abstinence"
    r"|barrier methods?"
)
WOCBP: Final[str] = (
    r"(?:wo)?m[ae]n (?:patients |subjects |participants )?of (?:child[- ]?bearing|reproductive) (?:potential|age)"
    r"|females? (?:patients |subjects |participants )?of (?:child[- ]?bearing|reproductive) (?:potential|age)"
    r"|wocbp|child[- ]?bearing (?:potential|age)|females? (?:patients |subjects )?with a possibility of pregnancy"
    r"|able to become pregnant|fertile (?:wo)?m[ae]n|reproductive potential"
)
NOT_WOCBP: Final[str] = (
    r"non[- ]?child[- ]?bearing(?: potential)?|post[- ]?menopausal|surgically steril(?:e|i[sz]ed)|sterili[sz]ed"
    r"|not of child[- ]?bearing (?:potential|age)"
)

# --- §2.3 PRIOR_THERAPY ------------------------------------------------------------------------------
THERAPIES: Final[dict[str, str]] = {
    "surgery": r"(?:major |spinal |spine |lumbar |previous |prior ){0,8}surgery|surgeries|resection|operations?\b"
    r"|laminectomy|discectomy|arthroplasty",
    "chemotherapy": r"chemotherapy|chemotherapies|cytotoxic (?:therapy|agents?|drugs?)|chemo\b",
    "radiotherapy": r"radiotherapy|radiation(?: therapy)?(?! pneumonitis)|irradiation|radiation treatment",
    "immunotherapy": r"immunotherapy|immune checkpoint inhibitors?|checkpoint inhibitors?|anti-pd-?(?:l)?1"
    r"|car-?t(?: cells?)?\b",
    "targeted_therapy": r"targeted therapy|target therapy|tyrosine kinase inhibitors?|tkis?\b|biological therapy"
    r"|monoclonal antibod(?:y|ies)|small[- ]molecule",
    "hormone_therapy": r"hormon(?:e|al) therapy|endocrine therapy|androgen deprivation|anti-?androgens?"
    r"|aromatase inhibitors?",
    "systemic_therapy": r"(?:systemic|anti-?cancer|anti-?tumou?r|antineoplastic|anti-?neoplastic)"
    r" (?:therapy|therapies|treatment|drugs|agents)"
    r"|(?:lines?|regimens?) of (?:therapy|treatment|chemotherapy)|induction therapy|other antitumou?r drugs",
    "investigational_agent": r"investigational (?:drugs?|agents?|products?|devices?|medications?|therap(?:y|ies))"
    r"|experimental (?:therapy|drugs?|agents?)"
    r"|(?:another|other) (?:interventional |clinical )*(?:trials?|stud(?:y|ies))",
    "transplant": r"(?:allogeneic |autologous |hematopoietic |haematopoietic ){0,8}"
    r"(?:stem[- ]cell|bone marrow|organ) transplant(?:ation)?"
    r"|hsct|asct|allo-?sct|transplant(?:ation)?",
    "corticosteroids": r"(?:systemic |oral )?(?:cortico)?steroids?|prednisone|prednisolone|dexamethasone"
    r"|methylprednisolone",
    "injection": r"(?:epidural|facet|trigger[- ]point|steroid) injections?|nerve blocks?|botulinum toxin"
    r"|radiofrequency ablation",
    "physical_therapy": r"physiotherapy|physical therapy|rehabilitation|chiropractic",
    "analgesics": r"opioids?|nsaids?|analgesics?|pain medications?",
    "therapy_other": r"anticoagula(?:nt|tion)(?: therapy| drugs?)?|thrombolysis"
    r"|immunosuppressive (?:therapy|drugs?|agents?)"
    r"|immunosuppressants?|vaccines?|vaccination|transfusions?|growth factors?|dialysis|psychotherapy"
    r"|revasculari[sz]ation|(?:restricted |prohibited |concomitant )?medications?(?:/treatments?)?"
    r"|non-operative (?:therapy|treatment)|conservative (?:therapy|treatment|care)",
}

# --- §2.4 CONDITION --------------------------------------------------------------------------------------
CONDITIONS: Final[dict[str, str]] = {
    "malignancy": r"malignanc(?:y|ies)|cancers?|carcinomas?|other primary tumou?rs?",
    "myocardial_infarction": r"myocardial infarctions?|heart attacks?",
    "angina": r"(?:unstable )?angina(?: pectoris)?|acute coronary syndromes?",
    "stroke": r"strokes?|transient isch(?:a)?emic attacks?|cerebrovascular (?:accidents?|events?)",
    "heart_failure": r"(?:congestive )?(?:heart|cardiac) (?:failure|insufficiency)",
    "arrhythmia": r"arrh?ythmias?|atrial fibrillation",
    "hypertension": r"hypertension|high blood pressure",
    "diabetes": r"diabetes(?: mellitus)?",
    "obesity": r"(?:morbid )?obesity|(?:morbidly )?obese",
    "renal_impairment": r"renal (?:impairment|insufficiency|failure|disease)|kidney (?:disease|failure)",
    "hepatic_impairment": r"hepatic (?:impairment|failure|insufficiency)|liver (?:disease|failure)|cirrhosis",
    "anemia": r"ana?emi[ac]",
    "cytopenia": r"thrombocytopenia|neutropenia|leu[ck]openia|cytopenias?",
    "infection": r"infections?|sepsis",
    "hiv": r"hiv infection",
    "hepatitis": r"hepatitis(?: [bc])?|hbv infection|hcv infection",
    "bleeding": r"(?:intracranial )?(?:bleeding|ha?emorrhages?|ha?emoptysis)",
    "thromboembolism": r"thrombos[ie]s|deep ve(?:in|nous) thrombosis|pulmonary embol(?:ism|i)|thromboembolism",
    "substance_use": r"(?:alcohol|drug|substance) (?:abuse|dependence|use disorders?)|substance abuse",
    "pain": r"(?:back|neck|radicular|leg|chronic) pain|sciatica|radiculopathy",
    "headache": r"(?:cluster )?headaches?|migraines?|cluster periods?",
    "psychiatric_disorder": r"depression|bipolar|schizophrenia|psychosis|suicidal (?:ideation|behaviou?r)",
}

# --- §3 comparators: phrases written before a number ------------------------------------------------------
CMP_BEFORE: Final[tuple[tuple[Comparator, str], ...]] = (
    (
        Comparator.GE,
        r"≥|>=|=>|≧|⩾|>/=|at least|no less than|not less than|no fewer than|not fewer than|not below"
        r"|no younger than|not younger than|equal to or (?:greater|more|older|higher) than"
        r"|(?:greater|more|higher|older) than or equal to|(?:a )?minimum(?: of)?|≥ ?=",
    ),
    (
        Comparator.LE,
        r"≤|<=|=<|≦|⩽|</=|at most|up to|(?:a )?maximum(?: of)?|no more than|not more than|not exceeding"
        r"|(?:does|do|should|must) not exceed|not to exceed|no greater than|not greater than|no higher than"
        r"|not higher than|not above|no older than|not older than|(?:less|lower|fewer) than or equal to"
        r"|equal to or (?:less|lower|fewer|younger) than",
    ),
    (
        Comparator.GT,
        r">|more than|greater than|higher than|over|above|older than|exceeding|exceeds?|in excess of|superior to",
    ),
    (Comparator.LT, r"<|less than|fewer than|lower than|under|below|younger than|inferior to"),
    (Comparator.EQ, r"=|equal to"),
)

# Phrases after a number (or its unit) that make it a bound: "18 years or older", "18+".
CMP_AFTER: Final[tuple[tuple[Comparator, str], ...]] = (
    (Comparator.GE, r"(?:or|and) (?:more|greater|higher|above|over|older|longer)|\+(?!\w)"),
    (Comparator.LE, r"(?:or|and) (?:less|fewer|lower|below|under|younger|shorter)"),
)

# --- §6 anchors ---------------------------------------------------------------------------------------------
ANCHORS: Final[tuple[tuple[Anchor, str], ...]] = (
    (
        Anchor.FIRST_DOSE,
        r"(?:the )?(?:first|initial|1st) (?:dose|administration|infusion|day of (?:study )?(?:treatment|dosing))"
        r"|(?:start|initiation|beginning|commencement) of (?:the )?(?:study )?"
        r"(?:drugs?|treatments?|therapy|interventions?|dosing)"
        r"|(?:study|trial) (?:drugs?|treatments?|therapy|interventions?)(?: start| initiation| administration)?"
        r"|(?:the )?treatment period|dosing|day 1|c1d1|cycle 1,? day 1|(?:cell )?infusion|treatment start"
        r"|(?:the )?(?:first|initial) (?:study )?(?:treatment|dose)",
    ),
    (
        Anchor.LAST_DOSE,
        r"(?:the )?last (?:dose|administration|infusion)|end of (?:the )?treatment|completion of (?:the )?treatment"
        r"|treatment discontinuation|last (?:study )?(?:drug|treatment)"
        r"|(?:discontinuation|stopping) of (?:the )?(?:study )?treatment",
    ),
    (Anchor.RANDOMIZATION, r"randomi[sz]ation|being randomi[sz]ed"),
    (
        Anchor.ENROLLMENT,
        r"enrol(?:l)?ment|study entry|entry|inclusion|registration|start of (?:the )?study|enrol(?:l)?ing"
        r"|participation|entering (?:the|this) (?:clinical )?study|(?:the|this) study",
    ),
    (Anchor.SCREENING, r"(?:the )?screening(?: visit| period)?"),
    (Anchor.BASELINE, r"(?:the )?baseline(?: visit)?"),
    (Anchor.CONSENT, r"(?:signing (?:of )?)?(?:the )?(?:informed consent|icf|assent)(?: form)?"),
    (Anchor.SURGERY, r"(?:the )?(?:index )?(?:surgery|operation|procedure)"),
    (Anchor.DIAGNOSIS, r"(?:the )?(?:initial )?diagnosis"),
    (Anchor.ONSET, r"(?:the )?onset|injury|first attack"),
    (Anchor.OTHER, r"leu[ck]apheresis|admission|delivery|visit \d+|hospitali[sz]ation"),
)

NUMBER_WORDS: Final[dict[str, int]] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
}

ROMAN: Final[dict[str, int]] = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "Ⅰ": 1,
    "Ⅱ": 2,
    "Ⅲ": 3,
    "Ⅳ": 4,
    "Ⅴ": 5,
}


def alternation(forms: str) -> re.Pattern[str]:
    """Word-bounded, case-insensitive alternation of surface forms."""
    return re.compile(rf"(?<![\w-])(?:{forms})(?![\w])", re.IGNORECASE)
