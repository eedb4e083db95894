//! `recency` (SPEC §4): the work was first made public inside the call's window.
//! Evidence: the date the author declares, the arXiv identifier (its YYMM is the month
//! of the first version; a v1 stamp's date is the first-public date), a notice naming
//! an earlier venue, and, weakly, the PDF's creation date.

use crate::Kind;
use crate::date::Date;
use crate::pdf::{ArxivStamp, DocumentFacts, Rect};
use crate::profile::Profile;
use crate::report::{Check, CheckId, Finding, Status};

const ASK: &str = "type the date the work was first made public (for example its first arXiv version), or say it is not public yet";
/// For a date after the deadline or in the future: most likely a typo, or work not
/// public yet.
const NOT_YET_HINT: &str = "type the date the work first appeared (for example its first arXiv version); if it has not been made public yet, say so instead of giving a date";

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
        object: bbox.map(|_| crate::report::Object::Text),
        bbox,
        text,
        note: Some(note),
    }
}

/// What the author says about when the work was first made public.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declared {
    On(Date),
    /// Not public yet: work in progress, eligible.
    NotYet,
}

/// When the work was first public, as precisely as the evidence tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum When {
    Day(Date),
    Month(i32, u32),
}

/// Where a first-public date falls against the call's window. A typed date and an
/// arXiv date are judged by this one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placed {
    TooOld,
    Inside,
    /// Only the month is known, and it is the month the window opens.
    OpeningMonth,
    AfterDeadline,
    InFuture,
}

struct Window {
    earliest: Date,
    deadline: Date,
    today: Option<Date>,
}

impl Window {
    fn place(&self, when: When) -> Placed {
        match when {
            When::Day(d) if d < self.earliest => Placed::TooOld,
            When::Day(d) if self.today.is_some_and(|t| d > t) => Placed::InFuture,
            When::Day(d) if d > self.deadline => Placed::AfterDeadline,
            When::Day(_) => Placed::Inside,
            When::Month(y, m) => {
                let month = |d: Date| (d.year, d.month);
                if (y, m) < month(self.earliest) {
                    Placed::TooOld
                } else if (y, m) == month(self.earliest) {
                    Placed::OpeningMonth
                } else if self.today.is_some_and(|t| (y, m) > month(t)) {
                    Placed::InFuture
                } else if (y, m) > month(self.deadline) {
                    Placed::AfterDeadline
                } else {
                    Placed::Inside
                }
            }
        }
    }
}

fn status_of(placed: Placed) -> Status {
    match placed {
        Placed::TooOld => Status::Fail,
        Placed::Inside => Status::Pass,
        Placed::OpeningMonth | Placed::AfterDeadline | Placed::InFuture => Status::Warn,
    }
}

fn arxiv_when(a: &ArxivStamp) -> Option<When> {
    arxiv_first(a).map(|f| match f {
        ArxivFirst::Day(d) => When::Day(d),
        ArxivFirst::Month(y, m) => When::Month(y, m),
    })
}

pub fn recency(
    declared: Option<Declared>,
    ev: &Evidence,
    profile: &Profile,
    kind: Kind,
    today: Option<Date>,
) -> Check {
    let Some(earliest) = profile.dates.earliest_public else {
        return Check::new(
            CheckId::Recency,
            Status::Skip,
            "this call sets no rule on how recent the work must be",
        );
    };
    let window = Window {
        earliest,
        deadline: profile.dates.deadline,
        today,
    };
    match declared {
        Some(Declared::On(d)) => declared_date(d, ev, &window),
        Some(Declared::NotYet) => match &ev.arxiv {
            // Not public yet, says the author; the stamp says it is: judge the stamp.
            Some(a) if arxiv_when(a).is_some() => {
                let mut c = arxiv_evidence(a, ev, &window);
                c.message = format!("you said the work is not public yet, but {}", c.message);
                if c.status == Status::Pass {
                    c.status = Status::Warn;
                    c.hint = Some(
                        "if this PDF is the arXiv version, give the date of its first version instead of \"not public yet\"".into(),
                    );
                }
                c
            }
            _ => Check::new(
                CheckId::Recency,
                Status::Pass,
                "not public yet: work in progress is eligible",
            ),
        },
        None => undeclared(ev, &window, kind),
    }
}

