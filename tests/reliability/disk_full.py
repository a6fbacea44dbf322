"""Disk full and I/O errors: an import that cannot write fails with exit 1 and a one-line
message saying the disk failed or is full, and leaves the database exactly as it was
(integrity_check ok, same fingerprint); once there is room again the same import applies.

Two ways to run out of room, both through the real binary:
  1. a small tmpfs filled to the brim (ENOSPC -> SQLITE_FULL): needs root and mount(8), as on
     CI; skipped (and said so) elsewhere;
  2. a file size limit (`ulimit -f`, as systemd's LimitFSIZE sets it; EFBIG on the WAL), which
     works unprivileged. The limit must not kill agmon with SIGXFSZ: it fails cleanly.
Also the daemon: an upload onto the full tmpfs is refused with 503, and the daemon keeps serving.

Usage: disk_full.py AGMON WORKDIR [--students N]"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rely  # noqa: E402

MESSAGE = "the disk failed or is full; nothing was applied"


def expect_disk_failure(rc, out, err, what):
    rely.check(rc == 1, f"{what}: exit {rc}, wanted 1 (killed by a signal if negative)\n{out[-500:]}\n{err[-500:]}")
    lines = [l for l in err.splitlines() if l.strip()]
    rely.check(len(lines) == 1 and MESSAGE in lines[0], f"{what}: stderr is not one line naming the disk: {err!r}")


def fill(path, leave_bytes):
    """Fills the filesystem of `path` with one file, then frees `leave_bytes`."""
    filler = os.path.join(os.path.dirname(path), "filler")
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    block = b"\0" * 4096
    try:
        while os.write(fd, block) > 0:
            pass
    except OSError:
        pass  # ENOSPC: full
    finally:
        os.close(fd)
    size = os.path.getsize(filler)
    os.truncate(filler, max(0, size - leave_bytes))
    return filler


def tmpfs_case(a, w, before, files, fp_before, data_after):
    mnt = os.path.join(w, "mnt")
    os.makedirs(mnt)
    size_mb = os.path.getsize(before) // (1 << 20) + 24
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=0700", "tmpfs", mnt],
                       capture_output=True, text=True)
    if r.returncode != 0:
        rely.log(f"SKIP tmpfs case: cannot mount a tmpfs here ({r.stderr.strip()}); the ulimit case still runs")
        return 0
    try:
        db = os.path.join(mnt, "agmon.db")
        rely.copy_db(before, db)
        rc, token, _ = rely.run_agmon(a.agmon, ["token", "add", "--role", "admin", "--name", "disk"], db=db, check_rc=0)
        fp_here = rely.fingerprint(db)
        filler = fill(db, 64 * 1024)
        rc, out, err = rely.run_agmon(a.agmon, ["import"] + files, db=db)
        expect_disk_failure(rc, out, err, "import onto a full tmpfs")
        os.remove(filler)  # room for the checks' own connection
        ok, why = rely.integrity(db)
        rely.check(ok, f"full tmpfs: {why}")
        got = rely.fingerprint(db)
        rely.check(got == fp_here, f"full tmpfs: the database changed: {rely.fp_diff(got, fp_here)}")
        rely.log("full tmpfs: import failed with exit 1 and the disk message; database as before")

        # The daemon on a full disk: an upload gets 503 naming the disk; reads go on.
        d = rely.Daemon(a.agmon, db, w, name="diskfull").start()
        try:
            filler = fill(db, 64 * 1024)
            body = open(files[2], "rb").read()
            status, reply = rely.http_get(d.port, "/api/v1/imports?name=course_marks.csv", token.strip(), method="POST",
                                          body=body, headers={"Content-Type": "text/csv"}, timeout=120)
            rely.check(status == 503 and b"disk" in reply, f"upload onto a full disk: {status} {reply[:300]!r}")
            status, _ = rely.http_get(d.port, "/healthz")
            rely.check(status == 200, f"healthz on a full disk: {status}")
            rely.log("full tmpfs: an upload gets 503 naming the disk; the daemon keeps serving")
        finally:
            d.stop()
        os.remove(filler)
        got = rely.fingerprint(db)
        rely.check(got == fp_here, f"full tmpfs, upload: the database changed: {rely.fp_diff(got, fp_here)}")
        rc, out, err = rely.run_agmon(a.agmon, ["import"] + files, db=db)
        rely.check(rc == 0, f"import after freeing the tmpfs: exit {rc}: {err}")
        got = rely.fingerprint(db, with_imports=False)
        got.pop("api_tokens", None)
        want = {t: v for t, v in data_after.items() if t != "api_tokens"}
        rely.check(got == want, f"after freeing the tmpfs: {rely.fp_diff(got, want)}")
        rely.log("full tmpfs: with room again the same import applies")
        return 1
    finally:
        subprocess.run(["umount", "-l", mnt])


def ulimit_case(a, w, before, files, fp_before, data_after):
    db = os.path.join(w, "limited.db")
    rely.copy_db(before, db)
    # The WAL may grow to 1 MiB; the import needs several: it fails part way.
    limit_kb = 1024
    cmd = f'ulimit -f {limit_kb}; exec "$0" "$@"'
    p = subprocess.run(["bash", "-c", cmd, a.agmon, "--db", db, "import"] + files, capture_output=True, text=True)
    expect_disk_failure(p.returncode, p.stdout, p.stderr, f"import under ulimit -f {limit_kb}")
    ok, why = rely.integrity(db)
    rely.check(ok, f"ulimit: {why}")
    got = rely.fingerprint(db)
    rely.check(got == fp_before, f"ulimit: the database changed: {rely.fp_diff(got, fp_before)}")
    rc, out, err = rely.run_agmon(a.agmon, ["import"] + files, db=db)
    rely.check(rc == 0, f"import without the limit: exit {rc}: {err}")
    rely.check(rely.fingerprint(db, with_imports=False) == data_after, "ulimit: the retried import did not apply")
    rely.log(f"ulimit -f {limit_kb}: import failed with exit 1 and the disk message; database as before; retry applied")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("agmon")
    ap.add_argument("workdir")
    ap.add_argument("--students", type=int, default=500)
    a = ap.parse_args()
    w = a.workdir
    d1 = rely.demo_data(a.agmon, os.path.join(w, "d1"), a.students, 41)
    d2 = rely.demo_data(a.agmon, os.path.join(w, "d2"), a.students, 42)
    before, after = os.path.join(w, "p.db"), os.path.join(w, "q.db")
    rely.run_agmon(a.agmon, ["import"] + d1, db=before, check_rc=0)
    rely.copy_db(before, after)
    rely.run_agmon(a.agmon, ["import"] + d2, db=after, check_rc=0)
    fp_before = rely.fingerprint(before)
    data_after = rely.fingerprint(after, with_imports=False)
    ulimit_case(a, w, before, d2, fp_before, data_after)
    tmpfs = tmpfs_case(a, w, before, d2, fp_before, data_after) if rely.is_root() else 0
    if not rely.is_root():
        rely.log("SKIP tmpfs case: not root")
    rely.log(f"RESULT disk_full ulimit=1 tmpfs={tmpfs} failures=0")


if __name__ == "__main__":
    rely.main_wrapper(main)
