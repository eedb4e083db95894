#!/usr/bin/env python3
"""Measure precheck against poppler and against hostile input.

real:      over <repo>/../shared/corpus/real/*.pdf, compare the page count with
           `pdfinfo` and the font set (name, embedded; Type 3 fonts left out) with
           `pdffonts`. Files poppler cannot read are listed but not counted.
malformed: over <repo>/../shared/corpus/malformed/qpdf/*, run the CLI on every file
           with a time limit and count reports, panics and timeouts.

Results are printed and written to target/measure/{real,malformed}.json.
Skips with exit status 0 when the corpus is absent. Python 3.11, stdlib only.
Run through `make measure`, which builds target/release/precheck first.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
BINARY = REPO / "target" / "release" / "precheck"
OUT_DIR = REPO / "target" / "measure"

TIMEOUT_S = 60
WORKERS = 2
SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")

# Font types pdffonts prints (poppler's GfxFont type names), longest first so that
# "Type 1C" is not read as "Type 1".
POPPLER_TYPES = sorted(
    [
        "Type 1", "Type 1C", "Type 1C (OT)", "Type 3", "TrueType", "TrueType (OT)",
        "CID Type 0", "CID Type 0C", "CID Type 0C (OT)", "CID TrueType",
        "CID TrueType (OT)", "unknown",
    ],
    key=len,
    reverse=True,
)
# A row whose name overflows its column: split it from the right instead.
ROW_PATTERN = re.compile(
    r"^(?P<name>.*?)\s+(?P<type>" + "|".join(re.escape(t) for t in POPPLER_TYPES) + r")"
    r"\s+(?P<encoding>\S+)\s+(?P<emb>yes|no)\s+(?P<sub>yes|no)\s+(?P<uni>yes|no)"
    r"\s+\d+\s+\d+\s*$"
)


# ---------------------------------------------------------------- running tools


def run(argv: list[str], timeout: float = TIMEOUT_S) -> dict:
    """Runs a command; returns exit code, output, wall time and whether it timed out."""
    start = time.monotonic()
    try:
        proc = subprocess.run(argv, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        return {
            "code": None, "stdout": e.stdout or b"", "stderr": e.stderr or b"",
            "seconds": time.monotonic() - start, "timed_out": True,
        }
    return {
        "code": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr,
        "seconds": time.monotonic() - start, "timed_out": False,
    }


def text(b: bytes) -> str:
    return b.decode("utf-8", errors="replace")


def precheck_report(path: Path) -> tuple[dict | None, dict]:
    """The CLI's JSON report for one file (None when stdout is not JSON), and the run."""
    result = run([str(BINARY), "--format", "json", str(path)])
    try:
        report = json.loads(result["stdout"]) if not result["timed_out"] else None
    except ValueError:
        report = None
    if not isinstance(report, dict):
        report = None
    return report, result


def is_panic(result: dict) -> bool:
    """A signal, Rust's panic exit code 101, or a panic message on stderr."""
    code = result["code"]
    if result["timed_out"]:
        return False
    return code is None or code < 0 or code == 101 or "panicked" in text(result["stderr"])


# ---------------------------------------------------------------- poppler


def strip_subset(name: str) -> str:
    return SUBSET_PREFIX.sub("", name, count=1)


def poppler_pages(path: Path) -> tuple[int | None, str | None]:
    """`pdfinfo`'s page count, or None and poppler's complaint."""
    result = run(["pdfinfo", str(path)])
    if result["timed_out"] or result["code"] != 0:
        return None, poppler_error(result)
    for line in text(result["stdout"]).splitlines():
        if line.startswith("Pages:"):
            return int(line.split(":", 1)[1]), None
    return None, "pdfinfo printed no Pages: line"


def poppler_fonts(path: Path) -> tuple[list[dict] | None, str | None]:
    """`pdffonts`' rows as {name, type, embedded}, or None and poppler's complaint."""
    result = run(["pdffonts", str(path)])
    if result["timed_out"] or result["code"] != 0:
        return None, poppler_error(result)
    return parse_pdffonts(text(result["stdout"])), None


def poppler_error(result: dict) -> str:
    if result["timed_out"]:
        return "timed out"
    lines = [l for l in text(result["stderr"]).splitlines() if l.strip()]
    return lines[-1] if lines else f"exit status {result['code']}"


def parse_pdffonts(output: str) -> list[dict]:
    """Reads pdffonts' fixed-width table; column widths come from the dashes line.

    name                                 type              encoding         emb sub uni object ID
    ------------------------------------ ----------------- ---------------- --- --- --- ---------
    PTVWMZ+NimbusRomNo9L-Medi            Type 1            Custom           yes yes yes     52  0
    """
    lines = output.splitlines()
    dash_index = next((i for i, l in enumerate(lines) if l.startswith("-----")), None)
    if dash_index is None:
        return []
    spans = [m.span() for m in re.finditer(r"-+", lines[dash_index])]
    (name_a, name_b), (type_a, type_b), _enc, (emb_a, emb_b) = spans[:4]
    fonts = []
    for line in lines[dash_index + 1:]:
        if not line.strip():
            continue
        name, font_type, emb = line[name_a:name_b], line[type_a:type_b].strip(), line[emb_a:emb_b].strip()
        if line[name_b:name_b + 1] != " " or font_type not in POPPLER_TYPES or emb not in ("yes", "no"):
            m = ROW_PATTERN.match(line)  # a long name pushed the columns right
            if not m:
                print(f"  warning: cannot parse pdffonts row: {line!r}", file=sys.stderr)
                continue
            name, font_type, emb = m["name"], m["type"], m["emb"]
        fonts.append({"name": strip_subset(name.strip()), "type": font_type, "embedded": emb == "yes"})
    return fonts


