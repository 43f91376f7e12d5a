#!/usr/bin/env python3
"""Runs the curl walk-through of docs/api.md as written and compares each answer with the one the page shows.

Usage: doc_walkthrough.py DOC SECTION_HEADING URL WORKDIR

The section is every ```sh block from the heading to the next heading of the same level, each run in order in
one bash (so the variables of one block are there for the next). A block followed by a plain ``` block must print
that text: "..." stands for anything (inside a JSON string, any string; elsewhere, any run of text), an
X-Request-Id header for any id, and spacing and line breaks are not compared (python3 -m json.tool and the
shortened forms of the page differ only there). A block without a shown answer must exit 0. The walk-through's
server address and scratch folder are replaced by URL and WORKDIR; nothing else is changed.
"""
import os
import re
import subprocess
import sys

TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\.\.\.|[A-Za-z0-9_.:/+%-]+|\S')


def blocks(text, heading):
    """(code, expected or None) pairs of the section that starts at heading."""
    start = text.index(heading + "\n")
    level = heading.split(" ")[0]
    rest = text[start + len(heading) + 1:]
    end = re.search(r"^" + re.escape(level) + r" ", rest, re.M)
    section = rest[: end.start()] if end else rest
    fences = re.findall(r"^```(\w*)\n(.*?)^```$", section, re.M | re.S)
    pairs = []
    for kind, body in fences:
        if kind == "sh":
            pairs.append([body, None])
        elif kind == "" and pairs and pairs[-1][1] is None:
            pairs[-1][1] = body
        else:
            raise SystemExit(f"a ```{kind} block that follows no ```sh block: {body[:60]!r}")
    return pairs


def pattern(expected):
    parts = []
    for token in TOKEN.findall(expected):
        if token == '"..."':
            parts.append(r'"(?:[^"\\]|\\.)*"')
        elif token == "...":
            parts.append(r".*?")
        else:
            parts.append(re.escape(token))
    return re.compile(r"\s*" + r"\s*".join(parts) + r"\s*", re.S)


def normalise(text):
    text = text.replace("\r", "")
    return re.sub(r"(?mi)^(X-Request-Id:) \S+$", r"\1 ...", text)


def first_difference(expected, actual):
    """The first token of the expected text that the answer does not match, for the failure message."""
    tokens = TOKEN.findall(expected)
    for n in range(1, len(tokens) + 1):
        prefix = pattern(" ".join(tokens[:n]))
        if not prefix.match(actual):
            return " ".join(tokens[max(0, n - 8): n])
    return "(the end: the answer goes on)"


def main():
    doc, heading, url, workdir = sys.argv[1:5]
    with open(doc, encoding="utf-8") as f:
        pairs = blocks(f.read(), heading)
    if len(pairs) < 5:
        raise SystemExit(f"only {len(pairs)} ```sh blocks under {heading!r}")
    script = ["set -u"]
    for n, (code, _) in enumerate(pairs):
        code = code.replace("MF=http://127.0.0.1:8080", f"MF={url}").replace("/tmp/mf-walk", workdir)
        script.append(f"{{\n{code}\n}} > {workdir}/.out{n} 2>&1; echo $? > {workdir}/.rc{n}")
    os.makedirs(workdir, exist_ok=True)
    subprocess.run(["bash", "-c", "\n".join(script)], cwd=workdir, check=False, timeout=300)
    failures = 0
    for n, (code, expected) in enumerate(pairs):
        first = code.strip().splitlines()[0]
        try:
            with open(f"{workdir}/.out{n}", encoding="utf-8") as f:
                actual = normalise(f.read())
            with open(f"{workdir}/.rc{n}", encoding="utf-8") as f:
                rc = int(f.read())
        except FileNotFoundError:
            print(f"FAIL block {n} ({first}): it did not run")
            failures += 1
            continue
        if os.environ.get("WALKTHROUGH_SHOW"):
            print(f"--- block {n} ({first}) answered, exit {rc}:\n{actual}")
        if expected is None:
            if rc != 0:
                print(f"FAIL block {n} ({first}): exit {rc}\n{actual}")
                failures += 1
            continue
        expected = normalise(expected)
        if not pattern(expected).fullmatch(actual):
            print(f"FAIL block {n} ({first}): the answer differs from the page near: "
                  f"{first_difference(expected, actual)}\n--- the page shows:\n{expected}--- it answered:\n{actual}")
            failures += 1
    print(f"{len(pairs)} blocks run, {sum(1 for _, e in pairs if e is not None)} answers compared, "
          f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
