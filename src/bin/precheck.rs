//! The command line (SPEC §6): check one or many PDFs, print a readable report, JSON
//! or JSON lines. Exit 0 when no check failed, 1 when one did, 2 on usage or I/O errors.
//! Arguments are parsed by clap; several files are checked on several threads
//! (`--jobs`, `batch`), the output the same bytes in the same order as one at a time.
//! No PDF is read past the file limit (`input`), and nothing from a PDF reaches the
//! terminal raw (`terminal`).
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
#[path = "precheck/batch.rs"]
mod batch;
#[path = "precheck/input.rs"]
mod input;
#[path = "precheck/terminal.rs"]
mod terminal;
#[path = "precheck/text.rs"]
mod text;

use batch::{Batch, Format, Printer};
use clap::Parser;
use precheck::{Kind, Options, Profile, ProfileChoice};
use std::process::ExitCode;
use terminal::visible;

/// Checks PDFs against a call for submissions: page size and length, the template's
/// margins and fonts, the abstract's length and how recent the work is.
#[derive(Parser, Debug)]
#[command(
    name = "precheck",
    version,
    after_help = "exit status: 0 no check failed; 1 some check failed; 2 usage or I/O error"
)]
struct Args {
    /// PDF files to check; `-` reads standard input (kind blog takes no PDF)
    #[arg(value_name = "PDF")]
    files: Vec<String>,
    /// The abstract text, UTF-8, from a file or `-` (standard input)
    #[arg(long = "abstract", value_name = "FILE|-")]
    abstract_source: Option<String>,
    /// What is submitted
    #[arg(long, value_name = "KIND", default_value = "paper", value_parser = parse_kind)]
    kind: Kind,
    /// When the work was first public; `not-yet`: work in progress, not public yet
    #[arg(long, value_name = "YYYY-MM-DD|not-yet", value_parser = parse_first_public)]
    first_public: Option<String>,
    /// The rules: a built-in profile, or a profile of your own as JSON
    #[arg(long, value_name = "snn-2022|neurips-2022|FILE.json")]
    profile: Option<String>,
    /// How the report is printed
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Files checked at a time; default: the number of cores
    #[arg(long, value_name = "N", value_parser = parse_jobs, allow_hyphen_values = true)]
    jobs: Option<usize>,
    /// Include each page's map (its text lines, images and drawings) in JSON reports
    #[arg(long)]
    layout: bool,
    /// Print a built-in profile as JSON (a start for your own) and exit
    #[arg(long, value_name = "ID")]
    show_profile: Option<String>,
}

fn parse_kind(v: &str) -> Result<Kind, String> {
    Kind::parse(v).ok_or_else(|| {
        let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind `{}` ({})", visible(v), all.join(", "))
    })
}

fn parse_first_public(v: &str) -> Result<String, String> {
    if v == precheck::NOT_YET || precheck::Date::parse(v).is_some() {
        Ok(v.to_string())
    } else {
        Err(format!(
            "`{}` is not a date (YYYY-MM-DD) nor `{}`",
            visible(v),
            precheck::NOT_YET
        ))
    }
}

fn parse_jobs(v: &str) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("--jobs `{}` is not a whole number ≥ 1", visible(v))),
    }
}

/// What a run ends with besides the reports: a message and an exit status.
struct Exit {
    message: String,
    code: u8,
}

impl Exit {
    fn usage(message: impl Into<String>) -> Exit {
        Exit {
            message: message.into(),
            code: 2,
        }
    }
}

/// The arguments, or how to exit: clap's help and version (status 0) and its usage
/// errors (status 2), shown with nothing raw from the command line; then the checks
/// across options that clap's attributes do not express.
fn parse_args(argv: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Args, Exit> {
    let args = Args::try_parse_from(argv).map_err(|e| Exit {
        message: e
            .render()
            .to_string()
            .trim_end()
            .lines()
            .map(|l| visible(l).into_owned())
            .collect::<Vec<_>>()
            .join("\n"),
        code: u8::try_from(e.exit_code()).unwrap_or(2),
    })?;
    if let Some(id) = &args.show_profile {
        let profile = precheck::profile::builtin(id).ok_or_else(|| {
            Exit::usage(format!(
                "precheck: unknown profile `{}` (built in: {})",
                visible(id),
                precheck::profile::BUILTIN.join(", ")
            ))
        })?;
        let json =
            serde_json::to_string_pretty(&profile).map_err(|e| Exit::usage(e.to_string()))?;
        return Err(Exit {
            message: json,
            code: 0,
        });
    }
    if args.abstract_source.as_deref() == Some("-") && args.files.iter().any(|f| f == "-") {
        return Err(Exit::usage(
            "precheck: standard input can hold the abstract or a PDF, not both",
        ));
    }
    if args.kind == Kind::Blog && !args.files.is_empty() {
        return Err(Exit::usage("precheck: kind blog takes no PDF"));
    }
    if args.kind != Kind::Blog && args.files.is_empty() {
        return Err(Exit::usage(
            "precheck: no PDF given (precheck --help shows how to run it)",
        ));
    }
    Ok(args)
}

fn read_abstract(source: &str) -> Result<String, String> {
    input::read_text("the abstract", source, input::TEXT_BYTES)
}

/// The options for the core, from the arguments; validated by the core's own function.
fn options(args: &Args) -> Result<Options, String> {
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
        layout: args.layout,
    };
    // Wrong options are a usage error, found before any file is read.
    precheck::validate(&options).map_err(|e| batch::options_error(&e))?;
    Ok(options)
}

/// Checks every file; whether any check failed.
fn run(args: &Args) -> Result<bool, String> {
    let options = options(args)?;
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
        let batch = Batch {
            inputs: &inputs,
            options: &options,
            format: args.format,
            stdin_first,
            stdin: None,
        };
        batch::check_in_turn(&batch, &mut printer)?;
    } else {
        // Standard input is read here, once, before any worker starts.
        let stdin_pdf = stdin_first.map(|_| input::read_stdin(batch::file_limit()));
        let batch = Batch {
            inputs: &inputs,
            options: &options,
            format: args.format,
            stdin_first,
            stdin: stdin_pdf.as_ref(),
        };
        batch::check_in_parallel(&batch, jobs, &mut printer)?;
    }
    printer.finish()
}

/// Today's date from the system clock (UTC); the core itself reads no clock.
fn today() -> Option<String> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    precheck::Date::from_unix_days(i64::try_from(secs / 86_400).ok()?).map(|d| d.to_string())
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args_os()) {
        Ok(args) => args,
        Err(Exit { message, code }) => {
            if code == 0 {
                println!("{message}");
            } else {
                eprintln!("{message}");
            }
            return ExitCode::from(code);
        }
    };
    match run(&args) {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(1),
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}
