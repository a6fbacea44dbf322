"""Crash safety of the daemon's inbox: SIGKILL `agmon serve` at random moments while it
imports a nightly export dropped in its inbox, and check after each kill that the database
passes integrity_check and holds the state before or after the import (never in between),
that the files are still in the inbox unless the import committed, and that a restarted
daemon imports what is left and ends in the after state with a clean inbox.

Usage: crash_daemon.py AGMON WORKDIR [--students N] [--kills K] [--seed S]"""
import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rely  # noqa: E402

NAMES = ("students.csv", "courses.csv", "course_marks.csv")
STAMP = re.compile(r"^\d{8}T\d{6}Z-(\d+-)?")  # processed/20260101T020000Z-students.csv


def fill_inbox(inbox, files):
    if os.path.exists(inbox):
        shutil.rmtree(inbox)
    os.makedirs(inbox)
    for f in files:
        shutil.copy(f, inbox)
        open(os.path.join(inbox, os.path.basename(f) + ".done"), "w").close()


def inbox_state(inbox):
    """(data files still in the inbox, markers still there, names in processed/, in rejected/)."""
    def listing(d):
        return sorted(n for n in os.listdir(d) if not n.endswith(".report.json")) if os.path.isdir(d) else []
    top = [n for n in os.listdir(inbox) if os.path.isfile(os.path.join(inbox, n))]
    return (sorted(n for n in top if n in NAMES), sorted(n for n in top if n.endswith(".done")),
            listing(os.path.join(inbox, "processed")), listing(os.path.join(inbox, "rejected")))


def wait_settled(inbox, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        left, _, _, _ = inbox_state(inbox)
        if not left:
            return True
        time.sleep(0.05)
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("agmon")
    ap.add_argument("workdir")
    ap.add_argument("--students", type=int, default=1000)
    ap.add_argument("--kills", type=int, default=8)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    w = a.workdir
    rely.log(f"crash_daemon: {a.students} students, {a.kills} kills, seed {a.seed}")

    d1 = rely.demo_data(a.agmon, os.path.join(w, "d1"), a.students, 21)
    d2 = rely.demo_data(a.agmon, os.path.join(w, "d2"), a.students, 22)
    before, after = os.path.join(w, "p.db"), os.path.join(w, "q.db")
    rely.run_agmon(a.agmon, ["token", "add", "--role", "admin", "--name", "ops"], db=before, check_rc=0)
    rely.run_agmon(a.agmon, ["import"] + d1, db=before, check_rc=0)
    fp_before = rely.fingerprint(before)

    # Calibration: the same import through an uninterrupted daemon (twice: the second run,
    # with warm caches, times it).
    inbox = os.path.join(w, "inbox")
    for _ in range(2):
        rely.copy_db(before, after)
        fill_inbox(inbox, d2)
        t0 = time.monotonic()
        d = rely.Daemon(a.agmon, after, w, inbox=inbox, name="calibrate").start()
        rely.check(wait_settled(inbox, 300), "the calibration daemon did not import its inbox")
        settle = time.monotonic() - t0
        d.stop()
        rely.check(d.proc.returncode == 0, f"SIGTERM: exit {d.proc.returncode}")
        left, markers, processed, rejected = inbox_state(inbox)
        rely.check(len(processed) == 3 and not rejected and not markers, f"calibration inbox: {inbox_state(inbox)}")
    fp_after = rely.fingerprint(after)
    data_after = rely.fingerprint(after, with_imports=False)
    rely.check(fp_after != fp_before, "the inbox import changed nothing")
    rely.log(f"calibration: start to settled {settle:.2f} s")

    work = os.path.join(w, "work.db")
    kills = attempts = 0
    landed = {"before": 0, "after": 0}
    while kills < a.kills:
        attempts += 1
        rely.check(attempts <= a.kills * 4, f"only {kills} of {attempts} attempts killed a daemon mid-import")
        rely.copy_db(before, work)
        fill_inbox(inbox, d2)
        d = rely.Daemon(a.agmon, work, w, inbox=inbox, name=f"kill{attempts}")
        # Two kills in five aim at the end (commit, then moving the files); the rest anywhere.
        at = rng.uniform(0.6 * settle, settle * 1.02) if rng.random() < 0.4 else rng.uniform(0.05, settle * 1.02)
        d.proc = subprocess.Popen([a.agmon] + d.args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(at)
        left, _, _, _ = inbox_state(inbox)
        if d.proc.poll() is not None or not left:
            d.kill()
            settle *= 0.8  # it had already finished: not a mid-import kill; aim earlier
            continue
        d.kill(signal.SIGKILL)
        kills += 1
        ok, why = rely.integrity(work)
        rely.check(ok, f"kill {kills} at {at:.3f} s: {why}")
        got = rely.fingerprint(work)
        left, markers, processed, rejected = inbox_state(inbox)
        rely.check(not rejected, f"kill {kills}: files rejected: {rejected}")
        if got == fp_before:
            state = "before"
            rely.check(left == sorted(NAMES) and not processed,
                       f"kill {kills}: nothing committed, yet files moved: inbox {left}, processed {processed}")
        elif got == fp_after:
            state = "after"
        else:
            raise rely.Failure(f"kill {kills} at {at:.3f} s: neither before nor after: {rely.fp_diff(got, fp_before)}")
        landed[state] += 1
        # A restarted daemon imports what is left (again: changes nothing if it had committed).
        r = rely.Daemon(a.agmon, work, w, inbox=inbox, name=f"restart{attempts}").start()
        rely.check(wait_settled(inbox, 300), f"kill {kills}: the restarted daemon left files in the inbox")
        r.stop()
        rely.check(r.proc.returncode == 0, f"kill {kills}: restarted daemon exit {r.proc.returncode}")
        left2, markers2, processed2, rejected2 = inbox_state(inbox)
        rely.check(not markers2, f"kill {kills}: markers left behind in the inbox: {markers2}")
        rely.check(not rejected2 and sorted(STAMP.sub("", n) for n in processed2) == sorted(NAMES),
                   f"kill {kills}: after restart processed={processed2} rejected={rejected2}")
        again = rely.fingerprint(work, with_imports=False)
        rely.check(again == data_after, f"kill {kills}: not the after state after restart: {rely.fp_diff(again, data_after)}")
        rely.log(f"kill {kills:3d}: at {at:6.3f} s of {settle:.2f} -> {state} (inbox left {len(left)}, "
                 f"processed {len(processed)}); integrity ok; restart imported the rest")
    rely.log(f"RESULT crash_daemon kills={kills} attempts={attempts} before={landed['before']} "
             f"after={landed['after']} failures=0")


if __name__ == "__main__":
    rely.main_wrapper(main)
