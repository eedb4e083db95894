//! `font-family`, `font-size`, `fonts-embedded`, `fonts-type3` (SPEC §3): the running
//! text in the template's family and size, every font embedded, Type 3 fonts named.

use super::layout::{self, BodyText};
use super::pages::pages_phrase;
use crate::pdf::{DocumentFacts, FontFacts};
use crate::profile::Profile;
use crate::report::{Check, CheckId, Finding, Status};
use std::collections::BTreeSet;

/// Fonts named in one message before "and N more".
const NAMED_FONTS: usize = 4;

/// A font as authors know it: `CMR10 (Computer Modern)`.
fn known_as(font: &FontFacts) -> String {
    let n = font.name.to_ascii_lowercase();
    let family = if [
        "cmr", "cmti", "cmbx", "cmsl", "cmss", "cmtt", "sfrm", "sfti", "sfbx", "sftt", "cmcsc",
    ]
    .iter()
    .any(|p| n.starts_with(p))
    {
        Some("Computer Modern")
    } else if n.starts_with("lmroman") || n.starts_with("lmsans") || n.starts_with("lmmono") {
        Some("Latin Modern")
    } else if n.starts_with("linlibertine") {
        Some("Linux Libertine")
    } else if n.contains("arial") || n.contains("helvetica") || n.starts_with("nimbussan") {
        Some("Helvetica/Arial")
    } else if n.contains("calibri") {
        Some("Calibri")
    } else {
        None
    };
    match family {
        Some(f) => format!("{} ({f})", font.name),
        None => font.name.clone(),
    }
}

fn no_body_text() -> String {
    "no running text found (a scanned or image-only PDF?)".into()
}

pub fn font_family(facts: &DocumentFacts, profile: &Profile, body: Option<&BodyText>) -> Check {
    let Some(body) = body else {
        return Check::new(CheckId::FontFamily, Status::Skip, no_body_text());
    };
    let family = &profile.fonts.body_family;
    let in_family: u64 = body
        .glyphs_by_font
        .iter()
        .filter(|(i, _)| {
            facts
                .fonts
                .get(*i)
                .is_some_and(|f| layout::in_family(f, profile))
        })
        .fold(0, |sum, (_, n)| sum.saturating_add(*n));
    let share = in_family as f64 / body.glyphs as f64;
    let percent = (share * 100.0).floor();
    if share >= profile.fonts.body_family_min_share {
        let main = body
            .glyphs_by_font
            .first()
            .and_then(|(i, _)| facts.fonts.get(*i))
            .map_or(family.clone(), |f| f.name.clone());
        return Check::new(
            CheckId::FontFamily,
            Status::Pass,
            format!("{percent:.0} % of the body text is in {family} ({main})"),
        );
    }
    let other = body
        .glyphs_by_font
        .iter()
        .find(|(i, _)| {
            facts
                .fonts
                .get(*i)
                .is_some_and(|f| !layout::in_family(f, profile))
        })
        .and_then(|(i, n)| facts.fonts.get(*i).map(|f| (f, *n)));
    let message = match other {
        Some((f, n)) => format!(
            "the body text is set in {}, {:.0} % of it; only {percent:.0} % is in {family}",
            known_as(f),
            (n as f64 / body.glyphs as f64 * 100.0).floor()
        ),
        None => format!("only {percent:.0} % of the body text is in {family}"),
    };
    Check::new(CheckId::FontFamily, Status::Fail, message)
        .with_hint(format!("the template sets the body in {family}: keep \\usepackage{{neurips_2022}} and do not load other text font packages (lmodern, fontspec fonts)"))
}

pub fn font_size(profile: &Profile, body: Option<&BodyText>) -> Check {
    let Some(body) = body else {
        return Check::new(CheckId::FontSize, Status::Skip, no_body_text());
    };
    let want = profile.fonts.body_size_pt;
    if (body.size_pt - want).abs() <= profile.fonts.body_size_tolerance_pt {
        Check::new(
            CheckId::FontSize,
            Status::Pass,
            format!("the body text is {:.1} pt", body.size_pt),
        )
    } else {
        // The hint points the way the size is off.
        let (comparison, hint) = if body.size_pt > want {
            (
                "larger than",
                "do not enlarge the body text: remove class options such as 11pt or 12pt and any \\large or \\fontsize around the body; neurips_2022.sty sets 10 pt",
            )
        } else {
            (
                "smaller than",
                "do not shrink the body text: remove \\small, \\footnotesize, \\fontsize or class options such as 9pt; neurips_2022.sty sets 10 pt",
            )
        };
        Check::new(
            CheckId::FontSize,
            Status::Fail,
            format!(
                "the body text is {:.1} pt, {comparison} the required {want} pt",
                body.size_pt
            ),
        )
        .with_hint(hint)
    }
}

