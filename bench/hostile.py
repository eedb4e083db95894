#!/usr/bin/env python3
"""Crafted PDFs for measuring the document budgets (issue 11): writes each case to a
folder, then times the CLI on it (wall time, peak RSS, report size, exit status).

    python3 bench/hostile.py [--bin target/release/precheck] [--out target/hostile] [case...]

The tests build the same shapes themselves (tests/hostile.rs, tests/hostile-js/); this
script is only for the figures in the notes.
"""
import argparse, json, os, resource, subprocess, sys, time, zlib


def pdf(objects, root=1):
    """objects: {num: bytes}; returns a PDF with a correct classic xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[n]) if n in offsets else b"0000000000 00000 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, at)
    return bytes(out)


def stream(dict_body, data):
    return b"<< " + dict_body + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>"


def pages_sharing(n_pages, content_obj, resources=b"<< /Font << /F1 3 0 R >> >>"):
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT}
    kids = b" ".join(b"%d 0 R" % (10 + i) for i in range(n_pages))
    objs[2] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (n_pages, kids)
    for i in range(n_pages):
        objs[10 + i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents 4 0 R >>"
                        % resources)
    objs[4] = content_obj
    return objs


def tj_2000():
    # ~200k separate spans a page: (a) then a -400 jump, 2000 of them a TJ (the
    # content reader keeps 4096 operands, the rest of a longer array is dropped).
    one = b"[" + b"(a)-400 " * 2000 + b"] TJ\n"
    content = b"BT /F1 10 Tf 72 720 Td\n" + one * 100 + b"ET\n"
    return pdf(pages_sharing(2000, stream(b"/Filter /FlateDecode", zlib.compress(content, 9))))


def kids(n):
    def make():
        objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Count %d /Kids [%s] >>" % (n, b"<<>> " * n)}
        return pdf(objs)
    return make


def form_bomb():
    # A form that inflates past the 64 MB stream limit, painted 100 000 times.
    bomb = zlib.compress(b"0 0 m\n" + b" " * (80 << 20), 9)
    page = b"/Fm1 Do\n" * 100_000
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Count 1 /Kids [10 0 R] >>",
            10: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Fm1 5 0 R >> >> /Contents 4 0 R >>",
            4: stream(b"/Filter /FlateDecode", zlib.compress(page, 9)),
            5: stream(b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Filter /FlateDecode", bomb)}
    return pdf(objs)


def predictor(columns, extra=b""):
    def make():
        data = zlib.compress(b"\x02" + b"\x00" * 400)
        parms = b"/DecodeParms << /Predictor 12 /Columns %d %s >>" % (columns, extra)
        objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Count 1 /Kids [10 0 R] >>",
                3: FONT}
        contents = []
        for i in range(100):
            objs[100 + i] = stream(b"/Filter /FlateDecode " + parms, data)
            contents.append(b"%d 0 R" % (100 + i))
        objs[10] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents [%s] >>"
                    % b" ".join(contents))
        return pdf(objs)
    return make


def hello(extra_key):
    def make():
        content = b"BT /F1 10 Tf 300 400 Td (Hello, this text is outside nothing) Tj ET 0 0 m 600 780 l S"
        objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Count 1 /Kids [10 0 R] >>", 3: FONT,
                10: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
                4: b"<< %s >>\nstream\n" % extra_key + content + b"\nendstream"}
        if b"/Length" not in extra_key:
            objs[4] = b"<< %s /Length %d >>\nstream\n" % (extra_key, len(content)) + content + b"\nendstream"
        return pdf(objs)
    return make


def ops_6m():
    content = b"0 0 1 1 re f\n" * 3_000_000
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Count 1 /Kids [10 0 R] >>",
            10: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            4: stream(b"/Filter /FlateDecode", zlib.compress(content, 9))}
    return pdf(objs)


CASES = {
    "tj_2000_pages": tj_2000,
    "kids_100k": kids(100_000),
    "kids_1m": kids(1_000_000),
    "kids_10m": kids(10_000_000),
    "form_bomb_100k": form_bomb,
    "predictor_2e9_columns": predictor(2_000_000_000),
    "predictor_16m_columns_32x16": predictor(16_777_216, b"/Colors 32 /BitsPerComponent 16"),
    "key_past_i64": hello(b"/Harmless 99999999999999999999999"),
    "length_1e30": hello(b"/Length 1e30"),
    "ops_6m": ops_6m,
}


def measure(binary, path, timeout):
    start = time.monotonic()
    child = subprocess.Popen(["/usr/bin/time", "-f", "%M", binary, "--format", "json", path],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        stdout, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, 9)
        child.communicate()
        return {"wall_s": None, "note": f"no answer within {timeout} s"}
    p = subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)
    wall = time.monotonic() - start
    rss_kb = int(p.stderr.decode(errors="replace").strip().splitlines()[-1] or 0)
    out = {"wall_s": round(wall, 3), "rss_mb": round(rss_kb / 1024, 1), "exit": p.returncode,
           "report_bytes": len(p.stdout)}
    try:
        r = json.loads(p.stdout)
        ff = next(c for c in r["checks"] if c["id"] == "file-format")
        out["file_format"] = f'{ff["status"]}: {ff["message"][:160]}'
        out["margins"] = next(c["status"] for c in r["checks"] if c["id"] == "margins")
    except Exception:
        out["stderr"] = p.stderr.decode(errors="replace")[-300:]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/precheck")
    ap.add_argument("--out", default="target/hostile")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for name in a.cases or CASES:
        path = os.path.join(a.out, name + ".pdf")
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(CASES[name]())
        size = os.path.getsize(path)
        print(json.dumps({"case": name, "file_bytes": size, **measure(a.bin, path, a.timeout)}), flush=True)


if __name__ == "__main__":
    main()
