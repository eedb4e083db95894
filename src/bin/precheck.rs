//! The command line (SPEC §6): check one or many PDFs, print a readable report, JSON
//! or JSON lines. Exit 0 when no check failed, 1 when one did, 2 on usage or I/O errors.

use precheck::{Kind, Options, Profile, ProfileChoice, Report, Status};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: precheck [OPTIONS] [PDF]...   (kind blog takes no PDF)
  --abstract <FILE|->        abstract text, UTF-8
  --kind <paper|position|published|poster|blog>     default: paper
  --first-public <YYYY-MM-DD>
  --profile <snn-2022|neurips-2022|FILE.json>       default: snn-2022
  --format <text|json|jsonl> default: text
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
                    args.kind = Kind::parse(&v).ok_or_else(|| Parsed::Exit(format!("precheck: unknown kind `{v}` (paper, position, published, poster, blog)"), 2))?;
                }
                "--first-public" => {
                    let v = value("--first-public")?;
                    if precheck::Date::parse(&v).is_none() {
                        return Err(Parsed::Exit(
                            format!("precheck: --first-public `{v}` is not a date (YYYY-MM-DD)"),
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
                                "precheck: unknown profile `{id}` (built in: {})",
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
                                format!("precheck: unknown format `{v}` (text, json, jsonl)"),
                                2,
                            ));
                        }
                    };
                }
                "-" => args.files.push(arg.clone()),
                f if f.starts_with('-') => {
                    return Err(Parsed::Exit(
                        format!("precheck: unknown option `{f}`\n{USAGE}"),
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
    let bytes = if source == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("precheck: cannot read the abstract from standard input: {e}"))?;
        buf
    } else {
        std::fs::read(source)
            .map_err(|e| format!("precheck: cannot read the abstract `{source}`: {e}"))?
    };
    String::from_utf8(bytes)
        .map_err(|_| format!("precheck: the abstract `{source}` is not UTF-8 text"))
}

fn status_mark(s: Status) -> &'static str {
    match s {
        Status::Pass => "PASS",
        Status::Warn => "WARN",
        Status::Fail => "FAIL",
        Status::Skip => "skip",
    }
}

