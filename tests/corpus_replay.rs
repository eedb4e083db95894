//! Corpus replay (issue 6, item 4): every file under `../shared/corpus` (`real/` and
//! `malformed/`) goes through `precheck::check` natively, each on its own thread under a
//! watchdog. Every file must get a report with a `file-format` check: no panic, no hang.
//! Skips, saying so, when the corpus is absent. Figures print with `--nocapture`.

use precheck::{Options, Report, Status};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A hang detector, not a speed test: the slowest corpus file takes well under a second
/// in release builds and a few in debug builds.
const WATCHDOG: Duration = Duration::from_secs(60);

/// The top-level folders of the corpus, each reported as a source of its own.
const SOURCES: [&str; 2] = ["real", "malformed"];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Every file below `dir`, sorted, leaving out the corpus's own notes (MANIFEST.tsv, README.md).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("tsv" | "md")
            ) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// What became of one file.
enum Outcome {
    Report(Box<Report>),
    OptionsError(String),
    Panic(String),
    Hang,
}

#[path = "common/guard.rs"]
mod guard;
use guard::panic_message;

/// Checks one file on a thread of its own, giving up waiting after `WATCHDOG`.
fn replay(bytes: Vec<u8>) -> (Outcome, Duration) {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    let spawned = std::thread::Builder::new()
        .name("corpus-file".into())
        .spawn(move || {
            let result =
                std::panic::catch_unwind(|| precheck::check(Some(&bytes), &Options::default()));
            let outcome = match result {
                Ok(Ok(report)) => Outcome::Report(Box::new(report)),
                Ok(Err(e)) => Outcome::OptionsError(e.to_string()),
                Err(payload) => Outcome::Panic(panic_message(payload.as_ref())),
            };
            // The receiver is gone only when the watchdog already gave up on this file.
            let _ = tx.send(outcome);
        });
    if let Err(e) = spawned {
        return (
            Outcome::Panic(format!("could not start a thread: {e}")),
            start.elapsed(),
        );
    }
    let outcome = rx.recv_timeout(WATCHDOG).unwrap_or(Outcome::Hang);
    (outcome, start.elapsed())
}

/// The process's peak resident memory in MB, where the platform tells it (Linux).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[derive(Default)]
struct Tally {
    tried: usize,
    reports: usize,
    by_status: BTreeMap<&'static str, usize>,
    slowest: Option<(Duration, PathBuf)>,
}

#[test]
fn every_corpus_file_gets_a_report_without_panic_or_hang() {
    let root = corpus_dir();
    if !root.is_dir() {
        println!("corpus replay skipped: {} is absent", root.display());
        return;
    }
    let started = Instant::now();
    let mut problems: Vec<String> = Vec::new();
    let mut panics = 0usize;
    let mut hangs = 0usize;
    let mut slowest_overall: Option<(Duration, PathBuf)> = None;
    for source in SOURCES {
        let dir = root.join(source);
        if !dir.is_dir() {
            println!("{source}: skipped, {} is absent", dir.display());
            continue;
        }
        // One tally per folder holding files (real/, malformed/qpdf/, ...).
        let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
        for path in files_under(&dir) {
            let folder = path
                .parent()
                .and_then(|p| p.strip_prefix(&root).ok())
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| source.to_string());
            let tally = tallies.entry(folder).or_default();
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .display()
                .to_string();
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) => {
                    problems.push(format!("{name}: unreadable ({e})"));
                    continue;
                }
            };
            tally.tried += 1;
            let (outcome, took) = replay(bytes);
            if tally.slowest.as_ref().is_none_or(|(t, _)| took > *t) {
                tally.slowest = Some((took, path.clone()));
            }
            if slowest_overall.as_ref().is_none_or(|(t, _)| took > *t) {
                slowest_overall = Some((took, path.clone()));
            }
            match outcome {
                Outcome::Report(report) => match report.check("file-format") {
                    Some(c) => {
                        tally.reports += 1;
                        *tally.by_status.entry(c.status.as_str()).or_default() += 1;
                        if c.status == Status::Fail && c.message.is_empty() {
                            problems.push(format!("{name}: a file-format failure with no message"));
                        }
                        // Real papers should open; say which do not (malformed ones mostly fail).
                        if source == "real" && c.status == Status::Fail {
                            println!("{name}: file-format fail ({})", c.message);
                        }
                    }
                    None => problems.push(format!("{name}: a report without a file-format check")),
                },
                Outcome::OptionsError(e) => {
                    problems.push(format!("{name}: default options refused ({e})"))
                }
                Outcome::Panic(message) => {
                    panics += 1;
                    problems.push(format!("{name}: panicked: {message}"));
                }
                Outcome::Hang => {
                    hangs += 1;
                    problems.push(format!(
                        "{name}: no report within {} s (hang)",
                        WATCHDOG.as_secs()
                    ));
                }
            }
        }
        for (folder, t) in &tallies {
            let statuses: Vec<String> = t
                .by_status
                .iter()
                .map(|(s, n)| format!("{s} {n}"))
                .collect();
            let slowest = t
                .slowest
                .as_ref()
                .map(|(d, p)| {
                    format!(
                        "{} ({:.2} s)",
                        p.file_name().unwrap_or_default().to_string_lossy(),
                        d.as_secs_f64()
                    )
                })
                .unwrap_or_default();
            println!(
                "{folder}: {} files tried, {} reports (file-format: {}), slowest {slowest}",
                t.tried,
                t.reports,
                statuses.join(", ")
            );
        }
    }
    if let Some((d, p)) = &slowest_overall {
        let name = p.strip_prefix(&root).unwrap_or(p);
        println!(
            "slowest file overall: {} in {:.2} s",
            name.display(),
            d.as_secs_f64()
        );
    }
    println!(
        "panics {panics}, hangs {hangs}, wall time {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if let Some(mb) = peak_rss_mb() {
        println!("peak resident memory of the replay process: {mb:.0} MB");
    }
    assert!(
        problems.is_empty(),
        "{} corpus files without a proper report:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}
