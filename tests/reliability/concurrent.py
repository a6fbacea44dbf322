"""Concurrency: HTTP readers during a long import see the old data or the new, never an error
or a mix; two `agmon import` runs at once both succeed one after the other (the second waits
for the first's write lock) and end exactly where running them in that order ends; an upload
while another process imports is refused with 409 and a clear message, and student reads
meanwhile are answered and their audit rows spooled beside the database, then written; two
uploads at once: one runs, the other gets 409. Every student read answered has its audit row.
The database passes integrity_check throughout.

Usage: concurrent.py AGMON WORKDIR [--students N] [--readers R]"""
import argparse
import csv
import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rely  # noqa: E402


def digest(body):
    return hashlib.sha256(body).hexdigest()


def student_ids(students_csv, n):
    with open(students_csv, newline="") as f:
        ids = [row["student_id"] for row in csv.DictReader(f)]
    step = max(1, len(ids) // n)
    return ids[::step][:n]


def snapshot(port, token, paths):
    out = {}
    for p in paths:
        status, body = rely.http_get(port, p, token)
        rely.check(status == 200, f"GET {p}: {status} {body[:200]!r}")
        out[p] = digest(body)
    return out


def readers_during_import(a, w, d, token, files, paths):
    """Part 1: returns (requests, saw_old, saw_new)."""
    old = snapshot(d.port, token, paths)
    results, errors = [], []
    stop = threading.Event()

    def reader(k):
        i = k
        while not stop.is_set():
            p = paths[i % len(paths)]
            i += 1
            try:
                status, body = rely.http_get(d.port, p, token, timeout=30)
            except OSError as e:
                errors.append(f"GET {p}: {e}")
                continue
            results.append((p, status, digest(body), body[:300]))

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(a.readers)]
    for t in threads:
        t.start()
    time.sleep(0.2)
    rc, out, err = rely.run_agmon(a.agmon, ["import"] + files, db=d.db)
    # The daemon notices another process's commit within agmon.http.change_check_ms (250 ms;
    # until then its report cache may still answer the old record): read on a while longer,
    # then everything must be new.
    time.sleep(1.0)
    stop.set()
    for t in threads:
        t.join()
    rely.check(rc == 0, f"the import under readers failed: exit {rc}: {err}")
    new = snapshot(d.port, token, paths)
    rely.check(sum(old[p] != new[p] for p in paths) >= len(paths) // 2, "the import changed too few of the read records")
    rely.check(not errors, f"{len(errors)} connection failures, e.g. {errors[:3]}")
    saw_old = saw_new = 0
    for p, status, h, head in results:
        rely.check(status == 200, f"GET {p} during the import: {status} {head!r}")
        rely.check(h in (old[p], new[p]), f"GET {p} during the import: neither the old nor the new record: {head!r}")
        saw_old += h == old[p] and h != new[p]
        saw_new += h == new[p] and h != old[p]
    student_reads = sum(1 for p, status, _, _ in results if status == 200 and is_student_read(p))
    return len(results), saw_old, saw_new, student_reads


def is_student_read(path):
    return path.startswith("/api/v1/students/") and "?" not in path


def audited_student_reads(db):
    con = sqlite3.connect(db)
    n = con.execute("SELECT count(*) FROM audit_log WHERE endpoint = 'GET /api/v1/students/{id}'").fetchone()[0]
    con.close()
    return n


def import_order(db, sha_by_name):
    """Which of the two concurrent imports committed first (by import id)."""
    con = sqlite3.connect(db)
    rows = con.execute("SELECT f.sha256 FROM import_files f JOIN imports i USING (import_id) "
                       "WHERE f.file_name = 'students.csv' AND i.outcome = 'applied' "
                       "ORDER BY i.import_id DESC LIMIT 2").fetchall()
    con.close()
    return [sha_by_name[r[0]] for r in reversed(rows)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("agmon")
    ap.add_argument("workdir")
    ap.add_argument("--students", type=int, default=2000)
    ap.add_argument("--readers", type=int, default=4)
    a = ap.parse_args()
    w = a.workdir
    sets = {s: rely.demo_data(a.agmon, os.path.join(w, f"d{s}"), a.students, s) for s in (31, 32, 33)}
    db = os.path.join(w, "live.db")
    rc, token, _ = rely.run_agmon(a.agmon, ["token", "add", "--role", "admin", "--name", "ops"], db=db, check_rc=0)
    token = token.strip()
    rely.run_agmon(a.agmon, ["import"] + sets[31], db=db, check_rc=0)
    d = rely.Daemon(a.agmon, db, w).start()
    try:
        ids = student_ids(sets[31][0], 40)
        paths = [f"/api/v1/students/{i}" for i in ids] + ["/api/v1/students?limit=100", "/api/v1/alerts?limit=100"]

        # 1. Readers during an import (run by another process, as cron would).
        n, saw_old, saw_new, student_reads = readers_during_import(a, w, d, token, sets[32], paths)
        student_reads += 2 * sum(map(is_student_read, paths))  # the snapshots before and after
        rely.log(f"readers: {n} requests during the import, {saw_old} saw the old data, {saw_new} the new, 0 errors")
        rely.check(n >= 20, f"only {n} reads overlapped the import")

        # 2. Two CLI imports at once: the second waits for the first, both apply.
        base = os.path.join(w, "base2.db")
        rely.backup_db(db, base)  # the daemon only reads; its audit rows are not fingerprinted
        sha = {hashlib.sha256(open(sets[s][0], "rb").read()).hexdigest(): s for s in (31, 33)}
        p1 = subprocess.Popen([a.agmon, "--db", db, "import"] + sets[33], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(0.3)
        p2 = subprocess.Popen([a.agmon, "--db", db, "import"] + sets[31], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out1, err1 = p1.communicate(timeout=300)
        out2, err2 = p2.communicate(timeout=300)
        rely.check(p1.returncode == 0 and p2.returncode == 0,
                   f"two imports at once: exits {p1.returncode}, {p2.returncode}: {err1!r} {err2!r}")
        order = import_order(db, sha)
        ref = os.path.join(w, "ref2.db")
        rely.copy_db(base, ref)
        for s in order:
            rely.run_agmon(a.agmon, ["import"] + sets[s], db=ref, check_rc=0)
        got, want = rely.fingerprint(db, with_imports=False), rely.fingerprint(ref, with_imports=False)
        got.pop("api_tokens", None), want.pop("api_tokens", None)
        rely.check(got == want, f"two imports at once differ from running them in order {order}: {rely.fp_diff(got, want)}")
        rely.log(f"two CLI imports at once: both applied (order {order}), same state as in sequence")

        # 3. An upload while another process holds the write lock (as a long `agmon import`
        #    does from its first row to its commit): 409 naming the cause after the daemon's
        #    2 s wait, and nothing written.
        #    Student reads meanwhile are answered, and their audit rows, which cannot be written
        #    until the lock is free, are spooled to a file beside the database.
        spool = db + "-audit-spool"
        holder = sqlite3.connect(db, timeout=30)
        holder.execute("BEGIN IMMEDIATE")
        try:
            for p in filter(is_student_read, paths):
                status, reply = rely.http_get(d.port, p, token)
                rely.check(status == 200, f"GET {p} while another process holds the write lock: {status} {reply[:200]!r}")
                student_reads += 1
            body = open(sets[33][0], "rb").read()
            t0 = time.monotonic()
            status, reply = rely.http_get(d.port, "/api/v1/imports?name=students.csv", token, method="POST",
                                          body=body, headers={"Content-Type": "text/csv"}, timeout=120)
            waited = time.monotonic() - t0
            deadline = time.monotonic() + 15  # a flush interval and the audit writer's busy timeout
            while not os.path.exists(spool) and time.monotonic() < deadline:
                time.sleep(0.1)
            spooled = os.path.exists(spool)
        finally:
            holder.rollback()
            holder.close()
        rely.check(spooled, f"no audit spool at {spool} while the write lock was held")
        rely.check(status == 409 and b"another import is running" in reply,
                   f"upload while another process imports: {status} {reply[:300]!r}")
        rely.log(f"upload while another process imports: 409 after {waited:.1f} s")

        # 4. Two uploads at once: one imports, the other is refused at once with 409.
        big = open(sets[31][2], "rb").read()
        statuses = []

        def upload():
            s, r = rely.http_get(d.port, "/api/v1/imports?name=course_marks.csv", token, method="POST", body=big,
                                 headers={"Content-Type": "text/csv"}, timeout=300)
            statuses.append((s, r[:300]))

        ts = [threading.Thread(target=upload) for _ in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        codes = sorted(s for s, _ in statuses)
        rely.check(all(s in (200, 409) for s in codes) and 200 in codes, f"two uploads at once: {statuses}")
        for s, r in statuses:
            if s == 409:
                rely.check(b"another import is running" in r, f"409 without the reason: {r!r}")
        rely.log(f"two uploads at once: {codes}")
        status, _ = rely.http_get(d.port, "/healthz")
        rely.check(status == 200, f"healthz after the imports: {status}")
    finally:
        d.stop()
    rely.check(d.proc.returncode == 0, f"daemon exit {d.proc.returncode}")
    audited = audited_student_reads(db)
    rely.check(audited == student_reads, f"{student_reads} student reads answered, {audited} audit rows")
    rely.check(not os.path.exists(db + "-audit-spool"), "the audit spool was not written and removed")
    rely.log(f"audit: {audited} rows for {student_reads} student reads answered, spool written and removed")
    ok, why = rely.integrity(db)
    rely.check(ok, why)
    rely.log(f"RESULT concurrent reads={n} saw_old={saw_old} saw_new={saw_new} failures=0")


if __name__ == "__main__":
    rely.main_wrapper(main)
