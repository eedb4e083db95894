//! Glyph ink from embedded font programs (issue: TeX's radicals and big delimiters hang
//! below the baseline, so their advance boxes put them above the text block while
//! their ink is inside). Each PDF is built in the test with a font program written by
//! the test: a Type 1 program eexec-encrypted here, a minimal TrueType sfnt (head,
//! hhea, maxp, loca, glyf, hmtx, cmap), used as a simple font and as a CIDFontType2;
//! then garbage, truncated and hostile programs, which must neither panic nor run on.

mod common;

use common::{PageSpec, PdfBuilder, Resources, assert_near};
use lopdf::{Dictionary, Object, ObjectId, Stream, dictionary};
use precheck::limits::{Limit, Limits};
use precheck::pdf::{self, DocumentFacts, TextSpan};
use precheck::{Options, Report, Status};
use std::sync::mpsc;
use std::time::Duration;

#[path = "common/guard.rs"]
mod guard;

// ---------------------------------------------------------------------------------
// A Type 1 program (Adobe Type 1 Font Format, ch. 2–7)

/// eexec (55665) and charstring (4330) encryption, with `skip` zero bytes in front.
fn encrypt(plain: &[u8], key: u16, skip: usize) -> Vec<u8> {
    let mut r = key;
    let mut out = Vec::new();
    for &p in std::iter::repeat_n(&0u8, skip).chain(plain) {
        let c = p ^ (r >> 8) as u8;
        r = (u16::from(c).wrapping_add(r))
            .wrapping_mul(52845)
            .wrapping_add(22719);
        out.push(c);
    }
    out
}

/// A charstring from numbers and operator names.
fn charstring(items: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for item in items {
        if let Ok(v) = item.parse::<i32>() {
            match v {
                -107..=107 => out.push((v + 139) as u8),
                108..=1131 => out.extend([((v - 108) / 256 + 247) as u8, ((v - 108) % 256) as u8]),
                -1131..=-108 => {
                    out.extend([((-v - 108) / 256 + 251) as u8, ((-v - 108) % 256) as u8])
                }
                _ => {
                    out.push(255);
                    out.extend(v.to_be_bytes());
                }
            }
            continue;
        }
        out.extend_from_slice(match *item {
            "rlineto" => &[5][..],
            "closepath" => &[9],
            "callsubr" => &[10],
            "return" => &[11],
            "hsbw" => &[13],
            "endchar" => &[14],
            "rmoveto" => &[21],
            other => panic!("no operator {other} here"),
        });
    }
    out
}

/// The radical of a CMEX-like font: advance 1000 units, ink from 40 units above the
/// baseline down to 1000 below it (x 100–500).
fn radical() -> Vec<u8> {
    charstring(&[
        "0",
        "1000",
        "hsbw",
        "100",
        "40",
        "rmoveto",
        "400",
        "0",
        "rlineto",
        "0",
        "-1040",
        "rlineto",
        "-400",
        "0",
        "rlineto",
        "closepath",
        "endchar",
    ])
}

