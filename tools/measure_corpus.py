#!/usr/bin/env python3
"""Measure precheck against poppler, against hand-verified truths and against hostile input.

poppler:   over <repo>/../shared/corpus/real/*.pdf, compare the page count with
           `pdfinfo` and the font set (name, embedded; Type 3 fonts left out) with
           `pdffonts`. Files poppler cannot read are listed but not counted.
truth:     over the NeurIPS-format PDFs (categories neurips_papers, neurips_template),
           run precheck with the kind tools/measure_truth.json gives each file and count,
           per check, false fails, false warns and misses against that file's statuses.
findings:  over every real PDF, the number of findings per report (listed + unlisted):
           median, max, and the max per check.
abstracts: for the papers in tools/abstract_truth.json, the abstract's word count as
           precheck reads it from the PDF (no --abstract) against the count by hand.
malformed: over <repo>/../shared/corpus/malformed/qpdf/*, run the CLI on every file
           with a time limit and count reports, panics and timeouts.

Results are printed and written to target/measure/{real,truth,findings,abstracts,
malformed}.json. `--only NAME` runs one measurement. Skips with exit status 0 when the
corpus is absent. Python 3.11, stdlib only. Run through `make measure`, which builds
target/release/precheck first.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import statistics
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
BINARY = REPO / "target" / "release" / "precheck"
OUT_DIR = REPO / "target" / "measure"
TRUTH = REPO / "tools" / "measure_truth.json"
ABSTRACT_TRUTH = REPO / "tools" / "abstract_truth.json"
# The MANIFEST categories whose files are in the NeurIPS format (truth measurement).
NEURIPS_CATEGORIES = ("neurips_papers", "neurips_template")
STATUSES = ("pass", "warn", "fail", "skip")
MEASUREMENTS = ("poppler", "truth", "findings", "abstracts", "malformed")

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


def run(argv: list[str], timeout: float = TIMEOUT_S, stdin: bytes | None = None) -> dict:
    """Runs a command; returns exit code, output, wall time and whether it timed out.

    `stdin` is fed to the command when given; otherwise it reads from /dev/null.
    """
    start = time.monotonic()
    io = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
    try:
        proc = subprocess.run(argv, capture_output=True, timeout=timeout, **io)
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


def precheck_report(path: Path, args: tuple[str, ...] = (), stdin: bytes | None = None
                    ) -> tuple[dict | None, dict]:
    """The CLI's JSON report for one file (None when stdout is not JSON), and the run.

    `args` are extra options (e.g. `--kind published`); `stdin` feeds `--abstract -`.
    """
    result = run([str(BINARY), "--format", "json", *args, str(path)], stdin=stdin)
    try:
        report = json.loads(result["stdout"]) if not result["timed_out"] else None
    except ValueError:
        report = None
    if not isinstance(report, dict):
        report = None
    return report, result


def check_of(report: dict | None, check_id: str) -> dict | None:
    """The check with this id in a report, or None."""
    return next((c for c in (report or {}).get("checks", []) if c.get("id") == check_id), None)


def read_manifest(corpus: Path) -> dict[str, str]:
    """File name -> category, from corpus/real/MANIFEST.tsv ({} when it is missing)."""
    path = corpus / "real" / "MANIFEST.tsv"
    if not path.is_file():
        return {}
    rows = [line.split("\t") for line in path.read_text().splitlines()[1:] if line.strip()]
    return {r[0]: r[1] for r in rows if len(r) > 1}


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


# ---------------------------------------------------------------- truth: statuses per check


def allowed_statuses(entry: dict) -> list[str]:
    """A truth entry's status as a list: one status, or the several the SPEC allows."""
    status = entry["status"]
    return list(status) if isinstance(status, list) else [status]


def classify(ours: str | None, allowed: list[str]) -> str:
    """How precheck's status relates to the truth's.

    agree: precheck gave an allowed status; falseFail: precheck fails and the truth does
    not allow it; falseWarn: the same for warn; miss: precheck passes where the truth
    says warn or fail; other: any other disagreement (a skip, a missing check).
    """
    if ours in allowed:
        return "agree"
    if ours == "fail":
        return "falseFail"
    if ours == "warn":
        return "falseWarn"
    if ours == "pass" and any(s in ("warn", "fail") for s in allowed):
        return "miss"
    return "other"


def truth_coverage(truth: dict, manifest: dict[str, str], corpus: Path) -> list[str]:
    """Complaints about the truth file: NeurIPS-format files it lacks, files not in the corpus."""
    problems = []
    wanted = sorted(f for f, cat in manifest.items() if cat in NEURIPS_CATEGORIES)
    for name in wanted:
        if name not in truth["files"]:
            problems.append(f"{name} ({manifest[name]}) has no truth entry")
    for name in truth["files"]:
        if not (corpus / "real" / name).is_file():
            problems.append(f"{name} is in the truth file but not in the corpus")
    return problems


