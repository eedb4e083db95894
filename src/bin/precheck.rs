//! The command line (SPEC §6): check one or many PDFs, print a readable report, JSON
//! or JSON lines. Exit 0 when no check failed, 1 when one did, 2 on usage or I/O errors.
//! Several files are checked on several threads (`--jobs`); the output is the same bytes
//! in the same order as checking them one at a time. No PDF is read past the file
//! limit (`input`), and nothing from a PDF reaches the terminal raw (`terminal`).
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

// The crate root is this file (Cargo.toml names it), so its modules are named by path.
#[path = "precheck/input.rs"]
mod input;
#[path = "precheck/terminal.rs"]
mod terminal;
#[path = "precheck/text.rs"]
mod text;

use input::Pdf;
use precheck::{Kind, Options, Profile, ProfileChoice, Report, Status};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use terminal::{json_safe, visible};

const USAGE: &str = "usage: precheck [OPTIONS] [PDF]...   (kind blog takes no PDF)
  --abstract <FILE|->        abstract text, UTF-8
  --kind <paper|position|published|poster|blog>     default: paper
  --first-public <YYYY-MM-DD|not-yet>   not-yet: work in progress, not public yet
  --profile <snn-2022|neurips-2022|FILE.json>       default: snn-2022
  --format <text|json|jsonl> default: text
  --jobs <N>                 check N files at a time (N ≥ 1); default: the number of cores
  --show-profile <ID>        print a built-in profile as JSON (a start for your own)
  -h, --help                 this help
  -V, --version              the version
exit status: 0 no check failed; 1 some check failed; 2 usage or I/O error";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Jsonl,
}

struct Args {
    files: Vec<String>,
    abstract_source: Option<String>,
    kind: Kind,
    first_public: Option<String>,
    profile: Option<String>,
    format: Format,
    /// Files checked at a time; `None`: one per core.
    jobs: Option<usize>,
}

enum Parsed {
    Run(Args),
    Exit(String, u8),
}

fn parse_args(argv: &[String]) -> Parsed {
    let mut args = Args {
        files: Vec::new(),
        abstract_source: None,
        kind: Kind::Paper,
        first_public: None,
        profile: None,
        format: Format::Text,
        jobs: None,
    };
    let mut it = argv.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, Parsed> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| Parsed::Exit(format!("precheck: {name} needs a value\n{USAGE}"), 2))
        };
        let result: Result<(), Parsed> = (|| {
            match flag {
                "-h" | "--help" => return Err(Parsed::Exit(USAGE.to_string(), 0)),
                "-V" | "--version" => {
                    return Err(Parsed::Exit(
                        format!("precheck {}", env!("CARGO_PKG_VERSION")),
                        0,
                    ));
                }
                "--abstract" => args.abstract_source = Some(value("--abstract")?),
                "--kind" => {
                    let v = value("--kind")?;
                    args.kind = Kind::parse(&v).ok_or_else(|| Parsed::Exit(format!("precheck: unknown kind `{}` (paper, position, published, poster, blog)", visible(&v)), 2))?;
                }
                "--first-public" => {
                    let v = value("--first-public")?;
                    if v != precheck::NOT_YET && precheck::Date::parse(&v).is_none() {
                        return Err(Parsed::Exit(
                            format!(
                                "precheck: --first-public `{}` is not a date (YYYY-MM-DD) nor `{}`",
                                visible(&v),
                                precheck::NOT_YET
                            ),
                            2,
                        ));
                    }
                    args.first_public = Some(v);
                }
                "--show-profile" => {
                    let id = value("--show-profile")?;
                    let profile = precheck::profile::builtin(&id).ok_or_else(|| {
                        Parsed::Exit(
                            format!(
                                "precheck: unknown profile `{}` (built in: {})",
                                visible(&id),
                                precheck::profile::BUILTIN.join(", ")
                            ),
                            2,
                        )
                    })?;
                    let json = serde_json::to_string_pretty(&profile)
                        .map_err(|e| Parsed::Exit(e.to_string(), 2))?;
                    return Err(Parsed::Exit(json, 0));
                }
                "--profile" => args.profile = Some(value("--profile")?),
                "--format" => {
                    let v = value("--format")?;
                    args.format = match v.as_str() {
                        "text" => Format::Text,
                        "json" => Format::Json,
                        "jsonl" => Format::Jsonl,
                        _ => {
                            return Err(Parsed::Exit(
                                format!(
                                    "precheck: unknown format `{}` (text, json, jsonl)",
                                    visible(&v)
                                ),
                                2,
                            ));
                        }
                    };
                }
                "--jobs" => {
                    let v = value("--jobs")?;
                    match v.parse::<usize>() {
                        Ok(n) if n >= 1 => args.jobs = Some(n),
                        _ => {
                            return Err(Parsed::Exit(
                                format!(
                                    "precheck: --jobs `{}` is not a whole number ≥ 1",
                                    visible(&v)
                                ),
                                2,
                            ));
                        }
                    }
                }
                "-" => args.files.push(arg.clone()),
                f if f.starts_with('-') => {
                    return Err(Parsed::Exit(
                        format!("precheck: unknown option `{}`\n{USAGE}", visible(f)),
                        2,
                    ));
                }
                _ => args.files.push(arg.clone()),
            }
            Ok(())
        })();
        if let Err(exit) = result {
            return exit;
        }
    }
    if args.abstract_source.as_deref() == Some("-") && args.files.iter().any(|f| f == "-") {
        return Parsed::Exit(
            "precheck: standard input can hold the abstract or a PDF, not both".into(),
            2,
        );
    }
    if args.kind == Kind::Blog && !args.files.is_empty() {
        return Parsed::Exit("precheck: kind blog takes no PDF".into(), 2);
    }
    if args.kind != Kind::Blog && args.files.is_empty() {
        return Parsed::Exit(format!("precheck: no PDF given\n{USAGE}"), 2);
    }
    Parsed::Run(args)
}

