//! Checking a batch of files: one at a time, or on several threads with the output the
//! same bytes in the same order as one at a time. Each report is read, checked and
//! rendered by `render`; `Printer` writes them in file order.

use super::input::{self, Pdf};
use super::terminal::{json_safe, visible};
use super::text;
use precheck::{Options, Report, Status};
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Jsonl,
}

/// Everything one report needs, shared read-only by the workers.
pub struct Batch<'a> {
    /// The files in the order given; `None` for the blog post, which has no PDF.
    pub inputs: &'a [Option<String>],
    pub options: &'a Options,
    pub format: Format,
    /// The first `-` among the inputs, the one that reads standard input.
    pub stdin_first: Option<usize>,
    /// Standard input read ahead, when checking in parallel; `None`: read it in turn.
    pub stdin: Option<&'a Result<Pdf, String>>,
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
pub struct Rendered {
    text: String,
    failed: bool,
}

/// The largest PDF precheck reads, in bytes: the core's own limit.
pub fn file_limit() -> u64 {
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
pub fn options_error(e: &precheck::OptionsError) -> String {
    format!("precheck: {}", visible(&e.to_string()))
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

/// Writes reports in the order of the files: text and JSON lines at once, JSON as one
/// value at the end (an array when there are several).
pub struct Printer<W: Write> {
    pub out: W,
    pub format: Format,
    pub any_failed: bool,
    pub json_reports: Vec<String>,
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
    pub fn finish(mut self) -> Result<bool, String> {
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

/// Checks the batch on this thread, one file at a time, standard input read when its
/// turn comes; the first error ends the run with the reports before it printed.
pub fn check_in_turn<W: Write>(batch: &Batch, printer: &mut Printer<W>) -> Result<(), String> {
    for index in 0..batch.inputs.len() {
        printer.print(render_guarded(batch, index)?)?;
    }
    Ok(())
}

/// How many files per job may be started ahead of the first one not yet printed: the
/// finished reports that wait, in memory, for an earlier, slower one. With two per job,
/// 61 real papers on 2 cores took 0.96 s instead of 0.71 s: while the slow second file
/// was checked, the other worker soon ran out of room and sat idle. A waiting report is
/// a rendered string of some 10 KB; a PDF being checked takes tens of MB, and how many
/// are in flight is bounded by `jobs`, not by this window.
const REORDER_WINDOW_PER_JOB: usize = 8;

/// What the workers share: permits to start a file (a bounded channel the printer
/// refills as it prints) and, taken under the same lock, the next file's index, so
/// files are started in order and each started file holds a permit.
struct Queue {
    permits: Receiver<()>,
    next: usize,
}

/// Sends an error for the file a worker is on if the worker unwinds before it sends the
/// report, so the printer is never left waiting for a report that will not come.
struct ReportOnPanic<'a> {
    index: usize,
    results: &'a Sender<(usize, Result<Rendered, String>)>,
}

impl Drop for ReportOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.results.send((
                self.index,
                Err("precheck: internal error: a worker thread stopped".into()),
            ));
        }
    }
}

/// One worker: takes a permit and the next index, checks that file, sends its report;
/// stops when there is no file left or the printer has stopped handing out permits.
fn work(batch: &Batch, queue: &Mutex<Queue>, results: &Sender<(usize, Result<Rendered, String>)>) {
    loop {
        let index = {
            let Ok(mut q) = queue.lock() else { return };
            if q.permits.recv().is_err() {
                return;
            }
            let index = q.next;
            q.next = index.saturating_add(1);
            index
        };
        if index >= batch.inputs.len() {
            return;
        }
        let guard = ReportOnPanic { index, results };
        let result = render_guarded(batch, index);
        if guard.results.send((index, result)).is_err() {
            return;
        }
    }
}

/// Checks the batch on `jobs` threads and prints each report as soon as every earlier
/// one is printed, so the output is the same bytes, in the same order, as one at a time.
///
/// A worker starts a file only with a permit; there are `REORDER_WINDOW_PER_JOB` × `jobs`
/// of them and the printer gives one back for each report it prints, so at most that
/// many finished reports wait for an earlier one. Permits and indices are taken under
/// one lock, so the first file not yet printed is always started before any later one
/// holds a permit, and the batch cannot stall. The first error in file order ends the
/// run, as it did one at a time: reports before it are printed, none after it; once an
/// error has come in, no permit is given back, so no file after it is started (files
/// already started are finished and dropped).
pub fn check_in_parallel<W: Write>(
    batch: &Batch,
    jobs: usize,
    printer: &mut Printer<W>,
) -> Result<(), String> {
    let count = batch.inputs.len();
    let window = jobs.saturating_mul(REORDER_WINDOW_PER_JOB);
    let (permit_sender, permits): (SyncSender<()>, Receiver<()>) = mpsc::sync_channel(window);
    for _ in 0..window {
        let _ = permit_sender.try_send(());
    }
    let queue = Mutex::new(Queue { permits, next: 0 });
    let (results, reports) = mpsc::channel::<(usize, Result<Rendered, String>)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let results = results.clone();
            let queue = &queue;
            scope.spawn(move || work(batch, queue, &results));
        }
        drop(results);
        let mut permit_sender = Some(permit_sender);
        // No file is started from now on: with the sender gone a worker waiting for a
        // permit wakes (so the lock is free), and the queue is left with no next file.
        let stop_starting = |sender: &mut Option<SyncSender<()>>| {
            *sender = None;
            if let Ok(mut q) = queue.lock() {
                q.next = count;
            }
        };
        let mut waiting: BTreeMap<usize, Result<Rendered, String>> = BTreeMap::new();
        let mut done = 0;
        let outcome = loop {
            if done >= count {
                break Ok(());
            }
            if let Some(result) = waiting.remove(&done) {
                if let Err(e) = result.and_then(|r| printer.print(r)) {
                    break Err(e);
                }
                done = done.saturating_add(1);
                if let Some(p) = &permit_sender {
                    let _ = p.try_send(());
                }
                continue;
            }
            match reports.recv() {
                Ok((index, result)) => {
                    if result.is_err() {
                        stop_starting(&mut permit_sender);
                    }
                    waiting.insert(index, result);
                }
                // Every worker has gone, and the report at `done` never came.
                Err(_) => {
                    break Err(format!(
                        "precheck: internal error: no report for `{}`",
                        visible(batch.name(done))
                    ));
                }
            }
        };
        // Workers waiting for a permit stop; those finishing a file find no printer.
        stop_starting(&mut permit_sender);
        drop(reports);
        outcome
    })
}