fn window_phrase(w: &Window) -> String {
    format!(
        "the call accepts work first made public on or after {}",
        w.earliest
    )
}

fn declared_date(d: Date, ev: &Evidence, w: &Window) -> Check {
    let earliest = w.earliest;
    match w.place(When::Day(d)) {
        Placed::TooOld => {
            return Check::new(CheckId::Recency, Status::Fail, format!("first made public on {d}, before {earliest}; {}", window_phrase(w)))
                .with_hint("the workshop takes work from the year before it; older work can be presented only if it was published in that year");
        }
        Placed::InFuture => {
            return Check::new(
                CheckId::Recency,
                Status::Warn,
                format!("the date {d} is in the future; is it a typo?"),
            )
            .with_hint(NOT_YET_HINT);
        }
        Placed::AfterDeadline => {
            return Check::new(
                CheckId::Recency,
                Status::Warn,
                format!(
                    "the date {d} is after the submission deadline ({}); is it a typo?",
                    w.deadline
                ),
            )
            .with_hint(NOT_YET_HINT);
        }
        Placed::Inside | Placed::OpeningMonth => {}
    }
    // Evidence that contradicts the declared date.
    if let Some(a) = &ev.arxiv
        && let Some(first) = arxiv_first(a)
    {
        let earlier = match first {
            ArxivFirst::Day(f) => f < d,
            ArxivFirst::Month(y, m) => (y, m) < (d.year, d.month),
        };
        if earlier {
            let (note, label) = arxiv_note(a);
            let mut c = Check::new(
                CheckId::Recency,
                Status::Warn,
                format!("you declared {d}, but {note}"),
            )
            .with_hint("give the date of the first public version (arXiv v1), not of a later one");
            c.findings = vec![finding(note, Some(label), ev.arxiv_bbox)];
            return c;
        }
    }
    if let Some(y) = ev.venue_year
        && y < d.year
    {
        let notice = ev.venue_notice.clone().unwrap_or_default();
        let mut c = Check::new(
            CheckId::Recency,
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
    Check::new(
        CheckId::Recency,
        Status::Pass,
        format!("first made public on {d}, inside the window (from {earliest})"),
    )
}

/// "arXiv:2105.11111v3 says the work was first posted in May 2021", and the label.
fn arxiv_note(a: &ArxivStamp) -> (String, String) {
    let first = match arxiv_first(a) {
        Some(ArxivFirst::Day(d)) => format!("first posted on {d}"),
        Some(ArxivFirst::Month(y, m)) => format!("first posted in {}", Date::month_name(y, m)),
        None => "first posting date unknown".into(),
    };
    (
        format!("{} says the work was {first}", arxiv_label(a)),
        arxiv_label(a),
    )
}

/// The arXiv stamp judged by the window; `a` has a first-public month or day.
fn arxiv_evidence(a: &ArxivStamp, ev: &Evidence, w: &Window) -> Check {
    let (note, label) = arxiv_note(a);
    let Some(when) = arxiv_when(a) else {
        return Check::new(CheckId::Recency, Status::Warn, note).with_hint(ASK);
    };
    let placed = w.place(when);
    let earliest = w.earliest;
    let message = match placed {
        Placed::TooOld => match when {
            When::Day(_) => format!("{note}, before {earliest}; {}", window_phrase(w)),
            When::Month(..) => format!(
                "{note}, before {}; {}",
                Date::month_name(earliest.year, earliest.month),
                window_phrase(w)
            ),
        },
        Placed::Inside => format!("{note}, inside the window (from {earliest})"),
        Placed::OpeningMonth => {
            format!("{note}, the month the window opens ({earliest}); the day decides")
        }
        Placed::AfterDeadline => format!("{note}, after the submission deadline ({})", w.deadline),
        Placed::InFuture => format!("{note}, which is in the future"),
    };
    let mut c = Check::new(CheckId::Recency, status_of(placed), message);
    c.hint = match (placed, when) {
        (Placed::TooOld, When::Day(_)) => Some("if an earlier version is not the same work, type the date this work was first made public".into()),
        (Placed::TooOld, When::Month(..)) => Some("the identifier's YYMM is the month of the first version, whatever the stamp's version and date".into()),
        (Placed::Inside, _) => None,
        _ => Some(ASK.into()),
    };
    c.findings = vec![finding(note, Some(label), ev.arxiv_bbox)];
    c
}

fn undeclared(ev: &Evidence, w: &Window, kind: Kind) -> Check {
    let earliest = w.earliest;
    if let Some(a) = &ev.arxiv
        && arxiv_when(a).is_some()
    {
        return arxiv_evidence(a, ev, w);
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
            CheckId::Recency,
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
    Check::new(CheckId::Recency, Status::Warn, message).with_hint(ASK)
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

    fn on(d: &str) -> Option<Declared> {
        Date::parse(d).map(Declared::On)
    }

    fn declared(d: &str) -> Status {
        recency(on(d), &Evidence::default(), &profile(), Kind::Paper, None).status
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
        let c = recency(on("2021-09-01"), &ev, &profile(), Kind::Paper, None);
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
    fn a_date_in_the_future_warns_and_says_so() {
        let c = recency(
            on("2022-03-01"),
            &Evidence::default(),
            &profile(),
            Kind::Paper,
            Date::parse("2022-02-01"),
        );
        assert_eq!(c.status, Status::Warn);
        assert_eq!(
            c.message,
            "the date 2022-03-01 is in the future; is it a typo?"
        );
        let c = recency(
            on("2024-09-26"),
            &Evidence::default(),
            &profile(),
            Kind::Paper,
            None,
        );
        assert_eq!(
            c.message,
            "the date 2024-09-26 is after the submission deadline (2022-06-13); is it a typo?"
        );
    }

    #[test]
    fn a_typed_date_and_a_stamp_date_are_judged_by_the_same_rule() {
        // Issue 12: a 2024-09-26 v1 stamp passed while the same typed date warned.
        let typed = recency(
            on("2024-09-26"),
            &Evidence::default(),
            &profile(),
            Kind::Paper,
            None,
        );
        let stamped = recency(
            None,
            &stamp("2409.12345", 1, "2024-09-26"),
            &profile(),
            Kind::Paper,
            None,
        );
        assert_eq!((typed.status, stamped.status), (Status::Warn, Status::Warn));
        assert!(
            stamped
                .message
                .ends_with("after the submission deadline (2022-06-13)"),
            "{}",
            stamped.message
        );
        for d in ["2021-07-12", "2021-07-13", "2022-06-13"] {
            let typed = recency(on(d), &Evidence::default(), &profile(), Kind::Paper, None).status;
            let id = format!("{}{}.12345", &d[2..4], &d[5..7]);
            let stamped = recency(None, &stamp(&id, 1, d), &profile(), Kind::Paper, None).status;
            assert_eq!(typed, stamped, "{d}");
        }
    }

    #[test]
    fn not_public_yet_passes_unless_a_stamp_says_otherwise() {
        let c = recency(
            Some(Declared::NotYet),
            &Evidence::default(),
            &profile(),
            Kind::Paper,
            None,
        );
        assert_eq!(c.status, Status::Pass);
        assert_eq!(c.message, "not public yet: work in progress is eligible");
        // A stamp inside the window: public after all, so the answer is wrong; warn.
        let c = recency(
            Some(Declared::NotYet),
            &stamp("2110.01234", 1, "2021-10-04"),
            &profile(),
            Kind::Paper,
            None,
        );
        assert_eq!(c.status, Status::Warn);
        assert!(
            c.message
                .starts_with("you said the work is not public yet, but arXiv:2110.01234v1"),
            "{}",
            c.message
        );
        // A stamp before the window fails as it would without the answer.
        let c = recency(
            Some(Declared::NotYet),
            &stamp("2105.11111", 3, "2022-01-09"),
            &profile(),
            Kind::Paper,
            None,
        );
        assert_eq!(c.status, Status::Fail);
    }

    #[test]
    fn a_profile_without_a_recency_rule_skips_the_check() {
        let p = crate::profile::builtin("neurips-2022").unwrap();
        let c = recency(None, &Evidence::default(), &p, Kind::Paper, None);
        assert_eq!(c.status, Status::Skip);
        assert_eq!(
            c.message,
            "this call sets no rule on how recent the work must be"
        );
    }
}