fn read_abstract(source: &str) -> Result<String, String> {
    input::read_text("the abstract", source, input::TEXT_BYTES)
}

fn run(args: Args) -> Result<bool, String> {
    let abstract_text = args
        .abstract_source
        .as_deref()
        .map(read_abstract)
        .transpose()?;
    let profile = match &args.profile {
        None => ProfileChoice::default(),
        Some(p) if precheck::profile::builtin(p).is_some() => ProfileChoice::Builtin(p.clone()),
        Some(path) if path.ends_with(".json") || std::path::Path::new(path).is_file() => {
            let json = input::read_text("the profile", path, input::TEXT_BYTES)?;
            let profile = Profile::from_json(&json)
                .map_err(|e| format!("precheck: {}: {}", visible(path), visible(&e.to_string())))?;
            ProfileChoice::Custom(Box::new(profile))
        }
        Some(p) => ProfileChoice::Builtin(p.clone()),
    };
    let options = Options {
        abstract_text,
        kind: args.kind,
        first_public: args.first_public.clone(),
        today: today(),
        profile,
    };
    // Wrong options are a usage error, found before any file is read.
    precheck::validate(&options).map_err(|e| options_error(&e))?;
    let inputs: Vec<Option<String>> = if args.kind == Kind::Blog {
        vec![None]
    } else {
        args.files.iter().cloned().map(Some).collect()
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(inputs.len());
    // Only the first `-` reads standard input; a `-` given again gets the empty rest of
    // the stream, however far the first read went.
    let stdin_first = inputs.iter().position(|i| i.as_deref() == Some("-"));
    let stdout = std::io::stdout();
    let mut printer = Printer {
        out: stdout.lock(),
        format: args.format,
        any_failed: false,
        json_reports: Vec::new(),
    };
    if jobs <= 1 {
        // One at a time on this thread, standard input read when its turn comes.
        let batch = Batch {
            inputs: &inputs,
            options: &options,
            format: args.format,
            stdin_first,
            stdin: None,
        };
        for index in 0..inputs.len() {
            printer.print(render_guarded(&batch, index)?)?;
        }
    } else {
        // Standard input is read here, once, before any worker starts.
        let stdin_pdf = stdin_first.map(|_| input::read_stdin(file_limit()));
        let batch = Batch {
            inputs: &inputs,
            options: &options,
            format: args.format,
            stdin_first,
            stdin: stdin_pdf.as_ref(),
        };
        check_in_parallel(&batch, jobs, &mut printer)?;
    }
    printer.finish()
}

/// Everything one report needs, shared read-only by the workers.
struct Batch<'a> {
    /// The files in the order given; `None` for the blog post, which has no PDF.
    inputs: &'a [Option<String>],
    options: &'a Options,
    format: Format,
    /// The first `-` among the inputs, the one that reads standard input.
    stdin_first: Option<usize>,
    /// Standard input read ahead, when checking in parallel; `None`: read it in turn.
    stdin: Option<&'a Result<Pdf, String>>,
}

impl Batch<'_> {
    /// How the input at `index` is named in reports and messages.
    fn name(&self, index: usize) -> &str {
        self.inputs
            .get(index)
            .and_then(|i| i.as_deref())
            .unwrap_or("(blog post)")
    }
}

/// One report, rendered in its output format and ready to print.
struct Rendered {
    text: String,
    failed: bool,
}