/// A Type 1 program with a built-in encoding array (code → glyph name), as CMEX10's.
fn type1_program(glyphs: &[(u8, &str, Vec<u8>)], subrs: &[Vec<u8>]) -> Vec<u8> {
    let mut clear = b"%!PS-AdobeFont-1.0: TestEX 001\n12 dict begin\n/FontName /TestEX def\n/PaintType 0 def\n/FontType 1 def\n/FontMatrix [0.001 0 0 0.001 0 0] readonly def\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n".to_vec();
    for (code, name, _) in glyphs {
        clear.extend(format!("dup {code} /{name} put\n").bytes());
    }
    clear.extend(b"readonly def\n/FontBBox {0 -1000 1000 40} readonly def\ncurrentdict end\ncurrentfile eexec\n");
    let mut private = b"dup /Private 8 dict dup begin\n/RD{string currentfile exch readstring pop}executeonly def\n/ND{noaccess def}executeonly def\n/NP{noaccess put}executeonly def\n/lenIV 4 def\n".to_vec();
    private.extend(format!("/Subrs {} array\n", subrs.len()).bytes());
    for (i, s) in subrs.iter().enumerate() {
        let enc = encrypt(s, 4330, 4);
        private.extend(format!("dup {i} {} RD ", enc.len()).bytes());
        private.extend(enc);
        private.extend(b" NP\n");
    }
    private.extend(
        format!(
            "ND\n2 index /CharStrings {} dict dup begin\n",
            glyphs.len() + 1
        )
        .bytes(),
    );
    let notdef = encrypt(&charstring(&["0", "0", "hsbw", "endchar"]), 4330, 4);
    private.extend(format!("/.notdef {} RD ", notdef.len()).bytes());
    private.extend(notdef);
    private.extend(b" ND\n");
    for (_, name, cs) in glyphs {
        let enc = encrypt(cs, 4330, 4);
        private.extend(format!("/{name} {} RD ", enc.len()).bytes());
        private.extend(enc);
        private.extend(b" ND\n");
    }
    private.extend(b"end\nend\nreadonly put\nnoaccess put\ndup /FontName get exch definefont pop\nmark currentfile closefile\n");
    let mut program = clear;
    program.extend(encrypt(&private, 55665, 4));
    program.extend(b"\n");
    for _ in 0..8 {
        program.extend(b"0000000000000000000000000000000000000000000000000000000000000000\n");
    }
    program.extend(b"cleartomark\n");
    program
}

// ---------------------------------------------------------------------------------
// A TrueType program (OpenType spec: head, hhea, maxp, loca, glyf, hmtx, cmap)

/// One glyph besides .notdef: a box from (100, -800) to (500, 30) in a 1000-unit em,
/// mapped from code 0x72 ('r') by a (1,0) format 0 cmap.
fn truetype_program() -> Vec<u8> {
    let be16 = |v: i32| (v as i16).to_be_bytes();
    let mut head = Vec::new();
    head.extend(0x0001_0000u32.to_be_bytes()); // version
    head.extend(0x0001_0000u32.to_be_bytes()); // fontRevision
    head.extend(0u32.to_be_bytes()); // checkSumAdjustment
    head.extend(0x5F0F_3CF5u32.to_be_bytes()); // magicNumber
    head.extend(be16(0)); // flags
    head.extend(be16(1000)); // unitsPerEm
    head.extend([0u8; 16]); // created, modified
    for v in [100, -800, 500, 30] {
        head.extend(be16(v));
    }
    head.extend(be16(0)); // macStyle
    head.extend(be16(8)); // lowestRecPPEM
    head.extend(be16(2)); // fontDirectionHint
    head.extend(be16(0)); // indexToLocFormat: short
    head.extend(be16(0)); // glyphDataFormat
    let mut hhea = Vec::new();
    hhea.extend(0x0001_0000u32.to_be_bytes());
    for v in [800, -200, 0, 1000, 100, 500, 500, 1, 0, 0] {
        hhea.extend(be16(v));
    }
    hhea.extend([0u8; 8]); // reserved
    hhea.extend(be16(0)); // metricDataFormat
    hhea.extend(be16(2)); // numberOfHMetrics
    let mut maxp = 0x0000_5000u32.to_be_bytes().to_vec();
    maxp.extend(be16(2));
    // Glyph 1: one contour of four on-curve points, coordinates as 16-bit deltas.
    let mut glyf = Vec::new();
    glyf.extend(be16(1));
    for v in [100, -800, 500, 30] {
        glyf.extend(be16(v));
    }
    glyf.extend(be16(3)); // endPtsOfContours
    glyf.extend(be16(0)); // instructionLength
    glyf.extend([0x01; 4]); // flags: on curve, long x and y
    for dx in [100, 400, 0, -400] {
        glyf.extend(be16(dx));
    }
    for dy in [-800, 0, 830, 0] {
        glyf.extend(be16(dy));
    }
    let mut loca = Vec::new();
    for v in [0, 0, glyf.len() as i32 / 2] {
        loca.extend((v as u16).to_be_bytes());
    }
    let mut hmtx = Vec::new();
    for (adv, lsb) in [(500, 0), (600, 100)] {
        hmtx.extend(be16(adv));
        hmtx.extend(be16(lsb));
    }
    let mut cmap = Vec::new();
    cmap.extend(be16(0));
    cmap.extend(be16(1));
    cmap.extend(be16(1)); // platform 1 (Macintosh)
    cmap.extend(be16(0)); // encoding 0 (Roman)
    cmap.extend(12u32.to_be_bytes());
    cmap.extend(be16(0)); // format 0
    cmap.extend(be16(262));
    cmap.extend(be16(0));
    let mut ids = [0u8; 256];
    ids[0x72] = 1;
    cmap.extend(ids);
    let mut tables: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"cmap", cmap),
        (b"glyf", glyf),
        (b"head", head),
        (b"hhea", hhea),
        (b"hmtx", hmtx),
        (b"loca", loca),
        (b"maxp", maxp),
    ];
    let mut out = 0x0001_0000u32.to_be_bytes().to_vec();
    out.extend(be16(tables.len() as i32));
    out.extend(be16(64));
    out.extend(be16(2));
    out.extend(be16(tables.len() as i32 * 16 - 64));
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in &mut tables {
        while data.len() % 4 != 0 {
            data.push(0);
        }
        out.extend(tag.iter());
        out.extend(0u32.to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len();
    }
    for (_, data) in tables {
        out.extend(data);
    }
    out
}

