//! Hostile inputs built in the test (issue 6, item 5): deep nesting, page-tree cycles,
//! flate bombs, `/Length` lies, absurd cross-reference streams, a flood of operators,
//! truncations, seeded byte changes and absurd values. Each case asserts what the author
//! sees: the `file-format` check's status and message, or the named limit that stopped
//! the reading. Each runs on its own thread under a watchdog, so a panic or a hang fails
//! the test with the case's name instead of taking the harness down with it.

mod common;

use lopdf::{Stream, dictionary};
use precheck::limits::{Limit, Limits};
use precheck::pdf::{self, DocumentFacts, ReadError};
use precheck::{Check, Options, Report, Status};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::time::Duration;

// ---------------------------------------------------------------------------------
// Running a case

/// A hang detector, not a speed test: the slowest case here takes a few seconds in a
/// debug build.
const WATCHDOG: Duration = Duration::from_secs(120);

#[path = "common/guard.rs"]
mod guard;
use guard::panic_message;

/// Runs `f` on a thread of its own; a panic or a hang becomes a failure naming the case.
fn guarded<T: Send + 'static>(case: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name(case.to_string())
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(f)).map_err(|p| panic_message(p.as_ref()));
            let _ = tx.send(result);
        })
        .expect("a thread starts");
    match rx.recv_timeout(WATCHDOG) {
        Ok(Ok(value)) => value,
        Ok(Err(message)) => panic!("{case}: precheck panicked: {message}"),
        Err(_) => panic!("{case}: no answer within {} s (a hang)", WATCHDOG.as_secs()),
    }
}

fn report_with(case: &str, bytes: Vec<u8>, limits: Limits) -> Report {
    guarded(case, move || {
        precheck::check_with_limits(Some(&bytes), &Options::default(), &limits)
    })
    .unwrap_or_else(|e| panic!("{case}: the default options were refused: {e}"))
}

fn report(case: &str, bytes: Vec<u8>) -> Report {
    report_with(case, bytes, Limits::default())
}

fn read_with(case: &str, bytes: Vec<u8>, limits: Limits) -> Result<DocumentFacts, ReadError> {
    guarded(case, move || pdf::read(&bytes, &limits))
}

fn read(case: &str, bytes: Vec<u8>) -> Result<DocumentFacts, ReadError> {
    read_with(case, bytes, Limits::default())
}

fn format_check<'r>(case: &str, report: &'r Report) -> &'r Check {
    report
        .check("file-format")
        .unwrap_or_else(|| panic!("{case}: the report has no file-format check"))
}

/// The `file-format` check has this status and its message contains `needle`.
#[track_caller]
fn assert_format(case: &str, report: &Report, status: Status, needle: &str) {
    let c = format_check(case, report);
    assert!(
        c.status == status && c.message.contains(needle),
        "{case}: want file-format {} containing {needle:?}, got {} ({})",
        status.as_str(),
        c.status.as_str(),
        c.message
    );
}

/// The page reads as an ordinary one-page PDF 1.7: a pass with nothing left unread.
#[track_caller]
fn assert_reads_one_page(case: &str, report: &Report) {
    assert_format(case, report, Status::Pass, "PDF 1.7, 1 page");
}

