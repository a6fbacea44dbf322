# Generates the hand-worked A-G cases tests/cases/ag/*.json (the ag-examples.json format, plus
# optional "config" (ag.* overrides) and "as_of_year"; only the expected keys present are
# checked). Run from the repository root: python3 tests/cases/ag/generate.py
import json, copy
FIRST = 2021
def yr(g, first=FIRST): return f"{first+g-9}-{first+g-8}"
def course(cid, title, area, grade, marks, terms=None, first=FIRST, **attrs):
    terms = terms or (["S1","S2"] if len(marks)==2 else ["S1"])
    out=[]
    for m,t in zip(marks, terms):
        r={"course_id":cid,"title":title,"ag_area":area,"honors":attrs.get("honors","none"),
           "grade_level":grade,"school_year":attrs.get("year",yr(grade, first)),"term":t,"mark":m}
        for k in ("math_level","lote_language","lote_level","hss_type","science_discipline","vpa_discipline","repeat_of_term","source"):
            if k in attrs: r[k]=attrs[k]
        out.append(r)
    return out
def baseline(first=FIRST, terms=None, marks=None):
    T=terms
    def m(default): return marks or default
    R=[]
    R+=course("ENG9","English 9","b",9,m(["A","B"]) if not T else m(["B"]*3),T,first)
    R+=course("ALG1","Algebra 1","c",9,m(["B","C"]) if not T else m(["B"]*3),T,first,math_level=1)
    R+=course("BIO","Biology","d",9,m(["A","A"]) if not T else m(["B"]*3),T,first,science_discipline="biology")
    R+=course("SPN1","Spanish 1","e",9,m(["A","A"]) if not T else m(["B"]*3),T,first,lote_language="spanish",lote_level=1)
    R+=course("ART1","Art 1","f",9,m(["A","A"]) if not T else m(["B"]*3),T,first,vpa_discipline="visual_arts")
    R+=course("ENG10","English 10","b",10,m(["A","A"]) if not T else m(["B"]*3),T,first)
    R+=course("GEO","Geometry","c",10,m(["B","B"]) if not T else m(["B"]*3),T,first,math_level=2)
    R+=course("CHEM","Chemistry","d",10,m(["B","A"]) if not T else m(["B"]*3),T,first,science_discipline="chemistry")
    R+=course("SPN2","Spanish 2","e",10,m(["A","A"]) if not T else m(["B"]*3),T,first,lote_language="spanish",lote_level=2)
    R+=course("WHIST","World History","a",10,m(["A","B"]) if not T else m(["B"]*3),T,first,hss_type="world_history")
    R+=course("ENG11","English 11","b",11,m(["A","A"]) if not T else m(["B"]*3),T,first)
    R+=course("ALG2","Algebra 2","c",11,m(["B","B"]) if not T else m(["B"]*3),T,first,math_level=3)
    R+=course("USH","US History","a",11,m(["A","A"]) if not T else m(["B"]*3),T,first,hss_type="us_history")
    R+=course("SPN3","Spanish 3","e",11,m(["B","A"]) if not T else m(["B"]*3),T,first,lote_language="spanish",lote_level=3)
    R+=course("ENG12","English 12","b",12,m(["A","A"]) if not T else m(["B"]*3),T,first)
    R+=course("PREC","Precalculus","c",12,m(["B","B"]) if not T else m(["B"]*3),T,first,math_level=4)
    R+=course("GOV","American Government","a",12,["A"],[T[0]] if T else ["S1"],first,hss_type="civics")
    R+=course("ECON","Economics","g",12,["A"],[T[-1]] if T else ["S2"],first,hss_type="social_science")
    return R
def drop(R, *ids): return [r for r in R if r["course_id"] not in ids]
def areas(**earned):
    req={"a":4,"b":8,"c":6,"d":4,"e":4,"f":2,"g":2}
    out={}
    for a in "abcdefg":
        e=earned.get(a,req[a]); out[a]={"required":req[a],"earned":e,"met":e>=req[a]}
    return out
def write(name, obj):
    with open(f"tests/cases/ag/{name}.json","w") as f: json.dump(obj,f,indent=1); f.write("\n")

