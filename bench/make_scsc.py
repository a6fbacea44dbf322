#!/usr/bin/env python3
"""Writes a CALPADS SCSC file (caret-delimited, no header, CRLF, layout v12: 20 fields) holding
the same rows as a demo district's canonical course_marks.csv, for bench/formats.sh.

usage: bench/make_scsc.py DEMO_DIR OUT_FILE

Student names, SSID, birth date and gender come from DEMO_DIR/students.csv; 10.19 (the A-G
area) from the course's ag_area in DEMO_DIR/courses.csv (g -> GO); the section id is
<course>-<term>. All synthetic (demo-data output)."""
import csv
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    demo, out_path = sys.argv[1], sys.argv[2]
    students = {}
    with open(f"{demo}/students.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            students[r["student_id"]] = (r.get("ssid", ""), r.get("first_name", ""),
                                         r.get("last_name", ""),
                                         r.get("birth_date", "").replace("-", ""),
                                         r.get("gender", ""))
    areas = {}
    with open(f"{demo}/courses.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            a = (r.get("ag_area") or "").strip().upper()
            areas[(r["school_code"], r["local_course_id"])] = "GO" if a == "G" else a
    rows = 0
    with open(f"{demo}/course_marks.csv", newline="", encoding="utf-8") as f, \
            open(out_path, "w", encoding="utf-8", newline="") as out:
        for r in csv.DictReader(f):
            ssid, first, last, birth, gender = students.get(r["student_id"], ("", "", "", "", ""))
            school, course, term = r["school_code"], r["local_course_id"], r["term_code"]
            fields = ["SCSC", "", "", "9912345", school, r["academic_year"], ssid, r["student_id"],
                      first, last, birth, gender, course, f"{course}-{term}", term,
                      r.get("credits_attempted", ""), r.get("credits_earned", ""), r.get("mark", ""),
                      areas.get((school, course), ""), term]
            out.write("^".join(fields) + "\r\n")
            rows += 1
    print(rows)


if __name__ == "__main__":
    main()
