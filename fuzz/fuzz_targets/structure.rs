//! Fuzzes the document budgets: the input is not a PDF but a recipe for one, so the
//! fuzzer explores structure (how many pages, kids, objects, forms painted how often,
//! what /Length, /Columns and filters claim) rather than bytes the lexer throws away.
//! Every recipe builds a well-formed file with a correct cross-reference table, which
//! the core must read within its budgets: a panic is a bug, and so is a unit slower
//! than libFuzzer's -timeout.
#![no_main]

use libfuzzer_sys::fuzz_target;
use precheck::{Kind, Options};
use std::fmt::Write as _;

/// Reads the recipe a byte or a number at a time; past its end, zeros.
struct Recipe<'a> {
    data: &'a [u8],
    at: usize,
}

impl Recipe<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn done(&self) -> bool {
        self.at >= self.data.len()
    }

    /// A count spread over orders of magnitude: 0..=16, then up to ~10^6.
    fn count(&mut self) -> usize {
        let b = self.byte();
        match b >> 5 {
            0..=3 => usize::from(b & 15),
            4 => 16 << (b & 7),
            5 => 1000 * usize::from(b & 31),
            6 => 10_000 * usize::from(b & 31),
            _ => 100_000 * usize::from(b & 15),
        }
    }

    /// A number a writer might put where an integer belongs, sane or absurd.
    fn absurd(&mut self, sane: usize) -> String {
        match self.byte() % 12 {
            0 => "-1".into(),
            1 => "0".into(),
            2 => "2147483647".into(),
            3 => "9223372036854775807".into(),
            4 => "99999999999999999999999".into(),
            5 => "1e30".into(),
            6 => "99 0 R".into(),
            7 => "3.5".into(),
            8 => (sane + 1000).to_string(),
            9 => (sane / 2).to_string(),
            _ => sane.to_string(),
        }
    }
}

/// Objects, numbered from 1, written with a correct classic cross-reference table.
#[derive(Default)]
struct Writer {
    objects: Vec<Vec<u8>>,
}

impl Writer {
    fn add(&mut self, body: Vec<u8>) -> usize {
        self.objects.push(body);
        self.objects.len()
    }

    fn set(&mut self, num: usize, body: Vec<u8>) {
        if let Some(slot) = self.objects.get_mut(num - 1) {
            *slot = body;
        }
    }

    fn finish(self) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).bytes());
            out.extend(body);
            out.extend(b"\nendobj\n");
        }
        let at = out.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
        for o in offsets {
            let _ = write!(table, "{o:010} 00000 n \n");
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{at}\n%%EOF\n",
            self.objects.len() + 1
        );
        out.extend(table.bytes());
        out
    }
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} >>\nstream\n").into_bytes();
    out.extend(data);
    out.extend(b"\nendstream");
    out
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// Content painting `n` of one kind of thing.
fn content(r: &mut Recipe<'_>, forms: &[usize]) -> Vec<u8> {
    let n = r.count();
    let mut c = Vec::new();
    match r.byte() % 6 {
        0 => {
            c.extend(b"BT /F1 10 Tf 72 720 Td [");
            for _ in 0..n.min(4000) {
                c.extend(b"(a)-400 ");
            }
            c.extend(b"] TJ ET\n");
            let copies = c.clone();
            for _ in 1..(n / 4000).min(200) {
                c.extend(&copies);
            }
        }
        1 => {
            for i in 0..n {
                let _ = write!(
                    &mut ByteWriter(&mut c),
                    "{} {} 1 1 re f\n",
                    i % 700,
                    i % 900
                );
            }
        }
        2 if !forms.is_empty() => {
            for i in 0..n {
                let _ = write!(&mut ByteWriter(&mut c), "/Fm{} Do\n", i % forms.len());
            }
        }
        3 => {
            c.extend(b"BT /F1 10 Tf 100 700 Td (Sparse networks) Tj ET 0 0 m 600 780 l S\n");
        }
        4 => {
            for _ in 0..n.min(100_000) {
                c.extend(b"q ");
            }
            c.extend(b"BT /F1 9 Tf 110 600 Td (deep) Tj ET");
        }
        _ => {
            c.extend(b"BI /W 1 /H 1 /BPC 8 /CS /G ID x EI 0 0 m 100 100 l S\n");
        }
    }
    c
}

