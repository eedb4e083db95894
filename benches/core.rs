//! The native core, timed in-process: each file's bytes are read once, then
//! `precheck::check` runs a few times to warm up and N times timed (std::time::Instant);
//! the median is what counts. A hand-rolled harness (`harness = false`), so `make bench`
//! compiles no benchmarking crate.
//!
//!   cargo bench --bench core -- [--json] [--runs N] [--warmup N] FILE...
//!
//! Without `--runs`, N follows the last warm-up run: 15 under 20 ms, 9 under 200 ms,
//! else 5 (the same rule as bench/lib.mjs). `--json` prints one JSON object per file
//! (what bench/run.mjs reads); otherwise a line of text per file.

use std::time::Instant;

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
    let options = precheck::Options::default();
    for path in &args.files {
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
        let n = args.runs.unwrap_or_else(|| runs_for(last));
        let mut times: Vec<f64> = (0..n).map(|_| once().0).collect();
        times.sort_by(f64::total_cmp);
        let med = median(&times);
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
                n,
                med,
                times[0],
                times[n - 1],
                first,
                all
            );
        } else {
            println!(
                "{path}: {pages} pages, median {med:.2} ms over {n} runs (min {:.2}, max {:.2})",
                times[0],
                times[n - 1]
            );
        }
    }
}
