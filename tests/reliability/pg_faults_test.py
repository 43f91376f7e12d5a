#!/usr/bin/env python3
"""PostgreSQL stopped and restarted under load (issue 6): `microfactor serve` on a PostgreSQL book of its own
throwaway server (scripts/pg-test-server), with writers submitting, approving and funding schedules and recording
receipts through the API. The server is stopped at once (pg_ctl -m immediate, as in a crash) for a while and
started again, several times. While it is down every request that needs the book gets 503 with a problem body
(code store_unavailable) and a Retry-After, never a 500 and never a hang (/healthz too: healthy is "the book
answers");
when it is back, writes succeed again within seconds; every write acknowledged before, between or after the
outages reads back (Idempotency-Key replays), nothing is half-applied, and `verify` is clean.

Usage: pg_faults_test.py --bin PATH/microfactor [--outages 3] [--seed N]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kill_test  # noqa: E402  (its Api, Server, State, checks)

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "pg-test-server")
DOWN_S = (1.0, 3.0)
UP_S = (1.0, 2.5)
RESUME_WITHIN_S = 20


def pg(command, directory):
    # A durable server (fsync, synchronous commit): its immediate stop is a crash that must lose no commit.
    done = subprocess.run([SCRIPT, command, directory], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "PG_DURABLE": "1"})
    if done.returncode != 0:
        sys.exit(f"pg_faults_test: pg-test-server {command} failed: {done.stderr}")


class Watch:
    """What the writers see, by phase: the statuses and problem codes of the answers."""

    def __init__(self):
        self.lock = threading.Lock()
        self.phase = "up"
        self.by_phase = {}
        self.bad = []

    def note(self, got, method, path):
        with self.lock:
            phase = self.phase
            counts = self.by_phase.setdefault(phase, {})
            if got is None:
                key = "no answer"
            else:
                status, headers, body = got
                key = str(status)
                if status == 503:
                    code = (body or {}).get("code")
                    key = f"503 {code}"
                    if code != "store_unavailable" or not headers.get("Retry-After") or \
                            not headers.get("Content-Type", "").startswith("application/problem+json"):
                        self.bad.append(f"{method} {path}: 503 without the problem body: {headers} {body}")
                elif status >= 500:
                    self.bad.append(f"{method} {path} ({phase}): {status} {body}")
            counts[key] = counts.get(key, 0) + 1


class WatchedApi(kill_test.Api):
    def __init__(self, port, token, watch):
        super().__init__(port, token)
        self.watch = watch

    def call(self, method, path, body=None, key=None):
        got = super().call(method, path, body, key)
        if not path.startswith("/v1/settings"):
            self.watch.note(got, method, path)
        return got


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--outages", type=int, default=3)
    parser.add_argument("--seed", type=int, default=None)
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else int.from_bytes(os.urandom(4), "big")
    print(f"pg_faults_test: seed {seed}, {options.outages} outages", flush=True)
    kill_test.ACCEPTED_5XX.add(503)
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="mf-pgfault-")
    pg_dir = os.path.join(work, "pg")
    binary = os.path.abspath(options.bin)
    server = None
    failures = []
    try:
        pg("start", pg_dir)
        with open(os.path.join(pg_dir, "url")) as url_file:
            db = url_file.read().strip() + "?schema=faults"
        client_id, debtors = kill_test.setup_book(binary, db, work)
        debtor_ids = [d[0] for d in debtors]
        key = subprocess.run([binary, "--db", db, "user", "api-key", "usr_1", "--label", "faults"],
                             capture_output=True, text=True, timeout=60)
        token = key.stdout.strip().splitlines()[-1]
        server = kill_test.Server(binary, db, work)
        if not server.start():
            sys.exit(f"pg_faults_test: the server did not start: {server.log_tail()}")
        watch = Watch()
        api = WatchedApi(server.port, token, watch)
        state = kill_test.State(seed)
        settings = api.call("GET", "/v1/settings")[2]
        state.business_date = settings["business_date"]
        state.due_date = kill_test.add_days(state.business_date, 60)
        stop = threading.Event()
        threads = [threading.Thread(target=writer, daemon=True,
                                    args=(api, state, random.Random(rng.random()), stop, client_id, debtor_ids, i))
                   for i in range(3)]
        for thread in threads:
            thread.start()
        resumed_after = []
        for outage in range(options.outages):
            time.sleep(rng.uniform(*UP_S))
            with watch.lock:
                watch.phase = "down"
            pg("halt", pg_dir)
            time.sleep(rng.uniform(*DOWN_S))
            # The HTTP server answers at once; /healthz says the book does not ("healthy when the book answers").
            health = kill_test.Api(server.port).call("GET", "/healthz")
            if health is None or health[0] != 503 or (health[2] or {}).get("code") != "store_unavailable":
                failures.append(f"outage {outage + 1}: /healthz answered {health} while PostgreSQL was down")
            down = api.call("GET", "/v1/invoices?limit=1")
            if down is None or down[0] != 503:
                failures.append(f"outage {outage + 1}: a read answered {down and down[0]} while PostgreSQL was down")
            pg("resume", pg_dir)
            back = time.monotonic()
            with watch.lock:
                watch.phase = "back"
            # Writes succeed again soon: a capital contribution, retried until it goes through.
            for _ in range(RESUME_WITHIN_S * 10):
                got = api.call("POST", "/v1/capital", {"currency": "USD", "amount": "1.00", "memo": f"after outage {outage}"})
                if got is not None and got[0] == 201:
                    resumed_after.append(time.monotonic() - back)
                    break
                time.sleep(0.1)
            else:
                failures.append(f"outage {outage + 1}: no write succeeded within {RESUME_WITHIN_S} s of the restart")
            health = kill_test.Api(server.port).call("GET", "/healthz")
            if health is None or health[0] != 200:
                failures.append(f"outage {outage + 1}: /healthz answered {health} once PostgreSQL was back")
            with watch.lock:
                watch.phase = "up"
        time.sleep(rng.uniform(*UP_S))
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        # Every acknowledged write is there, nothing is half-applied, the book verifies.
        checker = kill_test.Api(server.port, token)
        for ack in state.acks:
            kill_test.check_ack(checker, state, ack)
        kill_test.check_whole(checker, state, client_id)
        verify = subprocess.run([binary, "--db", db, "--json", "verify"], capture_output=True, text=True, timeout=300)
        if verify.returncode != 0:
            failures.append(f"verify: {verify.stdout[-500:]} {verify.stderr[-300:]}")
        counts = state.counts
        failures += state.failures  # lost, half-applied (503s are refusals here; other 5xx are in watch.bad)
        failures += watch.bad
        for phase in ("down",):
            seen = watch.by_phase.get(phase, {})
            if not any(k.startswith("503") for k in seen):
                failures.append(f"no 503 seen while PostgreSQL was down: {seen}")
        print(f"pg_faults_test: seed {seed}: {options.outages} outages; answers by phase {watch.by_phase}; "
              f"writes resumed {', '.join(f'{s:.1f}' for s in resumed_after)} s after each restart; "
              f"{counts['acknowledged']} acknowledged writes, {counts['checked']} checked, {counts['lost']} lost, "
              f"{counts['half_applied']} half-applied, verify {'clean' if verify.returncode == 0 else 'FAILED'}")
    finally:
        if server is not None:
            server.kill()
        subprocess.run([SCRIPT, "stop", pg_dir], capture_output=True, timeout=120)
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures[:30]:
        print("  " + failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


def writer(api, state, rng, stop, client_id, debtor_ids, index):
    """kill_test's worker, kept going through the outages (a refused or unanswered request is not the end)."""
    while not stop.is_set():
        kill_test.worker(api, state, rng, stop, client_id, debtor_ids, index)
        time.sleep(0.05)


if __name__ == "__main__":
    main()