/// The text of page `n` (1-based), spans joined by spaces.
fn page_text(facts: &DocumentFacts, n: usize) -> String {
    let Some(page) = facts.pages.get(n - 1) else {
        return String::new();
    };
    page.spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn facts(case: &str, read: Result<DocumentFacts, ReadError>) -> DocumentFacts {
    read.unwrap_or_else(|e| panic!("{case}: want facts, got {e:?}"))
}

// ---------------------------------------------------------------------------------
// Writing PDFs byte by byte

#[path = "common/raw.rs"]
mod raw;
use raw::{RawPdf, flate, pages_sharing, stream_body};

const CATALOG: &str = "<< /Type /Catalog /Pages 2 0 R >>";
const PAGES: &str = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
const HELLO: &[u8] = b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET";

/// A page of US Letter using Helvetica as /F1, its content in object 4.
fn page_dict(extra: &str) -> String {
    format!(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R {extra} >>"
    )
}

/// A one-page document but for its content (object 4) and whatever else a case adds.
fn one_page_with(page_extra: &str) -> RawPdf {
    RawPdf::new()
        .object(1, CATALOG)
        .object(2, PAGES)
        .object(3, page_dict(page_extra))
        .object(5, HELVETICA)
}

/// The one-page document that says "Hello", with the page's extra entries.
fn hello_page(page_extra: &str) -> RawPdf {
    one_page_with(page_extra).stream(4, "", HELLO)
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// xorshift64: the same sequence on every run and every machine, no crate needed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn the_raw_writer_makes_a_pdf_that_reads() {
    let case = "raw control";
    let bytes = hello_page("").finish("");
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(page_text(&facts(case, read(case, bytes)), 1), "Hello");
}

#[test]
fn an_honest_xref_stream_reads() {
    let case = "xref stream control";
    let bytes = hello_page("").finish_with_xref_stream("/W [1 4 2]");
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(page_text(&facts(case, read(case, bytes)), 1), "Hello");
}

// ---------------------------------------------------------------------------------
// Nesting 100 000 deep

const DEEP: usize = 100_000;

fn deep_array() -> String {
    "[".repeat(DEEP) + &"]".repeat(DEEP)
}

fn deep_dict() -> String {
    "<< /A ".repeat(DEEP) + &">> ".repeat(DEEP)
}

/// Content that says "Hello", then hands `operand` to an operator.
fn hello_then(operand: &str, operator: &str) -> Vec<u8> {
    let mut content = HELLO.to_vec();
    content.extend(format!("\n{operand} {operator}\n").bytes());
    content
}

#[test]
fn arrays_nested_100k_deep_in_a_content_operand_stop_that_stream_only() {
    let case = "arrays 100k deep in content";
    let bytes = one_page_with("")
        .stream(4, "", &hello_then(&deep_array(), "TJ"))
        .finish("");
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(page_text(&facts(case, read(case, bytes)), 1), "Hello");
}

#[test]
fn dictionaries_nested_100k_deep_in_a_content_operand_stop_that_stream_only() {
    let case = "dictionaries 100k deep in content";
    let operand = format!("/Span {}", deep_dict());
    let bytes = one_page_with("")
        .stream(4, "", &hello_then(&operand, "BDC"))
        .finish("");
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(page_text(&facts(case, read(case, bytes)), 1), "Hello");
}

#[test]
fn arrays_nested_100k_deep_in_an_object_leave_the_page_readable() {
    let case = "arrays 100k deep in an object";
    let bytes = hello_page("/Annots 6 0 R")
        .object(6, deep_array())
        .finish("");
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(page_text(&facts(case, read(case, bytes)), 1), "Hello");
}

#[test]
fn dictionaries_nested_100k_deep_in_an_object_leave_the_page_readable() {
    let case = "dictionaries 100k deep in an object";
    let bytes = hello_page("/Annots [6 0 R]")
        .object(6, deep_dict())
        .finish("");
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(page_text(&facts(case, read(case, bytes)), 1), "Hello");
}

#[test]
fn arrays_nested_100k_deep_in_the_trailer_leave_the_page_readable() {
    let case = "arrays 100k deep in the trailer";
    let bytes = hello_page("").finish(&format!("/Deep {}", deep_array()));
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(page_text(&facts(case, read(case, bytes)), 1), "Hello");
}

#[test]
fn dictionaries_nested_100k_deep_in_the_trailer_leave_the_page_readable() {
    let case = "dictionaries 100k deep in the trailer";
    let bytes = hello_page("").finish(&format!("/Deep {}", deep_dict()));
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(page_text(&facts(case, read(case, bytes)), 1), "Hello");
}

// ---------------------------------------------------------------------------------
// Page-tree cycles

/// A one-page document whose root /Pages node has these /Kids (the page is 3 0 R) and
/// possibly a second node, 6 0 R.
fn kids_cycle(kids: &str, node_6: Option<&str>) -> Vec<u8> {
    let mut raw = RawPdf::new()
        .object(1, CATALOG)
        .object(2, format!("<< /Type /Pages /Kids {kids} /Count 2 >>"))
        .object(3, page_dict(""))
        .stream(4, "", HELLO)
        .object(5, HELVETICA);
    if let Some(node) = node_6 {
        raw = raw.object(6, node);
    }
    raw.finish("")
}

/// A page tree with a /Kids cycle before its page ends in a report that either reads the
/// page or says plainly that no page could be found. The page walk visits each object
/// once, so today it is the first.
#[track_caller]
fn assert_cycle_before_the_page_ends_plainly(case: &str, bytes: Vec<u8>) {
    let r = report(case, bytes);
    let c = format_check(case, &r);
    let plain = (c.status == Status::Pass && c.message == "PDF 1.7, 1 page")
        || (c.status == Status::Fail && c.message.contains("no readable pages"));
    assert!(plain, "{case}: got {} ({})", c.status.as_str(), c.message);
}

#[test]
fn a_pages_node_listing_itself_before_its_page_ends_plainly() {
    let case = "/Kids [itself, page]";
    assert_cycle_before_the_page_ends_plainly(case, kids_cycle("[2 0 R 3 0 R]", None));
}

#[test]
fn two_pages_nodes_listing_each_other_end_plainly() {
    let case = "/Kids cycle of two nodes";
    let node = "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>";
    assert_cycle_before_the_page_ends_plainly(case, kids_cycle("[6 0 R 3 0 R]", Some(node)));
}

#[test]
fn a_pages_node_listing_itself_after_its_page_terminates_with_a_report() {
    let case = "/Kids [page, itself]";
    let r = report(case, kids_cycle("[3 0 R 2 0 R]", None));
    let c = format_check(case, &r);
    assert_eq!(c.status, Status::Pass, "{case}: {}", c.message);
    // Bounded: at most one page per object in the file (see the ignored test below).
    assert!(r.document.pages <= 5, "{case}: {} pages", r.document.pages);
}

/// A walk that followed the cycle would meet the page again each time round (lopdf's did,
/// until it had taken as many steps as the file has objects: in a paper of 5 000 objects
/// up to 2 000 interpreted copies and a `page-limit` failure); each object counts once.
#[test]
fn a_pages_node_listing_itself_after_its_page_counts_the_page_once() {
    let case = "/Kids [page, itself], counted";
    assert_reads_one_page(case, &report(case, kids_cycle("[3 0 R 2 0 R]", None)));
}

#[test]
fn a_parent_cycle_above_a_page_without_a_media_box_gives_letter() {
    let case = "/Parent cycle";
    // The page inherits its /MediaBox, and its ancestors point at each other.
    let page =
        "<< /Type /Page /Parent 6 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>";
    let bytes = RawPdf::new()
        .object(1, CATALOG)
        .object(2, PAGES)
        .object(3, page)
        .stream(4, "", HELLO)
        .object(5, HELVETICA)
        .object(6, "<< /Type /Pages /Parent 7 0 R /Kids [3 0 R] /Count 1 >>")
        .object(7, "<< /Type /Pages /Parent 6 0 R /Kids [6 0 R] /Count 1 >>")
        .finish("");
    assert_reads_one_page(case, &report(case, bytes.clone()));
    let f = facts(case, read(case, bytes));
    let page = &f.pages[0];
    assert_eq!(
        (page.width_pt, page.height_pt),
        (612.0, 792.0),
        "{case}: the default page size applies"
    );
    assert_eq!(page_text(&f, 1), "Hello");
}

#[test]
fn a_page_that_is_its_own_parent_reads() {
    let case = "page is its own /Parent";
    let page =
        "<< /Type /Page /Parent 3 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>";
    let bytes = RawPdf::new()
        .object(1, CATALOG)
        .object(2, PAGES)
        .object(3, page)
        .stream(4, "", HELLO)
        .object(5, HELVETICA)
        .finish("");
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(page_text(&facts(case, read(case, bytes)), 1), "Hello");
}

#[test]
fn a_page_tree_ten_thousand_levels_deep_reads_its_page() {
    let case = "page tree 10k levels deep";
    // 2 → 6 → 7 → … → 10 005 → the page.
    const LEVELS: u32 = 10_000;
    let mut raw = RawPdf::new()
        .object(1, CATALOG)
        .object(2, "<< /Type /Pages /Kids [6 0 R] /Count 1 >>");
    for n in 6..6 + LEVELS {
        let kid = if n + 1 < 6 + LEVELS { n + 1 } else { 3 };
        raw = raw.object(
            n,
            format!(
                "<< /Type /Pages /Parent {} 0 R /Kids [{kid} 0 R] /Count 1 >>",
                n - 1
            ),
        );
    }
    let page = format!(
        "<< /Type /Page /Parent {} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        5 + LEVELS
    );
    let bytes = raw
        .object(3, page)
        .stream(4, "", HELLO)
        .object(5, HELVETICA)
        .finish("");
    // A chain of single kids is walked without a stack, so the page is found; the page's
    // inherited attributes are looked up only `Limits::depth` levels up.
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(page_text(&facts(case, read(case, bytes)), 1), "Hello");
}

// ---------------------------------------------------------------------------------
// Flate bombs

/// More than the default 64 MiB stream limit.
const BOMB_ZEROS: usize = 65 << 20;

#[test]
fn the_hand_made_flate_data_inflates_as_built() {
    let data = flate(b"BT ET", 100_000);
    let stream = Stream::new(dictionary! { "Filter" => "FlateDecode" }, data);
    let plain = stream
        .decompressed_content()
        .expect("the hand-made stream inflates");
    assert_eq!(plain.len(), 100_005);
    assert!(plain.starts_with(b"BT ET") && plain[5..].iter().all(|&b| b == 0));
}

#[test]
fn a_content_stream_inflating_past_64_mib_names_the_stream_limit() {
    let case = "flate bomb content, default limits";
    let bytes = one_page_with("")
        .stream(4, "/Filter /FlateDecode", &flate(b"", BOMB_ZEROS))
        .finish("");
    let limits = Limits::default();
    let f = facts(case, read_with(case, bytes.clone(), limits));
    assert_eq!(f.limits_reached, [(Limit::StreamBytes, Some(1))], "{case}");
    let r = report_with(case, bytes, limits);
    assert_format(
        case,
        &r,
        Status::Warn,
        "a stream decodes to more than 64 MB (page 1)",
    );
}

#[test]
fn a_content_stream_bomb_under_a_one_mib_limit_names_the_stream_limit() {
    let case = "flate bomb content, 1 MiB limit";
    let bytes = one_page_with("")
        .stream(4, "/Filter /FlateDecode", &flate(b"", BOMB_ZEROS))
        .finish("");
    let limits = Limits {
        stream_bytes: 1_000_000,
        ..Limits::default()
    };
    let f = facts(case, read_with(case, bytes.clone(), limits));
    assert_eq!(f.limits_reached, [(Limit::StreamBytes, Some(1))], "{case}");
    assert_format(
        case,
        &report_with(case, bytes, limits),
        Status::Warn,
        "a stream decodes to more than 1 MB (page 1)",
    );
}

#[test]
fn an_object_stream_bomb_refuses_the_file_naming_the_stream_limit() {
    let case = "flate bomb object stream";
    // The object stream holds the page tree's root (object 2), then inflates on and on.
    // Objects are read when needed, so the bomb goes off when the pages are looked for.
    let objstm = flate(
        b"2 0 << /Type /Pages /Kids [3 0 R] /Count 1 >> ",
        BOMB_ZEROS,
    );
    let dict = format!(
        "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {}",
        objstm.len()
    );
    let bytes = RawPdf::new()
        .object(1, CATALOG)
        .object(3, page_dict(""))
        .stream(4, "", HELLO)
        .object(5, HELVETICA)
        .object(7, stream_body(&dict, &objstm))
        .finish_with_xref_stream_listing(&[(2, 7, 0)], "/W [1 4 2]");
    let limits = Limits {
        stream_bytes: 1_000_000,
        ..Limits::default()
    };
    assert_eq!(
        read_with(case, bytes.clone(), limits).err(),
        Some(ReadError::LimitReached(Limit::StreamBytes)),
        "{case}"
    );
    let r = report_with(case, bytes, limits);
    assert_format(
        case,
        &r,
        Status::Fail,
        "the PDF could not be read: a stream decodes to more than 1 MB",
    );
}

#[test]
fn a_form_xobject_bomb_names_the_stream_limit() {
    let case = "flate bomb form XObject";
    let page = "/Resources << /XObject << /X1 6 0 R >> >>";
    let form = flate(b"", BOMB_ZEROS);
    let dict = format!(
        "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Filter /FlateDecode /Length {}",
        form.len()
    );
    let bytes = one_page_with(page)
        .stream(4, "", b"/X1 Do")
        .object(6, stream_body(&dict, &form))
        .finish("");
    let limits = Limits {
        stream_bytes: 1_000_000,
        ..Limits::default()
    };
    let f = facts(case, read_with(case, bytes.clone(), limits));
    assert_eq!(f.limits_reached, [(Limit::StreamBytes, Some(1))], "{case}");
    assert_format(
        case,
        &report_with(case, bytes, limits),
        Status::Warn,
        "a stream decodes to more than 1 MB (page 1)",
    );
}

/// "Hello" in Helvetica whose /ToUnicode CMap is a flate bomb.
fn to_unicode_bomb_pdf() -> Vec<u8> {
    let cmap = flate(b"", BOMB_ZEROS);
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>";
    RawPdf::new()
        .object(1, CATALOG)
        .object(2, PAGES)
        .object(3, page_dict(""))
        .stream(4, "", HELLO)
        .object(5, font)
        .object(
            6,
            stream_body(
                &format!("/Filter /FlateDecode /Length {}", cmap.len()),
                &cmap,
            ),
        )
        .finish("")
}

#[test]
fn a_to_unicode_bomb_leaves_the_text_readable() {
    let case = "flate bomb ToUnicode";
    let bytes = to_unicode_bomb_pdf();
    let limits = Limits {
        stream_bytes: 1_000_000,
        ..Limits::default()
    };
    // The CMap is dropped and the font's own encoding gives the text; the limit is named.
    assert_eq!(
        page_text(&facts(case, read_with(case, bytes.clone(), limits)), 1),
        "Hello"
    );
    assert_format(
        case,
        &report_with(case, bytes, limits),
        Status::Warn,
        "a stream decodes to more than 1 MB (page 1)",
    );
}

/// A font whose text needs its CMap (a Type 0 font, say) would read as nothing, with no
/// word of why: the stream limit should be named as it is for content streams.
#[test]
fn a_to_unicode_bomb_names_the_stream_limit() {
    let case = "flate bomb ToUnicode, named";
    let bytes = to_unicode_bomb_pdf();
    let limits = Limits {
        stream_bytes: 1_000_000,
        ..Limits::default()
    };
    let f = facts(case, read_with(case, bytes, limits));
    assert!(
        f.limits_reached
            .iter()
            .any(|&(l, _)| l == Limit::StreamBytes),
        "{case}: {:?}",
        f.limits_reached
    );
}

// ---------------------------------------------------------------------------------
// /Length lies

/// The page's content with its /Length written as `length`, and an object after it so
/// that a /Length too long runs into it.
fn length_lie(length: &str) -> Vec<u8> {
    let content = stream_body(&format!("/Length {length}"), HELLO);
    one_page_with("")
        .object(4, content)
        .object(6, "<< /Filler (after the content) >>")
        .finish("")
}

fn assert_length_lie_reads(case: &str, length: &str) {
    let bytes = length_lie(length);
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(
        page_text(&facts(case, read(case, bytes)), 1),
        "Hello",
        "{case}"
    );
}

#[test]
fn a_length_too_long_still_finds_endstream() {
    assert_length_lie_reads("/Length too long", &(HELLO.len() + 1000).to_string());
}

#[test]
fn a_length_past_the_end_of_the_file_still_finds_endstream() {
    assert_length_lie_reads("/Length past end of file", "10000000");
}

#[test]
fn a_length_too_short_still_finds_endstream() {
    assert_length_lie_reads("/Length too short", "5");
}

#[test]
fn a_zero_length_still_finds_endstream() {
    assert_length_lie_reads("/Length zero", "0");
}

/// Digits past i64 are a real (Annex C.1), so /Length is no integer and is recovered
/// like any other lie, by finding `endstream` (issue 11: the page used to read blank
/// and pass).
#[test]
fn a_length_past_i64_still_finds_endstream() {
    assert_length_lie_reads("/Length past i64", "99999999999999999999999");
}

/// `1e30` is no PDF number: the value is null and the stream is found by `endstream`.
#[test]
fn a_length_of_1e30_still_finds_endstream() {
    assert_length_lie_reads("/Length 1e30", "1e30");
}

/// A harmless key with an absurd value does not hide the content stream: the text is
/// read and judged (issue 11, item 6).
#[test]
fn an_integer_past_i64_in_a_harmless_key_keeps_the_content() {
    let case = "a key of 10^23";
    let content = stream_body(
        &format!("/Harmless 99999999999999999999999 /Length {}", HELLO.len()),
        HELLO,
    );
    let bytes = one_page_with("").object(4, content).finish("");
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(
        page_text(&facts(case, read(case, bytes)), 1),
        "Hello",
        "{case}"
    );
}

#[test]
fn a_length_referring_to_a_missing_object_still_finds_endstream() {
    assert_length_lie_reads("/Length refers to nothing", "99 0 R");
}

#[test]
fn a_negative_length_still_finds_endstream() {
    assert_length_lie_reads("/Length negative, recovered", "-5");
}

#[test]
fn the_largest_i64_length_still_finds_endstream() {
    assert_length_lie_reads("/Length i64::MAX", "9223372036854775807");
}

// ---------------------------------------------------------------------------------
// Cross-reference streams with absurd /W and /Index

fn assert_absurd_xref_stream_reads(case: &str, w_and_index: &str) {
    let bytes = hello_page("").finish_with_xref_stream(w_and_index);
    // The stream cannot be believed, so the objects are found by scanning the file.
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(
        page_text(&facts(case, read(case, bytes)), 1),
        "Hello",
        "{case}"
    );
}

#[test]
fn xref_stream_w_of_99999_bytes_per_field() {
    assert_absurd_xref_stream_reads("/W [0 99999 0]", "/W [0 99999 0]");
}

#[test]
fn xref_stream_w_with_two_fields() {
    assert_absurd_xref_stream_reads("/W [1 2]", "/W [1 2]");
}

#[test]
fn xref_stream_w_negative() {
    assert_absurd_xref_stream_reads("/W [1 -4 2]", "/W [1 -4 2]");
}

#[test]
fn xref_stream_w_of_u32_max() {
    assert_absurd_xref_stream_reads("/W [1 4294967295 2]", "/W [1 4294967295 2]");
}

#[test]
fn xref_stream_w_all_zero() {
    assert_absurd_xref_stream_reads("/W [0 0 0]", "/W [0 0 0]");
}

#[test]
fn xref_stream_index_of_u32_max_entries() {
    assert_absurd_xref_stream_reads("/Index [0 4294967295]", "/W [1 4 2] /Index [0 4294967295]");
}

#[test]
fn xref_stream_index_of_odd_length() {
    assert_absurd_xref_stream_reads("/Index [0]", "/W [1 4 2] /Index [0]");
}

#[test]
fn xref_stream_index_negative() {
    assert_absurd_xref_stream_reads("/Index [-5 10]", "/W [1 4 2] /Index [-5 10]");
}

#[test]
fn xref_stream_index_starting_near_u32_max() {
    assert_absurd_xref_stream_reads(
        "/Index [4294967290 10]",
        "/W [1 4 2] /Index [4294967290 10]",
    );
}

#[test]
fn xref_stream_index_of_many_sections() {
    let index = format!("/W [1 4 2] /Index [{}]", "0 1000000 ".repeat(10_000));
    assert_absurd_xref_stream_reads("/Index of 10 000 sections", &index);
}

// ---------------------------------------------------------------------------------
// Five million operators on one page (the default limit is four million)

#[test]
fn five_million_operators_on_a_page_name_the_operator_limit() {
    let case = "5 million operators";
    let content = "0 0 m\n".repeat(5_000_000);
    let bytes = one_page_with("")
        .stream(4, "", content.as_bytes())
        .finish("");
    let limits = Limits::default();
    let r = report_with(case, bytes, limits);
    let named = format!("{} (page 1)", Limit::OperatorsPerPage.describe(&limits));
    assert_format(case, &r, Status::Warn, &named);
}

// ---------------------------------------------------------------------------------
// Truncations and byte changes of fixtures

/// What each truncation's file-format check said, for the failure message.
fn truncation_outcomes(name: &str) -> Vec<String> {
    let bytes = fixture(name);
    let mut problems = Vec::new();
    for sixteenth in 0..16 {
        let cut = bytes.len() * sixteenth / 16;
        let case = format!("{name} cut at {sixteenth}/16 ({cut} bytes)");
        let r = report(&case, bytes[..cut].to_vec());
        let c = format_check(&case, &r);
        let expected = match sixteenth {
            // Nothing, not even the header, is left.
            0 => c.status == Status::Fail && c.message == "this is not a PDF file",
            // The rest either reads (repaired) or fails saying why.
            _ => match c.status {
                Status::Pass | Status::Warn => c.message.starts_with("PDF 1."),
                Status::Fail => {
                    c.message.contains("damaged") || c.message.contains("no readable pages")
                }
                Status::Skip => false,
            },
        };
        println!("{case}: {} ({})", c.status.as_str(), c.message);
        if !expected {
            problems.push(format!("{case}: {} ({})", c.status.as_str(), c.message));
        }
    }
    problems
}

#[test]
fn every_sixteenth_of_ok_final_gets_a_report() {
    let problems = truncation_outcomes("ok_final.pdf");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_sixteenth_of_ok_objstreams_gets_a_report() {
    let problems = truncation_outcomes("ok_objstreams.pdf");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Cut just before `startxref`: every object is there, the cross-reference data that
/// leads to them is not, and the file is rebuilt by scanning.
#[test]
fn a_fixture_cut_before_startxref_is_rebuilt_and_reads_every_page() {
    for name in ["ok_final.pdf", "ok_objstreams.pdf"] {
        let bytes = fixture(name);
        let cut = bytes
            .windows(9)
            .rposition(|w| w == b"startxref")
            .expect("the fixture has startxref");
        let case = format!("{name} cut before startxref");
        assert_format(
            &case,
            &report(&case, bytes[..cut].to_vec()),
            Status::Pass,
            "PDF 1.5, 5 pages",
        );
    }
}

#[test]
fn two_hundred_seeded_variants_of_ok_final_each_get_a_report() {
    let original = fixture("ok_final.pdf");
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut problems = Vec::new();
    let mut outcomes = std::collections::BTreeMap::new();
    for variant in 0..200 {
        let mut bytes = original.clone();
        let changes = 1 + rng.below(20);
        let mut at = Vec::new();
        for _ in 0..changes {
            let i = rng.below(bytes.len());
            bytes[i] ^= (1 + rng.below(255)) as u8;
            at.push(i);
        }
        let case = format!("ok_final.pdf variant {variant} (bytes changed at {at:?})");
        let r = report(&case, bytes);
        let c = format_check(&case, &r);
        *outcomes.entry(c.status.as_str()).or_insert(0) += 1;
        if c.message.is_empty() || c.status == Status::Skip {
            problems.push(format!("{case}: {} ({})", c.status.as_str(), c.message));
        }
    }
    println!("200 variants of ok_final.pdf, file-format: {outcomes:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------
// Odd files and absurd values

#[test]
fn empty_input_is_not_a_pdf() {
    let case = "empty input";
    assert_format(
        case,
        &report(case, Vec::new()),
        Status::Fail,
        "this is not a PDF file",
    );
}

#[test]
fn a_lone_header_is_a_damaged_pdf() {
    let case = "lone %PDF-1.7";
    assert_format(
        case,
        &report(case, b"%PDF-1.7".to_vec()),
        Status::Fail,
        "the PDF is damaged and cannot be read",
    );
}

#[test]
fn a_header_then_10_mb_of_garbage_is_a_damaged_pdf() {
    let case = "%PDF-1.7 then 10 MB of garbage";
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut bytes = b"%PDF-1.7\n".to_vec();
    while bytes.len() < 10_000_000 {
        bytes.extend_from_slice(&rng.next().to_le_bytes());
    }
    assert_format(
        case,
        &report(case, bytes),
        Status::Fail,
        "the PDF is damaged and cannot be read",
    );
}

#[test]
fn a_huge_declared_page_count_reads_the_pages_there_are() {
    let case = "/Count 2147483647";
    let bytes = RawPdf::new()
        .object(1, CATALOG)
        .object(2, "<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>")
        .object(3, page_dict(""))
        .stream(4, "", HELLO)
        .object(5, HELVETICA)
        .finish("");
    assert_reads_one_page(case, &report(case, bytes));
}

#[test]
fn more_pages_than_the_page_limit_name_the_page_limit() {
    let case = "12 pages, page limit 5";
    let mut b = common::PdfBuilder::new();
    for _ in 0..12 {
        b = b.page(common::PageSpec::new("0 0 10 10 re f"));
    }
    let bytes = b.build();
    let limits = Limits {
        pages: 5,
        ..Limits::default()
    };
    let f = facts(case, read_with(case, bytes.clone(), limits));
    assert_eq!((f.page_count, f.pages.len()), (12, 5), "{case}");
    assert_eq!(f.limits_reached, [(Limit::Pages, Some(5))], "{case}");
    let r = report_with(case, bytes, limits);
    assert_format(
        case,
        &r,
        Status::Warn,
        "PDF 1.7, 12 pages; read only in part: the document has more than 5 pages; pages after 5 were counted, not read",
    );
    assert_eq!(
        r.document.page_sizes.len(),
        5,
        "{case}: sizes of the pages read"
    );
}

/// A one-page document whose page has this /MediaBox.
fn media_box_pdf(media_box: &str) -> Vec<u8> {
    let page = format!(
        "<< /Type /Page /Parent 2 0 R /MediaBox {media_box} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
    );
    RawPdf::new()
        .object(1, CATALOG)
        .object(2, PAGES)
        .object(3, page)
        .stream(4, "", HELLO)
        .object(5, HELVETICA)
        .finish("")
}

/// A page with this /MediaBox reads, with a finite and positive size, which it returns.
fn assert_media_box_reads(case: &str, media_box: &str) -> (f64, f64) {
    let bytes = media_box_pdf(media_box);
    assert_reads_one_page(case, &report(case, bytes.clone()));
    let f = facts(case, read(case, bytes));
    let p = f
        .pages
        .first()
        .unwrap_or_else(|| panic!("{case}: page 1 was not read"));
    assert!(
        p.width_pt.is_finite() && p.height_pt.is_finite() && p.width_pt > 0.0 && p.height_pt > 0.0,
        "{case}: page size {} × {}",
        p.width_pt,
        p.height_pt
    );
    assert_eq!(page_text(&f, 1), "Hello", "{case}");
    (p.width_pt, p.height_pt)
}

#[test]
fn a_media_box_of_reals_past_f32_gives_letter() {
    // Reals past the ±3.403 × 10^38 a reader must take (ISO 32000-1 Annex C.2) are
    // read as no number at all.
    let huge = format!("1{}.0", "0".repeat(308));
    let size = assert_media_box_reads(
        "/MediaBox of 309-digit reals",
        &format!("[0 0 {huge} {huge}]"),
    );
    assert_eq!(size, (612.0, 792.0));
}

#[test]
fn a_media_box_of_huge_integers_gives_a_huge_finite_page() {
    let size = assert_media_box_reads(
        "/MediaBox of 10^15",
        "[0 0 1000000000000000 1000000000000000]",
    );
    assert_eq!(size, (1e15, 1e15));
}

#[test]
fn a_media_box_with_negative_sizes_is_normalised() {
    let size = assert_media_box_reads("/MediaBox with negative sizes", "[0 0 -612 -792]");
    assert_eq!(size, (612.0, 792.0));
}

#[test]
fn a_media_box_of_zero_size_gives_letter() {
    let size = assert_media_box_reads("/MediaBox of zero size", "[0 0 0 0]");
    assert_eq!(size, (612.0, 792.0));
}

#[test]
fn a_media_box_of_three_numbers_gives_letter() {
    let size = assert_media_box_reads("/MediaBox of three numbers", "[0 0 612]");
    assert_eq!(size, (612.0, 792.0));
}

/// `NaN`, `1e308` and a 310-digit integer are not PDF numbers (ISO 32000-1 §7.3.3): the
/// page dictionary cannot be parsed at all, and the page tree still lists the page. The
/// page is counted, named as unreadable in file-format (a warning), and page-size speaks
/// only of the pages read.
#[track_caller]
fn assert_unparseable_page_gets_a_report(case: &str, media_box: &str) {
    let r = report(case, media_box_pdf(media_box));
    assert_format(case, &r, Status::Warn, "page 1 could not be read");
    assert_eq!(
        (r.document.pages, r.document.page_sizes.len()),
        (1, 0),
        "{case}: page 1 is not read"
    );
    let size = r
        .check("page-size")
        .map(|c| c.message.clone())
        .unwrap_or_default();
    assert!(size.contains("every page read"), "{case}: {size}");
}

#[test]
fn a_media_box_of_nan_makes_the_page_unreadable_and_still_gets_a_report() {
    assert_unparseable_page_gets_a_report("/MediaBox with NaN", "[0 0 NaN NaN]");
}

#[test]
fn a_media_box_of_1e308_makes_the_page_unreadable_and_still_gets_a_report() {
    assert_unparseable_page_gets_a_report("/MediaBox with 1e308", "[0 0 1e308 1e308]");
}

#[test]
fn a_media_box_of_310_digit_integers_makes_the_page_unreadable_and_still_gets_a_report() {
    // 10^309 is past the largest f64: no number, even as a real.
    let huge = format!("1{}", "0".repeat(309));
    assert_unparseable_page_gets_a_report(
        "/MediaBox of 310-digit integers",
        &format!("[0 0 {huge} {huge}]"),
    );
}

#[test]
fn an_unparseable_page_is_named_in_the_file_format_check() {
    let case = "/MediaBox with NaN, named";
    let r = report(case, media_box_pdf("[0 0 NaN NaN]"));
    assert_format(case, &r, Status::Warn, "page 1");
}

#[test]
fn a_font_with_a_million_widths_reads() {
    let case = "/Widths of 10^6 entries";
    let widths = "500 ".repeat(1_000_000);
    let font = format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /LastChar 999999 /Widths [{widths}] >>"
    );
    let bytes = one_page_with("")
        .stream(4, "", HELLO)
        .object(5, font)
        .finish("");
    assert_reads_one_page(case, &report(case, bytes.clone()));
    assert_eq!(
        page_text(&facts(case, read(case, bytes)), 1),
        "Hello",
        "{case}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_by_name() {
    let case = "file over file_bytes";
    let bytes = hello_page("").finish("");
    let limits = Limits {
        file_bytes: 100,
        ..Limits::default()
    };
    let r = report_with(case, bytes, limits);
    assert_format(
        case,
        &r,
        Status::Fail,
        "the PDF could not be read: the file is larger than",
    );
}

/// An object that is not a stream where the page's content should be: no text, no
/// panic, and the page is named as not read rather than passing as blank.
#[test]
fn contents_that_are_not_a_stream_are_named_as_not_read() {
    let case = "/Contents is a number";
    let bytes = one_page_with("").object(4, "42").finish("");
    let r = report(case, bytes.clone());
    assert_format(
        case,
        &r,
        Status::Warn,
        "the content of page 1 could not be read",
    );
    assert_eq!(page_text(&facts(case, read(case, bytes)), 1), "", "{case}");
}

/// Content whose filter precheck does not decode (an image filter on a content
/// stream) is named too.
#[test]
fn content_in_an_undecodable_filter_is_named_as_not_read() {
    let case = "/Contents with /DCTDecode";
    let content = stream_body(
        &format!("/Filter /DCTDecode /Length {}", HELLO.len()),
        HELLO,
    );
    let bytes = one_page_with("").object(4, content).finish("");
    assert_format(
        case,
        &report(case, bytes),
        Status::Warn,
        "the content of page 1 could not be read",
    );
}

// ---------------------------------------------------------------------------------
// Document budgets (issue 11): work bounded for the whole document, however it is
// split into pages, streams and objects. Each case is what an attacker would send,
// and each asserts the report an author or organizer gets and the work it cost
// (`DocumentFacts::work`, a deterministic stand-in for time).

const FONT_ONLY: &str = "<< /Font << /F1 5 0 R >> >>";

/// `[(a)-400 (a)-400 …] TJ` arrays: every glyph a span of its own.
fn separate_glyphs(per_array: usize, arrays: usize) -> Vec<u8> {
    let one = format!("[{}] TJ\n", "(a)-400 ".repeat(per_array));
    format!("BT /F1 10 Tf 72 720 Td\n{}ET", one.repeat(arrays)).into_bytes()
}

fn json_len(r: &Report) -> usize {
    serde_json::to_string(r).expect("a report serializes").len()
}

#[test]
fn two_thousand_pages_of_separate_glyphs_stop_at_the_spans_budget() {
    let case = "2000 pages x 200k spans";
    // 200 000 separate glyphs a page, one shared content stream (issue 11, case 1).
    let content = separate_glyphs(2000, 100);
    let bytes = pages_sharing(
        2000,
        0,
        FONT_ONLY,
        RawPdf::new().stream(4, "", &content).object(5, HELVETICA),
    );
    let f = facts(case, read(case, bytes.clone()));
    let spans_total = Limits::default().spans_total;
    assert_eq!(f.work.spans, spans_total, "{case}: spans kept");
    // The glyphs shown past the spans budget are not: the reading ended there.
    assert!(f.work.glyphs < 3 * 200_000, "{case}: {:?}", f.work);
    let stopped = f
        .limits_reached
        .iter()
        .find(|(l, _)| *l == Limit::SpansTotal);
    assert_eq!(
        stopped,
        Some(&(Limit::SpansTotal, Some(3))),
        "{case}: {:?}",
        f.limits_reached
    );
    // Every page is measured; pages after the budget hold no text.
    assert_eq!(f.pages.len(), 2000);
    assert!(f.pages.iter().skip(3).all(|p| p.spans.is_empty()), "{case}");
    let r = report(case, bytes);
    assert_format(
        case,
        &r,
        Status::Warn,
        "read only in part: the document has more than 500,000 separate pieces of text (page 3); the rest of the document was not read",
    );
    assert!(
        json_len(&r) < 600_000,
        "{case}: report of {} bytes",
        json_len(&r)
    );
}

#[test]
fn a_hundred_thousand_declared_pages_keep_two_thousand_and_list_a_hundred_findings() {
    let case = "/Kids of 100k <<>>";
    let bytes = pages_sharing(0, 100_000, FONT_ONLY, RawPdf::new());
    let r = report(case, bytes);
    assert_eq!(r.document.pages, 100_000, "{case}");
    assert_eq!(
        r.document.page_sizes.len(),
        2000,
        "{case}: sizes of the pages read"
    );
    assert_eq!(r.document.text_blocks.len(), 2000, "{case}");
    assert_format(
        case,
        &r,
        Status::Warn,
        "PDF 1.7, 100,000 pages; read only in part: the document has more than 2,000 pages; pages after 2,000 were counted, not read",
    );
    let limit = r.check("page-limit").expect("page-limit");
    assert_eq!(limit.findings.len(), 101, "{case}");
    assert_eq!(
        limit.findings.last().and_then(|f| f.note.as_deref()),
        Some("and 99,896 more pages"),
        "{case}"
    );
    let json: serde_json::Value = serde_json::to_value(&r).expect("serializes");
    let page_limit = json["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["id"] == "page-limit"));
    assert_eq!(
        page_limit.map(|c| c["unlisted"].clone()),
        Some(99_896.into()),
        "{case}"
    );
    // The checks of the pages' content say they saw part of the document.
    let margins = r
        .check("margins")
        .map(|c| c.message.clone())
        .unwrap_or_default();
    assert!(
        margins.ends_with("; judged on what was read (see Readable PDF)"),
        "{case}: {margins}"
    );
    // Was 9.6 MB: one finding per page.
    assert!(
        json_len(&r) < 300_000,
        "{case}: report of {} bytes",
        json_len(&r)
    );
}

#[test]
fn a_million_inline_kids_are_refused_by_the_value_budget() {
    let case = "/Kids of 1M <<>>";
    let bytes = pages_sharing(0, 1_000_000, FONT_ONLY, RawPdf::new());
    let r = report(case, bytes);
    assert_format(
        case,
        &r,
        Status::Fail,
        "the PDF could not be read: the file's objects hold more than 2,000,000 values",
    );
}

#[test]
fn a_form_past_the_stream_limit_painted_100k_times_is_inflated_once() {
    let case = "65 MB form painted 100k times";
    // Issue 11, case 4: a stream over 1 MiB was inflated again on every use.
    let page = "/Fm1 Do\n".repeat(100_000);
    let bytes = pages_sharing(
        1,
        0,
        "<< /XObject << /Fm1 6 0 R >> >>",
        RawPdf::new().stream(4, "", page.as_bytes()).stream(
            6,
            "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Filter /FlateDecode",
            &flate(b"0 0 m ", BOMB_ZEROS),
        ),
    );
    let f = facts(case, read(case, bytes.clone()));
    assert!(
        f.work.decoded_bytes <= Limits::default().stream_bytes as u64 + 1_000_000,
        "{case}: decoded {} bytes",
        f.work.decoded_bytes
    );
    assert_eq!(f.limits_reached, [(Limit::StreamBytes, Some(1))], "{case}");
    assert_format(
        case,
        &report(case, bytes),
        Status::Warn,
        "read only in part: a stream decodes to more than 64 MB (page 1); it was left out",
    );
}

#[test]
fn a_large_form_painted_again_and_again_stops_at_the_decoding_budget() {
    let case = "2 MB form painted 1000 times, 20 MB budget";
    // Too big for the decode cache (1 MiB), under the stream limit: each painting
    // inflates it again, so the document's decoding budget is what ends it.
    let page = "/Fm1 Do\n".repeat(1000);
    let bytes = pages_sharing(
        3,
        0,
        "<< /XObject << /Fm1 6 0 R >> >>",
        RawPdf::new().stream(4, "", page.as_bytes()).stream(
            6,
            "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Filter /FlateDecode",
            &flate(b"0 0 m 1 1 l S ", 2_000_000),
        ),
    );
    let limits = Limits {
        decoded_bytes: 20_000_000,
        ..Limits::default()
    };
    let f = facts(case, read_with(case, bytes.clone(), limits));
    assert!(f.work.decoded_bytes <= 22_000_000, "{case}: {:?}", f.work);
    assert_eq!(f.limits_reached, [(Limit::DecodedBytes, Some(1))], "{case}");
    assert_format(
        case,
        &report_with(case, bytes, limits),
        Status::Warn,
        "the document's streams decode to more than 20 MB in all (page 1); the rest of the document was not read",
    );
}

/// Ten pages, each showing `text` in Helvetica and painting `paths` small squares.
fn ten_pages(text: &str, paths: usize) -> Vec<u8> {
    let squares = "100 100 5 5 re f\n".repeat(paths);
    let content = format!("BT /F1 10 Tf 110 700 Td ({text}) Tj ET\n{squares}");
    pages_sharing(
        10,
        0,
        FONT_ONLY,
        RawPdf::new()
            .stream(4, "", content.as_bytes())
            .object(5, HELVETICA),
    )
}

#[test]
fn the_glyphs_budget_ends_the_reading_on_the_page_that_reaches_it() {
    let case = "glyphs_total 100, 40 a page";
    let limits = Limits {
        glyphs_total: 100,
        ..Limits::default()
    };
    let f = facts(case, read_with(case, ten_pages(&"a".repeat(40), 0), limits));
    assert_eq!(f.work.glyphs, 101, "{case}");
    assert_eq!(f.limits_reached, [(Limit::GlyphsTotal, Some(3))], "{case}");
    // Page 3 keeps the 20 glyphs shown before the budget ran out, as one span.
    let text: Vec<u32> = f
        .pages
        .iter()
        .map(|p| p.spans.iter().map(|s| s.glyphs).sum())
        .collect();
    assert_eq!(text, [40, 40, 20, 0, 0, 0, 0, 0, 0, 0], "{case}");
    assert_eq!(f.pages.len(), 10, "{case}: every page is still measured");
}

#[test]
fn the_shapes_budget_ends_the_reading() {
    let case = "shapes_total 25, 10 a page";
    let limits = Limits {
        shapes_total: 25,
        ..Limits::default()
    };
    let f = facts(case, read_with(case, ten_pages("x", 10), limits));
    assert_eq!(f.work.shapes, 25, "{case}");
    assert_eq!(f.limits_reached, [(Limit::ShapesTotal, Some(3))], "{case}");
    let shapes: Vec<usize> = f.pages.iter().map(|p| p.paths.len()).collect();
    assert_eq!(shapes, [10, 10, 5, 0, 0, 0, 0, 0, 0, 0], "{case}");
}

#[test]
fn the_operators_budget_ends_the_reading_for_the_rest_of_the_document() {
    let case = "operators_total 25, 13 a page";
    let limits = Limits {
        operators_total: 25,
        ..Limits::default()
    };
    let r = report_with(case, ten_pages("x", 10), limits);
    assert_format(
        case,
        &r,
        Status::Warn,
        "the document has more than 25 drawing operators (page 2); the rest of the document was not read",
    );
}

#[test]
fn fonts_past_the_fonts_limit_are_named_and_their_text_left_out() {
    let case = "fonts 2, 4 declared";
    let fonts: String = (1..=4).map(|i| format!("/F{i} 5 0 R ")).collect();
    let distinct = RawPdf::new()
        .object(1, CATALOG)
        .object(2, PAGES)
        .object(
            3,
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << {} >> >> /Contents 4 0 R >>",
                (1..=4).map(|i| format!("/F{i} {} 0 R ", 5 + i)).collect::<String>()),
        )
        .stream(4, "", b"BT /F1 10 Tf 110 700 Td (one) Tj /F4 10 Tf (four) Tj ET")
        .object(6, "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>")
        .object(7, "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold >>")
        .object(8, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        .object(9, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")
        .finish("");
    let _ = fonts;
    let limits = Limits {
        fonts: 2,
        ..Limits::default()
    };
    let f = facts(case, read_with(case, distinct.clone(), limits));
    assert_eq!(f.fonts.len(), 2, "{case}: {:?}", f.fonts);
    assert_eq!(page_text(&f, 1), "one", "{case}");
    assert_format(
        case,
        &report_with(case, distinct, limits),
        Status::Warn,
        "the document uses more than 2 fonts (page 1); text in the others was left out",
    );
}

#[test]
fn findings_past_the_limit_are_summed_up_and_the_report_kept_under_its_size() {
    let case = "findings 3, report 4 kB";
    // Ten pages with text far outside the block: ten margin findings.
    let content = "BT /F1 10 Tf 10 700 Td (outside the block) Tj ET";
    let bytes = pages_sharing(
        10,
        0,
        FONT_ONLY,
        RawPdf::new()
            .stream(4, "", content.as_bytes())
            .object(5, HELVETICA),
    );
    let limits = Limits {
        findings_per_check: 3,
        ..Limits::default()
    };
    let r = report_with(case, bytes.clone(), limits);
    let notes = |r: &Report| -> Vec<String> {
        let m = r.check("margins").expect("margins");
        m.findings
            .iter()
            .map(|f| f.note.clone().unwrap_or_default())
            .collect()
    };
    let margins = notes(&r);
    assert_eq!(margins.len(), 4, "{case}: {margins:?}");
    assert_eq!(
        margins[3], "and 7 more places outside the text block",
        "{case}"
    );
    // A report budget smaller than the report lists fewer findings and says so.
    let tight = Limits {
        report_bytes: json_len(&r) - 200,
        ..limits
    };
    let small = report_with(case, bytes, tight);
    assert!(
        json_len(&small) <= tight.report_bytes,
        "{case}: {}",
        json_len(&small)
    );
    assert!(
        notes(&small).last().is_some_and(|n| n.starts_with("and ")),
        "{case}"
    );
    // Nothing was left unread, so the check still passes, and says why less is listed.
    assert_format(
        case,
        &small,
        Status::Pass,
        "; the report would be larger than",
    );
}

#[test]
fn predictor_rows_claiming_a_gigabyte_read_as_the_data_they_hold() {
    let case = "100 streams, /Columns 16M x 32 colours x 16 bits";
    // Issue 11, case 5: each row claimed 1 GiB and was rewritten per row.
    let mut pdf = RawPdf::new()
        .object(1, CATALOG)
        .object(2, PAGES)
        .object(
            3,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents [{}] >>",
                (0..100).map(|i| format!("{} 0 R ", 100 + i)).collect::<String>()
            ),
        )
        .object(5, HELVETICA);
    // PNG "None" rows (tag 0) over the content, so it reads as written.
    let mut rows = vec![0u8];
    rows.extend_from_slice(HELLO);
    for i in 0..100 {
        pdf = pdf.stream(
            100 + i,
            "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 16777216 /Colors 32 /BitsPerComponent 16 >>",
            &flate(&rows, 0),
        );
    }
    let bytes = pdf.finish("");
    let f = facts(case, read(case, bytes.clone()));
    assert_eq!(page_text(&f, 1).matches("Hello").count(), 100, "{case}");
    assert_reads_one_page(case, &report(case, bytes));
}
