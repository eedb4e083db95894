//! `file-format` and `file-size` (SPEC §3): whether the PDF opens at all, and
//! OpenReview's 50 MB cap.

use super::pages::pages_phrase;
use crate::limits::{Limits, Scope};
use crate::pdf::{DocumentFacts, ReadError};
use crate::report::{Check, CheckId, Status};

pub fn file_format(read: &Result<DocumentFacts, ReadError>, limits: &Limits) -> Check {
    let fail = |message: String, hint: &str| {
        Check::new(CheckId::FileFormat, Status::Fail, message).with_hint(hint)
    };
    match read {
        Ok(facts) => {
            let mut message = format!(
                "PDF {}, {}",
                facts.pdf_version,
                super::pages::count_phrase(facts.page_count, "page")
            );
            if facts.encrypted {
                message.push_str(", encrypted with an owner password only (opens without one)");
            }
            let mut check = Check::new(CheckId::FileFormat, Status::Pass, message);
            if !facts.unreadable_pages.is_empty() {
                check.status = Status::Warn;
                check.message = format!(
                    "{}; {} could not be read",
                    check.message,
                    pages_phrase(&facts.unreadable_pages)
                );
                check.hint = Some("re-export the PDF (\"Print to PDF\" or your TeX toolchain): a reader may show those pages differently".into());
            }
            // Content over a limit is named with the limit below.
            let over_limit: Vec<usize> = facts
                .limits_reached
                .iter()
                .filter_map(|&(l, p)| (l.scope() != Scope::Report).then_some(p).flatten())
                .collect();
            let unreadable: Vec<usize> = facts
                .unreadable_content
                .iter()
                .copied()
                .filter(|p| !over_limit.contains(p))
                .collect();
            if !unreadable.is_empty() {
                check.status = Status::Warn;
                check.message = format!(
                    "{}; the content of {} could not be read, so the checks below do not see it",
                    check.message,
                    pages_phrase(&unreadable)
                );
                check.hint = Some("re-export the PDF (\"Print to PDF\" or your TeX toolchain): a viewer may show those pages differently from what precheck read".into());
            }
            if !facts.limits_reached.is_empty() {
                let notes: Vec<String> = facts
                    .limits_reached
                    .iter()
                    .map(|&(limit, page)| limit.explain(page, limits))
                    .collect();
                check.status = Status::Warn;
                check.message =
                    format!("{}; read only in part: {}", check.message, notes.join("; "));
                check.hint = Some("precheck stops at named limits to stay fast and safe; the checks below judge what was read".into());
            }
            check
        }
        Err(ReadError::Missing) => {
            fail("no PDF was given".into(), "drop the PDF of your submission")
        }
        Err(ReadError::NotPdf) => fail(
            "this is not a PDF file".into(),
            "export or print your paper to PDF and drop that file",
        ),
        Err(ReadError::NeedsPassword) => fail(
            "the PDF needs a password to open, so reviewers could not read it".into(),
            "save a copy without a password (remove the document open password) and submit that",
        ),
        Err(ReadError::Damaged(reason)) => fail(
            format!("the PDF is damaged and cannot be read ({reason})"),
            "download or export the PDF again; if it opens in a viewer, re-save it with \"Print to PDF\"",
        ),
        Err(ReadError::NoPages) => fail(
            "the PDF has no readable pages (it may be truncated or damaged)".into(),
            "download or export the PDF again and check that it opens in a viewer",
        ),
        Err(ReadError::LimitReached(limit)) => fail(
            format!("the PDF could not be read: {}", limit.describe(limits)),
            "submissions this large or complex are refused; reduce image sizes or simplify the figures",
        ),
    }
}

/// OpenReview's cap (`max_bytes`, 50 MB for the built-in profiles).
/// A file's size as authors read it: decimal megabytes with one decimal, kilobytes
/// (rounded up) under a tenth of a megabyte, where "0.0 MB" would say nothing.
pub fn size_phrase(bytes: u64) -> String {
    if bytes < 100_000 {
        format!("{} kB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}

pub fn file_size(bytes: u64, max_bytes: u64) -> Check {
    let size = size_phrase(bytes);
    let max_mb = max_bytes as f64 / 1_000_000.0;
    if bytes > max_bytes {
        Check::new(
            CheckId::FileSize,
            Status::Fail,
            format!("the file is {size}, above OpenReview's {max_mb:.0} MB limit"),
        )
        .with_hint("compress large raster figures, or export figures as vector graphics")
    } else {
        Check::new(
            CheckId::FileSize,
            Status::Pass,
            format!("{size} of the {max_mb:.0} MB OpenReview accepts"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_authors_write_them() {
        assert_eq!(size_phrase(105_554), "0.1 MB");
        assert_eq!(size_phrase(2_048), "3 kB");
        assert_eq!(size_phrase(50_400_000), "50.4 MB");
        assert_eq!(
            file_size(2_048, 50_000_000).message,
            "3 kB of the 50 MB OpenReview accepts"
        );
    }

    #[test]
    fn fifty_megabytes_is_the_edge() {
        assert_eq!(file_size(50_000_000, 50_000_000).status, Status::Pass);
        assert_eq!(file_size(50_000_001, 50_000_000).status, Status::Fail);
    }

    #[test]
    fn a_password_is_a_failure_that_says_so() {
        let c = file_format(&Err(ReadError::NeedsPassword), &Limits::default());
        assert_eq!(c.status, Status::Fail);
        assert!(c.message.contains("password"));
    }
}
