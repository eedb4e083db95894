//! The native core, timed in-process by criterion: each file's bytes are read once,
//! `precheck::check` runs a few times to warm up (which also chooses N) and then as N
//! criterion samples (flat sampling: the same few calls in each); the median time of
//! one call over the samples is what counts, as with the hand-rolled harness before. Criterion prints its analysis; the figures bench/run.mjs reads are the
//! JSON lines (`--json`), computed from criterion's own samples (its sample.json).
//!
//!   cargo bench --bench core -- [--json] [--runs N] [--warmup N] FILE...
//!
//! Without `--runs`, N follows the last warm-up run: 15 under 20 ms, 9 under 200 ms,
//! else 5 (the same rule as bench/lib.mjs); criterion takes at least 10 samples, so N
//! is at least 10 here.

use criterion::{Criterion, SamplingMode};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

struct Args {
    json: bool,
    runs: Option<usize>,
    warmup: usize,
    files: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        json: false,
        runs: None,
        warmup: 2,
        files: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            // cargo bench passes --bench; libtest-style filters are not used here.
            "--bench" => {}
            "--json" => args.json = true,
            "--runs" => {
                args.runs = Some(
                    it.next()
                        .and_then(|v| v.parse().ok())
                        .filter(|&n| n > 0)
                        .ok_or("--runs needs a positive number")?,
                )
            }
            "--warmup" => {
                args.warmup = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--warmup needs a number")?
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => args.files.push(a),
        }
    }
    Ok(args)
}

/// Runs chosen from the duration of the last warm-up run, in milliseconds.
fn runs_for(first_ms: f64) -> usize {
    if first_ms < 20.0 {
        15
    } else if first_ms < 200.0 {
        9
    } else {
        5
    }
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"?\"".to_string())
}

/// Criterion's smallest sample count.
const MIN_SAMPLES: usize = 10;

/// Where criterion keeps its results for this bench.
fn output_dir() -> PathBuf {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    target.join("bench").join("criterion")
}

/// The time of one call in each of criterion's samples (ms), sorted: from its sample.json
/// (`iters` and total `times` in ns per sample).
fn samples_ms(dir: &Path, id: &str) -> Option<Vec<f64>> {
    let text =
        std::fs::read_to_string(dir.join("core").join(id).join("new").join("sample.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    let iters = v.get("iters")?.as_array()?;
    let times = v.get("times")?.as_array()?;
    let mut ms: Vec<f64> = iters
        .iter()
        .zip(times)
        .filter_map(|(i, t)| Some(t.as_f64()? / i.as_f64()?.max(1.0) / 1e6))
        .collect();
    ms.sort_by(f64::total_cmp);
    Some(ms)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("core bench: {e}");
            std::process::exit(2);
        }
    };
    if args.files.is_empty() {
        eprintln!(
            "core bench: no files (usage: cargo bench --bench core -- [--json] [--runs N] FILE...)"
        );
        return;
    }
    let dir = output_dir();
    let mut criterion = Criterion::default()
        .output_directory(&dir)
        .without_plots()
        .with_output_color(false);
    let options = precheck::Options::default();
    for (index, path) in args.files.iter().enumerate() {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                if args.json {
                    println!(
                        "{{\"file\":{},\"ok\":false,\"reason\":{}}}",
                        json_str(path),
                        json_str(&e.to_string())
                    );
                } else {
                    eprintln!("{path}: {e}");
                }
                continue;
            }
        };
        let once = || {
            let t = Instant::now();
            let report =
                precheck::check(Some(&bytes), &options).expect("default options are valid");
            let ms = t.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box(&report);
            (ms, report.document.pages)
        };
        let mut first = f64::NAN;
        let mut last = f64::NAN;
        let mut pages = 0;
        for i in 0..args.warmup.max(1) {
            let (ms, p) = once();
            last = ms;
            if i == 0 {
                first = ms;
                pages = p;
            }
        }
        let n = args.runs.unwrap_or_else(|| runs_for(last)).max(MIN_SAMPLES);
        // About one call per sample: the measurement time is what n calls take.
        let per_call = Duration::from_secs_f64((last / 1e3).max(1e-6));
        let id = format!("file-{index:04}");
        {
            let mut group = criterion.benchmark_group("core");
            group
                .sampling_mode(SamplingMode::Flat)
                .sample_size(n)
                .warm_up_time(per_call.max(Duration::from_millis(1)))
                .measurement_time(per_call.mul_f64(n as f64));
            group.bench_function(&id, |b| {
                b.iter(|| {
                    precheck::check(Some(&bytes), &options).expect("default options are valid")
                })
            });
            group.finish();
        }
        let Some(times) = samples_ms(&dir, &id) else {
            eprintln!("{path}: criterion left no samples in {}", dir.display());
            continue;
        };
        let count = times.len();
        let med = median(&times);
        let (min, max) = (
            times.first().copied().unwrap_or(f64::NAN),
            times.last().copied().unwrap_or(f64::NAN),
        );
        if args.json {
            let all = times
                .iter()
                .map(|t| format!("{t:.4}"))
                .collect::<Vec<_>>()
                .join(",");
            println!(
                "{{\"file\":{},\"ok\":true,\"bytes\":{},\"pages\":{},\"runs\":{},\"median_ms\":{:.4},\"min_ms\":{:.4},\"max_ms\":{:.4},\"first_ms\":{:.4},\"times_ms\":[{}]}}",
                json_str(path),
                bytes.len(),
                pages,
                count,
                med,
                min,
                max,
                first,
                all
            );
        } else {
            println!(
                "{path}: {pages} pages, median {med:.2} ms over {count} runs (min {min:.2}, max {max:.2})"
            );
        }
    }
}
