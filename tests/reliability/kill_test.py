#!/usr/bin/env python3
"""Kill test: `microfactor serve` on a fresh demo book (SQLite) under concurrent API writes, killed with SIGKILL at
random moments and restarted. After each kill it checks that every acknowledged write is there (its
Idempotency-Key replays the same response, its record reads back), that nothing is half-applied (a funded
schedule's approved invoices all funded and matching its payout, every receipt's applied + unapplied = amount),
that `verify` is clean, and that the server serves again. Seeded: the seed drives the operations and the kill
times (the threads' interleaving is the machine's). Prints the seed and the counts; exits 1 on any loss or
server error (5xx).

Beside the API writers, a files worker runs CLI commands on the same book file, killed with SIGKILL at the same
moment: invoice file imports (`import invoices`), bank file imports with `--auto-apply` (lockbox CSV), close-day
and payout files (`payout file`). Every command that exited 0 must be whole after the restart (all its invoices in
one schedule, all its receipts, its days closed, its payout file with every payout it names sent), and every
command, acknowledged or killed in flight, all or nothing: no file's invoices or receipts half there, no payout
sent without its file, no file without its payouts.

Usage: kill_test.py --bin PATH/microfactor [--kills 20] [--seed N] [--workers 4] [--keep DIR] [--no-files]
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
ACCEPTED_5XX = set()  # statuses that are a promised answer, not a server error (pg_faults_test: 503 while down)


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
                       "half_applied": 0, "verify_failures": 0, "restart_failures": 0, "server_errors": 0,
                       "cli_killed": 0, "cli_refused": 0, "files_checked": 0}
        self.files = []  # CLI file commands run (acknowledged or not): checked whole after each kill
        self.cli_process = None  # the CLI command running now, killed with the server
        self.funded_numbers = []  # (invoice number, outstanding minor, debtor name) for bank lines
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
                        with state.lock:
                            state.funded_numbers += [(i["number"], i["debtor_id"]) for i in schedule[2]["invoices"]
                                                     if i["state"] == "funded"]
                            state.funded_numbers = state.funded_numbers[-100:]
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
    if status >= 500 and status not in ACCEPTED_5XX:
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


def run_cli(binary, db, state, args, stop):
    """Runs one CLI command as the files worker's; (exit code, stdout), or None when it was killed."""
    process = subprocess.Popen([binary, "--db", db, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    with state.lock:
        state.cli_process = process
    try:
        out, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    with state.lock:
        state.cli_process = None
    if process.returncode < 0:  # killed with the server
        state.count("cli_killed")
        return None
    return process.returncode, out, err


def files_worker(binary, db, work, state, rng, stop, client_id, debtors, round_index):
    """Invoice files, bank files with auto-apply, close-day and payout files through the CLI, until the kill."""
    for step in range(OPS_PER_WORKER_MAX):
        if stop.is_set():
            return
        tag = f"{state.seed}-{round_index}-{step}"
        choice = rng.random()
        entry = {"tag": tag, "acknowledged": False}
        if choice < 0.35:
            numbers = [f"KF-{tag}-{row}" for row in range(rng.randint(2, 8))]
            path = os.path.join(work, f"invoices-{tag}.csv")
            with open(path, "w") as out:
                out.write("invoice_number,debtor_name,invoice_date,due_date,amount,currency\n")
                for number in numbers:
                    out.write(f"{number},{rng.choice(debtors)[1]},{state.business_date},{state.due_date},"
                              f"{amount(rng.randrange(20000, 300000))},USD\n")
            entry.update(kind="import_invoices", numbers=numbers)
            args = ["--json", "import", "invoices", path, "--client", client_id]
        elif choice < 0.7:
            with state.lock:
                paid = list(state.funded_numbers)
            lines = []
            for line in range(rng.randint(1, 4)):
                reference = f"KB-{tag}-{line}"
                if paid and rng.random() < 0.7:
                    number, debtor_id = rng.choice(paid)
                    payer = dict((d[0], d[1]) for d in debtors).get(debtor_id, "Someone")
                    reference = f"{number} {reference}"
                else:
                    payer = "Someone Unknown"
                lines.append((reference, payer, amount(rng.randrange(1000, 200000))))
            path = os.path.join(work, f"bank-{tag}.csv")
            with open(path, "w") as out:
                out.write("Date,Amount,Currency,Payer_Name,Reference\n")
                for reference, payer, money in lines:
                    out.write(f"{state.business_date},{money},USD,{payer},{reference}\n")
            entry.update(kind="import_bank", references=[line[0] for line in lines])
            args = ["--json", "import", "bank", path, "--format", "lockbox_csv", "--auto-apply"]
        elif choice < 0.85:
            entry.update(kind="close_day")
            args = ["--json", "close-day"]
        else:
            entry.update(kind="payout_file")
            args = ["--json", "payout", "file", "--format", "nacha", "--out", os.path.join(work, f"pay-{tag}.ach")]
        with state.lock:
            state.files.append(entry)
        done = run_cli(binary, db, state, args, stop)
        if done is None:
            return  # killed with the server
        code, out, err = done
        if code != 0:
            # Refused (e.g. no pending payout, a day closed by the API meanwhile): nothing written, checked below.
            state.count("cli_refused")
            continue
        entry["acknowledged"] = True
        state.count("acknowledged")
        result = json.loads(out)
        if entry["kind"] == "close_day":
            closed = [day["date"] for day in result if not day["already_closed"]]
            entry["through"] = max(closed) if closed else None
        elif entry["kind"] == "payout_file":
            entry["file_id"] = result["id"]
            entry["payout_count"] = result["payout_count"]


def check_files(api, state, client_id):
    """Each CLI file command whole if acknowledged, and all or nothing either way (checked once it has ended)."""
    with state.lock:
        entries = [e for e in state.files if not e.get("checked")]
    if not entries:
        return
    invoices = {i["number"]: i for i in api.pages(f"/v1/invoices?client_id={client_id}")}
    receipts = {}
    for receipt in api.pages("/v1/receipts"):
        receipts.setdefault(receipt.get("reference", ""), []).append(receipt)
    files = {f["id"]: f for f in api.pages("/v1/payout-files")}
    payouts = api.pages("/v1/payouts")
    settings = api.call("GET", "/v1/settings")[2]
    for entry in entries:
        entry["checked"] = True
        state.count("files_checked")
        if entry["acknowledged"]:
            state.count("checked")
        what = f"{entry['kind']} {entry['tag']}"
        if entry["kind"] == "import_invoices":
            present = [invoices[n] for n in entry["numbers"] if n in invoices]
            if present and len(present) != len(entry["numbers"]):
                state.fail("half_applied", f"{what}: {len(present)} of {len(entry['numbers'])} invoices")
            elif len({i["schedule_id"] for i in present}) > 1:
                state.fail("half_applied", f"{what}: its invoices in several schedules")
            elif entry["acknowledged"] and not present:
                state.fail("lost", f"{what}: acknowledged, no invoice there")
        elif entry["kind"] == "import_bank":
            present = [r for r in entry["references"] if r in receipts]
            if present and len(present) != len(entry["references"]):
                state.fail("half_applied", f"{what}: {len(present)} of {len(entry['references'])} receipts")
            elif entry["acknowledged"] and not present:
                state.fail("lost", f"{what}: acknowledged, no receipt there")
        elif entry["kind"] == "close_day":
            if entry["acknowledged"] and entry.get("through") and settings["last_closed_on"] < entry["through"]:
                state.fail("lost", f"{what}: closed {entry['through']}, the book's last closed day is "
                                   f"{settings['last_closed_on']}")
        elif entry["kind"] == "payout_file" and entry["acknowledged"]:
            listed = files.get(entry["file_id"])
            sent = [p for p in payouts if p.get("payout_file_id") == entry["file_id"]]
            if listed is None:
                state.fail("lost", f"{what}: payout file {entry['file_id']} is not there")
            elif len(sent) != entry["payout_count"]:
                state.fail("half_applied", f"{what}: {len(sent)} of {entry['payout_count']} payouts sent")
    # No payout file half written, whoever wrote it: each file's payouts all sent with it, none sent without one.
    for payout in payouts:
        if (payout["status"] == "sent") != (payout.get("payout_file_id") is not None):
            state.fail("half_applied", f"payout {payout['id']}: {payout['status']} with file {payout.get('payout_file_id')}")
        elif payout.get("payout_file_id") and payout["payout_file_id"] not in files:
            state.fail("half_applied", f"payout {payout['id']}: sent in a file that is not there")
    for file_id, listed in files.items():
        count = sum(1 for p in payouts if p.get("payout_file_id") == file_id)
        if count != listed["payout_count"]:
            state.fail("half_applied", f"payout file {file_id}: {count} payouts sent with it of {listed['payout_count']}")


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
              "--fee", "flat 2%/30d +1%/15d", "--limit", "100000000", "--concentration-limit", "100",
              "--routing", "026009593", "--account", "12345678"]]
    steps += [["debtor", "add", "--name", f"Kill Debtor {i}", "--currency", "USD", "--credit-limit", "100000000"]
              for i in range(3)]
    for step in steps:
        done = cli(binary, db, "--json", *step)
        if done.returncode != 0:
            sys.exit(f"kill_test: {' '.join(step)} failed: {done.stderr}")
    clients = json.loads(cli(binary, db, "--json", "client", "list", "--limit", "0").stdout)["data"]
    debtors = json.loads(cli(binary, db, "--json", "debtor", "list", "--limit", "0").stdout)["data"]
    client_id = [c["id"] for c in clients if c["name"] == "Kill Test Co"][0]
    debtors = [(d["id"], d["name"]) for d in debtors if d["name"].startswith("Kill Debtor")]
    for debtor_id, _ in debtors:  # a new book funds only debtors with a current credit review
        step = ["debtor", "review", debtor_id, "--decision", "approved", "--limit", "100000000",
                "--notes", "kill test", "--expires", "2028-01-31"]
        done = cli(binary, db, "--json", *step)
        if done.returncode != 0:
            sys.exit(f"kill_test: {' '.join(step)} failed: {done.stderr}")
    return client_id, debtors


