//! The command line (SPEC §6) driven as a user drives it: the real binary, real fixture
//! files, exit statuses 0 / 1 / 2, text, JSON and JSON lines output.

mod common;

use common::{PageSpec, PdfBuilder, Resources};
use lopdf::dictionary;
use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use precheck::CheckId;

/// Every check id as written, in report order.
fn all_ids() -> Vec<&'static str> {
    CheckId::ALL.iter().map(|c| c.as_str()).collect()
}

const FIX: &str = "tests/fixtures";

fn fixture(name: &str) -> String {
    format!("{FIX}/{name}")
}

/// Runs the binary from the crate root (so fixture paths are relative, as a user types
/// them), with `stdin` piped in when given.
fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_precheck"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("the binary starts");
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(text).expect("write stdin");
        // Dropping the pipe closes it, so the binary sees end of input.
    }
    child.wait_with_output().expect("the binary finishes")
}

fn run(args: &[&str]) -> Output {
    run_with_stdin(args, None)
}

fn code(out: &Output) -> i32 {
    out.status
        .code()
        .expect("the binary exited (not killed by a signal)")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn describe(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        stdout(out),
        stderr(out)
    )
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&stdout(out))
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", describe(out)))
}

fn check<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .expect("checks is an array")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check `{id}` in {report}"))
}

fn status<'a>(report: &'a Value, id: &str) -> &'a str {
    check(report, id)["status"]
        .as_str()
        .expect("status is a string")
}

fn ids(report: &Value) -> Vec<&str> {
    report["checks"]
        .as_array()
        .expect("checks is an array")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect()
}