// ---------------------------------------------------------------------------------
// The PDFs

/// A font descriptor claiming a text font's ascent (750), so that the advance box of
/// the glyph reaches 0.75 em above its baseline.
fn descriptor(b: &mut PdfBuilder, name: &str, key: &str, program: ObjectId) -> ObjectId {
    b.add(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => name,
        "Flags" => 4,
        "FontBBox" => vec![0.into(), (-1000).into(), 1000.into(), 750.into()],
        "ItalicAngle" => 0,
        "Ascent" => 750,
        "Descent" => -250,
        "CapHeight" => 700,
        "StemV" => 50,
        key => program,
    })
}

/// A simple Type 1 font embedding `program`, code 112 (`p`) 1000 units wide, no
/// /Encoding (the program's own applies, as for pdfTeX's CMEX10).
fn type1_font(b: &mut PdfBuilder, program: Vec<u8>) -> ObjectId {
    let len = program.len() as i64;
    let file = b.add(Stream::new(
        dictionary! { "Length1" => len, "Length2" => 0, "Length3" => 0 },
        program,
    ));
    let desc = descriptor(b, "ABCDEF+TestEX", "FontFile", file);
    b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "ABCDEF+TestEX",
        "FirstChar" => 112,
        "LastChar" => 112,
        "Widths" => vec![Object::Integer(1000)],
        "FontDescriptor" => desc,
    })
}

/// A simple TrueType font embedding `program` (symbolic, no /Encoding), code 0x72.
fn truetype_font(b: &mut PdfBuilder, program: Vec<u8>, key: &str) -> ObjectId {
    let mut dict = Dictionary::new();
    if key == "FontFile3" {
        dict.set("Subtype", "OpenType");
    }
    let file = b.add(Stream::new(dict, program));
    let desc = descriptor(b, "ABCDEF+TestTT", key, file);
    b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "TrueType",
        "BaseFont" => "ABCDEF+TestTT",
        "FirstChar" => 0x72,
        "LastChar" => 0x72,
        "Widths" => vec![Object::Integer(600)],
        "FontDescriptor" => desc,
    })
}

/// A simple Type 1 font whose program is bare CFF (FontFile3 /Type1C).
fn cff_font(b: &mut PdfBuilder, program: Vec<u8>) -> ObjectId {
    let file = b.add(Stream::new(dictionary! { "Subtype" => "Type1C" }, program));
    let desc = descriptor(b, "ABCDEF+TestCFF", "FontFile3", file);
    b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "ABCDEF+TestCFF",
        "FirstChar" => 112,
        "LastChar" => 114,
        "Widths" => vec![Object::Integer(500), Object::Integer(500), Object::Integer(500)],
        "FontDescriptor" => desc,
    })
}