def add_days(date, days):
    return (datetime.date.fromisoformat(date) + datetime.timedelta(days=days)).isoformat()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--keep", help="work in this folder and keep it (default: a temporary one, removed)")
    parser.add_argument("--no-files", action="store_true", help="API writers only, no CLI file commands")
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
        client_id, debtors = setup_book(binary, db, work)
        debtor_ids = [d[0] for d in debtors]
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
            check_files(api, state, client_id)
            if round_index == options.kills:
                break
            stop = threading.Event()
            threads = [threading.Thread(target=worker, daemon=True,
                                        args=(api, state, random.Random(rng.random()), stop, client_id, debtor_ids, i))
                       for i in range(options.workers)]
            if not options.no_files:
                threads.append(threading.Thread(
                    target=files_worker, daemon=True,
                    args=(binary, db, work, state, random.Random(rng.random()), stop, client_id, debtors,
                          round_index)))
            for thread in threads:
                thread.start()
            time.sleep(rng.uniform(*RUN_MS_RANGE) / 1000)
            with state.lock:  # the CLI command running now dies with the server, in the same instant
                if state.cli_process is not None and state.cli_process.poll() is None:
                    state.cli_process.send_signal(signal.SIGKILL)
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
    for kind in [a["kind"] for a in state.acks] + ["cli_" + e["kind"] for e in state.files if e["acknowledged"]]:
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"kill_test: seed {seed}: {counts['kills']} kills, {counts['acknowledged']} acknowledged writes "
          f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), {counts['checked']} checked, "
          f"{counts['lost']} lost, {counts['half_applied']} half-applied, {counts['verify_failures']} verify "
          f"failures, {counts['restart_failures']} restart failures, {counts['server_errors']} server errors; "
          f"{counts['unanswered']} unanswered (killed in flight), {counts['refused']} refused; "
          f"CLI file commands: {counts['files_checked']} checked, {counts['cli_killed']} killed in flight, "
          f"{counts['cli_refused']} refused; "
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