/// A fresh directory for one test's files.
fn temp_dir(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

/// The built-in default profile as JSON, to be edited into a custom one.
fn default_profile_json() -> Value {
    let profile = precheck::profile::builtin("snn-2022").expect("snn-2022 is built in");
    let text = serde_json::to_string(&profile).expect("a profile serialises");
    serde_json::from_str(&text).expect("and parses back")
}

// ---------------------------------------------------------------- text output

#[test]
fn a_good_final_paper_exits_0_and_the_text_report_names_every_check() {
    let out = run(&[
        &fixture("ok_final.pdf"),
        "--abstract",
        &fixture("ok_final.abstract.txt"),
        "--first-public",
        "2022-03-01",
    ]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let text = stdout(&out);
    let first = text.lines().next().expect("a first line");
    assert!(
        first.contains("ok_final.pdf"),
        "the first line names the file: {first}"
    );
    assert!(
        first.contains("PASS") || first.contains("WARN"),
        "the first line gives a non-failing verdict: {first}"
    );
    assert!(!first.contains("FAIL"), "{first}");
    for id in all_ids() {
        assert!(text.contains(id), "the text report lacks `{id}`:\n{text}");
    }
    assert!(stderr(&out).is_empty(), "{}", describe(&out));
}

#[test]
fn text_output_of_a_failing_paper_says_fail_and_exits_1() {
    let out = run(&[&fixture("margins_narrow.pdf")]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let text = stdout(&out);
    let first = text.lines().next().expect("a first line");
    assert!(first.contains("FAIL"), "{first}");
    assert!(
        text.lines()
            .any(|l| l.contains("FAIL") && l.contains("margins")),
        "{text}"
    );
}

// ---------------------------------------------------------------- JSON output

#[test]
fn json_report_has_the_documented_shape() {
    let out = run(&[&fixture("margins_narrow.pdf"), "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let r = json(&out);
    assert_eq!(r["schema"], 1);
    assert_eq!(r["profile"], "snn-2022");
    assert_eq!(r["kind"], "paper");
    assert_eq!(r["verdict"], "fail");
    assert_eq!(r["file"], fixture("margins_narrow.pdf"));
    assert_eq!(ids(&r), all_ids(), "checks in the order of SPEC §3");

    let doc = &r["document"];
    for key in [
        "bytes",
        "pdfVersion",
        "pages",
        "contentPages",
        "pageSizes",
        "fonts",
        "info",
    ] {
        assert!(doc.get(key).is_some(), "document lacks `{key}`: {doc}");
    }
    for snake in ["pdf_version", "page_sizes", "content_pages", "body_font"] {
        assert!(
            doc.get(snake).is_none(),
            "snake_case key `{snake}` in {doc}"
        );
    }
    let pages = doc["pages"].as_u64().expect("pages is a number");
    let sizes = doc["pageSizes"].as_array().expect("pageSizes is an array");
    assert_eq!(sizes.len() as u64, pages, "one page size per page");
    for s in sizes {
        let wh = s.as_array().expect("a [w, h] pair");
        assert_eq!(wh.len(), 2);
        assert!(
            (wh[0].as_f64().unwrap() - 612.0).abs() <= 3.0
                && (wh[1].as_f64().unwrap() - 792.0).abs() <= 3.0,
            "{s}"
        );
    }
    assert_eq!(
        doc["bytes"].as_u64(),
        Some(
            std::fs::metadata(fixture("margins_narrow.pdf"))
                .unwrap()
                .len()
        )
    );

    let margins = check(&r, "margins");
    assert_eq!(margins["status"], "fail");
    assert!(margins["title"].is_string() && margins["message"].is_string());
    let findings = margins["findings"]
        .as_array()
        .expect("the margins failure has findings");
    assert!(!findings.is_empty());
    for f in findings {
        assert!(
            f["page"].as_u64().is_some_and(|p| p >= 1 && p <= pages),
            "finding page: {f}"
        );
        let bbox = f["bbox"]
            .as_array()
            .unwrap_or_else(|| panic!("finding without bbox: {f}"));
        assert_eq!(bbox.len(), 4, "{f}");
        let b: Vec<f64> = bbox
            .iter()
            .map(|v| v.as_f64().expect("bbox holds numbers"))
            .collect();
        assert!(
            b[0] <= b[2] && b[1] <= b[3],
            "bbox is [x0, y0, x1, y1]: {f}"
        );
    }
    // Every status is one of the four.
    for c in r["checks"].as_array().unwrap() {
        assert!(
            ["pass", "warn", "fail", "skip"].contains(&c["status"].as_str().unwrap()),
            "{c}"
        );
    }
}

#[test]
fn jsonl_gives_one_report_a_line_each_naming_its_file() {
    let files = [
        fixture("ok_final.pdf"),
        fixture("margins_narrow.pdf"),
        fixture("paper_a4.pdf"),
    ];
    let out = run(&["--format", "jsonl", &files[0], &files[1], &files[2]]);
    assert_eq!(code(&out), 1, "two of the three fail: {}", describe(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    for (line, file) in lines.iter().zip(&files) {
        let r: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert_eq!(r["file"], file.as_str());
        assert_eq!(r["schema"], 1);
        assert_eq!(ids(&r), all_ids());
    }
    let failed: Vec<bool> = lines
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["verdict"] == "fail")
        .collect();
    assert_eq!(failed, [false, true, true]);
}

#[test]
fn jsonl_of_passing_files_only_exits_0() {
    let out = run(&[
        "--format",
        "jsonl",
        "--first-public",
        "2022-03-01",
        &fixture("ok_final.pdf"),
        &fixture("ok_objstreams.pdf"),
    ]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!(stdout(&out).lines().count(), 2);
}

#[test]
fn json_with_several_files_is_an_array() {
    let out = run(&[
        "--format",
        "json",
        &fixture("ok_final.pdf"),
        &fixture("paper_a4.pdf"),
    ]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let v = json(&out);
    let arr = v.as_array().expect("an array of reports");
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[1]["file"], fixture("paper_a4.pdf"));
}

#[test]
fn options_also_take_the_equals_form() {
    let out = run(&["--format=json", "--kind=position", &fixture("paper_a4.pdf")]);
    let r = json(&out);
    assert_eq!(r["kind"], "position");
    assert_eq!(status(&r, "page-size"), "warn");
}

// ---------------------------------------------------------------- several files in parallel

/// Fixture PDFs in a fixed order, failing and passing ones mixed, and some large next to
/// small ones so that later files often finish before earlier ones.
fn batch_files() -> Vec<String> {
    [
        "long_7_pages.pdf",
        "ok_final.pdf",
        "margins_narrow.pdf",
        "font_type3.pdf",
        "poster_a0.pdf",
        "paper_a4.pdf",
        "truncated.pdf",
        "ok_objstreams.pdf",
        "encrypted_password.pdf",
        "twocolumn_other_template.pdf",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect()
}

/// `args` then `files`, run with `--jobs <jobs>`.
fn run_jobs(jobs: &str, args: &[&str], files: &[String]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--jobs", jobs]);
    all.extend(files.iter().map(String::as_str));
    run(&all)
}

#[test]
fn jsonl_with_several_jobs_is_the_same_bytes_in_argument_order_as_one_job() {
    let files = batch_files();
    let one = run_jobs("1", &["--format", "jsonl"], &files);
    let three = run_jobs("3", &["--format", "jsonl"], &files);
    assert_eq!(code(&one), 1, "{}", describe(&one));
    assert_eq!(code(&three), 1, "{}", describe(&three));
    assert!(stderr(&three).is_empty(), "{}", describe(&three));
    assert_eq!(
        stdout(&three),
        stdout(&one),
        "--jobs 3 differs from --jobs 1"
    );
    let text = stdout(&three);
    let named: Vec<String> = text
        .lines()
        .map(|l| {
            let r: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            assert_eq!(ids(&r), all_ids());
            r["file"].as_str().expect("file is a string").to_string()
        })
        .collect();
    assert_eq!(named, files, "one line per file, in argument order");
}

#[test]
fn more_files_than_the_reorder_window_still_come_out_in_order() {
    // Two jobs hold back at most four finished reports; thirty files go through it.
    let files: Vec<String> = batch_files().into_iter().cycle().take(30).collect();
    let one = run_jobs("1", &["--format", "jsonl"], &files);
    let two = run_jobs("2", &["--format", "jsonl"], &files);
    assert_eq!(code(&two), 1, "{}", describe(&two));
    assert_eq!(stdout(&two), stdout(&one));
    let named: Vec<Value> = stdout(&two)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line")["file"].clone())
        .collect();
    assert_eq!(named, files);
}

#[test]
fn json_and_text_with_four_jobs_equal_one_job() {
    let files = batch_files();
    for format in ["json", "text"] {
        let one = run_jobs("1", &["--format", format], &files);
        let four = run_jobs("4", &["--format", format], &files);
        assert_eq!(code(&one), 1, "{format}: {}", describe(&one));
        assert_eq!(code(&four), 1, "{format}: {}", describe(&four));
        assert_eq!(stdout(&four), stdout(&one), "--format {format}");
        assert!(stderr(&four).is_empty(), "{}", describe(&four));
    }
    let four = run_jobs("4", &["--format", "json"], &files);
    let arr = json(&four);
    let named: Vec<&str> = arr
        .as_array()
        .expect("an array of reports")
        .iter()
        .map(|r| r["file"].as_str().expect("file"))
        .collect();
    assert_eq!(named, files);
    let text = stdout(&run_jobs("4", &[], &files));
    let heads: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(heads.len(), files.len(), "{text}");
    for (head, file) in heads.iter().zip(&files) {
        assert!(
            head.starts_with(&format!("{file}: ")),
            "{head} is not about {file}"
        );
    }
}

#[test]
fn the_default_jobs_give_the_same_output_as_one_job() {
    let files = batch_files();
    let one = run_jobs("1", &["--format", "jsonl"], &files);
    let mut args = vec!["--format", "jsonl"];
    args.extend(files.iter().map(String::as_str));
    let default = run(&args);
    assert_eq!(code(&default), code(&one));
    assert_eq!(stdout(&default), stdout(&one));
}

#[test]
fn jobs_must_be_a_whole_number_of_at_least_one() {
    for bad in ["0", "x", "-1", "2.5", ""] {
        let out = run(&[
            "--jobs",
            bad,
            &fixture("ok_final.pdf"),
            &fixture("paper_a4.pdf"),
        ]);
        assert_eq!(code(&out), 2, "--jobs {bad:?}: {}", describe(&out));
        assert!(stderr(&out).contains("--jobs"), "{}", describe(&out));
        assert!(stdout(&out).is_empty(), "{}", describe(&out));
    }
    let out = run(&["--jobs=0", &fixture("ok_final.pdf")]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(stderr(&out).contains("--jobs `0`"), "{}", describe(&out));
    let out = run(&[&fixture("ok_final.pdf"), "--jobs"]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("a value is required for '--jobs <N>'"),
        "{}",
        describe(&out)
    );
}

#[test]
fn more_jobs_than_files_and_one_file_work() {
    let one_file = run(&[
        "--format",
        "json",
        "--jobs",
        "8",
        &fixture("margins_narrow.pdf"),
    ]);
    assert_eq!(code(&one_file), 1, "{}", describe(&one_file));
    assert_eq!(json(&one_file)["file"], fixture("margins_narrow.pdf"));
    let files = [fixture("ok_final.pdf"), fixture("paper_a4.pdf")];
    let many = run_jobs("64", &["--format", "jsonl"], &files);
    assert_eq!(
        stdout(&many),
        stdout(&run_jobs("1", &["--format", "jsonl"], &files))
    );
    assert_eq!(stdout(&many).lines().count(), 2);
}

#[test]
fn an_unreadable_file_among_several_ends_the_run_as_one_job_does() {
    let missing = "tests/fixtures/there_is_no_such_paper.pdf";
    let mut files = batch_files();
    files.insert(4, missing.to_string());
    for format in ["jsonl", "text", "json"] {
        let one = run_jobs("1", &["--format", format], &files);
        let three = run_jobs("3", &["--format", format], &files);
        assert_eq!(code(&one), 2, "{}", describe(&one));
        assert_eq!(code(&three), 2, "{}", describe(&three));
        let message = stderr(&three);
        assert!(
            message.starts_with(&format!("precheck: cannot read `{missing}`: ")),
            "{}",
            describe(&three)
        );
        assert_eq!(message.lines().count(), 1, "one error line: {message}");
        assert_eq!(message, stderr(&one), "the same message as one job");
        assert_eq!(
            stdout(&three),
            stdout(&one),
            "the same reports printed before it"
        );
    }
    // The reports printed are those of the four files before the missing one.
    let out = run_jobs("3", &["--format", "jsonl"], &files);
    let named: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line")["file"].clone())
        .collect();
    assert_eq!(named, files[..4]);
    // JSON is one value written at the end, so nothing is written.
    assert!(stdout(&run_jobs("3", &["--format", "json"], &files)).is_empty());
}

#[test]
fn of_two_unreadable_files_the_first_given_is_named() {
    // The second missing file comes right after a slow one and is found first by some
    // worker; the error reported is still that of the first in argument order.
    let files = [
        fixture("long_7_pages.pdf"),
        "tests/fixtures/missing_first.pdf".to_string(),
        fixture("ok_final.pdf"),
        "tests/fixtures/missing_second.pdf".to_string(),
        fixture("paper_a4.pdf"),
    ];
    for jobs in ["1", "2", "4"] {
        let out = run_jobs(jobs, &["--format", "jsonl"], &files);
        assert_eq!(code(&out), 2, "{}", describe(&out));
        let message = stderr(&out);
        assert!(message.contains("missing_first.pdf"), "{}", describe(&out));
        assert!(
            !message.contains("missing_second.pdf"),
            "{}",
            describe(&out)
        );
        assert_eq!(stdout(&out).lines().count(), 1, "{}", describe(&out));
    }
}

#[test]
fn standard_input_among_several_files_is_read_once_in_its_place() {
    let pdf = std::fs::read(fixture("margins_narrow.pdf")).expect("read the fixture");
    let files = [
        fixture("ok_final.pdf"),
        "-".to_string(),
        fixture("paper_a4.pdf"),
    ];
    let mut args = vec!["--format", "jsonl", "--jobs", "3"];
    args.extend(files.iter().map(String::as_str));
    let out = run_with_stdin(&args, Some(&pdf));
    assert_eq!(code(&out), 1, "{}", describe(&out));
    args[3] = "1";
    let one = run_with_stdin(&args, Some(&pdf));
    assert_eq!(stdout(&out), stdout(&one));
    let reports: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(reports.len(), 3);
    assert_eq!(reports[1]["file"], "-");
    assert_eq!(reports[1]["document"]["bytes"], pdf.len());
    assert_eq!(status(&reports[1], "margins"), "fail");
}

// ---------------------------------------------------------------- the abstract

#[test]
fn the_abstract_can_come_from_standard_input() {
    let text = "We prune 90% of weights \u{2014} and it works.\n";
    let out = run_with_stdin(
        &[
            "--abstract",
            "-",
            "--format",
            "json",
            &fixture("ok_final.pdf"),
        ],
        Some(text.as_bytes()),
    );
    assert!(code(&out) != 2, "{}", describe(&out));
    let r = json(&out);
    let a = &r["document"]["abstract"];
    assert_eq!(a["source"], "input", "{a}");
    assert_eq!(a["words"], 8, "SPEC §5's example counts 8 words: {a}");
    assert_eq!(status(&r, "abstract-length"), "pass");
}

#[test]
fn an_abstract_file_is_used_rather_than_the_pdf_text() {
    let out = run(&[
        "--format",
        "json",
        "--abstract",
        &fixture("abstract_too_long.abstract.txt"),
        &fixture("ok_final.pdf"),
    ]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let r = json(&out);
    assert_eq!(r["document"]["abstract"]["source"], "input");
    assert_eq!(status(&r, "abstract-length"), "fail");
}

#[test]
fn a_missing_abstract_file_is_an_io_error() {
    let out = run(&[
        "--abstract",
        "tests/fixtures/no_such.abstract.txt",
        &fixture("ok_final.pdf"),
    ]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("no_such.abstract.txt"),
        "{}",
        describe(&out)
    );
    assert!(stdout(&out).is_empty(), "{}", describe(&out));
}

// ---------------------------------------------------------------- kinds

#[test]
fn a_poster_skips_the_page_size() {
    let out = run(&[
        "--kind",
        "poster",
        "--format",
        "json",
        &fixture("poster_a0.pdf"),
    ]);
    assert_ne!(code(&out), 2, "{}", describe(&out));
    let r = json(&out);
    assert_eq!(r["kind"], "poster");
    assert_eq!(status(&r, "page-size"), "skip");
    assert_eq!(status(&r, "page-limit"), "skip");
    assert_eq!(status(&r, "file-format"), "pass");
    assert!(
        check(&r, "page-size")["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "a skip says why"
    );
}

#[test]
fn a_poster_passed_as_a_paper_fails_its_page_size() {
    let out = run(&["--format", "json", &fixture("poster_a0.pdf")]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(status(&json(&out), "page-size"), "fail");
}

#[test]
fn a_blog_post_needs_no_pdf_and_gets_two_checks() {
    let out = run(&[
        "--kind",
        "blog",
        "--abstract",
        &fixture("ok_final.abstract.txt"),
        "--first-public",
        "2022-03-01",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let r = json(&out);
    assert_eq!(r["kind"], "blog");
    assert_eq!(ids(&r), ["abstract-length", "recency"]);
    assert_eq!(status(&r, "abstract-length"), "pass");
    assert_eq!(status(&r, "recency"), "pass");
    assert_eq!(r["document"]["abstract"]["source"], "input");
}

#[test]
fn a_blog_post_in_text_output_lists_only_its_two_checks() {
    let out = run(&[
        "--kind",
        "blog",
        "--abstract",
        &fixture("ok_final.abstract.txt"),
    ]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let text = stdout(&out);
    assert!(
        text.contains("abstract-length") && text.contains("recency"),
        "{text}"
    );
    for id in all_ids()
        .iter()
        .filter(|id| !matches!(**id, "abstract-length" | "recency"))
    {
        assert!(!text.contains(id), "`{id}` in a blog report:\n{text}");
    }
}

#[test]
fn a_blog_post_with_a_pdf_is_a_usage_error() {
    let out = run(&["--kind", "blog", &fixture("ok_final.pdf")]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(!stderr(&out).is_empty());
    assert!(stdout(&out).is_empty());
}

#[test]
fn an_unknown_kind_is_a_usage_error() {
    let out = run(&["--kind", "essay", &fixture("ok_final.pdf")]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(stderr(&out).contains("essay"), "{}", describe(&out));
}

// ---------------------------------------------------------------- profiles

#[test]
fn the_neurips_profile_allows_seven_pages_where_the_workshop_does_not() {
    let neurips = run(&[
        "--profile",
        "neurips-2022",
        "--format",
        "json",
        &fixture("long_7_pages.pdf"),
    ]);
    let r = json(&neurips);
    assert_eq!(r["profile"], "neurips-2022");
    assert_eq!(
        status(&r, "page-limit"),
        "pass",
        "7 ≤ 9: {}",
        check(&r, "page-limit")
    );

    let default = run(&["--format", "json", &fixture("long_7_pages.pdf")]);
    assert_eq!(code(&default), 1, "{}", describe(&default));
    let r = json(&default);
    assert_eq!(r["profile"], "snn-2022");
    assert_eq!(
        status(&r, "page-limit"),
        "fail",
        "{}",
        check(&r, "page-limit")
    );
}

#[test]
fn a_profile_can_be_given_as_a_json_file() {
    let dir = temp_dir("custom-profile");
    let mut profile = default_profile_json();
    profile["id"] = "custom".into();
    profile["pageLimits"]["paper"]["passMax"] = 7.into();
    profile["pageLimits"]["paper"]["warnMax"] = 7.into();
    let path = dir.join("custom.json");
    std::fs::write(&path, profile.to_string()).unwrap();

    let out = run(&[
        "--profile",
        path_str(&path),
        "--format",
        "json",
        &fixture("long_7_pages.pdf"),
    ]);
    assert_ne!(code(&out), 2, "{}", describe(&out));
    let r = json(&out);
    assert_eq!(r["profile"], "custom");
    assert_eq!(
        status(&r, "page-limit"),
        "pass",
        "{}",
        check(&r, "page-limit")
    );
}

#[test]
fn a_json_profile_with_an_unknown_key_is_refused_naming_the_key() {
    let dir = temp_dir("unknown-key");
    let mut profile = default_profile_json();
    profile["pageLimitz"] = serde_json::json!({});
    let path = dir.join("typo.json");
    std::fs::write(&path, profile.to_string()).unwrap();

    let out = run(&["--profile", path_str(&path), &fixture("ok_final.pdf")]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(stderr(&out).contains("pageLimitz"), "{}", describe(&out));
    assert!(
        stdout(&out).is_empty(),
        "no report for a refused profile: {}",
        describe(&out)
    );
}

#[test]
fn a_json_profile_that_fails_validation_is_refused() {
    let dir = temp_dir("invalid-profile");
    let mut profile = default_profile_json();
    profile["pageLimits"]["paper"]["passMax"] = 7.into();
    profile["pageLimits"]["paper"]["warnMax"] = 5.into();
    let path = dir.join("inverted.json");
    std::fs::write(&path, profile.to_string()).unwrap();

    let out = run(&["--profile", path_str(&path), &fixture("ok_final.pdf")]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(stderr(&out).contains("warnMax"), "{}", describe(&out));
}

#[test]
fn an_unknown_profile_is_a_usage_error() {
    let out = run(&["--profile", "nope", &fixture("ok_final.pdf")]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(stderr(&out).contains("nope"), "{}", describe(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn a_missing_profile_file_is_an_io_error() {
    let out = run(&[
        "--profile",
        "tests/fixtures/no_such_profile.json",
        &fixture("ok_final.pdf"),
    ]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("no_such_profile.json"),
        "{}",
        describe(&out)
    );
}

// ---------------------------------------------------------------- usage errors

#[test]
fn an_impossible_first_public_date_is_a_usage_error() {
    let out = run(&["--first-public", "2021-02-30", &fixture("ok_final.pdf")]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(stderr(&out).contains("2021-02-30"), "{}", describe(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn an_unknown_option_is_a_usage_error() {
    let out = run(&["--frobnicate", &fixture("ok_final.pdf")]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(stderr(&out).contains("--frobnicate"), "{}", describe(&out));
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let out = run(&["--format", "xml", &fixture("ok_final.pdf")]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
}

#[test]
fn an_option_without_its_value_is_a_usage_error() {
    let out = run(&[&fixture("ok_final.pdf"), "--kind"]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
}

#[test]
fn no_pdf_is_a_usage_error() {
    let out = run(&[]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(!stderr(&out).is_empty());
    let out = run(&["--abstract", &fixture("ok_final.abstract.txt")]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let out = run(&["tests/fixtures/there_is_no_such_paper.pdf"]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("there_is_no_such_paper.pdf"),
        "{}",
        describe(&out)
    );
}

#[test]
fn help_and_version_exit_0() {
    for flag in ["--help", "-h"] {
        let out = run(&[flag]);
        assert_eq!(code(&out), 0, "{}", describe(&out));
        let text = stdout(&out);
        for option in [
            "--abstract",
            "--kind",
            "--first-public",
            "--profile",
            "--format",
            "--jobs",
        ] {
            assert!(text.contains(option), "help lacks {option}:\n{text}");
        }
    }
    for flag in ["--version", "-V"] {
        let out = run(&[flag]);
        assert_eq!(code(&out), 0, "{}", describe(&out));
        assert!(
            stdout(&out).contains(env!("CARGO_PKG_VERSION")),
            "{}",
            describe(&out)
        );
    }
}

// ---------------------------------------------------------------- bad PDFs are reports

#[test]
fn a_text_file_is_a_failing_report_not_an_io_error() {
    let dir = temp_dir("not-pdf");
    let path = dir.join("paper.pdf");
    std::fs::write(&path, "This is my paper, but it is plain text.\n").unwrap();

    let out = run(&["--format", "json", path_str(&path)]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let r = json(&out);
    assert_eq!(r["verdict"], "fail");
    let ff = check(&r, "file-format");
    assert_eq!(ff["status"], "fail");
    let message = ff["message"].as_str().unwrap();
    assert!(
        message.to_lowercase().contains("not a pdf"),
        "a plain message: {message}"
    );
    assert!(
        !message.contains("Error") && !message.contains("lopdf") && !message.contains("{"),
        "no internals: {message}"
    );
    for id in [
        "page-size",
        "page-limit",
        "margins",
        "font-family",
        "font-size",
        "fonts-embedded",
        "fonts-type3",
        "template",
    ] {
        assert_eq!(status(&r, id), "skip", "{id} after an unreadable file");
    }
}

#[test]
fn an_empty_file_is_a_failing_report() {
    let dir = temp_dir("empty");
    let path = dir.join("empty.pdf");
    std::fs::write(&path, b"").unwrap();
    let out = run(&["--format", "json", path_str(&path)]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(status(&json(&out), "file-format"), "fail");
}

#[test]
fn a_password_protected_pdf_fails_saying_so() {
    let out = run(&["--format", "json", &fixture("encrypted_password.pdf")]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let r = json(&out);
    let ff = check(&r, "file-format");
    assert_eq!(ff["status"], "fail");
    assert!(ff["message"].as_str().unwrap().contains("password"), "{ff}");
}

#[test]
fn an_owner_password_only_pdf_opens() {
    let out = run(&["--format", "json", &fixture("encrypted_owner_only.pdf")]);
    assert_ne!(code(&out), 2, "{}", describe(&out));
    assert_eq!(status(&json(&out), "file-format"), "pass");
}

#[test]
fn a_truncated_pdf_gets_a_report() {
    let out = run(&["--format", "json", &fixture("truncated.pdf")]);
    assert!(matches!(code(&out), 0 | 1), "{}", describe(&out));
    assert_eq!(ids(&json(&out)), all_ids());
}

// ---------------------------------------------------------------- reading within the limit

/// The file limit the binary reads up to, in bytes.
const FILE_LIMIT: u64 = 200_000_000;

#[test]
fn the_file_limit_is_the_cores() {
    assert_eq!(precheck::Limits::default().file_bytes, FILE_LIMIT);
}

/// A one-page PDF with one line of Helvetica, written to `dir/name`.
fn small_pdf(dir: &Path, name: &str) -> String {
    let mut b = PdfBuilder::new();
    let f1 = b.std14_font("Helvetica");
    let resources = Resources::new().font("F1", f1).build();
    let bytes = b
        .page(PageSpec::new("BT /F1 10 Tf 108 700 Td (A short paper.) Tj ET").resources(resources))
        .build();
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the PDF");
    path_str(&path).to_string()
}

/// Waits for the child, killing it and failing the test after 30 s: the inputs here
/// (a FIFO, an endless device, an endless pipe) made the old binary wait or read forever.
/// Its output is read on threads, so a child that writes much cannot block on a full pipe.
fn wait_with_watchdog(mut child: Child, what: &str) -> Output {
    fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    }
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("precheck {what} still ran after 30 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}

/// [`run`] under the watchdog.
fn run_watched(args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_precheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    wait_with_watchdog(child, &args.join(" "))
}

/// The file-format check of a report on a file past the limit, asserted to fail saying so.
#[track_caller]
fn assert_too_large(report: &Value) {
    assert_eq!(report["verdict"], "fail", "{report}");
    let ff = check(report, "file-format");
    assert_eq!(ff["status"], "fail", "{ff}");
    let message = ff["message"].as_str().expect("a message");
    assert!(message.contains("200 MB"), "names the limit: {message}");
}

#[test]
fn a_file_past_the_limit_is_refused_from_its_size_without_being_read() {
    let dir = temp_dir("sparse");
    let path = dir.join("huge.pdf");
    // Sparse: a gigabyte long, no disk taken. The old binary read all of it to say so.
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(1_000_000_000))
        .expect("a sparse file");
    let out = run_watched(&["--format", "json", path_str(&path)]);
    assert_eq!(
        code(&out),
        1,
        "a failing report, not an I/O error: {}",
        describe(&out)
    );
    let r = json(&out);
    assert_too_large(&r);
    assert_eq!(r["document"]["bytes"], 1_000_000_000u64, "the real size");
    assert_eq!(status(&r, "file-size"), "fail");
    assert!(stderr(&out).is_empty(), "{}", describe(&out));
    std::fs::remove_file(&path).expect("remove the sparse file");
}

#[test]
fn a_file_of_exactly_the_limit_is_read_and_judged_as_a_pdf() {
    let dir = temp_dir("at-limit");
    let path = dir.join("at_limit.pdf");
    // Sparse too: 200 MB of zeros, read (the binary holds them) and found not to be a PDF.
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(FILE_LIMIT))
        .expect("a sparse file");
    let out = run_watched(&["--format", "json", path_str(&path)]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let r = json(&out);
    let message = check(&r, "file-format")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!message.contains("200 MB"), "not too large: {message}");
    assert!(message.to_lowercase().contains("not a pdf"), "{message}");
    assert_eq!(r["document"]["bytes"], FILE_LIMIT);
    std::fs::remove_file(&path).expect("remove the sparse file");
}

#[cfg(unix)]
#[test]
fn a_device_or_a_directory_is_refused_before_it_is_opened() {
    for (path, what) in [
        ("/dev/zero", "a character device"),
        ("/dev/null", "a character device"),
    ] {
        let out = run_watched(&[path]);
        assert_eq!(code(&out), 2, "{}", describe(&out));
        assert_eq!(
            stderr(&out),
            format!(
                "precheck: `{path}` is not a regular file ({what}); save the PDF to a file and check that\n"
            ),
            "{}",
            describe(&out)
        );
        assert!(stdout(&out).is_empty(), "{}", describe(&out));
    }
    let dir = temp_dir("a-directory");
    let out = run_watched(&["--format", "json", path_str(&dir)]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("is not a regular file (a directory)"),
        "{}",
        describe(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("paper.pdf");
    match Command::new("mkfifo").arg(&fifo).status() {
        Ok(s) if s.success() => {}
        other => {
            eprintln!("skipped: mkfifo is not available here ({other:?})");
            return;
        }
    }
    // No one ever opens the other end: opening it for reading would wait forever.
    for jobs in ["1", "2"] {
        let out = run_watched(&["--jobs", jobs, path_str(&fifo)]);
        assert_eq!(code(&out), 2, "{}", describe(&out));
        let message = stderr(&out);
        assert!(
            message.contains(&format!(
                "`{}` is not a regular file (a named pipe)",
                path_str(&fifo)
            )),
            "{}",
            describe(&out)
        );
        assert_eq!(message.lines().count(), 1, "{message}");
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_to_a_pdf_is_followed() {
    let dir = temp_dir("symlink");
    let target = small_pdf(&dir, "real.pdf");
    let link = dir.join("link.pdf");
    std::os::unix::fs::symlink(&target, &link).expect("make a symbolic link");
    let out = run(&["--format", "json", path_str(&link)]);
    assert_ne!(code(&out), 2, "{}", describe(&out));
    let r = json(&out);
    assert_eq!(status(&r, "file-format"), "pass", "{r}");
    assert_eq!(r["document"]["pages"], 1);
}

#[cfg(unix)]
#[test]
fn a_device_among_several_files_ends_the_run_after_the_reports_before_it() {
    let dir = temp_dir("batch-device");
    let a = small_pdf(&dir, "a.pdf");
    let b = small_pdf(&dir, "b.pdf");
    for jobs in ["1", "3"] {
        let out = run_watched(&["--format", "jsonl", "--jobs", jobs, &a, "/dev/zero", &b]);
        assert_eq!(code(&out), 2, "--jobs {jobs}: {}", describe(&out));
        let named: Vec<Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line")["file"].clone())
            .collect();
        assert_eq!(named, [a.as_str()], "a's report only: {}", describe(&out));
        let message = stderr(&out);
        assert!(
            message.starts_with("precheck: `/dev/zero` is not a regular file"),
            "{}",
            describe(&out)
        );
        assert_eq!(message.lines().count(), 1, "{message}");
    }
    let text = run_watched(&[&a, "/dev/zero", &b]);
    assert_eq!(code(&text), 2, "{}", describe(&text));
    assert!(
        stdout(&text).starts_with(&format!("{a}: ")),
        "{}",
        describe(&text)
    );
    assert!(!stdout(&text).contains("b.pdf"), "{}", describe(&text));
}

/// Runs the binary with `len` zero bytes piped to its standard input from a thread,
/// which stops quietly when the binary closes the pipe.
fn run_with_zeros_on_stdin(args: &[&str], len: u64) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_precheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || {
        let chunk = vec![0u8; 1 << 20];
        let mut left = len;
        while left > 0 {
            let n = usize::try_from(left.min(chunk.len() as u64)).unwrap();
            if pipe.write_all(&chunk[..n]).is_err() {
                return; // The binary read what it reads and closed the pipe.
            }
            left -= n as u64;
        }
    });
    let out = wait_with_watchdog(child, &args.join(" "));
    writer.join().expect("the writer thread");
    out
}

#[test]
fn standard_input_past_the_limit_is_too_large_and_read_no_further() {
    let dir = temp_dir("stdin-too-large");
    let b = small_pdf(&dir, "b.pdf");
    // 16 MB more than the limit is piped; the binary stops one byte past the limit.
    let piped = FILE_LIMIT + (16 << 20);
    for jobs in ["1", "2"] {
        let out = run_with_zeros_on_stdin(&["--format", "jsonl", "--jobs", jobs, "-", &b], piped);
        assert_eq!(code(&out), 1, "--jobs {jobs}: {}", describe(&out));
        let reports: Vec<Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        assert_eq!(reports.len(), 2, "{}", describe(&out));
        assert_eq!(reports[0]["file"], "-");
        assert_too_large(&reports[0]);
        // What was read, a lower bound of the size.
        assert_eq!(reports[0]["document"]["bytes"], FILE_LIMIT + 1);
        assert_eq!(reports[1]["file"], b.as_str());
        assert_eq!(status(&reports[1], "file-format"), "pass");
    }
}

// ---------------------------------------------------------------- nothing raw reaches the terminal

const CRAFTED_TITLE: &str = "Paper\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\rPASS\0end";
const CRAFTED_PRODUCER: &str = "TeX\u{7f}\u{85}\u{2066}x\u{2069}\tdone";
const CRAFTED_FONT: &str = "Evil\u{202e}fdp.exe";

/// A UTF-8 text string (with its byte order mark, which the reader takes), written in hex
/// so that no byte of it is changed on the way.
fn utf8_text_string(s: &str) -> lopdf::Object {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(s.as_bytes());
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// A one-page PDF whose Info title and producer hold terminal escapes and whose only font
/// has a right-to-left override in its name.
fn crafted_pdf(dir: &Path) -> String {
    let mut b = PdfBuilder::new();
    let font = b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => lopdf::Object::Name(CRAFTED_FONT.as_bytes().to_vec()),
    });
    let resources = Resources::new().font("F1", font).build();
    let (mut doc, _) = b
        .page(
            PageSpec::new("BT /F1 10 Tf 108 700 Td (A crafted paper.) Tj ET").resources(resources),
        )
        .build_document();
    let info = doc.add_object(dictionary! {
        "Title" => utf8_text_string(CRAFTED_TITLE),
        "Producer" => utf8_text_string(CRAFTED_PRODUCER),
    });
    doc.trailer.set("Info", info);
    let path = dir.join("crafted.pdf");
    std::fs::write(&path, common::save(doc)).expect("write the PDF");
    path_str(&path).to_string()
}

/// Whether `bytes` hold DEL, a C1 control or a bidi control, raw.
fn raw_steering(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|c| {
            matches!(
                c,
                '\u{7f}'..='\u{9f}'
                    | '\u{61c}'
                    | '\u{200e}'
                    | '\u{200f}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
            )
        })
        .collect()
}

#[test]
fn the_text_report_shows_control_characters_from_the_pdf_as_escapes() {
    let dir = temp_dir("crafted-text");
    let path = crafted_pdf(&dir);
    let out = run(&[&path]);
    assert_ne!(code(&out), 2, "{}", describe(&out));
    let bytes = &out.stdout;
    assert!(!bytes.contains(&0x1b), "a raw ESC: {}", describe(&out));
    assert!(!bytes.contains(&0x00), "a raw NUL: {}", describe(&out));
    assert!(!bytes.contains(&b'\r'), "a raw CR: {}", describe(&out));
    assert!(!bytes.contains(&0x07), "a raw BEL: {}", describe(&out));
    assert!(!bytes.contains(&b'\t'), "a raw tab: {}", describe(&out));
    assert_eq!(raw_steering(bytes), [], "{}", describe(&out));
    let text = stdout(&out);
    assert!(
        text.contains(r"title: Paper\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\rPASS\0end"),
        "{text}"
    );
    assert!(
        text.contains(r"producer: TeX\u{7f}\u{85}\u{2066}x\u{2069}\tdone"),
        "{text}"
    );
    assert!(text.contains(r"font: Evil\u{202e}fdp.exe"), "{text}");
    // The carriage return did not start a line that reads as a verdict.
    assert!(!text.lines().any(|l| l.starts_with("PASS")), "{text}");
}

#[test]
fn json_output_escapes_them_and_parses_back_to_the_same_strings() {
    let dir = temp_dir("crafted-json");
    let path = crafted_pdf(&dir);
    for format in ["json", "jsonl"] {
        let out = run(&["--format", format, &path]);
        assert_ne!(code(&out), 2, "{}", describe(&out));
        assert_eq!(
            raw_steering(&out.stdout),
            [],
            "--format {format}: {}",
            describe(&out)
        );
        assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x00));
        let text = stdout(&out);
        assert!(
            text.contains(r"\u009b") && text.contains(r"\u202e"),
            "{text}"
        );
        let r: Value = serde_json::from_str(&text).expect("still JSON");
        let info = &r["document"]["info"];
        assert_eq!(info["title"], CRAFTED_TITLE, "{info}");
        assert_eq!(info["producer"], CRAFTED_PRODUCER, "{info}");
        let fonts = r["document"]["fonts"].as_array().expect("fonts");
        assert!(fonts.iter().any(|f| f["name"] == CRAFTED_FONT), "{fonts:?}");
    }
}

/// `--abstract` and `--profile` are read within a limit too: an abstract is at most
/// 5000 characters, so a device or a megabyte of text is refused in one line.
#[cfg(unix)]
#[test]
fn abstract_and_profile_files_are_read_within_a_limit() {
    let pdf = fixture("ok_final.pdf");
    let out = run_watched(&["--abstract", "/dev/zero", &pdf]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert_eq!(
        stderr(&out),
        "precheck: the abstract `/dev/zero` is not a regular file (a character device)\n",
        "{}",
        describe(&out)
    );
    let dir = temp_dir("big-abstract");
    let profile = dir.join("huge.json");
    std::fs::write(&profile, " ".repeat(1_000_001)).expect("write");
    let out = run_watched(&["--profile", path_str(&profile), &pdf]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("the profile `") && stderr(&out).contains("is larger than 1000 kB"),
        "{}",
        describe(&out)
    );
    let big = dir.join("abstract.txt");
    std::fs::write(&big, "word ".repeat(300_000)).expect("write");
    let out = run_watched(&["--abstract", path_str(&big), &pdf]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("is larger than 1000 kB"),
        "{}",
        describe(&out)
    );
    // From standard input, the same limit.
    // Just past the limit, so the whole input is taken before the binary stops.
    let out = run_with_stdin(
        &["--abstract", "-", &pdf],
        Some("word ".repeat(200_001).as_bytes()),
    );
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("the abstract `-` is larger than 1000 kB"),
        "{}",
        describe(&out)
    );
}

/// Work not public yet is eligible: a compliant paper gets no warning from recency, and
/// the whole report passes (issue 12: "Ready" must be reachable).
#[test]
fn not_public_yet_lets_a_compliant_paper_pass() {
    let out = run(&[
        "--format",
        "json",
        "--first-public",
        "not-yet",
        "--abstract",
        &fixture("ok_final.abstract.txt"),
        &fixture("ok_final.pdf"),
    ]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let r: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(r["verdict"], "pass", "{r}");
    assert_eq!(
        check(&r, "recency")["message"],
        "not public yet: work in progress is eligible"
    );
    let out = run(&["--first-public", "soon", &fixture("ok_final.pdf")]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains(
            "invalid value 'soon' for '--first-public <YYYY-MM-DD|not-yet>': `soon` is not a date (YYYY-MM-DD) nor `not-yet`"
        ),
        "{}",
        describe(&out)
    );
}

#[test]
fn a_usage_error_shows_escapes_in_the_arguments_as_text() {
    // clap quotes the unknown option back; the terminal must not get the escape raw.
    let out = run(&["--frob\u{1b}]0;pwned\u{7}", &fixture("ok_final.pdf")]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("--frob\\u{1b}]0;pwned\\u{7}"), "{err}");
}