# ---------------------------------------------------------------- real corpus


def font_set(fonts: list[dict], type3: str) -> set[tuple[str, bool]]:
    """(name, embedded) pairs, Type 3 fonts left out (`type3` is how the side spells it)."""
    return {(f["name"], bool(f["embedded"])) for f in fonts if f["type"] != type3}


def show_font(font: tuple[str, bool]) -> str:
    name, embedded = font
    return name if embedded else f"{name} (not embedded)"


def measure_real_file(path: Path) -> dict:
    report, result = precheck_report(path)
    document = (report or {}).get("document") or {}
    ours_pages = document.get("pages")
    ours_fonts = document.get("fonts")
    row: dict = {
        "file": path.name,
        "precheck": {
            "exit": result["code"], "seconds": round(result["seconds"], 3),
            "timedOut": result["timed_out"], "panic": is_panic(result),
            "pages": ours_pages, "fonts": ours_fonts,
            "checks": {c["id"]: c["status"] for c in (report or {}).get("checks", [])},
        },
    }

    pages, pages_error = poppler_pages(path)
    row["pages"] = (
        {"poppler": None, "popplerError": pages_error, "agree": None}
        if pages is None
        else {"precheck": ours_pages, "poppler": pages, "agree": ours_pages == pages}
    )

    fonts, fonts_error = poppler_fonts(path)
    if fonts is None:
        row["fonts"] = {"poppler": None, "popplerError": fonts_error, "agree": None}
    else:
        ours = font_set(ours_fonts or [], "Type3")
        theirs = font_set(fonts, "Type 3")
        row["fonts"] = {
            "agree": ours_fonts is not None and ours == theirs,
            "onlyPrecheck": [show_font(f) for f in sorted(ours - theirs)],
            "onlyPoppler": [show_font(f) for f in sorted(theirs - ours)],
            "poppler": fonts,
        }
    return row


def verdict(part: dict) -> str:
    if part["agree"] is None:
        return "poppler cannot read"
    return "OK" if part["agree"] else "differs"


def font_diff(row: dict) -> str:
    fonts = row["fonts"]
    if fonts["agree"] is None:
        return f"poppler: {fonts['popplerError']}"
    if row["precheck"]["fonts"] is None:
        return "precheck gave no font list"
    parts = []
    if fonts["onlyPrecheck"]:
        parts.append("only precheck: " + ", ".join(fonts["onlyPrecheck"]))
    if fonts["onlyPoppler"]:
        parts.append("only poppler: " + ", ".join(fonts["onlyPoppler"]))
    return "; ".join(parts)


def measure_real(corpus: Path) -> dict:
    files = sorted((corpus / "real").glob("*.pdf"))
    print(f"real corpus: {len(files)} files in {corpus / 'real'}")
    with ThreadPoolExecutor(WORKERS) as pool:
        rows = list(pool.map(measure_real_file, files))

    width = max([len(r["file"]) for r in rows] + [4])
    print(f"\n{'file':<{width}}  {'pages (ours/poppler)':<28}  {'fonts':<19}  difference")
    for r in rows:
        p = r["pages"]
        pages = f"{r['precheck']['pages']}/{p['poppler']}" if p["agree"] is not None else "-"
        print(f"{r['file']:<{width}}  {verdict(p):<19} {pages:<8}  {verdict(r['fonts']):<19}  {font_diff(r)}")

    def tally(key: str) -> dict:
        counted = [r for r in rows if r[key]["agree"] is not None]
        return {
            "agree": sum(1 for r in counted if r[key]["agree"]),
            "files": len(counted),
            "popplerCannotRead": [r["file"] for r in rows if r[key]["agree"] is None],
            "differ": [r["file"] for r in counted if not r[key]["agree"]],
        }

    totals = {"pages": tally("pages"), "fonts": tally("fonts"),
              "panics": [r["file"] for r in rows if r["precheck"]["panic"]]}
    print()
    for key in ("pages", "fonts"):
        t = totals[key]
        print(f"{key}: {t['agree']}/{t['files']} files agree")
        if t["popplerCannotRead"]:
            print(f"  not counted, poppler cannot read: {', '.join(t['popplerCannotRead'])}")
        if t["differ"]:
            print(f"  differ: {', '.join(t['differ'])}")
    if totals["panics"]:
        print(f"PANICS: {', '.join(totals['panics'])}")
    totals["checks"] = tally_checks(rows)
    return {"corpus": str(corpus / "real"), "totals": totals, "files": rows}