struct ByteWriter<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for ByteWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend(s.bytes());
        Ok(())
    }
}

fn build(data: &[u8]) -> Vec<u8> {
    let mut r = Recipe { data, at: 0 };
    let mut w = Writer::default();
    let catalog = w.add(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let pages = w.add(Vec::new());
    let font = w.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>".to_vec());
    let _ = catalog;
    // Forms first, so pages can paint them; a form may paint the one before it.
    let mut forms = Vec::new();
    for i in 0..usize::from(r.byte() % 5) {
        let mut body = content(&mut r, &[]);
        if i > 0 && r.byte() % 2 == 0 {
            let _ = write!(&mut ByteWriter(&mut body), "\n/Fm{} Do\n", i - 1);
        }
        if r.byte() % 3 == 0 {
            // A bomb: zeros that inflate past the stream limit or near it.
            body.extend(std::iter::repeat_n(b' ', r.count().saturating_mul(64)));
        }
        let previous: String = (0..i)
            .map(|j| format!("/Fm{j} {} 0 R ", forms[j]))
            .collect();
        let packed = deflate(&body);
        let dict = format!(
            "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Filter /FlateDecode /Resources << /Font << /F1 {font} 0 R >> /XObject << {previous}>> >> /Length {}",
            r.absurd(packed.len())
        );
        forms.push(w.add(stream(&dict, &packed)));
    }
    let xobjects: String = forms
        .iter()
        .enumerate()
        .map(|(i, f)| format!("/Fm{i} {f} 0 R "))
        .collect();
    let resources = format!("<< /Font << /F1 {font} 0 R >> /XObject << {xobjects}>> >>");
    // Content streams shared by the pages, with the filters and lengths the recipe says.
    let mut contents = Vec::new();
    for _ in 0..1 + usize::from(r.byte() % 3) {
        let body = content(&mut r, &forms);
        let (data, dict) = match r.byte() % 4 {
            0 => (body.clone(), String::new()),
            1 => (deflate(&body), "/Filter /FlateDecode".to_string()),
            2 => {
                // PNG Up rows of the recipe's width over the content (often absurd).
                let columns = r.absurd(64);
                let colors = [1, 3, 32][usize::from(r.byte() % 3)];
                (
                    deflate(&body),
                    format!(
                        "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns {columns} /Colors {colors} /BitsPerComponent 16 >>"
                    ),
                )
            }
            _ => (body.clone(), "/Filter /ASCIIHexDecode".to_string()),
        };
        let dict = format!("{dict} /Length {}", r.absurd(data.len()));
        contents.push(w.add(stream(&dict, &data)));
    }
    // Pages: some real, some empty dictionaries written inline in /Kids.
    let real = 1 + r.count().min(3000);
    let inline = r.count();
    let mut kids = String::new();
    for i in 0..real {
        let c = contents[i % contents.len()];
        let page = w.add(
            format!("<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Resources {resources} /Contents {c} 0 R >>")
                .into_bytes(),
        );
        let _ = write!(kids, "{page} 0 R ");
    }
    for _ in 0..inline {
        kids.push_str("<<>> ");
    }
    let count = r.absurd(real + inline);
    w.set(
        pages,
        format!("<< /Type /Pages /Count {count} /Kids [{kids}] >>").into_bytes(),
    );
    let _ = r.done();
    w.finish()
}

fuzz_target!(|data: &[u8]| {
    let pdf = build(data);
    // To look at what a recipe built: PRECHECK_FUZZ_DUMP=file.pdf ./structure unit
    if let Some(path) = std::env::var_os("PRECHECK_FUZZ_DUMP") {
        let _ = std::fs::write(path, &pdf);
    }
    let options = Options {
        kind: Kind::Paper,
        ..Options::default()
    };
    let report = precheck::check(Some(&pdf), &options).expect("default options are valid");
    // The report stays within its budget whatever was built.
    let json = serde_json::to_string(&report).expect("a report serializes");
    assert!(
        json.len() <= precheck::Limits::default().report_bytes,
        "report of {} bytes",
        json.len()
    );
});
