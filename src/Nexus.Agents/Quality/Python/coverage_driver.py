"""NEXUS's coverage.py driver for the QA gate, run as `python3 -c <this file> COUNT FILE... MODULE ARG...`.

Runs the project's tests with branch coverage exactly as a person would -- `python3 -m coverage run --branch -m MODULE
ARG...` -- then `python3 -m coverage json -o <temporary file> FILE...` for the COUNT source files (so that a file no test
imports is reported, with all its statements missed), and prints one line: "NEXUS-PYTHON-COVERAGE " and a JSON object
{"version": coverage.py's version, "files": [{"path", "statements", "covered", "branches", "coveredBranches",
"missing"}]}, or {"error": ...} when there is no report. The data and the report live in a temporary folder (nothing is
written into the workspace); the tests' own output goes to stderr so that stdout holds only that line. The exit code is
the tests' exit code. The project's own coverage settings (.coveragerc, setup.cfg, pyproject.toml) apply.
"""
import json
import os
import subprocess
import sys
import tempfile

MARKER = "NEXUS-PYTHON-COVERAGE "


def main(argv):
    count = int(argv[0])
    files, test = argv[1:1 + count], argv[1 + count:]
    with tempfile.TemporaryDirectory(prefix="nexus-coverage-") as folder:
        environment = dict(os.environ, COVERAGE_FILE=os.path.join(folder, "data"))
        code = subprocess.call([sys.executable, "-m", "coverage", "run", "--branch", "-m"] + test,
                               env=environment, stdout=sys.stderr, stdin=subprocess.DEVNULL)
        report = os.path.join(folder, "coverage.json")
        subprocess.call([sys.executable, "-m", "coverage", "json", "-i", "-q", "-o", report] + files,
                        env=environment, stdout=sys.stderr, stdin=subprocess.DEVNULL)
        if not os.path.exists(report):
            print(MARKER + json.dumps({"error": "coverage.py wrote no report"}))
            return code
        with open(report, encoding="utf-8") as source:
            data = json.load(source)
    result = []
    for path, measured in data.get("files", {}).items():
        summary = measured["summary"]
        result.append({
            "path": path, "statements": summary["num_statements"], "covered": summary["covered_lines"],
            "branches": summary.get("num_branches", 0), "coveredBranches": summary.get("covered_branches", 0),
            "missing": measured.get("missing_lines", []),
        })
    print(MARKER + json.dumps({"version": data.get("meta", {}).get("version"), "files": result}))
    return code


sys.exit(main(sys.argv[1:]))
