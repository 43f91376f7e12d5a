#!/usr/bin/env python3
"""Kill test: `microfactor serve` on a fresh demo book (SQLite) under concurrent API writes, killed with SIGKILL at
random moments and restarted. After each kill it checks that every acknowledged write is there (its
Idempotency-Key replays the same response, its record reads back), that nothing is half-applied (a funded
schedule's approved invoices all funded and matching its payout, every receipt's applied + unapplied = amount),
that `verify` is clean, and that the server serves again. Seeded: the seed drives the operations and the kill
times (the threads' interleaving is the machine's). Prints the seed and the counts; exits 1 on any loss or
server error (5xx).

Usage: kill_test.py --bin PATH/microfactor [--kills 20] [--seed N] [--workers 4] [--keep DIR]
"""
import argparse
import datetime
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ADMIN = ("admin@demo.microfactor.test", "demo-admin-2026")
SERVER_READY_TIMEOUT_S = 30
REQUEST_TIMEOUT_S = 20
RUN_MS_RANGE = (150, 900)  # how long the writers run before the kill
OPS_PER_WORKER_MAX = 400  # per round: a bound, never reached in practice
CHECK_PAGE = 500


class Server:
    """One `microfactor serve` process on 127.0.0.1 and a free port."""

    def __init__(self, binary, db, work):
        self.binary, self.db, self.work = binary, db, work
        self.process = None
        self.port = None
        self.starts = 0

    def start(self):
        self.starts += 1
        err_path = os.path.join(self.work, f"serve{self.starts}.err")
        self.err = open(err_path, "w+")
        self.process = subprocess.Popen(
            [self.binary, "--db", self.db, "serve", "--address", "127.0.0.1", "--port", "0"],
            stdout=subprocess.DEVNULL, stderr=self.err)
        deadline = time.monotonic() + SERVER_READY_TIMEOUT_S
        while time.monotonic() < deadline:
            with open(err_path) as log:
                found = re.search(r"http://127\.0\.0\.1:(\d+)", log.read())
            if found:
                self.port = int(found.group(1))
                return True
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        return False

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        if self.process:
            self.process.wait(timeout=30)
        self.process = None
        if getattr(self, "err", None):
            self.err.close()
            self.err = None

    def log_tail(self):
        path = os.path.join(self.work, f"serve{self.starts}.err")
        with open(path) as log:
            return "".join(log.readlines()[-5:])


