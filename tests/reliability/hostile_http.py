"""Hostile HTTP against the real daemon: malformed request lines, huge headers, URIs and
bodies, request smuggling shapes, slow clients, path traversal, SQL injection strings in
every parameter of every endpoint, bad UTF-8, and forged, revoked, expired and misplaced tokens.
Every answer must be a clean 4xx (never a 5xx, never a hang), the daemon keeps serving
(checked after every category), the district's data is unchanged, and the log (at debug
level) holds no student name and no token. Prints how many hostile requests were sent.

Usage: hostile_http.py AGMON WORKDIR [--students N]"""
import argparse
import csv
import os
import random
import socket
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_inputs as hi  # noqa: E402
import rely  # noqa: E402


class Attack:
    def __init__(self, d, tokens):
        self.d, self.tokens, self.sent, self.by_category = d, tokens, 0, {}

    def expect(self, category, status, what, allowed=()):
        self.sent += 1
        self.by_category[category] = self.by_category.get(category, 0) + 1
        ok = 400 <= status < 500 or status in allowed
        rely.check(ok, f"{category}: {what[:160]!r} -> {status or 'no answer'}")

    def raw(self, category, data, allowed=(), timeout=15):
        status, _ = rely.raw_request(self.d.port, data, timeout)
        self.expect(category, status, data[:160], allowed)

    def get(self, category, path, token="admin", allowed=(), method="GET", body=None, headers=None):
        tok = self.tokens.get(token, token) if token else None
        status, reply = rely.http_get(self.d.port, path, tok, method=method, body=body, headers=headers, timeout=15)
        self.expect(category, status, f"{method} {path}", allowed)
        rely.check(b"root:x:0:0" not in reply and b"SQLite format 3" not in reply, f"{path}: leaked a file")
        return status, reply

    def still_serving(self, category, student):
        rely.check(self.d.proc.poll() is None, f"after {category}: the daemon died ({self.d.proc.returncode})")
        status, _ = rely.http_get(self.d.port, "/healthz", timeout=15)
        rely.check(status == 200, f"after {category}: /healthz -> {status}")
        status, _ = rely.http_get(self.d.port, f"/api/v1/students/{student}", self.tokens["admin"], timeout=15)
        rely.check(status == 200, f"after {category}: a good read -> {status}")
        rely.log(f"{category}: {self.by_category.get(category, 0)} requests, all 4xx; still serving")