/// Reads the input at `index`, checks it and renders the report. An `Err` ends the run
/// with exit status 2, as a file that cannot be read always has.
fn render(batch: &Batch, index: usize) -> Result<Rendered, String> {
    let input = batch
        .inputs
        .get(index)
        .ok_or_else(|| format!("precheck: internal error: no input {index}"))?;
    let limit = file_limit();
    let report = match input.as_deref() {
        None => precheck::check(None, batch.options),
        Some("-") if batch.stdin_first != Some(index) => precheck::check(Some(&[]), batch.options),
        Some("-") => match batch.stdin {
            Some(read_ahead) => {
                check_pdf(read_ahead.as_ref().map_err(Clone::clone)?, batch.options)
            }
            None => check_pdf(&input::read_stdin(limit)?, batch.options),
        },
        Some(path) => check_pdf(&input::read_file(path, limit)?, batch.options),
    }
    .map_err(|e| options_error(&e))?;
    let failed = report.verdict == Status::Fail;
    let text = match batch.format {
        Format::Text => text::render_text(batch.name(index), &report),
        Format::Jsonl => {
            let mut line = serde_json::to_string(&with_file(&report, input.as_deref()))
                .map_err(|e| e.to_string())?;
            line.push('\n');
            json_safe(line)
        }
        Format::Json => json_safe(
            serde_json::to_string_pretty(&with_file(&report, input.as_deref()))
                .map_err(|e| e.to_string())?,
        ),
    };
    Ok(Rendered { text, failed })
}

/// The largest PDF precheck reads, in bytes: the core's own limit.
fn file_limit() -> u64 {
    precheck::Limits::default().file_bytes
}

/// The report on what was read of one PDF; one past the limit is judged by its size.
fn check_pdf(pdf: &Pdf, options: &Options) -> Result<Report, precheck::OptionsError> {
    match pdf {
        Pdf::Bytes(bytes) => precheck::check(Some(bytes), options),
        Pdf::TooLarge(size_bytes) => precheck::check_too_large(*size_bytes, options),
    }
}

/// Options the core refuses, as the one line that ends the run.
fn options_error(e: &precheck::OptionsError) -> String {
    format!("precheck: {}", visible(&e.to_string()))
}

/// [`render`], with a panic (a bug: the core promises never to panic) turned into an
/// error line and exit status 2 rather than a crash or a lost report.
fn render_guarded(batch: &Batch, index: usize) -> Result<Rendered, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(batch, index))).unwrap_or_else(
        |_| {
            Err(format!(
                "precheck: internal error while checking `{}`",
                visible(batch.name(index))
            ))
        },
    )
}

/// Writes reports in the order of the files: text and JSON lines at once, JSON as one
/// value at the end (an array when there are several).
struct Printer<W: Write> {
    out: W,
    format: Format,
    any_failed: bool,
    json_reports: Vec<String>,
}

impl<W: Write> Printer<W> {
    fn print(&mut self, rendered: Rendered) -> Result<(), String> {
        self.any_failed |= rendered.failed;
        if self.format == Format::Json {
            self.json_reports.push(rendered.text);
            return Ok(());
        }
        self.out
            .write_all(rendered.text.as_bytes())
            .map_err(|e| format!("precheck: cannot write the report: {e}"))
    }

    /// Writes what is held back and says whether any check failed.
    fn finish(mut self) -> Result<bool, String> {
        if self.format == Format::Json {
            let text = if self.json_reports.len() == 1 {
                self.json_reports.concat()
            } else {
                format!("[\n{}\n]", self.json_reports.join(",\n"))
            };
            writeln!(self.out, "{text}")
                .map_err(|e| format!("precheck: cannot write the report: {e}"))?;
        }
        self.out
            .flush()
            .map_err(|e| format!("precheck: cannot write the report: {e}"))?;
        Ok(self.any_failed)
    }
}

/// How many finished reports per job may wait, in memory, for an earlier one to finish.
/// With two per job, 61 real papers on 2 cores took 0.96 s instead of 0.71 s: while the
/// slow second file was checked, the other worker soon ran out of room and sat idle.
/// A waiting report is a rendered string of some 10 KB; a PDF being checked takes tens
/// of MB, and how many are in flight is bounded by `jobs`, not by this window.
const REORDER_WINDOW_PER_JOB: usize = 8;

/// Sets the flag when dropped while its thread panics.
struct CloseOnPanic<'a>(&'a AtomicBool);

impl Drop for CloseOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.store(true, Ordering::SeqCst);
        }
    }
}