/// A Type 0 font over a CIDFontType2 with the same program, CID 1 → glyph 1.
fn cid_font(b: &mut PdfBuilder, program: Vec<u8>) -> ObjectId {
    let file = b.add(Stream::new(Dictionary::new(), program));
    let desc = descriptor(b, "ABCDEF+TestCID", "FontFile2", file);
    let cid = b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "ABCDEF+TestCID",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "DW" => 600,
        "CIDToGIDMap" => "Identity",
        "FontDescriptor" => desc,
    });
    b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "ABCDEF+TestCID",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid)],
    })
}

/// One page showing `shown` in /F1 at 20 pt with its baseline at (300, `baseline`),
/// and a line of body text inside the block.
fn page_with(
    font: impl FnOnce(&mut PdfBuilder) -> ObjectId,
    shown: &str,
    baseline: f64,
) -> Vec<u8> {
    let mut b = PdfBuilder::new();
    let f1 = font(&mut b);
    let f2 = b.std14_font("Times-Roman");
    let resources = Resources::new().font("F1", f1).font("F2", f2).build();
    let content = format!(
        "BT /F1 20 Tf 1 0 0 1 300 {baseline} Tm {shown} Tj ET BT /F2 10 Tf 1 0 0 1 108 600 Tm (Inside the block.) Tj ET"
    );
    b.page(PageSpec::new(content).resources(resources)).build()
}

fn facts(bytes: &[u8]) -> DocumentFacts {
    pdf::read(bytes, &Limits::default()).expect("the built PDF reads")
}

fn span<'f>(facts: &'f DocumentFacts, font_name: &str) -> &'f TextSpan {
    let font = facts
        .fonts
        .iter()
        .position(|f| f.name == font_name)
        .expect("the font is listed");
    facts.pages[0]
        .spans
        .iter()
        .find(|s| s.font == font)
        .expect("a span in the font")
}

fn report(bytes: &[u8]) -> Report {
    precheck::check(Some(bytes), &Options::default()).expect("a report")
}

fn margins(bytes: &[u8]) -> (Status, String) {
    let r = report(bytes);
    let m = r.check("margins").expect("margins");
    (m.status, m.message.clone())
}

// ---------------------------------------------------------------------------------
// Type 1

#[test]
fn a_type1_radical_on_the_top_line_is_measured_by_its_ink() {
    let program = || type1_program(&[(112, "radicalbig", radical())], &[]);
    // The block's top edge is at y 720. Baseline 716: the advance box reaches
    // 716 + 0.75 × 20 = 731 (11 pt past), the ink 716 + 0.04 × 20 = 716.8.
    let bytes = page_with(|b| type1_font(b, program()), "(p)", 716.0);
    let f = facts(&bytes);
    let s = span(&f, "TestEX");
    assert_near(s.bbox.y1, 731.0, 0.01, "advance box top");
    assert_near(s.ink.y1, 716.8, 0.01, "ink top");
    assert_near(s.ink.y0, 696.0, 0.01, "ink bottom");
    assert_near(s.ink.x0, 302.0, 0.01, "ink left");
    assert_near(s.ink.x1, 310.0, 0.01, "ink right");
    assert_eq!(margins(&bytes).0, Status::Pass, "{:?}", margins(&bytes));

    // Drawn 10 pt higher the ink itself is 6.8 pt past the edge: a warning (the
    // advance box would say 21 pt, a failure).
    let (status, message) = margins(&page_with(|b| type1_font(b, program()), "(p)", 726.0));
    assert_eq!(status, Status::Warn, "{message}");
    assert!(message.contains("7 pt past the top edge"), "{message}");
    // And 24 pt higher it fails.
    let (status, message) = margins(&page_with(|b| type1_font(b, program()), "(p)", 740.0));
    assert_eq!(status, Status::Fail, "{message}");
    assert!(message.contains("21 pt past the top edge"), "{message}");
}

#[test]
fn a_code_reads_by_the_programs_own_encoding_when_the_font_names_none() {
    // CMEX10 as pdfTeX embeds it: no /Encoding in the PDF, the radical at code 112 ("p"
    // by StandardEncoding). Its text is the radical sign, not the letter.
    let program = type1_program(
        &[
            (112, "radicalbig", radical()),
            (40, "parenleftBigg", radical()),
        ],
        &[],
    );
    let bytes = page_with(|b| type1_font(b, program), r"(p\()", 700.0);
    let f = facts(&bytes);
    assert_eq!(span(&f, "TestEX").text, "√(");
}

