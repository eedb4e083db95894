//! `recency` (SPEC §4): the work was first made public inside the call's window.
//! Evidence: the date the author declares, the arXiv identifier (its YYMM is the month
//! of the first version; a v1 stamp's date is the first-public date), a notice naming
//! an earlier venue, and, weakly, the PDF's creation date.

use crate::Kind;
use crate::date::Date;
use crate::pdf::{ArxivStamp, DocumentFacts, Rect};
use crate::profile::Profile;
use crate::report::{Check, Finding, Status};

const TITLE: &str = "Recency";
const ASK: &str =
    "type the date the work was first made public (for example its first arXiv version)";

/// What the PDF says about when the work first appeared.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    pub arxiv: Option<ArxivStamp>,
    pub arxiv_bbox: Option<Rect>,
    pub notice_bbox: Option<Rect>,
    /// The year of the venue a notice names, when the notice is a published one.
    pub venue_year: Option<i32>,
    pub venue_notice: Option<String>,
    pub created: Option<Date>,
}

/// The year a notice of a published venue names (`34th Conference … (NeurIPS 2020)`,
/// `Proceedings of … 2019`); submission and preprint notices name no venue.
fn published_venue_year(notice: &str) -> Option<i32> {
    let lower = notice.to_lowercase();
    if ["submitted", "under review", "preprint", "do not distribute"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return None;
    }
    let bytes: Vec<char> = lower.chars().collect();
    let mut best = None;
    for (i, w) in bytes.windows(4).enumerate() {
        let s: String = w.iter().collect();
        let boundary = |j: Option<usize>| {
            j.and_then(|j| bytes.get(j))
                .is_none_or(|c| !c.is_ascii_digit())
        };
        if let Ok(y) = s.parse::<i32>()
            && (1980..=2100).contains(&y)
            && boundary(i.checked_sub(1))
            && boundary(i.checked_add(4))
        {
            best = Some(y);
        }
    }
    best
}

pub fn evidence(facts: &DocumentFacts) -> Evidence {
    let venue_year = facts.notice.as_deref().and_then(published_venue_year);
    Evidence {
        arxiv: facts.arxiv.clone(),
        arxiv_bbox: facts.arxiv_bbox,
        notice_bbox: facts.notice_bbox,
        venue_year,
        venue_notice: venue_year.and(facts.notice.clone()),
        created: facts.info.created.as_deref().and_then(Date::parse),
    }
}

fn arxiv_label(a: &ArxivStamp) -> String {
    match a.version {
        Some(v) => format!("arXiv:{}v{v}", a.id),
        None => format!("arXiv:{}", a.id),
    }
}

/// The first-public date the arXiv evidence proves, or its month.
enum ArxivFirst {
    Day(Date),
    Month(i32, u32),
}

fn arxiv_first(a: &ArxivStamp) -> Option<ArxivFirst> {
    let (y, m) = a.first_month()?;
    let stamped = a.date.as_deref().and_then(Date::parse);
    match (a.version, stamped) {
        (Some(1), Some(d)) if d.year == y && d.month == m => Some(ArxivFirst::Day(d)),
        _ => Some(ArxivFirst::Month(y, m)),
    }
}

fn finding(note: String, text: Option<String>, bbox: Option<Rect>) -> Finding {
    Finding {
        page: Some(1),
        bbox,
        text,
        note: Some(note),
    }
}

