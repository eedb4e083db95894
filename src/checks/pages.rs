//! `page-size` and `page-limit` (SPEC §3): every page on the template's paper, and
//! the content pages within the kind's limit.

use super::layout::{self, ContentPages, Heading};
use crate::pdf::DocumentFacts;
use crate::profile::{PageLimit, Profile};
use crate::report::{Check, CheckId, Finding, Status};

/// Paper sizes authors meet, for messages (portrait, points, ±3 pt).
const KNOWN_SIZES: [(&str, f64, f64); 8] = [
    ("US Letter", 612.0, 792.0),
    ("A4", 595.28, 841.89),
    ("US Legal", 612.0, 1008.0),
    ("A3", 841.89, 1190.55),
    ("A5", 419.53, 595.28),
    ("A0", 2383.94, 3370.39),
    ("B5", 498.9, 708.66),
    ("Tabloid", 792.0, 1224.0),
];

fn size_name(w: f64, h: f64) -> Option<String> {
    let near = |a: f64, b: f64| (a - b).abs() <= 3.0;
    KNOWN_SIZES.iter().find_map(|&(name, kw, kh)| {
        if near(w, kw) && near(h, kh) {
            Some(name.to_string())
        } else if near(w, kh) && near(h, kw) {
            Some(format!("{name} landscape"))
        } else {
            None
        }
    })
}

/// `A4`, `6.10 × 9.25 in`: a paper as an author names it.
pub fn paper_name(w: f64, h: f64) -> String {
    size_name(w, h).unwrap_or_else(|| format!("{:.2} × {:.2} in", w / 72.0, h / 72.0))
}

fn describe_size(w: f64, h: f64) -> String {
    let dims = format!("{:.0} × {:.0} pt", w, h);
    match size_name(w, h) {
        Some(name) => format!("{name} ({dims})"),
        None => format!("{dims} ({:.2} × {:.2} in)", w / 72.0, h / 72.0),
    }
}

/// `1–3, 5, 7–9`.
pub fn page_list(pages: &[usize]) -> String {
    // Runs of consecutive pages, as (first, last).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &page in pages {
        match runs.last_mut() {
            Some((_, end)) if end.checked_add(1) == Some(page) => *end = page,
            _ => runs.push((page, page)),
        }
    }
    let parts: Vec<String> = runs
        .into_iter()
        .map(|(start, end)| {
            if end > start {
                format!("{start}–{end}")
            } else {
                start.to_string()
            }
        })
        .collect();
    parts.join(", ")
}

/// `1 page`, `2,000 pages`: a count with its noun, singular for one.
pub fn count_phrase(n: usize, noun: &str) -> String {
    let figure = crate::limits::thousands(n as u64);
    if n == 1 {
        format!("{figure} {noun}")
    } else {
        format!("{figure} {noun}s")
    }
}

pub fn pages_phrase(pages: &[usize]) -> String {
    match pages {
        [one] => format!("page {one}"),
        _ => format!("pages {}", page_list(pages)),
    }
}

pub fn page_size(facts: &DocumentFacts, profile: &Profile) -> Check {
    let g = &profile.geometry;
    let required = describe_size(g.page_width_pt, g.page_height_pt);
    // Group the pages that are off by their size, in page order.
    let mut groups: Vec<((f64, f64), Vec<usize>)> = Vec::new();
    for page in facts
        .pages
        .iter()
        .filter(|p| !layout::has_template_size(p, g))
    {
        let key = (
            (page.width_pt * 100.0).round() / 100.0,
            (page.height_pt * 100.0).round() / 100.0,
        );
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, pages)) => pages.push(page.number),
            None => groups.push((key, vec![page.number])),
        }
    }
    if groups.is_empty() {
        let every = if facts.pages.len() < facts.page_count {
            "every page read"
        } else {
            "every page"
        };
        return Check::new(
            CheckId::PageSize,
            Status::Pass,
            format!("{every} is {required}"),
        );
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|((w, h), pages)| {
            format!(
                "{} {} {}",
                pages_phrase(pages),
                if pages.len() == 1 { "is" } else { "are" },
                describe_size(*w, *h)
            )
        })
        .collect();
    let mut check = Check::new(CheckId::PageSize, Status::Fail, format!("{}, not {required}", parts.join("; ")))
        .with_hint("set the paper to US Letter: \\usepackage[letterpaper]{geometry} is not needed with the NeurIPS style; remove a4paper options and export with Letter paper");
    // One finding per page, the whole page as its box, so each page map can show it.
    check.findings = facts
        .pages
        .iter()
        .filter(|p| !layout::has_template_size(p, g))
        .map(|p| Finding {
            page: Some(p.number),
            bbox: Some(crate::pdf::Rect::new(0.0, 0.0, p.width_pt, p.height_pt)),
            text: Some(describe_size(p.width_pt, p.height_pt)),
            note: Some(format!("not {required}")),
            ..Finding::default()
        })
        .collect();
    check
}

