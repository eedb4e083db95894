//! Peak memory of a check on crafted files, measured by counting the heap in this test
//! binary (one test, so nothing else allocates meanwhile). The document budgets are
//! meant to bound memory by design; these figures are deterministic (the same
//! allocations on every run), so they are asserted, with room, not timed.

use precheck::{Limits, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

#[path = "common/raw.rs"]
mod raw;
use raw::{RawPdf, flate, pages_sharing};

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
            PEAK.fetch_max(live, Ordering::SeqCst);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let live = LIVE.fetch_add(grow, Ordering::SeqCst) + grow;
                PEAK.fetch_max(live, Ordering::SeqCst);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::SeqCst);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: usize = 1_000_000;

/// The heap a check of `bytes` needs beyond the bytes themselves, in bytes. Figures on
/// this project's machine, for the note (issue 11): 65.5 MB for 2 000 pages of
/// separate glyphs, 13.5 MB and 50.3 MB for 100 000 and 10 000 000 inline kids, 1.1 MB
/// for a 65 MB form painted 100 000 times, 125.8 MB for 3 000 000 painted squares,
/// 0.6 MB for ok_final.
fn peak_of(bytes: &[u8]) -> usize {
    let before = LIVE.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let report = precheck::check(Some(bytes), &Options::default()).expect("a report");
    let json = serde_json::to_string(&report).expect("serializes");
    assert!(json.len() <= Limits::default().report_bytes);
    drop((report, json));
    PEAK.load(Ordering::SeqCst) - before
}

const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

#[test]
fn crafted_files_stay_within_their_memory() {
    let font = "<< /Font << /F1 5 0 R >> >>";
    let mut figures = Vec::new();
    let mut case = |name: &str, bytes: Vec<u8>, max: usize| {
        let peak = peak_of(&bytes);
        figures.push(format!(
            "{name}: {} KB file, {:.1} MB peak",
            bytes.len() / 1000,
            peak as f64 / MB as f64
        ));
        assert!(peak <= max, "{name}: peak {peak} bytes, more than {max}");
    };
    // Issue 11, case 1: 2 000 pages of 200 000 separate glyphs (was 1.6 GB, then abort).
    let tj = format!("[{}] TJ\n", "(a)-400 ".repeat(2000)).repeat(100);
    let content = format!("BT /F1 10 Tf 72 720 Td\n{tj}ET");
    case(
        "2000 pages of separate glyphs",
        pages_sharing(
            2000,
            0,
            font,
            RawPdf::new()
                .stream(4, "", content.as_bytes())
                .object(5, HELVETICA),
        ),
        100 * MB,
    );
    // Case 3: pages declared, not read.
    case(
        "100 000 inline kids",
        pages_sharing(0, 100_000, font, RawPdf::new()),
        25 * MB,
    );
    case(
        "10 000 000 inline kids",
        pages_sharing(0, 10_000_000, font, RawPdf::new()),
        80 * MB,
    );
    // Case 4: a 65 MB form painted 100 000 times.
    let page = "/Fm1 Do\n".repeat(100_000);
    case(
        "a 65 MB form painted 100 000 times",
        pages_sharing(
            1,
            0,
            "<< /XObject << /Fm1 6 0 R >> >>",
            RawPdf::new().stream(4, "", page.as_bytes()).stream(
                6,
                "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Filter /FlateDecode",
                &flate(b"0 0 m ", 65 << 20),
            ),
        ),
        20 * MB,
    );
    // Case 10: six million operators, half of them painting (was 284 MB).
    let squares = "0 0 1 1 re f\n".repeat(3_000_000);
    case(
        "3 000 000 painted squares",
        pages_sharing(
            1,
            0,
            font,
            RawPdf::new().stream(4, "/Filter /FlateDecode", &flate(squares.as_bytes(), 0)),
        ),
        170 * MB,
    );
    // The real paper, for scale.
    let ok = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ok_final.pdf"
    ))
    .expect("fixture");
    case("ok_final", ok, 5 * MB);
    eprintln!("{}", figures.join("\n"));
}