# ag-020 (ag-rules §2): UC 8-point cap binds.
R=drop(baseline(),"ENG10","WHIST","ENG11","USH","ALG2","SPN3")
R+=course("ENG10H","English 10 Honors","b",10,["A","A"],honors="uc_honors")
R+=course("APWH","AP World History","a",10,["A","A"],honors="ap",hss_type="world_history")
R+=course("APLANG","AP English Language","b",11,["A","A"],honors="ap")
R+=course("APUSH","AP US History","a",11,["A","B"],honors="ap",hss_type="us_history")
R+=course("ALG2H","Algebra 2 Honors","c",11,["B","B"],honors="uc_honors",math_level=3)
R+=course("SPN3H","Spanish 3 Honors","e",11,["B","A"],honors="uc_honors",lote_language="spanish",lote_level=3)
R+=course("PHYS","Physics","d",11,["A","A"],science_discipline="physics")
write("ag-020-uc-8-point-cap",{"id":"ag-020-uc-8-point-cap",
 "rule":"ag-rules §2: honors semesters 10th 4, 11th 8. 10th ENG10H A,A 8 + APWH A,A 8 + CHEM B,A 7 + SPN2 A,A 8 + GEO B,B 6 = 37; 11th APLANG A,A 8 + APUSH A,B 7 + ALG2H B,B 6 + SPN3H B,A 7 + PHYS A,A 8 = 36 -> 73/20 = 3.65. Capped: 73 + min(8, min(4,4) + 8) = 81/20 = 4.05. Fully: 73 + 12 = 85/20 = 4.25. CSU: 73 + min(8, min(2,4) + 8) = 81/20 = 4.05.",
 "student":{"student_id":"C020","grade_level":12},"records":R,
 "expected":{"uc":{"areas":areas(),"pattern_complete":True,"gpa_unweighted":3.65,"gpa_weighted_capped":4.05,"gpa_fully_weighted":4.25,"eligible":True},
             "csu":{"gpa":4.05,"eligible":True}}})

# ag-030 (ag-rules §2): CSU college weighting.
R=drop(baseline(),"ENG10","WHIST")
R+=course("ENG10H","English 10 Honors","b",10,["A","A"],honors="uc_honors")
R+=course("WHISTH","World History Honors","a",10,["A","B"],honors="uc_honors",hss_type="world_history")
R+=course("PSY101","Intro Psychology (college)","g",9,["A"],["SU"],honors="college",hss_type="social_science")
write("ag-030-csu-college-weighting",{"id":"ag-030-csu-college-weighting",
 "rule":"ag-rules §2: a college course (A) in the summer after 9th counts as 10th grade. UC: 1 grade, 1 honors point: (65 + 4) / 19 grades + min(4, honors 10th 5) = 73/19 = 3.84. CSU: the college grade counts twice: 73 points / 20 grades, honors 10th 4 + 2 = 6 capped at 2 -> 75/20 = 3.75. Unweighted UC 69/19 = 3.63; fully (69 + 5)/19 = 3.89.",
 "student":{"student_id":"C030","grade_level":12},"records":R,
 "expected":{"uc":{"areas":areas(),"gpa_unweighted":3.63,"gpa_weighted_capped":3.84,"gpa_fully_weighted":3.89,"eligible":True},
             "csu":{"gpa":3.75,"eligible":True}}})

# Trimester school, every grade B.
R=baseline(terms=["T1","T2","T3"])
write("ag-101-trimester-school",{"id":"ag-101-trimester-school",
 "rule":"C12: each trimester is 2/3 of a semester, so three trimesters make a year-long course. Every course in T1-T3 with B: a = world 2 + US 2 = 4 (Government is one trimester, 2/3, and rolls to g); b 8; c 6; d 4; e 4; f 2; g 2. GPA: every grade B -> 3.00 (weights cancel). Before 12th: a4 b6 c6 d4 e4 f2 g2 = 28.",
 "student":{"student_id":"C101","grade_level":12},"records":R,
 "expected":{"uc":{"areas":areas(),"pattern_complete":True,"eleven_before_senior":True,"semesters_before_senior":28,"gpa_unweighted":3.0,"gpa_weighted_capped":3.0,"eligible":True},
             "csu":{"areas":areas(),"gpa":3.0,"eligible":True}}})