def tally_checks(rows: list[dict]) -> dict:
    """Counts of each status per check over the corpus (default kind, no abstract, no date)."""
    counts: dict[str, dict[str, int]] = {}
    for r in rows:
        for check, status in r["precheck"]["checks"].items():
            counts.setdefault(check, {"pass": 0, "warn": 0, "fail": 0, "skip": 0})[status] += 1
    print(f"\n{'check':<16} {'pass':>5} {'warn':>5} {'fail':>5} {'skip':>5}")
    for check, c in counts.items():
        print(f"{check:<16} {c['pass']:>5} {c['warn']:>5} {c['fail']:>5} {c['skip']:>5}")
    return counts


# ---------------------------------------------------------------- malformed corpus


def measure_malformed_file(path: Path) -> dict:
    report, result = precheck_report(path)
    stderr = text(result["stderr"])
    return {
        "file": path.name,
        "exit": result["code"],
        "seconds": round(result["seconds"], 3),
        "timedOut": result["timed_out"],
        "report": report is not None,
        "panic": is_panic(result),
        "stderr": stderr[-2000:],
    }


def measure_malformed(corpus: Path) -> dict:
    files = sorted(p for p in (corpus / "malformed" / "qpdf").iterdir() if p.is_file())
    print(f"malformed corpus: {len(files)} files in {corpus / 'malformed' / 'qpdf'} "
          f"({WORKERS} workers, {TIMEOUT_S} s limit each)")
    start = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        rows = list(pool.map(measure_malformed_file, files))
    elapsed = time.monotonic() - start

    panics = [r for r in rows if r["panic"]]
    timeouts = [r for r in rows if r["timedOut"]]
    exit2 = [r for r in rows if r["exit"] == 2]
    other_exit = [r for r in rows if r["exit"] not in (0, 1, 2) and not r["panic"] and not r["timedOut"]]
    no_report = [r for r in rows if not r["report"]]
    slowest = sorted(rows, key=lambda r: r["seconds"], reverse=True)[:5]
    summary = {
        "tried": len(rows),
        "reports": len(rows) - len(no_report),
        "exit0": sum(1 for r in rows if r["exit"] == 0),
        "exit1": sum(1 for r in rows if r["exit"] == 1),
        "exit2": [r["file"] for r in exit2],
        "otherExit": [{"file": r["file"], "exit": r["exit"]} for r in other_exit],
        "panics": [r["file"] for r in panics],
        "timeouts": [r["file"] for r in timeouts],
        "noReport": [r["file"] for r in no_report],
        "slowest": [{"file": r["file"], "seconds": r["seconds"]} for r in slowest],
        "wallSeconds": round(elapsed, 1),
    }

    print(f"files tried:      {summary['tried']}")
    print(f"reports produced: {summary['reports']} (exit 0: {summary['exit0']}, exit 1: {summary['exit1']})")
    print(f"panics:           {len(panics)}")
    for r in panics:
        first = next((l for l in r["stderr"].splitlines() if "panicked" in l), f"exit {r['exit']}")
        print(f"  {r['file']}: {first}")
    print(f"timeouts:         {len(timeouts)}" + (f" ({', '.join(summary['timeouts'])})" if timeouts else ""))
    if exit2:
        print(f"exit 2 (usage/I/O error, unexpected for a file that exists): {len(exit2)}")
        for r in exit2:
            print(f"  {r['file']}: {r['stderr'].strip().splitlines()[-1] if r['stderr'].strip() else ''}")
    if other_exit:
        print(f"other exit codes: {summary['otherExit']}")
    if no_report:
        print(f"no JSON report:   {len(no_report)}: {', '.join(summary['noReport'][:20])}"
              + (" ..." if len(no_report) > 20 else ""))
    print("slowest:")
    for s in summary["slowest"]:
        print(f"  {s['seconds']:8.3f} s  {s['file']}")
    print(f"wall time: {summary['wallSeconds']} s")
    return {"corpus": str(corpus / "malformed" / "qpdf"), "summary": summary, "files": rows}


# ---------------------------------------------------------------- main


def write_json(name: str, data: dict) -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {path.relative_to(REPO)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--real-only", action="store_true", help="only compare with poppler over corpus/real")
    only.add_argument("--malformed-only", action="store_true", help="only run over corpus/malformed/qpdf")
    args = parser.parse_args()

    if not CORPUS.is_dir():
        print(f"measure: no corpus at {CORPUS}; skipped")
        return 0
    if not BINARY.is_file():
        print(f"measure: {BINARY} is missing; run `make build` (or `make measure`)", file=sys.stderr)
        return 2

    ok = True
    if not args.malformed_only:
        real = measure_real(CORPUS)
        write_json("real.json", real)
        ok &= not real["totals"]["panics"]
        print()
    if not args.real_only:
        malformed = measure_malformed(CORPUS)
        write_json("malformed.json", malformed)
        ok &= not malformed["summary"]["panics"]
    # Disagreements are figures to read, not failures; a panic is a bug.
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
