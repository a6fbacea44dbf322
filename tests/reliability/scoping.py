"""Counselor scoping on every endpoint, and the audit rows every student read must leave, for
security.py. Tokens: adm (admin), imp (importer), cA (counselor, school A), cA1 (counselor,
school A, one caseload). Every check records the audit rows it expects; verify_audit()
compares them with the audit_log table, row for row."""
import collections
import json
import re
import sqlite3
import urllib.parse

import rely


def route_table(source):
    """Every "METHOD pattern" of src/http/routes.cpp."""
    text = open(f"{source}/src/http/routes.cpp").read()
    return {f"{m} {p}" for m, p in re.findall(r'\{"([A-Z]+)", "(/[^"]*)"', text)}


class District:
    def __init__(self, students):
        by_school = collections.defaultdict(list)
        for s in students:
            by_school[s["school_code"]].append(s)
        # School A needs two caseloads; B is any other school.
        self.a = next(k for k in sorted(by_school) if len({s["counselor_id"] for s in by_school[k]}) > 1)
        self.b = next(k for k in sorted(by_school) if k != self.a)
        self.in_a, self.in_b = by_school[self.a], by_school[self.b]
        caseloads = collections.Counter(s["counselor_id"] for s in self.in_a)
        self.caseload = caseloads.most_common(1)[0][0]
        self.in_caseload = [s for s in self.in_a if s["counselor_id"] == self.caseload]
        self.in_a_other = [s for s in self.in_a if s["counselor_id"] != self.caseload]
        rely.check(self.in_caseload and self.in_a_other and self.in_b, "the demo district lacks the shapes needed")

    def token_specs(self):
        return [("adm", ["--role", "admin"]), ("imp", ["--role", "importer"]),
                ("cA", ["--role", "counselor", "--school", self.a]),
                ("cA1", ["--role", "counselor", "--school", self.a, "--counselor", self.caseload])]