pub fn recency(
    declared: Option<Date>,
    ev: &Evidence,
    profile: &Profile,
    kind: Kind,
    today: Option<Date>,
) -> Check {
    let earliest = profile.dates.earliest_public;
    let deadline = profile.dates.deadline;
    let window = format!("the call accepts work first made public on or after {earliest}");
    let arxiv_note = ev.arxiv.as_ref().map(|a| {
        let first = match arxiv_first(a) {
            Some(ArxivFirst::Day(d)) => format!("first posted on {d}"),
            Some(ArxivFirst::Month(y, m)) => format!("first posted in {}", Date::month_name(y, m)),
            None => "first posting date unknown".into(),
        };
        (
            format!("{} says the work was {first}", arxiv_label(a)),
            arxiv_label(a),
        )
    });
    if let Some(d) = declared {
        if d < earliest {
            return Check::new("recency", TITLE, Status::Fail, format!("first made public on {d}, before {earliest}; {window}"))
                .with_hint("the workshop takes work from the year before it; older work can be presented only if it was published in that year");
        }
        if d > deadline || today.is_some_and(|t| d > t) {
            let when = if today.is_some_and(|t| d > t) {
                "in the future"
            } else {
                "after the submission deadline"
            };
            return Check::new(
                "recency",
                TITLE,
                Status::Warn,
                format!("the declared date {d} is {when} ({deadline}); is it a typo?"),
            )
            .with_hint(ASK);
        }
        // Evidence that contradicts the declared date.
        if let Some(first) = ev.arxiv.as_ref().and_then(arxiv_first) {
            let earlier = match first {
                ArxivFirst::Day(f) => f < d,
                ArxivFirst::Month(y, m) => (y, m) < (d.year, d.month),
            };
            if earlier {
                let (note, label) = arxiv_note.clone().unwrap_or_default();
                let mut c = Check::new(
                    "recency",
                    TITLE,
                    Status::Warn,
                    format!("you declared {d}, but {note}"),
                )
                .with_hint(
                    "give the date of the first public version (arXiv v1), not of a later one",
                );
                c.findings = vec![finding(note, Some(label), ev.arxiv_bbox)];
                return c;
            }
        }
        if let Some(y) = ev.venue_year
            && y < d.year
        {
            let notice = ev.venue_notice.clone().unwrap_or_default();
            let mut c = Check::new(
                "recency",
                TITLE,
                Status::Warn,
                format!("you declared {d}, but page 1 names a {y} venue: \"{notice}\""),
            );
            c.findings = vec![finding(
                format!("a {y} venue"),
                Some(notice),
                ev.notice_bbox,
            )];
            return c;
        }
        return Check::new(
            "recency",
            TITLE,
            Status::Pass,
            format!("first made public on {d}, inside the window (from {earliest})"),
        );
    }
    if let Some(a) = &ev.arxiv {
        let (note, label) = arxiv_note.unwrap_or_default();
        let with = |status: Status, message: String| {
            let mut c = Check::new("recency", TITLE, status, message);
            c.findings = vec![finding(note.clone(), Some(label.clone()), ev.arxiv_bbox)];
            c
        };
        match arxiv_first(a) {
            Some(ArxivFirst::Day(f)) if f < earliest => {
                return with(Status::Fail, format!("{note}, before {earliest}; {window}"))
                    .with_hint("if an earlier version is not the same work, type the date this work was first made public");
            }
            Some(ArxivFirst::Day(_)) => {
                return with(
                    Status::Pass,
                    format!("{note}, inside the window (from {earliest})"),
                );
            }
            Some(ArxivFirst::Month(y, m)) if (y, m) < (earliest.year, earliest.month) => {
                return with(Status::Fail, format!("{note}, before {}; {window}", Date::month_name(earliest.year, earliest.month)))
                    .with_hint("the identifier's YYMM is the month of the first version, whatever the stamp's version and date");
            }
            Some(ArxivFirst::Month(y, m)) if (y, m) == (earliest.year, earliest.month) => {
                return with(
                    Status::Warn,
                    format!("{note}, the month the window opens ({earliest}); the day decides"),
                )
                .with_hint(ASK);
            }
            Some(ArxivFirst::Month(..)) => {
                return with(
                    Status::Pass,
                    format!("{note}, inside the window (from {earliest})"),
                );
            }
            None => {}
        }
    }
    if let Some(y) = ev.venue_year
        && y < earliest.year
    {
        let notice = ev.venue_notice.clone().unwrap_or_default();
        let status = if kind == Kind::Published {
            Status::Fail
        } else {
            Status::Warn
        };
        let mut c = Check::new(
            "recency",
            TITLE,
            status,
            format!("page 1 names a {y} venue, before the window ({earliest} on): \"{notice}\""),
        )
        .with_hint(ASK);
        c.findings = vec![finding(
            format!("a {y} venue"),
            Some(notice),
            ev.notice_bbox,
        )];
        return c;
    }
    let mut message = "no date given and no arXiv stamp found".to_string();
    if let Some(created) = ev.created.filter(|c| *c < earliest) {
        message.push_str(&format!(
            "; the PDF was created on {created}, before the window opens ({earliest})"
        ));
    }
    Check::new("recency", TITLE, Status::Warn, message).with_hint(ASK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        crate::profile::builtin("snn-2022").unwrap()
    }

    fn stamp(id: &str, version: u32, date: &str) -> Evidence {
        Evidence {
            arxiv: Some(ArxivStamp {
                id: id.into(),
                version: Some(version),
                category: Some("cs.LG".into()),
                date: Some(date.into()),
            }),
            ..Evidence::default()
        }
    }

    fn declared(d: &str) -> Status {
        recency(
            Date::parse(d),
            &Evidence::default(),
            &profile(),
            Kind::Paper,
            None,
        )
        .status
    }

    fn undeclared(ev: &Evidence) -> Status {
        recency(None, ev, &profile(), Kind::Paper, None).status
    }

    #[test]
    fn the_window_opens_on_2021_07_13() {
        assert_eq!(declared("2021-07-12"), Status::Fail);
        assert_eq!(declared("2021-07-13"), Status::Pass);
        assert_eq!(declared("2022-06-13"), Status::Pass);
        assert_eq!(declared("2022-06-14"), Status::Warn);
    }

    #[test]
    fn arxiv_months_around_the_window() {
        assert_eq!(
            undeclared(&stamp("2106.01234", 2, "3 Jun 2021")),
            Status::Fail
        );
        assert_eq!(
            undeclared(&stamp("2107.01234", 2, "2021-08-03")),
            Status::Warn
        );
        assert_eq!(
            undeclared(&stamp("2107.01234", 1, "2021-07-12")),
            Status::Fail
        );
        assert_eq!(
            undeclared(&stamp("2107.01234", 1, "2021-07-13")),
            Status::Pass
        );
        assert_eq!(
            undeclared(&stamp("2108.01234", 1, "2021-08-02")),
            Status::Pass
        );
    }

    #[test]
    fn a_later_version_keeps_the_first_month() {
        let ev = stamp("2105.11111", 3, "2022-01-09");
        let c = recency(None, &ev, &profile(), Kind::Paper, None);
        assert_eq!(c.status, Status::Fail);
        assert!(c.message.contains("May 2021"), "{}", c.message);
    }

    #[test]
    fn a_declared_date_contradicted_by_the_stamp_warns_with_both() {
        let ev = stamp("2105.11111", 3, "2022-01-09");
        let c = recency(
            Date::parse("2021-09-01"),
            &ev,
            &profile(),
            Kind::Paper,
            None,
        );
        assert_eq!(c.status, Status::Warn);
        assert!(
            c.message.contains("2021-09-01") && c.message.contains("May 2021"),
            "{}",
            c.message
        );
    }

    #[test]
    fn earlier_venues_fail_published_papers_and_warn_others() {
        let ev = Evidence {
            venue_year: Some(2020),
            venue_notice: Some("34th Conference (NeurIPS 2020)".into()),
            ..Evidence::default()
        };
        assert_eq!(
            recency(None, &ev, &profile(), Kind::Published, None).status,
            Status::Fail
        );
        assert_eq!(
            recency(None, &ev, &profile(), Kind::Paper, None).status,
            Status::Warn
        );
    }

    #[test]
    fn no_evidence_asks_for_the_date() {
        let c = recency(None, &Evidence::default(), &profile(), Kind::Paper, None);
        assert_eq!(c.status, Status::Warn);
        assert!(c.hint.unwrap().contains("first made public"));
    }

    #[test]
    fn venue_years_come_from_published_notices_only() {
        assert_eq!(
            published_venue_year(
                "34th Conference on Neural Information Processing Systems (NeurIPS 2020), Vancouver, Canada."
            ),
            Some(2020)
        );
        assert_eq!(
            published_venue_year(
                "Submitted to 36th Conference on Neural Information Processing Systems (NeurIPS 2022). Do not distribute."
            ),
            None
        );
        assert_eq!(published_venue_year("Preprint. Under review."), None);
    }

    #[test]
    fn a_date_in_the_future_warns() {
        let c = recency(
            Date::parse("2022-03-01"),
            &Evidence::default(),
            &profile(),
            Kind::Paper,
            Date::parse("2022-02-01"),
        );
        assert_eq!(c.status, Status::Warn);
    }
}
