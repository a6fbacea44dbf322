"""Security review, checked through the real binary:
  - the database (and its WAL) is created 0600 even under umask 000; the secret of a token is
    stored nowhere (not in the database file, not in `token list`), only its hash;
  - `agmon serve` refuses to run as root unless --allow-root / agmon.allow_root=true;
  - counselor scoping holds on EVERY endpoint of the route table (read from
    src/http/routes.cpp, so a new endpoint fails this test until it is covered here);
  - every student record returned is audited (one row per record, with token and endpoint),
    refused reads are not;
  - /healthz and /metrics carry no student data.

Usage: security.py AGMON WORKDIR SOURCE_DIR"""
import argparse
import csv
import os
import re
import sqlite3
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rely  # noqa: E402
import scoping  # noqa: E402


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def files_and_secrets(a, w):
    db = os.path.join(w, "perm.db")
    old = os.umask(0)
    try:
        _, out, _ = rely.run_agmon(a.agmon, ["token", "add", "--role", "admin", "--name", "perm"], db=db, check_rc=0)
        secret = out.strip()
        rely.check(re.fullmatch(r"agm_[A-Za-z0-9_-]{43}", secret), f"token format: {secret!r}")
        rely.check(mode_of(db) == 0o600, f"database created {oct(mode_of(db))} under umask 000, wanted 0600")
        holder = sqlite3.connect(db)  # keep the WAL in place while agmon writes
        holder.execute("SELECT count(*) FROM api_tokens").fetchall()
        rely.run_agmon(a.agmon, ["token", "add", "--role", "importer", "--name", "perm2"], db=db, check_rc=0)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(db + suffix):
                rely.check(mode_of(db + suffix) & 0o077 == 0, f"{suffix} created {oct(mode_of(db + suffix))}")
        # Revoking leaves the daemon's change signal beside the database, owner-only too.
        rely.run_agmon(a.agmon, ["token", "revoke", "perm2"], db=db, check_rc=0)
        rely.check(mode_of(db + "-tokens") == 0o600, f"-tokens created {oct(mode_of(db + '-tokens'))}")
        holder.close()
    finally:
        os.umask(old)
    _, listing, _ = rely.run_agmon(a.agmon, ["token", "list"], db=db, check_rc=0)
    rely.check(secret not in listing, "token list shows a secret")
    # Tokens expire: a year by default, as asked, or never; nonsense is a usage error.
    rely.check(re.search(r"^perm  admin  created \S+  expires \d{4}-", listing, re.M), f"token list: {listing!r}")
    rely.run_agmon(a.agmon, ["token", "add", "--role", "admin", "--name", "forever", "--expires-days", "0"],
                   db=db, check_rc=0)
    for bad in ("-1", "x", "3651", ""):
        _, _, err = rely.run_agmon(a.agmon, ["token", "add", "--role", "admin", "--name", "bad", "--expires-days", bad],
                                   db=db, check_rc=64)
        rely.check("--expires-days" in err, f"--expires-days {bad!r}: {err!r}")
    _, listing, _ = rely.run_agmon(a.agmon, ["token", "list"], db=db, check_rc=0)
    rely.check(re.search(r"^forever  admin  created \S+  expires never$", listing, re.M), f"token list: {listing!r}")
    raw = b"".join(open(db + s, "rb").read() for s in ("", "-wal") if os.path.exists(db + s))
    rely.check(secret.encode() not in raw, "the token secret is stored in the database file")
    rely.log("files: database 0600 under umask 000; token stored only as its hash")


def root_refusal(a, w):
    db = os.path.join(w, "root.db")
    cmd = [a.agmon, "--db", db, "serve", "--bind", "127.0.0.1", "--port", "0"]
    if not rely.is_root():
        probe = subprocess.run(["unshare", "-r", "true"], capture_output=True)
        if probe.returncode != 0:
            rely.log("SKIP root refusal: not root and no user namespace to fake one")
            return 0
        cmd = ["unshare", "-r"] + cmd  # uid 0 inside a user namespace
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    rely.check(p.returncode == 1 and "refusing to run as root" in p.stderr,
               f"serve as root without --allow-root: exit {p.returncode} {p.stderr!r}")
    rely.log("root: `agmon serve` as root refuses to start (exit 1) unless --allow-root")
    return 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("agmon")
    ap.add_argument("workdir")
    ap.add_argument("source")
    ap.add_argument("--students", type=int, default=1200)
    a = ap.parse_args()
    w = a.workdir
    files_and_secrets(a, w)
    root = root_refusal(a, w)

    files = rely.demo_data(a.agmon, os.path.join(w, "d"), a.students, 61, schools=2)
    with open(files[0], newline="") as f:
        students = list(csv.DictReader(f))
    db = os.path.join(w, "agmon.db")
    rely.run_agmon(a.agmon, ["import"] + files, db=db, check_rc=0)
    district = scoping.District(students)
    tokens = {}
    for name, args in district.token_specs():
        _, out, _ = rely.run_agmon(a.agmon, ["token", "add", "--name", name] + args, db=db, check_rc=0)
        tokens[name] = out.strip()
    d = rely.Daemon(a.agmon, db, w).start()
    try:
        checks = scoping.Checks(d.port, tokens, district, db)
        routes = scoping.route_table(a.source)
        covered = checks.run_all()
        missing = sorted(set(routes) - covered)
        rely.check(not missing, f"endpoints without a scoping check: {missing}")
        status, health = rely.http_get(d.port, "/healthz")
        status2, metrics = rely.http_get(d.port, "/metrics")
        for s in students[:50]:
            rely.check(s["student_id"].encode() not in health + metrics and s["last_name"].encode() not in health + metrics,
                       "student data in /healthz or /metrics")
    finally:
        d.stop()
    checks.verify_audit()
    rely.log(f"RESULT security routes={len(routes)} scoping_checks={checks.count} audited_reads={checks.audited} "
             f"root_refusal={root} failures=0")


if __name__ == "__main__":
    rely.main_wrapper(main)