/// Checks the batch on `jobs` threads and prints each report as soon as every earlier
/// one is printed, so the output is the same bytes, in the same order, as one at a time.
///
/// Workers take the next index from a counter, so every index below one being worked
/// on has been taken too. A worker does not start on index `i` until `i` is less than
/// the number printed plus the window: fewer than [`REORDER_WINDOW_PER_JOB`] × `jobs`
/// finished reports wait for an earlier, slower one. The first error in file order ends
/// the run, as it did one at a time: reports before it are printed, none after it, and
/// no worker starts a file after it (files already started are finished and dropped).
fn check_in_parallel<W: Write>(
    batch: &Batch,
    jobs: usize,
    printer: &mut Printer<W>,
) -> Result<(), String> {
    let count = batch.inputs.len();
    let window = jobs.saturating_mul(REORDER_WINDOW_PER_JOB);
    let next = AtomicUsize::new(0);
    let printed = AtomicUsize::new(0);
    // The lowest index whose input gave an error (`usize::MAX`: none yet).
    let first_error = AtomicUsize::new(usize::MAX);
    // Set when the printer stops taking reports: finished, or the output failed.
    let closed = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, Result<Rendered, String>)>();
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                let sender = sender.clone();
                let (next, printed, first_error, closed) = (&next, &printed, &first_error, &closed);
                scope.spawn(move || {
                    // Should this thread ever unwind, the others stop rather than wait
                    // for a report that will not come; the printer then says which.
                    let _close_on_panic = CloseOnPanic(closed);
                    loop {
                        let index = next.fetch_add(1, Ordering::SeqCst);
                        if index >= count || index > first_error.load(Ordering::SeqCst) {
                            return;
                        }
                        while index >= printed.load(Ordering::SeqCst).saturating_add(window) {
                            if closed.load(Ordering::SeqCst) {
                                return;
                            }
                            // Woken by the printer; the timeout only backs up `CloseOnPanic`.
                            std::thread::park_timeout(std::time::Duration::from_millis(100));
                        }
                        if closed.load(Ordering::SeqCst) {
                            return;
                        }
                        let result = render_guarded(batch, index);
                        if result.is_err() {
                            first_error.fetch_min(index, Ordering::SeqCst);
                        }
                        if sender.send((index, result)).is_err() {
                            return;
                        }
                    }
                })
            })
            .collect();
        drop(sender);
        let threads: Vec<std::thread::Thread> =
            workers.iter().map(|w| w.thread().clone()).collect();
        let wake = || threads.iter().for_each(std::thread::Thread::unpark);

        let mut waiting: BTreeMap<usize, Result<Rendered, String>> = BTreeMap::new();
        let mut done = 0;
        let mut outcome = Ok(());
        while done < count {
            if let Some(result) = waiting.remove(&done) {
                if let Err(e) = result.and_then(|r| printer.print(r)) {
                    outcome = Err(e);
                    break;
                }
                done = done.saturating_add(1);
                printed.store(done, Ordering::SeqCst);
                wake();
                continue;
            }
            match receiver.recv() {
                Ok((index, result)) => {
                    waiting.insert(index, result);
                }
                // Every worker has gone, and the report at `done` never came.
                Err(_) => {
                    outcome = Err(format!(
                        "precheck: internal error: no report for `{}`",
                        visible(batch.name(done))
                    ));
                    break;
                }
            }
        }
        // Workers still waiting for room, or finishing a file after an error, stop.
        closed.store(true, Ordering::SeqCst);
        drop(receiver);
        wake();
        for worker in workers {
            if worker.join().is_err() && outcome.is_ok() {
                outcome = Err("precheck: internal error: a worker thread stopped".into());
            }
        }
        outcome
    })
}

/// Today's date from the system clock (UTC); the core itself reads no clock.
fn today() -> Option<String> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    precheck::Date::from_unix_days(i64::try_from(secs / 86_400).ok()?).map(|d| d.to_string())
}

/// The report with the file it is about, so that many reports can be told apart;
/// the report's own keys keep their order (schema first).
#[derive(serde::Serialize)]
struct WithFile<'a> {
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
}

fn with_file<'a>(report: &'a Report, file: Option<&'a str>) -> WithFile<'a> {
    WithFile { report, file }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&argv) {
        Parsed::Exit(message, code) => {
            if code == 0 {
                println!("{message}");
            } else {
                eprintln!("{message}");
            }
            ExitCode::from(code)
        }
        Parsed::Run(args) => match run(args) {
            Ok(false) => ExitCode::SUCCESS,
            Ok(true) => ExitCode::from(1),
            Err(message) => {
                eprintln!("{message}");
                ExitCode::from(2)
            }
        },
    }
}