fn render_text(file: &str, report: &Report) -> String {
    let mut out = String::new();
    let push = |out: &mut String, line: String| {
        out.push_str(&line);
        out.push('\n');
    };
    push(
        &mut out,
        format!(
            "{file}: {} ({} profile, {})",
            status_mark(report.verdict),
            report.profile,
            report.kind
        ),
    );
    for c in &report.checks {
        push(
            &mut out,
            format!("  {:<4}  {:<16} {}", status_mark(c.status), c.id, c.message),
        );
        for f in &c.findings {
            let mut where_ = String::new();
            if let Some(p) = f.page {
                where_.push_str(&format!("page {p}"));
            }
            if let Some(b) = f.bbox {
                where_.push_str(&format!(
                    " at x {:.0}–{:.0}, y {:.0}–{:.0} pt",
                    b.x0, b.x1, b.y0, b.y1
                ));
            }
            let what = [f.text.as_deref(), f.note.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" — ");
            push(&mut out, format!("          {}: {}", where_.trim(), what));
        }
        if let (Some(h), true) = (&c.hint, matches!(c.status, Status::Warn | Status::Fail)) {
            push(&mut out, format!("          hint: {h}"));
        }
    }
    let d = &report.document;
    if d.pages > 0 {
        push(
            &mut out,
            format!(
                "  document: PDF {}, {} pages, {} bytes",
                d.pdf_version.as_deref().unwrap_or("?"),
                d.pages,
                d.bytes
            ),
        );
        let mut sizes: Vec<String> = Vec::new();
        let mut last: Option<[f64; 2]> = None;
        let mut run = 0;
        for s in d
            .page_sizes
            .iter()
            .chain(std::iter::once(&[f64::NAN, f64::NAN]))
        {
            if Some(*s) == last || (last.is_none() && run == 0) {
                run += 1;
                last = Some(*s);
                continue;
            }
            if let Some(l) = last {
                sizes.push(format!("{}×{} pt ×{run}", l[0], l[1]));
            }
            last = Some(*s);
            run = 1;
        }
        push(&mut out, format!("  page sizes: {}", sizes.join(", ")));
        for f in &d.fonts {
            push(
                &mut out,
                format!(
                    "  font: {:<28} {:<8} {}{} {} glyphs",
                    f.name,
                    f.subtype,
                    if f.embedded {
                        "embedded"
                    } else {
                        "NOT embedded"
                    },
                    if f.subset { ", subset" } else { "" },
                    f.glyphs
                ),
            );
        }
        if let Some(n) = &d.notice {
            push(&mut out, format!("  notice: {n}"));
        }
        if let Some(a) = &d.arxiv {
            push(
                &mut out,
                format!(
                    "  arXiv: {} v{} [{}] {}",
                    a.id,
                    a.version.map_or("?".into(), |v| v.to_string()),
                    a.category.as_deref().unwrap_or("?"),
                    a.date.as_deref().unwrap_or("?")
                ),
            );
        }
        let i = &d.info;
        for (k, v) in [
            ("title", &i.title),
            ("producer", &i.producer),
            ("creator", &i.creator),
            ("created", &i.created),
            ("modified", &i.modified),
        ] {
            if let Some(v) = v {
                push(&mut out, format!("  {k}: {v}"));
            }
        }
    }
    out
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
            let json = std::fs::read_to_string(path)
                .map_err(|e| format!("precheck: cannot read the profile `{path}`: {e}"))?;
            let profile =
                Profile::from_json(&json).map_err(|e| format!("precheck: {path}: {e}"))?;
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
    precheck::check(
        None,
        &Options {
            kind: Kind::Blog,
            abstract_text: None,
            ..options.clone()
        },
    )
    .map_err(|e| format!("precheck: {e}"))?;
    let inputs: Vec<Option<String>> = if args.kind == Kind::Blog {
        vec![None]
    } else {
        args.files.iter().cloned().map(Some).collect()
    };
    let mut any_failed = false;
    let mut json_reports: Vec<String> = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for input in inputs {
        let bytes = match &input {
            Some(path) if path == "-" => {
                let mut buf = Vec::new();
                std::io::stdin().read_to_end(&mut buf).map_err(|e| {
                    format!("precheck: cannot read the PDF from standard input: {e}")
                })?;
                Some(buf)
            }
            Some(path) => Some(
                std::fs::read(path).map_err(|e| format!("precheck: cannot read `{path}`: {e}"))?,
            ),
            None => None,
        };
        let report =
            precheck::check(bytes.as_deref(), &options).map_err(|e| format!("precheck: {e}"))?;
        any_failed |= report.verdict == Status::Fail;
        let name = input.clone().unwrap_or_else(|| "(blog post)".into());
        let io = |e: std::io::Error| format!("precheck: cannot write the report: {e}");
        match args.format {
            Format::Text => write!(out, "{}", render_text(&name, &report)).map_err(io)?,
            Format::Jsonl => {
                let line = serde_json::to_string(&with_file(&report, input.as_deref()))
                    .map_err(|e| e.to_string())?;
                writeln!(out, "{line}").map_err(io)?;
            }
            Format::Json => json_reports.push(
                serde_json::to_string_pretty(&with_file(&report, input.as_deref()))
                    .map_err(|e| e.to_string())?,
            ),
        }
    }
    if args.format == Format::Json {
        let text = if json_reports.len() == 1 {
            json_reports.concat()
        } else {
            format!("[\n{}\n]", json_reports.join(",\n"))
        };
        writeln!(out, "{text}").map_err(|e| format!("precheck: cannot write the report: {e}"))?;
    }
    Ok(any_failed)
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
