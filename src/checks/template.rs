//! `template` (SPEC §3): the venue notice at the foot of page 1 and the page geometry
//! say which template (and which year of it) the paper was set with.

use super::layout::{self, BodyText};
use crate::pdf::DocumentFacts;
use crate::profile::Profile;
use crate::report::{Check, CheckId, Finding, Status};

/// Line edges within this of the block's edges mean the template's geometry.
const GEOMETRY_TOLERANCE_PT: f64 = 6.0;
/// Lines at least this share of the block width are full-width text lines.
const FULL_LINE_SHARE: f64 = 0.6;

/// The form notices are compared in: letters and digits only, lower case, so line
/// breaks, punctuation and hyphenation in the PDF do not matter.
fn notice_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The single-column geometry of the template: full body lines start and end at the
/// block's edges.
pub fn has_template_geometry(
    facts: &DocumentFacts,
    profile: &Profile,
    body: Option<&BodyText>,
) -> bool {
    let g = &profile.geometry;
    let Some(body) = body else { return false };
    let pages = facts
        .pages
        .iter()
        .filter(|p| layout::has_template_size(p, g));
    match layout::body_line_edges(pages, body, FULL_LINE_SHARE * g.block_width_pt) {
        Some((l, r)) => {
            (l - g.block_left_pt).abs() <= GEOMETRY_TOLERANCE_PT
                && (r - (g.block_left_pt + g.block_width_pt)).abs() <= GEOMETRY_TOLERANCE_PT
        }
        None => false,
    }
}

/// The year of a NeurIPS/NIPS notice: `(NeurIPS 2021)`, `NIPS 2017`, `35th Conference on
/// Neural Information Processing Systems` (the 36th was 2022).
fn neurips_year(notice: &str) -> Option<i32> {
    let lower = notice.to_lowercase();
    for key in ["neurips ", "nips "] {
        if let Some((_, after)) = lower.split_once(key) {
            let year: String = after.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(y) = year.parse::<i32>()
                && (1987..=2100).contains(&y)
            {
                return Some(y);
            }
        }
    }
    let pos = lower.find("conference on neural information processing systems")?;
    let ordinal: String = lower
        .get(..pos)?
        .trim_end()
        .rsplit(' ')
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    ordinal.parse::<i32>().ok()?.checked_add(1986)
}