class Api:
    def __init__(self, port, token=None):
        self.port, self.token = port, token

    def call(self, method, path, body=None, key=None):
        """(status, headers, parsed body), or None when no answer came (the server died)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT_S)
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        if key:
            headers["Idempotency-Key"] = key
        data = None if body is None else json.dumps(body, sort_keys=True)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            return response.status, dict(response.getheaders()), (json.loads(raw) if raw else None)
        except (OSError, http.client.HTTPException, json.JSONDecodeError):
            return None
        finally:
            connection.close()

    def pages(self, path):
        """Every item of a list route, page by page (bounded)."""
        items, cursor = [], None
        for _ in range(10000):
            sep = "&" if "?" in path else "?"
            got = self.call("GET", f"{path}{sep}limit={CHECK_PAGE}" + (f"&cursor={cursor}" if cursor else ""))
            if got is None or got[0] != 200:
                raise RuntimeError(f"GET {path}: {got and got[0]}")
            items += got[2]["data"]
            cursor = got[2].get("next_cursor")
            if not cursor:
                return items
        raise RuntimeError(f"GET {path}: too many pages")


def cents(text):
    whole, _, part = text.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int((part + "00")[:2]))


def amount(minor):
    return f"{minor // 100}.{minor % 100:02d}"


class State:
    """What the writers were told (acknowledged writes) and the counts, shared by the threads."""

    def __init__(self, seed):
        self.lock = threading.Lock()
        self.acks = []  # dicts: kind, method, path, body, key, status, response
        self.counts = {"kills": 0, "acknowledged": 0, "unanswered": 0, "refused": 0, "checked": 0, "lost": 0,
                       "half_applied": 0, "verify_failures": 0, "restart_failures": 0, "server_errors": 0}
        self.failures = []
        self.business_date = None
        self.due_date = None
        self.next_key = 0
        self.seed = seed

    def key(self, kind):
        with self.lock:
            self.next_key += 1
            return f"kill-{self.seed}-{kind}-{self.next_key}"

    def count(self, name, by=1):
        with self.lock:
            self.counts[name] += by

    def fail(self, name, message):
        with self.lock:
            self.counts[name] += 1
            if len(self.failures) < 50:
                self.failures.append(f"{name}: {message}")


def worker(api, state, rng, stop, client_id, debtor_ids, index):
    """A pipeline of schedules: submit, approve, fund, receipts on its invoices; now and then close-day."""
    funded = []  # invoices (id, face minor) this worker saw funded
    pipeline = []  # (schedule id, stage)
    for _ in range(OPS_PER_WORKER_MAX):
        if stop.is_set():
            return
        choice = rng.random()
        if index == 0 and choice < 0.04:
            if record(api, state, "close_day", "POST", "/v1/close-day", {}, state.key("close")) is None:
                return  # the server is gone
            continue
        if funded and choice < 0.35:
            invoice_id, face_minor = rng.choice(funded)
            applied = max(1, face_minor // rng.choice([8, 10, 16]))
            extra = rng.choice([0, 0, 1, 250])
            body = {"currency": "USD", "amount": amount(applied + extra), "received_on": state.business_date,
                    "payer": "Kill Test Debtor", "reference": f"KT {rng.randrange(10**9)}",
                    "applications": [{"invoice_id": invoice_id, "amount": amount(applied)}]}
            if record(api, state, "receipt", "POST", "/v1/receipts", body, state.key("receipt")) is None:
                return
            continue
        if pipeline and choice < 0.75:
            schedule_id, stage = pipeline.pop(0)
            if stage == "submitted":
                got = record(api, state, "approve", "POST", f"/v1/schedules/{schedule_id}/approve", {}, None)
                if got is None:
                    return
                if got[0] == 200:
                    pipeline.append((schedule_id, "approved"))
            else:
                got = record(api, state, "fund", "POST", f"/v1/schedules/{schedule_id}/fund", {},
                             state.key("fund"))
                if got is None:
                    return
                if got[0] == 201:
                    schedule = api.call("GET", f"/v1/schedules/{schedule_id}")
                    if schedule and schedule[0] == 200:
                        funded += [(i["id"], cents(i["face_amount"])) for i in schedule[2]["invoices"]
                                   if i["state"] == "funded"]
                        funded = funded[-50:]
            continue
        invoices = [{"debtor_id": rng.choice(debtor_ids), "number": f"KT-{state.seed}-{index}-{rng.randrange(10**12)}",
                     "amount": amount(rng.randrange(20000, 500000)), "issue_date": state.business_date,
                     "due_date": state.due_date} for _ in range(rng.randint(1, 3))]
        got = record(api, state, "submit", "POST", "/v1/schedules", {"client_id": client_id, "invoices": invoices},
                     state.key("submit"))
        if got is None:
            return
        if got[0] == 201:
            pipeline.append((got[2]["id"], "submitted"))


def record(api, state, kind, method, path, body, key):
    got = api.call(method, path, body, key)
    if got is None:
        state.count("unanswered")
        return None
    status, _, response = got
    if status >= 500:
        state.fail("server_errors", f"{method} {path} answered {status}: {response}")
        return got
    if status >= 300:
        state.count("refused")
        return got
    with state.lock:
        state.acks.append({"kind": kind, "method": method, "path": path, "body": body, "key": key,
                           "status": status, "response": response, "checked": False})
        state.counts["acknowledged"] += 1
    return got


def check_ack(api, state, ack):
    """An acknowledged write is there: its key replays the same answer; its record reads back as it was told."""
    ack["checked"] = True  # once, found or lost: a lost write's replay ran it anew
    state.count("checked")
    if ack["key"]:
        got = api.call(ack["method"], ack["path"], ack["body"], ack["key"])
        if got is None:
            raise RuntimeError("the server did not answer a replay")
        status, headers, response = got
        replayed = headers.get("Idempotent-Replayed") == "true"
        if not replayed or status != ack["status"] or response != ack["response"]:
            state.fail("lost", f"{ack['kind']} {ack['key']}: replay {status} replayed={replayed}")
            return
    response = ack["response"]
    if ack["kind"] == "approve":
        schedule_id = ack["path"].split("/")[3]
        got = api.call("GET", f"/v1/schedules/{schedule_id}")
        states = {i["id"]: i["state"] for i in got[2]["invoices"]} if got and got[0] == 200 else {}
        for row in response["data"]:
            if row["approved"] and states.get(row["invoice"]["id"]) in (None, "submitted"):
                state.fail("lost", f"approval of {row['invoice']['id']} in {schedule_id}")
    elif ack["kind"] == "receipt":
        got = api.call("GET", f"/v1/receipts/{response['id']}")
        if got is None or got[0] != 200 or got[2]["applied_amount"] != response["applied_amount"]:
            state.fail("lost", f"receipt {response['id']}")
    elif ack["kind"] == "submit":
        got = api.call("GET", f"/v1/schedules/{response['id']}")
        if got is None or got[0] != 200 or len(got[2]["invoices"]) != len(response["invoices"]):
            state.fail("lost", f"schedule {response['id']}")


def check_whole(api, state, client_id):
    """Nothing half-applied: funded schedules against their payouts and invoices, receipts against their amount."""
    invoices = api.pages(f"/v1/invoices?client_id={client_id}")
    schedules = {s["id"]: s for s in api.pages(f"/v1/schedules?client_id={client_id}")}
    payouts = {p["id"]: p for p in api.pages(f"/v1/payouts?client_id={client_id}")}
    by_schedule = {}
    for invoice in invoices:
        by_schedule.setdefault(invoice["schedule_id"], []).append(invoice)
    for schedule_id, schedule in schedules.items():
        rows = by_schedule.get(schedule_id, [])
        payout_id = schedule.get("payout_id")
        fundedish = [i for i in rows if i["state"] not in ("submitted", "approved", "rejected")]
        if payout_id is None:
            if fundedish:
                state.fail("half_applied", f"{schedule_id}: invoices funded without a payout")
            continue
        if any(i["state"] == "approved" for i in rows):
            state.fail("half_applied", f"{schedule_id}: funded, with approved invoices left unfunded")
        payout = payouts.get(payout_id)
        advances = sum(cents(i["advance_amount"]) for i in fundedish)
        if payout is None or cents(payout["amount"]) + cents(payout["netted_amount"]) != advances:
            state.fail("half_applied", f"{schedule_id}: payout {payout_id} does not match its invoices' advances")
    for receipt in api.pages("/v1/receipts"):
        if cents(receipt["applied_amount"]) + cents(receipt["unapplied_amount"]) != cents(receipt["amount"]):
            state.fail("half_applied", f"{receipt['id']}: applied + unapplied != amount")


def cli(binary, db, *args):
    return subprocess.run([binary, "--db", db, *args], capture_output=True, text=True, timeout=300)


def setup_book(binary, db, work):
    steps = [["demo", "--days", "15"],
             ["client", "add", "--name", "Kill Test Co", "--currency", "USD", "--advance-rate", "85",
              "--fee", "flat 2%/30d +1%/15d", "--limit", "100000000", "--concentration-limit", "100"]]
    steps += [["debtor", "add", "--name", f"Kill Debtor {i}", "--currency", "USD", "--credit-limit", "100000000"]
              for i in range(3)]
    for step in steps:
        done = cli(binary, db, "--json", *step)
        if done.returncode != 0:
            sys.exit(f"kill_test: {' '.join(step)} failed: {done.stderr}")
    clients = json.loads(cli(binary, db, "--json", "client", "list", "--limit", "0").stdout)["data"]
    debtors = json.loads(cli(binary, db, "--json", "debtor", "list", "--limit", "0").stdout)["data"]
    client_id = [c["id"] for c in clients if c["name"] == "Kill Test Co"][0]
    debtor_ids = [d["id"] for d in debtors if d["name"].startswith("Kill Debtor")]
    for debtor_id in debtor_ids:  # a new book funds only debtors with a current credit review
        step = ["debtor", "review", debtor_id, "--decision", "approved", "--limit", "1000000",
                "--notes", "kill test", "--expires", "2028-01-31"]
        done = cli(binary, db, "--json", *step)
        if done.returncode != 0:
            sys.exit(f"kill_test: {' '.join(step)} failed: {done.stderr}")
    return client_id, debtor_ids


def add_days(date, days):
    return (datetime.date.fromisoformat(date) + datetime.timedelta(days=days)).isoformat()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--keep", help="work in this folder and keep it (default: a temporary one, removed)")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else int.from_bytes(os.urandom(4), "big")
    print(f"kill_test: seed {seed} (replay its choices with --seed {seed}), {options.kills} kills, "
          f"{options.workers} writers", flush=True)
    rng = random.Random(seed)
    work = options.keep or tempfile.mkdtemp(prefix="mf-kill-")
    os.makedirs(work, exist_ok=True)
    db = "sqlite:" + os.path.join(work, "book.sqlite")
    binary = os.path.abspath(options.bin)
    server = Server(binary, db, work)
    state = State(seed)
    started = time.monotonic()
    try:
        client_id, debtor_ids = setup_book(binary, db, work)
        if not server.start():
            sys.exit(f"kill_test: the server did not start: {server.log_tail()}")
        login = Api(server.port).call("POST", "/v1/auth/login", {"email": ADMIN[0], "password": ADMIN[1]})
        token = login[2]["token"]
        for round_index in range(options.kills + 1):
            api = Api(server.port, token)
            settings = api.call("GET", "/v1/settings")
            if settings is None or settings[0] != 200:
                state.fail("restart_failures", f"round {round_index}: GET /v1/settings: {settings}")
                break
            state.business_date = settings[2]["business_date"]
            state.due_date = add_days(state.business_date, 60)
            with state.lock:
                pending = [ack for ack in state.acks if not ack["checked"]]
            for ack in pending:
                check_ack(api, state, ack)
            check_whole(api, state, client_id)
            if round_index == options.kills:
                break
            stop = threading.Event()
            threads = [threading.Thread(target=worker, daemon=True,
                                        args=(api, state, random.Random(rng.random()), stop, client_id, debtor_ids, i))
                       for i in range(options.workers)]
            for thread in threads:
                thread.start()
            time.sleep(rng.uniform(*RUN_MS_RANGE) / 1000)
            server.kill()
            stop.set()
            state.count("kills")
            for thread in threads:
                thread.join(timeout=REQUEST_TIMEOUT_S + 5)
            verify = cli(binary, db, "--json", "verify")
            if verify.returncode != 0:
                state.fail("verify_failures",
                           f"after kill {round_index + 1}: {verify.stdout[-300:]} {verify.stderr[-300:]}")
            if not server.start():
                state.fail("restart_failures", f"after kill {round_index + 1}: {server.log_tail()}")
                break
            if (round_index + 1) % 25 == 0:
                print(f"kill_test: {round_index + 1} kills, {state.counts['acknowledged']} acknowledged, "
                      f"{state.counts['lost']} lost, {state.counts['half_applied']} half-applied", flush=True)
        final = Api(server.port, token).call("GET", "/v1/verify")
        if final is None or final[0] != 200 or not final[2].get("clean", final[2].get("data", {}).get("clean")):
            state.fail("verify_failures", f"final GET /v1/verify: {final and final[2]}")
    finally:
        server.kill()
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    counts = state.counts
    kinds = {}
    for ack in state.acks:
        kinds[ack["kind"]] = kinds.get(ack["kind"], 0) + 1
    print(f"kill_test: seed {seed}: {counts['kills']} kills, {counts['acknowledged']} acknowledged writes "
          f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), {counts['checked']} checked, "
          f"{counts['lost']} lost, {counts['half_applied']} half-applied, {counts['verify_failures']} verify "
          f"failures, {counts['restart_failures']} restart failures, {counts['server_errors']} server errors; "
          f"{counts['unanswered']} unanswered (killed in flight), {counts['refused']} refused; "
          f"{time.monotonic() - started:.0f} s")
    print("kill_test: " + json.dumps({"seed": seed, **counts, "by_kind": kinds}, sort_keys=True))
    for failure in state.failures:
        print("  " + failure, file=sys.stderr)
    bad = sum(counts[name] for name in ("lost", "half_applied", "verify_failures", "restart_failures", "server_errors"))
    if counts["checked"] != counts["acknowledged"]:
        print(f"kill_test: {counts['acknowledged'] - counts['checked']} acknowledged writes were not checked",
              file=sys.stderr)
        bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