fn heading_name(h: Heading) -> &'static str {
    match h {
        Heading::References => "references",
        Heading::Appendix => "appendix",
        Heading::Checklist => "checklist",
    }
}

pub fn page_limit(facts: &DocumentFacts, content: &ContentPages, limit: &PageLimit) -> Check {
    let n = content.count;
    let how = match content.ended_by {
        Some((h, page)) => format!("the {} start on page {page}", heading_name(h)),
        None => "no references or appendix heading found, so every page counts".into(),
    };
    let pages = |k: usize| count_phrase(k, "content page");
    let status = if n as u64 <= u64::from(limit.pass_max) {
        Status::Pass
    } else if n as u64 <= u64::from(limit.warn_max) {
        Status::Warn
    } else {
        Status::Fail
    };
    let message = match status {
        Status::Pass => format!("{} ({how}); the limit is {}", pages(n), limit.pass_max),
        _ => format!(
            "{}, {} over the limit of {} ({how})",
            pages(n),
            crate::limits::thousands(n.saturating_sub(limit.pass_max as usize) as u64),
            limit.pass_max
        ),
    };
    let mut check = Check::new(CheckId::PageLimit, status, message);
    if status != Status::Pass {
        check.hint = Some(format!(
            "the call asks for about {} pages before the references; move material to an appendix after the references",
            limit.pass_max
        ));
        check.findings = ((limit.pass_max as usize).saturating_add(1)..=n)
            .map(|p| Finding {
                page: Some(p),
                bbox: None,
                text: None,
                note: Some("content page over the limit".into()),
                ..Finding::default()
            })
            .collect();
    }
    let _ = facts;
    check
}

pub fn page_limit_skip(reason: &str) -> Check {
    Check::new(CheckId::PageLimit, Status::Skip, reason.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lists_collapse_runs() {
        assert_eq!(page_list(&[1, 2, 3, 5, 7, 8]), "1–3, 5, 7–8");
        assert_eq!(
            page_list(&[usize::MAX - 1, usize::MAX]),
            format!("{}–{}", usize::MAX - 1, usize::MAX)
        );
        assert_eq!(pages_phrase(&[4]), "page 4");
    }

    #[test]
    fn sizes_are_named() {
        assert_eq!(describe_size(595.28, 841.89), "A4 (595 × 842 pt)");
        assert_eq!(
            describe_size(792.0, 612.0),
            "US Letter landscape (792 × 612 pt)"
        );
        assert!(describe_size(600.0, 600.0).contains("8.33 × 8.33 in"));
    }

    fn limit_for(n: usize) -> Status {
        let content = ContentPages {
            count: n,
            ended_by: Some((Heading::References, n + 1)),
        };
        page_limit(
            &DocumentFacts::default(),
            &content,
            &PageLimit {
                pass_max: 4,
                warn_max: 5,
            },
        )
        .status
    }

    #[test]
    fn four_five_six_content_pages() {
        assert_eq!(limit_for(4), Status::Pass);
        assert_eq!(limit_for(5), Status::Warn);
        assert_eq!(limit_for(6), Status::Fail);
    }
}