/// `layout` names another template's layout when the margins check saw one ("in two
/// columns on A4 paper"), so the two checks tell one story.
pub fn template(
    facts: &DocumentFacts,
    profile: &Profile,
    body: Option<&BodyText>,
    layout: Option<&str>,
) -> Check {
    let t = &profile.template;
    let geometry = has_template_geometry(facts, profile, body);
    let not_laid_out = match layout {
        Some(looks) => format!("the text is set {looks}, another template's layout"),
        None => format!(
            "the text is not laid out as the {} template lays it out",
            t.name
        ),
    };
    let finding = |text: &str| Finding {
        page: Some(1),
        bbox: facts.notice_bbox,
        object: facts.notice_bbox.map(|_| crate::report::Object::Text),
        text: Some(text.to_string()),
        note: Some("the notice at the foot of page 1".into()),
    };
    let warn = |message: String, notice: Option<&str>| {
        let mut c = Check::new(CheckId::Template, Status::Warn, message)
            .with_hint(format!("use the official {} style files (neurips_2022.sty) in submission, preprint or final mode", t.name));
        c.findings = notice.map(finding).into_iter().collect();
        c
    };
    let Some(notice) = facts.notice.as_deref() else {
        return if geometry {
            warn(
                format!(
                    "no {} notice found at the foot of page 1, though the page geometry is the template's",
                    t.name
                ),
                None,
            )
        } else {
            warn(
                format!(
                    "no {} notice found at the foot of page 1, and {not_laid_out}",
                    t.name
                ),
                None,
            )
        };
    };
    let key = notice_key(notice);
    if let Some(matched) = t.notices.iter().find(|n| key.contains(&notice_key(n))) {
        // "Preprint. Under review." names no year: every year's style prints it.
        let message = if matched.chars().any(|c| c.is_ascii_digit()) {
            format!("{} notice: \"{notice}\"", t.name)
        } else {
            format!(
                "a notice the {} style prints: \"{notice}\"; other years' styles print the same sentence, so the year cannot be told from it",
                t.name
            )
        };
        return Check::new(CheckId::Template, Status::Pass, message);
    }
    let lower = notice.to_lowercase();
    // A workshop prints its own notice with the conference's style, in submission,
    // preprint or final mode and whatever its year: the layout decides.
    if t.workshop_words
        .iter()
        .any(|w| lower.contains(&w.to_lowercase()))
    {
        return if geometry {
            Check::new(
                CheckId::Template,
                Status::Pass,
                format!("a workshop notice on the {} geometry: \"{notice}\"", t.name),
            )
        } else {
            warn(
                format!("a workshop notice (\"{notice}\"), but {not_laid_out}"),
                Some(notice),
            )
        };
    }
    if let Some(year) = neurips_year(notice) {
        return warn(
            format!("the notice is from the NeurIPS {year} template: \"{notice}\""),
            Some(notice),
        );
    }
    let layout = if geometry {
        ""
    } else {
        &format!(", and {not_laid_out}")
    };
    warn(
        format!("the notice reads like another venue's template: \"{notice}\"{layout}"),
        Some(notice),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_years() {
        assert_eq!(
            neurips_year(
                "35th Conference on Neural Information Processing Systems (NeurIPS 2021), Sydney, Australia."
            ),
            Some(2021)
        );
        assert_eq!(
            neurips_year(
                "31st Conference on Neural Information Processing Systems (NIPS 2017), Long Beach, CA, USA."
            ),
            Some(2017)
        );
        assert_eq!(
            neurips_year("34th Conference on Neural Information Processing Systems"),
            Some(2020)
        );
        assert_eq!(
            neurips_year("Proceedings of the 39th International Conference on Machine Learning"),
            None
        );
    }

    #[test]
    fn an_absurd_ordinal_is_no_year() {
        assert_eq!(
            neurips_year("2147483000th Conference on Neural Information Processing Systems"),
            None
        );
    }
}

#[cfg(test)]
mod notice_tests {
    use super::*;

    fn with_notice(notice: &str) -> Check {
        let facts = DocumentFacts {
            notice: Some(notice.into()),
            ..DocumentFacts::default()
        };
        template(
            &facts,
            &crate::profile::builtin("snn-2022").unwrap(),
            None,
            None,
        )
    }

    #[test]
    fn workshop_notices_are_judged_alike_in_every_mode_and_year() {
        // Without the template's geometry (no body text here) every one warns the same way.
        for notice in [
            "1st I Can’t Believe It’s Not Better Workshop (ICBINB@NeurIPS 2020), Vancouver, Canada.",
            "Submitted to 1st I Can’t Believe It’s Not Better Workshop (ICBINB@NeurIPS 2020). Do not distribute.",
            "EurIPS 2025 Workshop on Principles of Generative Modeling (PriGM).",
        ] {
            let c = with_notice(notice);
            assert_eq!(c.status, Status::Warn);
            assert!(
                c.message.starts_with("a workshop notice (")
                    && c.message.ends_with(
                        "but the text is not laid out as the NeurIPS 2022 template lays it out"
                    ),
                "{}",
                c.message
            );
        }
    }

    #[test]
    fn a_preprint_notice_passes_without_claiming_a_year() {
        let c = with_notice("Preprint. Under review.");
        assert_eq!(c.status, Status::Pass);
        assert_eq!(
            c.message,
            "a notice the NeurIPS 2022 style prints: \"Preprint. Under review.\"; other years' styles print the same sentence, so the year cannot be told from it"
        );
        let c =
            with_notice("36th Conference on Neural Information Processing Systems (NeurIPS 2022).");
        assert_eq!(
            c.message,
            "NeurIPS 2022 notice: \"36th Conference on Neural Information Processing Systems (NeurIPS 2022).\""
        );
    }
}