def measure_truth_file(corpus: Path, name: str, entry: dict) -> dict:
    """Runs precheck on one file with the truth's kind; one row per check id."""
    report, result = precheck_report(corpus / "real" / name, ("--kind", entry["kind"]))
    ours = {c["id"]: c for c in (report or {}).get("checks", [])}
    checks = {}
    for check_id, want in entry["checks"].items():
        got = ours.get(check_id)
        status = got["status"] if got else None
        allowed = allowed_statuses(want)
        checks[check_id] = {
            "precheck": status, "truth": allowed, "class": classify(status, allowed),
            "reason": want["reason"], "message": (got or {}).get("message"),
        }
    unjudged = sorted(set(ours) - set(entry["checks"]))
    return {"file": name, "kind": entry["kind"], "exit": result["code"],
            "panic": is_panic(result), "checks": checks, "checksWithoutTruth": unjudged}


def tally_truth(rows: list[dict]) -> dict[str, dict[str, list[str]]]:
    """Per check id, the files in each class (agree, falseFail, falseWarn, miss, other)."""
    table: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        for check_id, c in row["checks"].items():
            per = table.setdefault(check_id, {k: [] for k in ("agree", "falseFail", "falseWarn", "miss", "other")})
            per[c["class"]].append(row["file"])
    return table


def print_truth(table: dict, rows: list[dict]) -> None:
    """The per-check table, then each disagreement with the truth's evidence."""
    print(f"\n{'check':<16} {'agree':>5} {'false fail':>10} {'false warn':>10} {'miss':>5} {'other':>5}  files")
    for check_id, per in table.items():
        names = [f"{cls}: {f}" for cls in ("falseFail", "falseWarn", "miss", "other") for f in per[cls]]
        print(f"{check_id:<16} {len(per['agree']):>5} {len(per['falseFail']):>10} {len(per['falseWarn']):>10}"
              f" {len(per['miss']):>5} {len(per['other']):>5}  {'; '.join(names)}")
    wrong = [(r, cid, c) for r in rows for cid, c in r["checks"].items() if c["class"] != "agree"]
    if wrong:
        print("\ndisagreements (precheck vs truth):")
    for row, check_id, c in wrong:
        print(f"  {c['class']:<9} {row['file']} {check_id}: precheck {c['precheck']}, truth {'/'.join(c['truth'])}")
        print(f"            truth: {c['reason']}")
        print(f"            precheck: {c['message']}")


