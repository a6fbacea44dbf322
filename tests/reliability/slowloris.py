"""Slowloris against the real daemon: more clients than worker threads trickle a request header
one byte every 0.5 s (each byte well inside the 30 s socket timeout, so that timeout never
fires) and reconnect as soon as they are cut, for ATTACK seconds. With the header deadline
(agmon.http.header_deadline_seconds) every trickling connection is cut within a deadline of
getting a thread, so honest requests made all through the attack are answered 200 within
deadline + 3 s; every cut is counted in /metrics and logged once with the client address
only; the daemon serves normally afterwards and SIGTERM stops it promptly even with trickling
clients connected. Prints the figures.

Usage: slowloris.py AGMON WORKDIR [--threads N] [--deadline S] [--attack S]"""
import argparse
import os
import re
import select
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rely  # noqa: E402

HEAD = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


class Trickler:
    """One slow client: opens a connection, sends the start of a header, then a byte at a time."""

    def __init__(self, port):
        self.opened = time.monotonic()
        self.s = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.s.sendall(HEAD)
        self.s.setblocking(False)
        self.answer = b""

    def server_closed(self):
        """True once the server has closed (or reset) the connection; keeps what it said."""
        try:
            while select.select([self.s], [], [], 0)[0]:
                b = self.s.recv(4096)
                if not b:
                    return True
                self.answer += b
        except OSError:
            return True
        return False

    def trickle(self):
        try:
            self.s.send(b"a")
        except OSError:
            pass  # cut: server_closed() says so on the next look

    def close(self):
        self.s.close()


def honest_loop(port, stop, latencies, failures):
    """Honest requests, one after another, all through the attack."""
    while not stop.is_set():
        t0 = time.monotonic()
        status, _ = rely.http_get(port, "/healthz", timeout=30)
        latencies.append(time.monotonic() - t0)
        if status != 200:
            failures.append(status)
        time.sleep(0.2)