#[test]
fn type1_subroutines_draw_into_the_ink() {
    // The glyph's lower part is drawn by a subroutine.
    let subr = charstring(&["0", "-1040", "rlineto", "return"]);
    let g = charstring(&[
        "0",
        "1000",
        "hsbw",
        "100",
        "40",
        "rmoveto",
        "400",
        "0",
        "rlineto",
        "0",
        "callsubr",
        "closepath",
        "endchar",
    ]);
    let bytes = page_with(
        |b| type1_font(b, type1_program(&[(112, "radicalbig", g)], &[subr])),
        "(p)",
        716.0,
    );
    let f = facts(&bytes);
    let s = span(&f, "TestEX");
    assert_near(s.ink.y0, 696.0, 0.01, "ink bottom from the subroutine");
    assert_near(s.ink.y1, 716.8, 0.01, "ink top");
}

#[test]
fn a_code_the_program_lacks_is_measured_by_its_advance_box() {
    // Code 113 has no glyph in the program (and no width: the fallback width).
    let bytes = page_with(
        |b| type1_font(b, type1_program(&[(112, "radicalbig", radical())], &[])),
        "(q)",
        600.0,
    );
    let f = facts(&bytes);
    let s = span(&f, "TestEX");
    assert_eq!(s.ink, s.bbox);
}

// ---------------------------------------------------------------------------------
// TrueType

#[test]
fn a_truetype_glyph_is_measured_by_its_recorded_box() {
    for key in ["FontFile2", "FontFile3"] {
        // Advance box top 716 + 15 = 731; the glyph's box tops at 0.03 em: 716.6.
        let bytes = page_with(|b| truetype_font(b, truetype_program(), key), "(r)", 716.0);
        let f = facts(&bytes);
        let s = span(&f, "TestTT");
        assert_near(s.bbox.y1, 731.0, 0.01, key);
        assert_near(s.ink.y1, 716.6, 0.01, key);
        assert_near(s.ink.y0, 700.0, 0.01, key);
        assert_near(s.ink.x0, 302.0, 0.01, key);
        assert_near(s.ink.x1, 310.0, 0.01, key);
        assert_eq!(
            margins(&bytes).0,
            Status::Pass,
            "{key}: {:?}",
            margins(&bytes)
        );
    }
    let (status, message) = margins(&page_with(
        |b| truetype_font(b, truetype_program(), "FontFile2"),
        "(r)",
        740.0,
    ));
    assert_eq!(status, Status::Fail, "{message}");
    assert!(message.contains("21 pt past the top edge"), "{message}");
}

#[test]
fn a_cid_truetype_glyph_is_found_through_cid_to_gid() {
    let bytes = page_with(|b| cid_font(b, truetype_program()), "<0001>", 716.0);
    let f = facts(&bytes);
    let s = span(&f, "TestCID");
    assert_near(s.ink.y1, 716.6, 0.01, "ink top");
    assert_near(s.ink.y0, 700.0, 0.01, "ink bottom");
    assert_eq!(margins(&bytes).0, Status::Pass, "{:?}", margins(&bytes));
}

// ---------------------------------------------------------------------------------
// Hostile programs

/// Runs `f` on its own thread; a panic or a hang fails the case by name.
fn guarded<T: Send + 'static>(case: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
            .map_err(|p| guard::panic_message(p.as_ref()));
        let _ = tx.send(r);
    });
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(Ok(v)) => v,
        Ok(Err(panic)) => panic!("{case}: the core panicked: {panic}"),
        Err(_) => panic!("{case}: no report within the watchdog"),
    }
}

/// A seeded byte-changer (xorshift), so failures reproduce.
fn mutate(data: &[u8], seed: u64, changes: usize) -> Vec<u8> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let mut out = data.to_vec();
    for _ in 0..changes {
        if out.is_empty() {
            break;
        }
        let at = (next() % out.len() as u64) as usize;
        out[at] = next() as u8;
    }
    out
}

