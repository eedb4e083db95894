#!/usr/bin/env python3
"""Writes tests/parity/statuses.json: the statuses the native CLI gives on three fixtures.

Run from the crate root after `cargo build --release`:
    python3 tests/parity/gen.py
tests/parity.rs (native) re-runs the CLI and fails if this table drifts from it;
tests/wasm_node.rs and tests/wasm_browser.rs assert the wasm binding gives the same.
"""
import json
import subprocess
import sys

FIXTURES = ["ok_submission_lineno.pdf", "margins_narrow.pdf", "paper_a4.pdf"]
CLI = sys.argv[1] if len(sys.argv) > 1 else "target/release/precheck"

expected = json.load(open("tests/fixtures/expected.json"))
out = {"profile": "snn-2022", "kind": "paper", "fixtures": []}
for pdf in FIXTURES:
    abstract = expected[pdf]["abstract"]
    assert expected[pdf]["kind"] == "paper", pdf
    run = subprocess.run(
        [CLI, "--format", "json", "--abstract", f"tests/fixtures/{abstract}", f"tests/fixtures/{pdf}"],
        capture_output=True, text=True,
    )
    assert run.returncode in (0, 1), (pdf, run.returncode, run.stderr)
    report = json.loads(run.stdout)
    assert report["profile"] == out["profile"] and report["kind"] == out["kind"], pdf
    out["fixtures"].append({
        "pdf": pdf,
        "abstract": abstract,
        "verdict": report["verdict"],
        "statuses": [[c["id"], c["status"]] for c in report["checks"]],
    })

with open("tests/parity/statuses.json", "w") as f:
    # One fixture per block, one [id, status] pair per line: readable diffs.
    f.write("{\n")
    f.write(f'  "profile": {json.dumps(out["profile"])},\n  "kind": {json.dumps(out["kind"])},\n  "fixtures": [\n')
    for i, fx in enumerate(out["fixtures"]):
        f.write("    {\n")
        f.write(f'      "pdf": {json.dumps(fx["pdf"])},\n')
        f.write(f'      "abstract": {json.dumps(fx["abstract"])},\n')
        f.write(f'      "verdict": {json.dumps(fx["verdict"])},\n')
        f.write('      "statuses": [\n')
        f.write(",\n".join(f"        {json.dumps(p)}" for p in fx["statuses"]))
        f.write("\n      ]\n    }" + ("," if i + 1 < len(out["fixtures"]) else "") + "\n")
    f.write("  ]\n}\n")
print("wrote tests/parity/statuses.json")