def metric(port, name):
    status, body = rely.http_get(port, "/metrics")
    rely.check(status == 200, f"/metrics -> {status}")
    m = re.search(rb"(?m)^" + name.encode() + rb" (\d+)$", body)
    rely.check(m is not None, f"/metrics has no {name}")
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("agmon")
    ap.add_argument("workdir")
    ap.add_argument("--threads", type=int, default=3)
    ap.add_argument("--deadline", type=int, default=2)
    ap.add_argument("--attack", type=float, default=10)
    a = ap.parse_args()
    # Two more trickling slots than threads: the threads are always all taken and two
    # tricklers always wait in the queue, yet an honest request is at most one round behind.
    slots = a.threads + 2
    db = os.path.join(a.workdir, "agmon.db")
    d = rely.Daemon(a.agmon, db, a.workdir, extra_config={
        "agmon.http.threads": str(a.threads), "agmon.http.header_deadline_seconds": str(a.deadline),
        "agmon.http.timeout_seconds": "30", "agmon.http.keep_alive_timeout_seconds": "1"}).start()
    limit = a.deadline + 3
    try:
        status, _ = rely.http_get(d.port, "/healthz")
        rely.check(status == 200, f"/healthz before the attack -> {status}")

        # The attack: `slots` trickling clients, each reconnecting as soon as it is cut.
        live = [Trickler(d.port) for _ in range(slots)]
        first = list(live)
        first_cut_after = {}
        cut, opened, answered_408 = [], slots, 0
        stop = threading.Event()
        latencies, failures = [], []
        honest = threading.Thread(target=honest_loop, args=(d.port, stop, latencies, failures))
        time.sleep(0.3)  # the tricklers hold every thread before the first honest request
        honest.start()
        end = time.monotonic() + a.attack
        while time.monotonic() < end:
            for i, t in enumerate(live):
                if t.server_closed():
                    cut.append(time.monotonic() - t.opened)
                    answered_408 += t.answer.startswith(b"HTTP/1.1 408")
                    if t in first:
                        first_cut_after[first.index(t)] = cut[-1]
                    t.close()
                    live[i] = Trickler(d.port)
                    opened += 1
                else:
                    t.trickle()
            time.sleep(0.5)
        stop.set()
        honest.join(timeout=60)
        rely.check(not honest.is_alive(), "an honest request never finished")
        for t in live:
            t.close()

        rely.check(not failures, f"honest requests during the attack failed: {failures[:5]}")
        rely.check(len(latencies) >= 3, f"only {len(latencies)} honest requests in {a.attack} s")
        worst = max(latencies)
        rely.check(worst < limit, f"an honest request waited {worst:.2f} s (limit {limit} s)")
        # Each of the first tricklers was cut at most two rounds after it connected (it may have
        # waited one round in the queue), never held on to a thread.
        rely.check(len(first_cut_after) == slots,
                   f"only {len(first_cut_after)} of the first {slots} trickling clients were cut")
        longest_first = max(first_cut_after.values())
        rely.check(longest_first < 2 * a.deadline + 2,
                   f"a trickling client was cut only after {longest_first:.1f} s")

        # /metrics counts the cuts; the log has one warn line per cut, the address only.
        time.sleep(1)  # the last tricklers hung up themselves; let the server see it
        counted = metric(d.port, "agmon_http_slow_clients_closed_total")
        rely.check(len(cut) <= counted <= opened,
                   f"agmon_http_slow_clients_closed_total {counted}: {len(cut)} seen cut, {opened} opened")
        lines = [ln for ln in d.log_text().splitlines() if "closed a slow client" in ln]
        rely.check(len(lines) == counted, f"{len(lines)} log lines for {counted} cuts")
        bad = [ln for ln in lines if not re.search(
            r" warn(?:ing)? closed a slow client: no complete request header within %d s, client 127\.0\.0\.1$" % a.deadline,
            ln)]
        rely.check(not bad, f"unexpected cut log lines: {bad[:2]}")
        rely.check(not re.search(r" (error|critical) ", d.log_text()), "error lines in the log")

        # Afterwards: served at once.
        after = []
        for _ in range(20):
            t0 = time.monotonic()
            status, _ = rely.http_get(d.port, "/healthz")
            after.append(time.monotonic() - t0)
            rely.check(status == 200, f"/healthz after the attack -> {status}")
        rely.check(max(after) < 1, f"after the attack a request took {max(after):.2f} s: {[round(x, 2) for x in after]}")

        # SIGTERM with trickling clients on every thread: they are cut, the daemon exits 0.
        last = [Trickler(d.port) for _ in range(a.threads)]
        time.sleep(0.3)
        t0 = time.monotonic()
        d.stop()
        stopped_in = time.monotonic() - t0
        for t in last:
            t.close()
        rely.check(d.proc.returncode == 0, f"daemon exit {d.proc.returncode} after SIGTERM")
        rely.check(stopped_in < limit, f"SIGTERM with trickling clients took {stopped_in:.1f} s")
    finally:
        d.stop()
    rely.log(f"slowloris: {a.threads} threads, header deadline {a.deadline} s, {slots} trickling slots for "
             f"{a.attack:.0f} s: {opened} trickling connections, {len(cut)} seen cut ({answered_408} with a 408), "
             f"{counted} counted in /metrics; {len(latencies)} honest requests during the attack, all 200, "
             f"worst {worst:.2f} s (limit {limit} s); first tricklers cut after at most {longest_first:.2f} s; "
             f"after: worst {max(after) * 1000:.0f} ms; SIGTERM with {a.threads} tricklers: exit 0 in {stopped_in:.2f} s")
    rely.log(f"RESULT slowloris honest={len(latencies)} worst_s={worst:.2f} cut={counted} failures=0")


if __name__ == "__main__":
    rely.main_wrapper(main)