#[test]
fn garbage_and_hostile_programs_neither_panic_nor_run_on() {
    guarded("hostile font programs", || {
        let type1 = type1_program(&[(112, "radicalbig", radical())], &[]);
        let tt = truetype_program();
        let mut programs: Vec<(&str, Vec<u8>)> = vec![
            ("FontFile", b"not a font at all".to_vec()),
            ("FontFile2", b"\x00\x01\x00\x00\xff\xff".to_vec()),
            ("FontFile3", vec![1, 0, 4, 4, 0xff, 0xff, 0xff]),
            ("FontFile", type1[..type1.len() / 2].to_vec()),
            ("FontFile2", tt[..tt.len() / 2].to_vec()),
        ];
        // A CFF header and INDEX counts in front of noise.
        let mut cff = vec![1, 0, 4, 4, 0, 1, 1, 1, 5, b'T', b'e', b's', b't'];
        cff.extend((0..400u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        for seed in 0..150u64 {
            programs.push(("FontFile", mutate(&type1, seed, 1 + seed as usize % 8)));
            programs.push(("FontFile2", mutate(&tt, seed, 1 + seed as usize % 8)));
            programs.push(("FontFile3", mutate(&tt, seed, 1 + seed as usize % 8)));
            programs.push(("Type1C", mutate(&cff, seed, 1 + seed as usize % 8)));
        }
        // Four levels of subroutines, each calling the next 200 times: 200^4 calls
        // to the one that draws, if nothing bounded them.
        let mut subrs = vec![charstring(&["return"])];
        for level in 1..=4 {
            let next = (level + 1).to_string();
            let mut items: Vec<&str> = Vec::new();
            for _ in 0..200 {
                items.extend([next.as_str(), "callsubr"]);
            }
            items.push("return");
            subrs.push(charstring(&items));
        }
        subrs.push(charstring(&["1", "1", "rlineto", "return"]));
        let fan = charstring(&["0", "1000", "hsbw", "1", "callsubr", "endchar"]);
        let fanned = type1_program(&[(112, "radicalbig", fan)], &subrs);
        // Stopped by the per-glyph bound: measured by its advance box.
        let f = facts(&page_with(|b| type1_font(b, fanned.clone()), "(p)", 600.0));
        let s = span(&f, "TestEX");
        assert_eq!(s.ink, s.bbox);
        programs.push(("FontFile", fanned));
        for (i, (key, program)) in programs.into_iter().enumerate() {
            let bytes = page_with(
                |b| match key {
                    "FontFile" => type1_font(b, program),
                    "Type1C" => cff_font(b, program),
                    _ => truetype_font(b, program, key),
                },
                "(pr)",
                600.0,
            );
            let r = report(&bytes);
            assert!(r.check("margins").is_some(), "case {i}");
        }
    });
}

#[test]
fn the_outline_budget_ends_measuring_not_reading() {
    let bytes = page_with(
        |b| type1_font(b, type1_program(&[(112, "radicalbig", radical())], &[])),
        "(p)",
        716.0,
    );
    let tight = Limits {
        outline_operators: 5,
        ..Limits::default()
    };
    let f = pdf::read(&bytes, &tight).expect("reads");
    let s = span(&f, "TestEX");
    // The glyph was measured by its advance box: the budget ran out within it.
    assert_eq!(s.ink, s.bbox);
    assert!(
        f.limits_reached
            .contains(&(Limit::OutlineOperators, Some(1))),
        "{:?}",
        f.limits_reached
    );
    let r =
        precheck::check_with_limits(Some(&bytes), &Options::default(), &tight).expect("a report");
    let file = r.check("file-format").expect("file-format");
    assert_eq!(file.status, Status::Warn);
    assert!(
        file.message.contains(
            "measuring the fonts' glyphs takes more than 5 operators (page 1); later glyphs were measured by their advance widths"
        ),
        "{}",
        file.message
    );
    // The body text was read all the same.
    assert!(f.pages[0].spans.iter().any(|s| s.text.contains("Inside")));
}
