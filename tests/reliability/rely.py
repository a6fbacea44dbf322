"""Helpers shared by the reliability tests (crash, disk full, concurrency, hostile HTTP):
run the agmon binary, fingerprint a database, start and stop the daemon, speak raw HTTP.
Standard library only, so CI needs nothing beyond python3."""
import hashlib
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time

# Columns that hold wall-clock time and so differ between two runs of the same import.
_VOLATILE = re.compile(r"^(at|seconds|report_json_imports)$|_at$")
# Tables whose rows describe import calls rather than district data.
IMPORT_TABLES = ("imports", "import_files")
# Tables the fingerprint never looks at: the daemon's reads and the migration dates.
_SKIPPED = ("audit_log", "schema_migrations", "sqlite_sequence")


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def log(*parts):
    print(*parts, flush=True)


def run_agmon(agmon, args, db=None, timeout=600, check_rc=None, env=None):
    """Runs agmon and returns (rc, stdout, stderr)."""
    cmd = [agmon] + (["--db", db] if db else []) + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if check_rc is not None and p.returncode != check_rc:
        raise Failure(f"{' '.join(cmd)}: exit {p.returncode} (wanted {check_rc})\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    return p.returncode, p.stdout, p.stderr


def demo_data(agmon, out, students, seed, year="2025-2026", schools=None):
    extra = ["--schools", str(schools)] if schools else []
    run_agmon(agmon, ["demo-data", "--students", str(students), "--seed", str(seed), "--year", year,
                      "--out", out] + extra, check_rc=0)
    return [os.path.join(out, f) for f in ("students.csv", "courses.csv", "course_marks.csv")]


def _row_hash(row):
    return int.from_bytes(hashlib.blake2b(repr(row).encode(), digest_size=8).digest(), "little")


def integrity(db):
    """PRAGMA integrity_check and foreign_key_check; opening recovers a WAL left by a crash,
    exactly as agmon's next open would."""
    con = sqlite3.connect(db)
    try:
        ic = [r[0] for r in con.execute("PRAGMA integrity_check")]
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        con.close()
    return ic == ["ok"] and not fk, f"integrity_check={ic[:3]} foreign_key_check={fk[:3]}"


def fingerprint(db, with_imports=True):
    """{table: (rows, order-independent 64-bit sum of row hashes)} over every table and every
    column except wall-clock times, and the schema. Two databases with equal fingerprints hold
    the same rows under the same schema."""
    con = sqlite3.connect(db)
    out = {}
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for t in tables:
            if t in _SKIPPED or (not with_imports and t in IMPORT_TABLES):
                continue
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')
                    if not _VOLATILE.search(r[1]) and not (t == "imports" and r[1] == "report_json")]
            n, h = 0, 0
            for row in con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{t}"'):
                n += 1
                h = (h + _row_hash(row)) & 0xFFFFFFFFFFFFFFFF
            out[t] = (n, h)
        # The schema too (tables, indexes, triggers; not the page numbers): an import that
        # rebuilds indexes must not leave them missing when killed.
        n, h = 0, 0
        for row in con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"):
            n += 1
            h = (h + _row_hash(row)) & 0xFFFFFFFFFFFFFFFF
        out["sqlite_master"] = (n, h)
    finally:
        con.close()
    return out


def fp_diff(a, b):
    """The tables whose fingerprints differ, for failure messages."""
    return {t: (a.get(t), b.get(t)) for t in sorted(set(a) | set(b)) if a.get(t) != b.get(t)}


def copy_db(src, dst):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    with open(src, "rb") as f, open(dst, "wb") as g:
        while True:
            b = f.read(1 << 22)
            if not b:
                break
            g.write(b)
    os.chmod(dst, 0o600)


def backup_db(src, dst):
    """A consistent copy of a database in use (committed WAL frames included)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()
    os.chmod(dst, 0o600)


def is_root():
    return os.geteuid() == 0


class Daemon:
    """`agmon serve` on 127.0.0.1 (any free port), logging to a file; the port is read from
    the log line `agmon serving http://127.0.0.1:PORT`."""

    def __init__(self, agmon, db, workdir, inbox=None, extra_config=None, name="daemon"):
        self.agmon, self.db, self.workdir = agmon, db, workdir
        self.log_file = os.path.join(workdir, name + ".log")
        self.err_file = os.path.join(workdir, name + ".stderr")
        self.config = os.path.join(workdir, name + ".properties")
        cfg = {"agmon.log.file": self.log_file, "agmon.inbox.poll_seconds": "1",
               "agmon.http.auth_failures_per_minute": "1000000"}
        cfg.update(extra_config or {})
        with open(self.config, "w") as f:
            for k, v in cfg.items():
                f.write(f"{k}={v}\n")
        self.args = ["--db", db, "--config", self.config, "serve", "--bind", "127.0.0.1", "--port", "0"]
        if inbox:
            self.args += ["--inbox", inbox]
        if is_root():
            self.args.append("--allow-root")
        self.proc = None
        self.port = None

    def start(self, timeout=60):
        offset = os.path.getsize(self.log_file) if os.path.exists(self.log_file) else 0
        err = open(self.err_file, "ab")
        self.proc = subprocess.Popen([self.agmon] + self.args, stdout=subprocess.DEVNULL, stderr=err)
        err.close()
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise Failure(f"agmon serve exited {self.proc.returncode}: {open(self.err_file).read()[-2000:]}")
            if os.path.exists(self.log_file):
                with open(self.log_file, "rb") as f:
                    f.seek(offset)
                    m = re.search(rb"agmon serving http://127\.0\.0\.1:(\d+)", f.read())
                if m:
                    self.port = int(m.group(1))
                    return self
            time.sleep(0.05)
        raise Failure("agmon serve did not start in time")

    def kill(self, sig=signal.SIGKILL):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
        if self.proc:
            self.proc.wait(timeout=120)

    def stop(self):
        self.kill(signal.SIGTERM)

    def log_text(self):
        return open(self.log_file, errors="replace").read() if os.path.exists(self.log_file) else ""


def http_get(port, path, token=None, timeout=10, method="GET", body=None, headers=None):
    """One request on its own connection: (status, body bytes). Status 0 = no answer."""
    h = {"Host": "127.0.0.1", "Connection": "close"}
    if token:
        h["Authorization"] = "Bearer " + token
    if body is not None:
        h["Content-Length"] = str(len(body))
    h.update(headers or {})
    req = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in h.items()) + "\r\n"
    return raw_request(port, req.encode("latin-1") + (body or b""), timeout)


def raw_request(port, data, timeout=10):
    """Sends bytes, reads until the server closes or the timeout: (status, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except OSError:
            pass  # the server may close early on a huge request; its answer is still readable
        chunks = []
        try:
            while True:
                b = s.recv(65536)
                if not b:
                    break
                chunks.append(b)
                if _complete(b"".join(chunks)):
                    break
        except (ConnectionResetError, socket.timeout):
            pass
    return parse_response(b"".join(chunks))


def _complete(data):
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    m = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
    return bool(m) and len(body) >= int(m.group(1))


def parse_response(data):
    m = re.match(rb"HTTP/\d\.\d (\d{3})", data)
    if not m:
        return 0, data
    return int(m.group(1)), data.partition(b"\r\n\r\n")[2]


def json_body(body):
    return json.loads(body.decode("utf-8"))


def main_wrapper(fn):
    try:
        fn()
    except Failure as e:
        print(f"FAIL: {e}", file=sys.stderr, flush=True)
        sys.exit(1)