/// Pages where a font draws glyphs (the stamp's glyphs aside when `skip_stamp`).
fn pages_using(facts: &DocumentFacts, font: usize, skip_stamp: bool) -> (Vec<usize>, u64) {
    let mut pages = BTreeSet::new();
    let mut glyphs = 0u64;
    for page in &facts.pages {
        for s in page.spans.iter().filter(|s| s.font == font) {
            if skip_stamp && layout::is_stamp(page, s) {
                continue;
            }
            pages.insert(page.number);
            glyphs = glyphs.saturating_add(u64::from(s.glyphs));
        }
    }
    (pages.into_iter().collect(), glyphs)
}

fn name_list(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(NAMED_FONTS).map(String::as_str).collect();
    match names.len().saturating_sub(NAMED_FONTS) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// A font named with what is wrong with it and the pages that draw it.
fn font_finding(font: &FontFacts, pages: &[usize], what: &str) -> Finding {
    Finding {
        page: pages.first().copied(),
        bbox: None,
        object: None,
        text: Some(font.name.clone()),
        note: Some(if pages.is_empty() {
            what.to_string()
        } else {
            format!("{what}; used on {}", pages_phrase(pages))
        }),
    }
}

pub fn fonts_embedded(facts: &DocumentFacts) -> Check {
    let mut findings = Vec::new();
    let mut names = Vec::new();
    let mut stamp_only = Vec::new();
    for (i, font) in facts
        .fonts
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.embedded && f.glyphs > 0)
    {
        let (pages, glyphs) = pages_using(facts, i, true);
        // Drawn only in the arXiv stamp: not counted. (A font drawn only past the glyph
        // limit has no spans at all, so it fails this test and counts as used.)
        if glyphs == 0 && pages_using(facts, i, false).1 > 0 {
            stamp_only.push(font.name.clone());
            continue;
        }
        names.push(font.name.clone());
        findings.push(font_finding(font, &pages, "not embedded"));
    }
    let unused: Vec<String> = facts
        .fonts
        .iter()
        .filter(|f| !f.embedded && f.glyphs == 0)
        .map(|f| f.name.clone())
        .collect();
    if names.is_empty() {
        let mut message = "every font used is embedded".to_string();
        if !stamp_only.is_empty() {
            message.push_str(&format!(
                " (the arXiv stamp's {} aside)",
                name_list(&stamp_only)
            ));
        }
        if !unused.is_empty() {
            message.push_str(&format!(
                "; {} declared but never drawn",
                name_list(&unused)
            ));
        }
        return Check::new(CheckId::FontsEmbedded, Status::Pass, message);
    }
    let mut check = Check::new(CheckId::FontsEmbedded, Status::Fail,
        format!("{} {} not embedded", name_list(&names), if names.len() == 1 { "is" } else { "are" }),
    )
    .with_hint("embed every font: with pdfLaTeX run `updmap -sys --setoption pdftexDownloadBase14 true`; for figures, export them with fonts embedded (matplotlib: rcParams['pdf.fonttype'] = 42)");
    check.findings = findings;
    check
}

pub fn fonts_type3(facts: &DocumentFacts) -> Check {
    let mut findings = Vec::new();
    let mut names = Vec::new();
    for (i, font) in facts
        .fonts
        .iter()
        .enumerate()
        .filter(|(_, f)| f.subtype == "Type3" && f.glyphs > 0)
    {
        let (pages, _) = pages_using(facts, i, false);
        names.push(font.name.clone());
        findings.push(font_finding(font, &pages, "Type 3"));
    }
    if names.is_empty() {
        return Check::new(CheckId::FontsType3, Status::Pass, "no Type 3 fonts");
    }
    let mut check = Check::new(CheckId::FontsType3, Status::Warn,
        format!("{} Type 3 {}: {}", names.len(), if names.len() == 1 { "font" } else { "fonts" }, name_list(&names)),
    )
    .with_hint("Type 3 fonts are usually bitmaps: in matplotlib set rcParams['pdf.fonttype'] = 42; with T1-encoded LaTeX fonts install cm-super or use \\usepackage{lmodern}");
    check.findings = findings;
    check
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size_check(size_pt: f64) -> Check {
        let body = BodyText {
            size_pt,
            glyphs_by_font: vec![(0, 1000)],
            glyphs: 1000,
        };
        font_size(&crate::profile::builtin("snn-2022").unwrap(), Some(&body))
    }

    #[test]
    fn the_hint_points_the_way_the_size_is_off() {
        let big = size_check(10.96);
        assert_eq!(big.status, Status::Fail);
        assert_eq!(
            big.message,
            "the body text is 11.0 pt, larger than the required 10 pt"
        );
        assert!(big.hint.as_deref().unwrap().starts_with("do not enlarge"));
        let small = size_check(9.0);
        assert_eq!(
            small.message,
            "the body text is 9.0 pt, smaller than the required 10 pt"
        );
        assert!(small.hint.as_deref().unwrap().starts_with("do not shrink"));
        assert_eq!(size_check(10.0).status, Status::Pass);
    }
}