class Checks:
    def __init__(self, port, tokens, district, db):
        self.port, self.tokens, self.d, self.db = port, tokens, district, db
        self.expected = collections.Counter()  # (token, student, endpoint) -> reads
        self.count = 0
        self.audited = 0

    def call(self, token, path, want, method="GET", body=None):
        status, reply = rely.http_get(self.port, path, self.tokens.get(token), method=method, body=body)
        self.count += 1
        rely.check(status == want, f"{token} {method} {path}: {status}, wanted {want}: {reply[:200]!r}")
        return json.loads(reply) if reply[:1] in (b"{", b"[") else None

    def pages(self, token, path, key):
        """Every item of a paged list, auditing what each page returned."""
        items, cursor = [], None
        while True:
            sep = "&" if "?" in path else "?"
            page = self.call(token, path + f"{sep}limit=200" + (f"&cursor={cursor}" if cursor else ""), 200)
            items += page[key]
            endpoint = "GET " + urllib.parse.urlsplit(path).path
            for sid in {i["student_id"] for i in page[key] if i.get("student_id")}:
                self.expected[(token, sid, endpoint)] += 1
            cursor = page.get("next_cursor")
            if not cursor:
                return items

    def student(self, token, sid, want):
        self.call(token, f"/api/v1/students/{sid}", want)
        if want == 200:
            self.expected[(token, sid, "GET /api/v1/students/{id}")] += 1

    def run_all(self):
        d, covered = self.d, set()
        # Public endpoints carry no student data (checked by the caller) and need no token.
        for path in ("/healthz", "/metrics", "/"):
            self.call(None, path, 200)
        self.call(None, "/static/no-such-file.js", 404)
        covered |= {"GET /healthz", "GET /metrics", "GET /", "GET /static/{path*}"}

        me = {t: self.call(t, "/api/v1/me", 200) for t in ("adm", "imp", "cA", "cA1")}
        rely.check(me["cA1"]["schools"] == [d.a] and me["cA1"]["counselor_id"] == d.caseload, f"me: {me['cA1']}")
        covered.add("GET /api/v1/me")

        a0, a_other, b0 = d.in_caseload[0]["student_id"], d.in_a_other[0]["student_id"], d.in_b[0]["student_id"]
        for token, sid, want in (("cA", a0, 200), ("cA", a_other, 200), ("cA", b0, 403), ("cA1", a0, 200),
                                 ("cA1", a_other, 403), ("cA1", b0, 403), ("imp", a0, 403), ("adm", b0, 200)):
            self.student(token, sid, want)
        covered.add("GET /api/v1/students/{id}")

        seen = self.pages("cA", "/api/v1/students", "students")
        rely.check({s["school_id"] for s in seen} == {d.a} and len(seen) == len(d.in_a),
                   f"cA lists {len(seen)} students of {sorted({s['school_id'] for s in seen})}, wanted {len(d.in_a)} of {d.a}")
        seen = self.pages("cA1", "/api/v1/students", "students")
        rely.check({s["counselor_id"] for s in seen} == {d.caseload} and len(seen) == len(d.in_caseload),
                   f"cA1 lists {len(seen)} students, wanted the {len(d.in_caseload)} of caseload {d.caseload}")
        self.call("cA", f"/api/v1/students?school={d.b}", 403)
        other = d.in_a_other[0]["counselor_id"]
        self.call("cA1", f"/api/v1/students?counselor={other}", 403)
        self.call("imp", "/api/v1/students", 403)
        covered.add("GET /api/v1/students")

        alerts_a = self.pages("cA", "/api/v1/alerts", "alerts")
        rely.check(alerts_a and {x["school"] for x in alerts_a} == {d.a}, "cA sees alerts outside school A")
        alerts_a1 = self.pages("cA1", "/api/v1/alerts", "alerts")
        rely.check(alerts_a1 and {x["counselor"] for x in alerts_a1} == {d.caseload}, "cA1 sees alerts of other caseloads")
        self.call("cA", f"/api/v1/alerts?school={d.b}", 403)
        self.call("cA1", f"/api/v1/alerts?counselor={other}", 403)
        self.call("imp", "/api/v1/alerts", 403)
        outside = self.pages("cA", f"/api/v1/alerts?student={b0}", "alerts")
        rely.check(not outside, "cA reads another school's student's alerts by id")
        covered.add("GET /api/v1/alerts")

        all_alerts = self.pages("adm", "/api/v1/alerts", "alerts")
        b_alert = next(x for x in all_alerts if x["school"] == d.b)
        a_other_alert = next(x for x in all_alerts if x["school"] == d.a and x["counselor"] not in (None, d.caseload))
        for token, alert in (("cA", b_alert), ("cA1", b_alert), ("cA1", a_other_alert), ("imp", a_other_alert)):
            self.call(token, f"/api/v1/alerts/{alert['id']}/ack", 403, method="POST", body=b'{"note": "x"}')
        self.call("cA", f"/api/v1/alerts/{a_other_alert['id']}/ack", 200, method="POST", body=b'{"note": "seen"}')
        con = sqlite3.connect(self.db)
        acked = dict(con.execute("SELECT alert_id, acknowledged_by FROM alerts WHERE acknowledged_by IS NOT NULL"))
        con.close()
        rely.check(acked == {a_other_alert["id"]: "cA"}, f"refused acks changed alerts: {acked}")
        covered.add("POST /api/v1/alerts/{id}/ack")

        gap = self.call("cA", "/api/v1/gaps", 200)
        rely.check(gap["school"] == d.a, f"cA gaps for {gap['school']}")
        self.call("cA", f"/api/v1/gaps?school={d.b}", 403)
        self.call("cA1", f"/api/v1/gaps?school={d.b}", 403)
        self.call("imp", "/api/v1/gaps", 403)
        self.call("adm", f"/api/v1/gaps?school={d.b}", 200)
        covered.add("GET /api/v1/gaps")

        for t in ("cA", "cA1"):
            self.call(t, "/api/v1/imports", 403)
            self.call(t, "/api/v1/imports/1", 403)
            self.call(t, "/api/v1/imports?name=students.csv", 403, method="POST", body=b"student_id\n")
        self.call("imp", "/api/v1/imports", 200)
        self.call("imp", "/api/v1/imports/1", 200)
        self.call("imp", "/api/v1/imports?name=students.csv", 400, method="POST", body=b"")  # past auth: empty body
        covered |= {"GET /api/v1/imports", "GET /api/v1/imports/{id}", "POST /api/v1/imports"}
        return covered

    def verify_audit(self):
        con = sqlite3.connect(self.db)
        rows = collections.Counter(con.execute("SELECT token_name, student_id, endpoint FROM audit_log"))
        con.close()
        self.audited = sum(rows.values())
        missing, extra = self.expected - rows, rows - self.expected
        rely.check(not missing and not extra,
                   f"audit rows differ: missing {list(missing.items())[:5]}, unexpected {list(extra.items())[:5]}")
        rely.log(f"audit: {self.audited} rows, exactly one per student record returned; none for refused reads")