# Nonresident thresholds.
R=[dict(r, mark="B") if r["grade_level"] in (10,11) else r for r in baseline()]
write("ag-102-nonresident-thresholds",{"id":"ag-102-nonresident-thresholds",
 "rule":"C17: 18 B grades in 10th-11th = 54/18 = 3.00. A nonresident needs 3.40 for UC (not met) and 3.00 for CSU (met exactly).",
 "config":{"ag.residency":"nonresident"},
 "student":{"student_id":"C102","grade_level":12},"records":R,
 "expected":{"uc":{"pattern_complete":True,"gpa_weighted_capped":3.0,"eligible":False,"eligible_projected":False},
             "csu":{"pattern_complete":True,"gpa":3.0,"eligible":True}}})

# Chemistry S2 -> S1 switched off.
R=drop(baseline(),"CHEM")+course("CHEM","Chemistry","d",10,["D","B"],science_discipline="chemistry")
write("ag-103-chemistry-validation-off",{"id":"ag-103-chemistry-validation-off",
 "rule":"C4 off: a chemistry S1 D is not validated by the S2 B. UC d = biology 2 + chemistry 1 = 3; CSU d = biological 2 + physical 1 = 3. GPA: CHEM D,B = 4 instead of B,A = 7 -> (33 + 29)/18 = 3.44 (the D stays either way).",
 "config":{"ag.validation.chemistry_s2_validates_s1":"false"},
 "student":{"student_id":"C103","grade_level":12},"records":R,
 "expected":{"uc":{"areas":areas(d=3),"pattern_complete":False,"gpa_unweighted":3.44,"eligible":False},
             "csu":{"areas":areas(d=3),"pattern_complete":False,"eligible":False}}})

# A ninth grader mid-year.
R=[dict(r, mark="IP") for r in baseline(first=2025) if r["grade_level"]==9]
write("ag-104-ninth-grader-on-track",{"id":"ag-104-ninth-grader-on-track",
 "rule":"§9 and R9: a 9th grader in 2025-2026 with English, Algebra 1, Biology, Spanish 1 and Art in progress: nothing earned yet, 10 semesters projected (b 2, c 2) >= 4 -> on track. No 10th-11th grades: no GPA, so nothing is eligible even projected.",
 "as_of_year":"2025-2026",
 "student":{"student_id":"C104","grade_level":9},"records":R,
 "expected":{"on_track":True,"uc":{"areas":areas(a=0,b=0,c=0,d=0,e=0,f=0,g=0),"pattern_complete":False,"pattern_complete_projected":False,"eleven_before_senior":False,"gpa_unweighted":None,"eligible_projected":False},
             "csu":{"gpa":None,"eligible_projected":False}}})

# Winter 2021 trimester P: CSU only.
R=drop(baseline(first=2019),"ENG10")+course("ENG10","English 10","b",10,["A","P","A"],["T1","T2","T3"],first=2019)
write("ag-105-pass-winter-2021",{"id":"ag-105-pass-winter-2021",
 "rule":"R4/C10: a P in 2020-2021 T2 (winter 2021) counts for CSU (winter through summer 2021) but not for UC (spring and summer 2021 only). UC b = 6 + T1 2/3 + T3 2/3 = 22/3; CSU b = 8.",
 "student":{"student_id":"C105","grade_level":12},"records":R,
 "expected":{"uc":{"areas":areas(b=22/3),"pattern_complete":False},
             "csu":{"areas":areas(),"pattern_complete":True,"eligible":True}}})

# Repeat of a D the next year, plus a 7th-grade Algebra 1.
R=drop(baseline(),"ALG1","ENG10")
R+=course("ALG1","Algebra 1","c",7,["A","B"],math_level=1)
R+=course("ENG10","English 10","b",10,["D","D"])+course("ENG10","English 10","b",11,["B","C"])
write("ag-106-repeat-next-year",{"id":"ag-106-repeat-next-year",
 "rule":"§8: English 10 D,D in 10th and again (no repeat_of_term) in 11th with B,C: the D's leave the GPA. 10th: 36 - 8 = 28 (8 grades); 11th: 29 + 5 = 34 (10 grades) -> 62/18 = 3.44. Algebra 1 in 7th counts for c, never in the GPA. Before 12th: b = ENG9 + ENG10 (11th) + ENG11 = 6 -> 28.",
 "student":{"student_id":"C106","grade_level":12},"records":R,
 "expected":{"uc":{"areas":areas(),"pattern_complete":True,"semesters_before_senior":28,"gpa_unweighted":3.44,"eligible":True},
             "csu":{"areas":areas(),"gpa":3.44,"eligible":True}}})
