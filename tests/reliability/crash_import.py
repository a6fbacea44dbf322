"""Crash safety of `agmon import`: SIGKILL the import at random moments (a share of them aimed
at the commit) and check, after each kill, that the database passes integrity_check and holds
exactly the state before the import or the state after it, never one in between, and that the
next import succeeds and reaches the after state.

Three scenarios take turns: a first import into an empty database (E -> P), an update of
every student (P -> Q, another demo district with the same ids), and a first import that
creates the database file (none -> X: built under a temporary name and moved into place,
store/new_database.h; a kill leaves no file at the path, and the next import removes what the
killed one left beside it). The reference fingerprints of E, P, Q and X come from
uninterrupted runs.

Usage: crash_import.py AGMON WORKDIR [--students N] [--kills K] [--seed S]"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rely  # noqa: E402


def timed_import(agmon, db, files):
    """An uninterrupted import: (wall seconds, commit seconds, report)."""
    t0 = time.monotonic()
    rc, out, err = rely.run_agmon(agmon, ["import", "--json"] + files, db=db)
    wall = time.monotonic() - t0
    rely.check(rc == 0, f"calibration import exit {rc}: {err}")
    report = json.loads(out)
    return wall, report["phases"].get("commit", 0.0), report


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("agmon")
    ap.add_argument("workdir")
    ap.add_argument("--students", type=int, default=1000)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    w = a.workdir
    rely.log(f"crash_import: {a.students} students, {a.kills} kills, seed {a.seed}")

    d1 = rely.demo_data(a.agmon, os.path.join(w, "d1"), a.students, 11)
    d2 = rely.demo_data(a.agmon, os.path.join(w, "d2"), a.students, 12)
    empty, before, after = (os.path.join(w, n) for n in ("empty.db", "p.db", "q.db"))
    rely.run_agmon(a.agmon, ["token", "add", "--role", "admin", "--name", "ops"], db=empty, check_rc=0)
    rely.copy_db(empty, before)
    wall1, commit1, _ = timed_import(a.agmon, before, d1)
    rely.copy_db(before, after)
    wall2, commit2, rep2 = timed_import(a.agmon, after, d2)
    rely.check(rep2["rows_changed"] > a.students, "the update changes too little to tell states apart")
    fresh = os.path.join(w, "x.db")
    wall0, commit0, _ = timed_import(a.agmon, fresh, d1)
    fp = {n: rely.fingerprint(p) for n, p in (("E", empty), ("P", before), ("Q", after), ("X", fresh))}
    data = {n: {t: v for t, v in f.items() if t not in rely.IMPORT_TABLES} for n, f in fp.items()}
    rely.log(f"calibration: E->P {wall1:.2f} s (commit {commit1:.2f} s), P->Q {wall2:.2f} s (commit {commit2:.2f} s)")

    scenarios = [["E", "P", empty, d1, wall1, commit1], ["P", "Q", before, d2, wall2, commit2],
                 ["none", "X", None, d1, wall0, commit0]]
    work = os.path.join(w, "work.db")
    kills = attempts = 0
    landed = {"before": 0, "after": 0}
    in_commit = {"before": 0, "after": 0}
    while kills < a.kills:
        attempts += 1
        rely.check(attempts <= a.kills * 3, f"only {kills} of {attempts} attempts killed a running import")
        turn = attempts % len(scenarios)
        src_name, dst_name, src_db, files, wall, commit = scenarios[turn]
        # About one kill in three aims at the commit (and the checkpoint after it); the rest
        # anywhere in the run.
        window = (max(0.0, wall - commit - 0.25), wall * 1.02)
        aimed = rng.random() < 0.35
        at = rng.uniform(*window) if aimed else rng.uniform(0.02, wall * 1.02)
        if src_db:
            rely.copy_db(src_db, work)
        else:
            for suffix in ("", "-wal", "-shm", "-journal"):
                if os.path.exists(work + suffix):
                    os.remove(work + suffix)
        p = subprocess.Popen([a.agmon, "--db", work, "import"] + files, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(at)
        if p.poll() is not None:
            scenarios[turn][4] = wall * 0.85  # finished before the kill: aim earlier
            continue
        wal = os.path.getsize(work + "-wal") if os.path.exists(work + "-wal") else 0
        p.send_signal(signal.SIGKILL)
        p.wait()
        kills += 1
        if not src_db and not os.path.exists(work):
            got = None  # the path is as it was: no file
        else:
            ok, why = rely.integrity(work)
            rely.check(ok, f"kill {kills} at {at:.3f} s: {why}")
            got = rely.fingerprint(work)
        if got is None or (src_db and got == fp[src_name]):
            state = "before"
        elif got == fp[dst_name]:
            state = "after"
        else:
            raise rely.Failure(f"kill {kills} at {at:.3f} s ({src_name}->{dst_name}, wal {wal} bytes): "
                               f"neither before nor after: {rely.fp_diff(got, fp[src_name])}")
        landed[state] += 1
        if aimed:
            in_commit[state] += 1
        rc, out, err = rely.run_agmon(a.agmon, ["import"] + files, db=work)
        rely.check(rc == 0, f"kill {kills}: the next import failed with exit {rc}: {err.strip()}")
        again = {t: v for t, v in rely.fingerprint(work, with_imports=False).items()}
        rely.check(again == data[dst_name],
                   f"kill {kills}: the next import did not reach the after state: {rely.fp_diff(again, data[dst_name])}")
        left = [n for n in os.listdir(w) if n.startswith("work.db.building-")]
        rely.check(not left, f"kill {kills}: files left beside the database after the next import: {left}")
        rely.log(f"kill {kills:3d}: {src_name}->{dst_name} at {at:6.3f} s of {wall:.2f}{' (aimed at commit)' if aimed else ''}, "
                 f"wal {wal:>10} bytes -> {state}; integrity ok; next import ok")
    rely.log(f"RESULT crash_import kills={kills} attempts={attempts} before={landed['before']} after={landed['after']} "
             f"aimed_at_commit_before={in_commit['before']} aimed_at_commit_after={in_commit['after']} failures=0")


if __name__ == "__main__":
    rely.main_wrapper(main)