def measure_truth(corpus: Path) -> dict | None:
    """False fails, false warns and misses per check on the NeurIPS-format PDFs."""
    if not TRUTH.is_file():
        print(f"truth: {TRUTH.relative_to(REPO)} is missing; skipped")
        return None
    truth = json.loads(TRUTH.read_text())
    problems = truth_coverage(truth, read_manifest(corpus), corpus)
    names = sorted(n for n in truth["files"] if (corpus / "real" / n).is_file())
    print(f"truth: {len(names)} NeurIPS-format files, profile {truth.get('profile', 'snn-2022')}, "
          f"kinds from {TRUTH.relative_to(REPO)}")
    for p in problems:
        print(f"  truth file: {p}")
    with ThreadPoolExecutor(WORKERS) as pool:
        rows = list(pool.map(lambda n: measure_truth_file(corpus, n, truth["files"][n]), names))
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print("kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    table = tally_truth(rows)
    print_truth(table, rows)
    totals = {cls: sum(len(per[cls]) for per in table.values())
              for cls in ("agree", "falseFail", "falseWarn", "miss", "other")}
    print("\ntotal: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    for r in rows:
        if r["checksWithoutTruth"]:
            print(f"  {r['file']}: no truth for {', '.join(r['checksWithoutTruth'])}")
    return {"truthFile": str(TRUTH.relative_to(REPO)), "problems": problems, "totals": totals,
            "perCheck": table, "files": rows, "panics": [r["file"] for r in rows if r["panic"]]}


# ---------------------------------------------------------------- findings per report


def findings_count(check: dict) -> int:
    """A check's findings: those listed plus `unlisted`.

    When findings were left out, the last listed one only sums them up ("and 12 more
    pages"), so it is not counted itself.
    """
    listed = len(check.get("findings") or [])
    unlisted = check.get("unlisted") or 0
    return listed - (1 if unlisted and listed else 0) + unlisted


def measure_findings_file(path: Path) -> dict:
    """Findings per check in the default report (kind paper, no abstract, no date)."""
    report, result = precheck_report(path)
    per_check = {c["id"]: findings_count(c) for c in (report or {}).get("checks", [])}
    return {"file": path.name, "report": report is not None, "panic": is_panic(result),
            "total": sum(per_check.values()), "perCheck": per_check}


def measure_findings(corpus: Path) -> dict:
    """Median and max findings per report over every real PDF, and the max per check."""
    files = sorted((corpus / "real").glob("*.pdf"))
    with ThreadPoolExecutor(WORKERS) as pool:
        rows = list(pool.map(measure_findings_file, files))
    counted = [r for r in rows if r["report"]]
    totals = [r["total"] for r in counted]
    top = max(counted, key=lambda r: r["total"], default=None)
    print(f"findings: {len(counted)} reports over {len(files)} real PDFs (default kind, no abstract)")
    summary = {
        "reports": len(counted),
        "median": statistics.median(totals) if totals else None,
        "max": top["total"] if top else None,
        "maxFile": top["file"] if top else None,
        "perCheckMax": {},
    }
    print(f"findings per report: median {summary['median']}, max {summary['max']} ({summary['maxFile']})")
    print(f"\n{'check':<16} {'max':>6}  file  (reports with any: n)")
    check_ids = [cid for r in counted for cid in r["perCheck"]]
    for check_id in dict.fromkeys(check_ids):
        best = max(counted, key=lambda r: r["perCheck"].get(check_id, 0))
        n_any = sum(1 for r in counted if r["perCheck"].get(check_id, 0) > 0)
        most = best["perCheck"].get(check_id, 0)
        summary["perCheckMax"][check_id] = {"max": most, "file": best["file"] if most else None, "reportsWithAny": n_any}
        print(f"{check_id:<16} {most:>6}  {best['file'] if most else '-'}  (n={n_any})")
    return {"summary": summary, "files": rows}


# ---------------------------------------------------------------- abstracts: word counts


MATH_SPAN = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)|\\\[.*?\\\]", re.S)


def is_cjk(ch: str) -> bool:
    """An ideograph, kana or Hangul character (SPEC §5 rule 4)."""
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA", "HANGUL"))


def spec_word_count(text: str) -> int:
    """Words under SPEC §5, to recheck the hand counts stored with their text.

    A math span becomes one letter in place (so `$x$-th` or `($r = 1$)` stay one token);
    the rest splits on white space; a token is a word if it holds a letter or digit; CJK
    ideographs count one each (kana and Hangul are approximated the same way).
    """
    words = 0
    for token in MATH_SPAN.sub("M", text).split():
        if any(is_cjk(c) for c in token):
            words += sum(1 for c in token if is_cjk(c))
            rest = "".join(" " if is_cjk(c) else c for c in token)
            words += sum(1 for t in rest.split() if any(c.isalnum() for c in t))
        elif any(c.isalnum() for c in token):
            words += 1
    return words


def profile_word_limit(profile: str) -> int | None:
    """The profile's abstract word limit, asked of the CLI (`--show-profile`)."""
    result = run([str(BINARY), "--show-profile", profile])
    try:
        return int(json.loads(result["stdout"])["abstractMaxWords"])
    except (ValueError, KeyError, TypeError):
        return None


def measure_abstract_paper(corpus: Path, paper: dict) -> dict:
    """One paper: precheck's count from the PDF, and its count of the hand-read text."""
    path = corpus / "real" / paper["file"]
    from_pdf, result = precheck_report(path)
    given, _ = precheck_report(path, ("--abstract", "-"), stdin=paper["text"].encode())
    found = ((from_pdf or {}).get("document") or {}).get("abstract") or {}
    words = found.get("words") if found.get("source") == "pdf" else None
    check = check_of(from_pdf, "abstract-length")
    return {
        "file": paper["file"], "category": paper.get("category"),
        "hand": paper["words"], "recount": spec_word_count(paper["text"]),
        "precheck": words, "diff": None if words is None else words - paper["words"],
        "precheckOfHandText": (((given or {}).get("document") or {}).get("abstract") or {}).get("words"),
        "status": check["status"] if check else None,
        "causeSeen": paper.get("causeSeen"), "panic": is_panic(result),
    }


def print_abstracts(rows: list[dict], limit: int | None) -> None:
    """The per-paper table, the over-limit papers, and the causes of differences over 1."""
    width = max(len(r["file"]) for r in rows)
    print(f"\n{'paper':<{width}} {'hand':>5} {'precheck':>8} {'diff':>5} {'of hand text':>12}  abstract-length")
    for r in rows:
        shown = "-" if r["precheck"] is None else r["precheck"]
        diff = "-" if r["diff"] is None else f"{r['diff']:+d}"
        flag = "" if r["diff"] is not None and abs(r["diff"]) <= 1 else "  <-- off by more than 1"
        print(f"{r['file']:<{width}} {r['hand']:>5} {shown!s:>8} {diff:>5} {r['precheckOfHandText']!s:>12}"
              f"  {r['status']}{flag}")
    for r in rows:
        if r["recount"] != r["hand"]:
            print(f"  truth file: {r['file']}: stored count {r['hand']}, its text counts {r['recount']}")
    if limit is not None:
        over = [r for r in rows if r["hand"] > limit]
        print(f"\nover the {limit}-word limit by hand: "
              + (", ".join(f"{r['file']} ({r['hand']}, abstract-length {r['status']})" for r in over) or "none"))
    off = [r for r in rows if r["diff"] is None or abs(r["diff"]) > 1]
    print(f"within ±1: {len(rows) - len(off)}/{len(rows)}")
    for r in off:
        print(f"  {r['file']}: {'-' if r['diff'] is None else format(r['diff'], '+d')}; "
              f"cause seen at 3ea8f1c: {r['causeSeen'] or '(not diagnosed)'}")


def measure_abstracts(corpus: Path) -> dict | None:
    """Abstract word counts read from the PDF against counts by hand."""
    if not ABSTRACT_TRUTH.is_file():
        print(f"abstracts: {ABSTRACT_TRUTH.relative_to(REPO)} is missing; skipped")
        return None
    truth = json.loads(ABSTRACT_TRUTH.read_text())
    papers = [p for p in truth["papers"] if (corpus / "real" / p["file"]).is_file()]
    limit = profile_word_limit(truth.get("profile", "snn-2022"))
    print(f"abstracts: {len(papers)} papers from {ABSTRACT_TRUTH.relative_to(REPO)} "
          f"(precheck run without --abstract; 'of hand text' = precheck counting the hand-read text)")
    with ThreadPoolExecutor(WORKERS) as pool:
        rows = list(pool.map(lambda p: measure_abstract_paper(corpus, p), papers))
    print_abstracts(rows, limit)
    within = sum(1 for r in rows if r["diff"] is not None and abs(r["diff"]) <= 1)
    return {"truthFile": str(ABSTRACT_TRUTH.relative_to(REPO)), "wordLimit": limit,
            "withinOne": within, "papers": rows, "panics": [r["file"] for r in rows if r["panic"]]}


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


def chosen_measurements(args: argparse.Namespace) -> list[str]:
    """The measurements to run, in MEASUREMENTS order: --only, else --real-only /
    --malformed-only, else all."""
    if args.only:
        return [m for m in MEASUREMENTS if m in args.only]
    if args.real_only:
        return [m for m in MEASUREMENTS if m != "malformed"]
    if args.malformed_only:
        return ["malformed"]
    return list(MEASUREMENTS)


def run_measurement(name: str) -> bool:
    """Runs one measurement, writes target/measure/<name>.json; False if precheck panicked."""
    if name == "poppler":
        real = measure_real(CORPUS)
        write_json("real.json", real)
        return not real["totals"]["panics"]
    if name == "malformed":
        malformed = measure_malformed(CORPUS)
        write_json("malformed.json", malformed)
        return not malformed["summary"]["panics"]
    measure = {"truth": measure_truth, "findings": measure_findings, "abstracts": measure_abstracts}[name]
    data = measure(CORPUS)
    if data is None:
        return True
    write_json(f"{name}.json", data)
    panics = data.get("panics") or [r["file"] for r in data.get("files", []) if r.get("panic")]
    if panics:
        print(f"PANICS: {', '.join(panics)}")
    return not panics


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=MEASUREMENTS, metavar="NAME",
                        help="run only this measurement (repeatable): " + ", ".join(MEASUREMENTS))
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--real-only", action="store_true", help="only the measurements over corpus/real")
    group.add_argument("--malformed-only", action="store_true", help="only run over corpus/malformed/qpdf")
    args = parser.parse_args()

    if not CORPUS.is_dir():
        print(f"measure: no corpus at {CORPUS}; skipped")
        return 0
    if not BINARY.is_file():
        print(f"measure: {BINARY} is missing; run `make build` (or `make measure`)", file=sys.stderr)
        return 2

    ok = True
    for name in chosen_measurements(args):
        print(f"==== {name}")
        ok &= run_measurement(name)
        print()
    # Disagreements are figures to read, not failures; a panic is a bug.
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