def slow_clients(at, d, count, seconds):
    """Clients that trickle a header one byte at a time: each holds one thread; the others are
    still served promptly. A client that stalls is dropped after the receive timeout."""
    slow = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", d.port), timeout=10)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        slow.append(s)
    stalled = socket.create_connection(("127.0.0.1", d.port), timeout=10)
    stalled.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    worst = 0.0
    end = time.time() + seconds
    while time.time() < end:
        for s in slow:
            s.sendall(b"a")
        t0 = time.monotonic()
        status, _ = rely.http_get(d.port, "/healthz", timeout=10)
        worst = max(worst, time.monotonic() - t0)
        rely.check(status == 200, f"slow clients: a normal request -> {status}")
        time.sleep(0.3)
    # The stalled one has been silent longer than the 2 s receive timeout: dropped (or 4xx).
    stalled.settimeout(10)
    try:
        data = stalled.recv(4096)
    except (ConnectionResetError, socket.timeout) as e:
        data = b"" if isinstance(e, ConnectionResetError) else None
    rely.check(data is not None, "slow clients: a stalled client was never dropped")
    status, _ = rely.parse_response(data)
    at.expect("slow clients", status, b"stalled client", allowed=(0,))
    at.sent += len(slow)  # the stalled one was counted by expect()
    for s in slow + [stalled]:
        s.close()
    at.by_category["slow clients"] = count + 1
    # Well under the trickling time: a request stuck behind the slow ones would wait it out.
    rely.check(worst < seconds / 2, f"slow clients: a normal request waited {worst:.1f} s")
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("agmon")
    ap.add_argument("workdir")
    ap.add_argument("--students", type=int, default=300)
    a = ap.parse_args()
    w = a.workdir
    files = rely.demo_data(a.agmon, os.path.join(w, "d"), a.students, 51, schools=2)
    db = os.path.join(w, "agmon.db")
    with open(files[0], newline="") as f:
        students = list(csv.DictReader(f))
    s0 = students[0]
    other_school = next(s for s in students if s["school_code"] != s0["school_code"])
    tokens = {}
    for name, args in (("admin", ["--role", "admin"]), ("importer", ["--role", "importer"]),
                       ("counselor", ["--role", "counselor", "--school", s0["school_code"]]),
                       ("revoked", ["--role", "admin"]), ("expired", ["--role", "admin", "--expires-days", "1"])):
        _, out, _ = rely.run_agmon(a.agmon, ["token", "add", "--name", name] + args, db=db, check_rc=0)
        tokens[name] = out.strip()
    rely.run_agmon(a.agmon, ["token", "revoke", "revoked"], db=db, check_rc=0)
    with sqlite3.connect(db) as conn:  # a day has passed, for the "expired" token
        conn.execute("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00Z' WHERE name = 'expired'")
    rely.run_agmon(a.agmon, ["import"] + files, db=db, check_rc=0)
    before = rely.fingerprint(db, with_imports=False)
    d = rely.Daemon(a.agmon, db, w, extra_config={
        "agmon.log.level": "debug", "agmon.http.threads": "8", "agmon.http.timeout_seconds": "2",
        "agmon.http.max_upload_bytes": str(1 << 20)}).start()
    at = Attack(d, tokens)
    sid = s0["student_id"]
    try:
        for category, inputs in hi.raw_inputs():
            for data, allowed in inputs:
                at.raw(category, data, allowed)
            at.still_serving(category, sid)
        for category, requests in hi.requests(sid, other_school, tokens, random.Random(7)):
            for r in requests:
                at.get(category, **r)
            at.still_serving(category, sid)
        worst = slow_clients(at, d, count=6, seconds=8)
        at.still_serving("slow clients", sid)
        rely.log(f"slow clients: 6 trickling + 1 stalled; normal requests answered within {worst:.2f} s")
        # A token revoked while the daemon runs is refused at its next request.
        rely.run_agmon(a.agmon, ["token", "revoke", "importer"], db=db, check_rc=0)
        at.get("tokens", "/api/v1/imports", token="importer")
        status, metrics = rely.http_get(d.port, "/metrics")
        rely.check(status == 200, f"/metrics -> {status}")
    finally:
        d.stop()
    rely.check(d.proc.returncode == 0, f"daemon exit {d.proc.returncode} after SIGTERM")
    after = rely.fingerprint(db, with_imports=False)
    rely.check(after == before, f"the hostile requests changed data: {rely.fp_diff(after, before)}")
    log = d.log_text() + open(d.err_file, errors="replace").read()
    leaks = [t for t in tokens.values() if t in log or t.encode() in metrics]
    rely.check(not leaks and "agm_" not in log, "a token secret is in the log or /metrics")
    names = {s["last_name"] for s in students if len(s["last_name"]) >= 4}
    named = sorted(n for n in names if n in log or n.encode() in metrics)
    rely.check(not named, f"student names in the log or /metrics: {named[:5]}")
    rely.check(sid not in metrics.decode(errors="replace"), "a student id in /metrics")
    rely.log(f"log ({len(log)} bytes, debug level) and /metrics: no student name, no token")
    rely.log("RESULT hostile_http requests=%d %s failures=0" %
             (at.sent, " ".join(f"{k.replace(' ', '_')}={v}" for k, v in at.by_category.items())))


if __name__ == "__main__":
    rely.main_wrapper(main)
