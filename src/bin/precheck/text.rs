//! The readable report (`--format text`): a verdict line per file, a line per check
//! and per finding, then what the document is. Every line passes through
//! [`visible`] as a whole, so no string from the PDF or the profile (a title, a font
//! name, page text, a profile id) reaches the terminal with its control characters raw,
//! and a line break inside a value cannot start a line of its own.

use crate::terminal::visible;
use precheck::{Report, Status};

fn status_mark(s: Status) -> &'static str {
    match s {
        Status::Pass => "PASS",
        Status::Warn => "WARN",
        Status::Fail => "FAIL",
        Status::Skip => "skip",
    }
}

pub fn render_text(file: &str, report: &Report) -> String {
    let mut out = String::new();
    let push = |out: &mut String, line: String| {
        out.push_str(&visible(&line));
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
