//! Text as a reader sees it: spans grouped into lines in reading order, the arXiv
//! stamp or identifier (SPEC §4) and the venue notice at the foot of page 1.

use super::{ArxivStamp, Rect, TextLine, TextSpan};

/// Spans whose baselines differ by less than this (fraction of the size) share a line.
const SAME_BASELINE_EM: f64 = 0.25;
/// A horizontal gap wider than this (fraction of the size) separates two columns.
const COLUMN_GAP_EM: f64 = 1.6;
/// A gap wider than this between text of clearly different sizes (line numbers and
/// body text) separates two lines.
const SIZE_BREAK_GAP_EM: f64 = 0.5;
const SIZE_BREAK_RATIO: f64 = 1.3;
/// A gap wider than this (fraction of the size) between spans is a space.
const WORD_GAP_EM: f64 = 0.12;
/// The notice is looked for in the lowest part of page 1 (fraction of its height).
const NOTICE_ZONE: f64 = 0.3;

/// Groups upright, visible spans into lines: top to bottom, then left to right.
pub fn build_lines(spans: &[TextSpan]) -> Vec<TextLine> {
    let mut order: Vec<usize> = (0..spans.len())
        .filter(|&i| spans.get(i).is_some_and(|s| s.upright && s.visible))
        .collect();
    let key = |i: &usize| {
        spans
            .get(*i)
            .map_or((0.0, 0.0), |s| (s.baseline_y(), s.bbox.x0))
    };
    order.sort_by(|a, b| {
        let (ya, xa) = key(a);
        let (yb, xb) = key(b);
        yb.total_cmp(&ya).then(xa.total_cmp(&xb))
    });
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut row_y = f64::NAN;
    let mut row_size = 0.0;
    for i in order {
        let Some(s) = spans.get(i) else { continue };
        let tol = SAME_BASELINE_EM * s.size_pt.max(row_size);
        match rows.last_mut() {
            Some(row) if (row_y - s.baseline_y()).abs() <= tol => row.push(i),
            _ => {
                rows.push(vec![i]);
                row_y = s.baseline_y();
                row_size = s.size_pt;
            }
        }
    }
    let mut lines = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| key(a).1.total_cmp(&key(b).1));
        let mut current: Vec<usize> = Vec::new();
        for i in row {
            let Some(s) = spans.get(i) else { continue };
            if let Some(prev) = current.last().and_then(|&p| spans.get(p)) {
                let em = prev.size_pt.max(s.size_pt);
                let gap = s.bbox.x0 - prev.bbox.x1;
                let ratio = prev.size_pt.max(s.size_pt) / prev.size_pt.min(s.size_pt).max(0.01);
                if gap > COLUMN_GAP_EM * em
                    || (gap > SIZE_BREAK_GAP_EM * em && ratio > SIZE_BREAK_RATIO)
                {
                    lines.extend(make_line(spans, std::mem::take(&mut current)));
                }
            }
            current.push(i);
        }
        lines.extend(make_line(spans, current));
    }
    lines
}

fn make_line(spans: &[TextSpan], members: Vec<usize>) -> Option<TextLine> {
    let first = spans.get(*members.first()?)?;
    let mut text = String::new();
    let mut bbox = first.bbox;
    let mut prev: Option<&TextSpan> = None;
    let mut by_size: Vec<(f64, usize, u32)> = Vec::new();
    for s in members.iter().filter_map(|&i| spans.get(i)) {
        if let Some(p) = prev {
            let gap = s.bbox.x0 - p.bbox.x1;
            if gap > WORD_GAP_EM * p.size_pt.min(s.size_pt) && !text.ends_with(char::is_whitespace)
            {
                text.push(' ');
            }
        }
        text.push_str(&s.text);
        bbox = bbox.union(&s.bbox);
        match by_size
            .iter_mut()
            .find(|e| (e.0 - s.size_pt).abs() < 0.01 && e.1 == s.font)
        {
            Some(e) => e.2 = e.2.saturating_add(s.glyphs),
            None => by_size.push((s.size_pt, s.font, s.glyphs)),
        }
        prev = Some(s);
    }
    let dominant =
        by_size
            .iter()
            .max_by_key(|e| e.2)
            .copied()
            .unwrap_or((first.size_pt, first.font, 0));
    Some(TextLine {
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        bbox,
        baseline_y: first.baseline_y(),
        size_pt: dominant.0,
        font: dominant.1,
        spans: members,
    })
}

/// The year and month an arXiv identifier was first posted: `YYMM.NNNNN` or `arch/YYMMNNN`.
pub fn arxiv_id_month(id: &str) -> Option<(i32, u32)> {
    let digits = match id.split_once('/') {
        Some((_, num)) => num,
        None => id,
    };
    let yy: i32 = digits.get(0..2)?.parse().ok()?;
    let mm: u32 = digits.get(2..4)?.parse().ok()?;
    if !(1..=12).contains(&mm) {
        return None;
    }
    let century: i32 = if id.contains('/') && yy >= 91 {
        1900
    } else {
        2000
    };
    Some((century.checked_add(yy)?, mm))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn take_while_str(s: &str, pred: impl Fn(char) -> bool) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !pred(c))
        .map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or("")
}

/// Parses `arXiv:2106.01234v2 [cs.LG] 3 Jun 2021` (and old-style `arXiv:cs/0112017v1`)
/// from anywhere in `text`.
pub fn parse_arxiv(text: &str) -> Option<ArxivStamp> {
    let lower = text.to_ascii_lowercase();
    // `lower` has the same byte offsets as `text` (ASCII lowercasing).
    for (pos, prefix) in lower.match_indices("arxiv:") {
        let rest = text.get(pos..)?.get(prefix.len()..)?.trim_start();
        if let Some(stamp) = parse_after_prefix(rest) {
            return Some(stamp);
        }
    }
    None
}

fn parse_after_prefix(rest: &str) -> Option<ArxivStamp> {
    let (id, after) = parse_id(rest)?;
    let mut after = after;
    let mut version = None;
    if let Some(v) = after.strip_prefix('v') {
        let digits = take_while_str(v, |c| c.is_ascii_digit());
        version = digits.parse().ok();
        after = v.get(digits.len()..).unwrap_or("");
    }
    let mut after = after.trim_start();
    let mut category = None;
    if let Some(inner) = after.strip_prefix('[')
        && let Some((cat, tail)) = inner.split_once(']')
        && cat.len() <= 24
    {
        category = Some(cat.trim().to_string());
        after = tail.trim_start();
    }
    Some(ArxivStamp {
        id,
        version,
        category,
        date: parse_day_month_year(after),
    })
}

fn parse_id(s: &str) -> Option<(String, &str)> {
    let head = take_while_str(s, |c| c.is_ascii_digit());
    if head.len() == 4 && s.get(4..5) == Some(".") {
        let tail = s.get(5..)?;
        let num = take_while_str(tail, |c| c.is_ascii_digit());
        if (4..=5).contains(&num.len()) {
            let id = format!("{head}.{num}");
            return Some((id, tail.get(num.len()..).unwrap_or("")));
        }
        return None;
    }
    // Old style: archive(.SUB)/YYMMNNN.
    let archive = take_while_str(s, |c| c.is_ascii_alphabetic() || c == '-' || c == '.');
    let after = s.get(archive.len()..)?.strip_prefix('/')?;
    let num = take_while_str(after, |c| c.is_ascii_digit());
    if archive.is_empty() || num.len() != 7 {
        return None;
    }
    Some((
        format!("{archive}/{num}"),
        after.get(num.len()..).unwrap_or(""),
    ))
}

/// `3 Jun 2021` -> `2021-06-03`.
fn parse_day_month_year(s: &str) -> Option<String> {
    let mut words = s.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month_word = words.next()?.to_ascii_lowercase();
    let (month, _) = (1u32..)
        .zip(MONTHS)
        .find(|(_, m)| month_word.starts_with(m))?;
    let year: u32 = take_while_str(words.next()?, |c| c.is_ascii_digit())
        .parse()
        .ok()?;
    ((1..=31).contains(&day) && (1990..=2100).contains(&year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The arXiv stamp of page 1: rotated text in the left margin first, then any text.
/// With the box of the text it was read from.
pub fn find_arxiv(spans: &[TextSpan], lines: &[TextLine]) -> Option<(ArxivStamp, Rect)> {
    let rotated: Vec<&TextSpan> = spans.iter().filter(|s| !s.upright).collect();
    let joined: Vec<&str> = rotated.iter().map(|s| s.text.as_str()).collect();
    if let Some(stamp) = parse_arxiv(&joined.join(" ")) {
        let bbox = rotated
            .iter()
            .skip(1)
            .fold(rotated.first().map(|s| s.bbox)?, |acc, s| {
                acc.union(&s.bbox)
            });
        return Some((stamp, bbox));
    }
    lines
        .iter()
        .find_map(|l| parse_arxiv(&l.text).map(|stamp| (stamp, l.bbox)))
}

const NOTICE_WORDS: [&str; 12] = [
    "conference",
    "workshop",
    "proceedings",
    "preprint",
    "submitted to",
    "under review",
    "do not distribute",
    "copyright",
    "©",
    "neurips",
    "symposium",
    "journal",
];

/// The venue notice at the foot of page 1, with the line continuing it. In order of
/// trust: the lowest line reading like a notice and set apart from the running text
/// (smaller than the page's dominant size); else the lowest one reading like a notice
/// with no running text below it (a paragraph of the body that mentions "preprint"
/// has); else a line set apart below all the running text (a workshop's own notice,
/// "Project Report for …").
pub fn find_notice(lines: &[TextLine], page_height: f64) -> Option<(String, Rect)> {
    let zone: Vec<&TextLine> = lines
        .iter()
        .filter(|l| l.baseline_y < NOTICE_ZONE * page_height)
        .filter(|l| l.text.chars().any(char::is_alphabetic))
        .collect();
    let reads_like_notice = |l: &TextLine| {
        let t = l.text.to_lowercase();
        NOTICE_WORDS.iter().any(|w| t.contains(w))
    };
    let body = dominant_size(lines)?;
    let set_apart = |l: &TextLine| l.size_pt < body - 0.5;
    let is_body = |l: &TextLine| (l.size_pt - body).abs() <= 0.5;
    let lowest_body = lines
        .iter()
        .filter(|l| is_body(l) && l.text.chars().any(char::is_alphabetic))
        .map(|l| l.baseline_y)
        .min_by(f64::total_cmp)
        .unwrap_or(f64::INFINITY);
    let below_body = |l: &TextLine| l.baseline_y < lowest_body - body;
    let lowest = |keep: &dyn Fn(&TextLine) -> bool| {
        zone.iter()
            .enumerate()
            .filter(|(_, l)| keep(l))
            .min_by(|a, b| a.1.baseline_y.total_cmp(&b.1.baseline_y))
            .map(|(i, l)| (i, *l))
    };
    let (idx, line) = lowest(&|l| reads_like_notice(l) && set_apart(l))
        .or_else(|| lowest(&|l| reads_like_notice(l) && l.baseline_y <= lowest_body + 0.5))
        .or_else(|| lowest(&|l| set_apart(l) && below_body(l) && names_a_year(&l.text)))?;
    let mut text = line.text.clone();
    let mut bbox = line.bbox;
    // The continuation is the next line below in the same column, in the same size.
    let next = zone.get(idx.saturating_add(1)..).and_then(|below| {
        below.iter().find(|n| {
            n.baseline_y < line.baseline_y - 0.5 * line.size_pt
                && overlaps_horizontally(&line.bbox, &n.bbox)
        })
    });
    if let Some(next) = next
        && (next.size_pt - line.size_pt).abs() < 0.5
        && line.baseline_y - next.baseline_y < 1.6 * line.size_pt
    {
        text.push(' ');
        text.push_str(&next.text);
        bbox = bbox.union(&next.bbox);
    }
    Some((text, bbox))
}

/// Whether the text holds a year, 1980–2100, as a number of its own (`2021/22` does).
fn names_a_year(text: &str) -> bool {
    let digits: Vec<char> = text.chars().collect();
    digits.windows(4).enumerate().any(|(i, w)| {
        let apart = |j: Option<usize>| {
            j.and_then(|j| digits.get(j))
                .is_none_or(|c| !c.is_ascii_digit())
        };
        w.iter().all(char::is_ascii_digit)
            && apart(i.checked_sub(1))
            && apart(i.checked_add(4))
            && w.iter()
                .collect::<String>()
                .parse::<u32>()
                .is_ok_and(|y| (1980..=2100).contains(&y))
    })
}

/// The size most of a page's text is set in (weighted by characters).
fn dominant_size(lines: &[TextLine]) -> Option<f64> {
    let mut by_size: Vec<(f64, usize)> = Vec::new();
    for l in lines {
        let n = l.text.chars().count();
        match by_size.iter_mut().find(|e| (e.0 - l.size_pt).abs() < 0.25) {
            Some(e) => e.1 = e.1.saturating_add(n),
            None => by_size.push((l.size_pt, n)),
        }
    }
    by_size
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0)))
        .map(|(size, _)| size)
}

fn overlaps_horizontally(a: &Rect, b: &Rect) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, baseline: f64, size: f64) -> TextLine {
        TextLine {
            text: text.into(),
            bbox: Rect::new(108.0, baseline - 2.0, 504.0, baseline + size * 0.7),
            baseline_y: baseline,
            size_pt: size,
            font: 0,
            spans: Vec::new(),
        }
    }

    #[test]
    fn the_notice_is_the_footer_not_a_paragraph_that_mentions_a_preprint() {
        // neurips_2021_kit: body text mentions "preprint"; the foot of the page holds a
        // footnote and the class's own notice.
        let mut lines: Vec<TextLine> = (0..40)
            .map(|i| {
                line(
                    "running text of the body in ten point",
                    700.0 - 12.0 * i as f64,
                    10.0,
                )
            })
            .collect();
        lines.push(line(
            "preprint, which creates a preprint for submission to, e.g., arXiv",
            123.3,
            10.0,
        ));
        lines.push(line(
            "load the natbib package for you in case of package clash.",
            112.4,
            10.0,
        ));
        lines.push(line(
            "Use footnote for providing further information about author",
            92.3,
            9.0,
        ));
        lines.push(line("Project Report for Data Literacy 2021/22", 52.1, 9.0));
        let (notice, _) = find_notice(&lines, 792.0).expect("a notice");
        assert_eq!(notice, "Project Report for Data Literacy 2021/22");
        // A footnote that names no year is not taken for a notice.
        lines.pop();
        assert_eq!(find_notice(&lines, 792.0), None);
        // The NeurIPS notice, smaller than the body, below a footnote.
        lines.push(line("Submitted to 36th Conference on Neural Information Processing Systems (NeurIPS 2022). Do not", 60.0, 9.0));
        lines.push(line("distribute.", 50.0, 9.0));
        let (notice, _) = find_notice(&lines, 792.0).expect("a notice");
        assert_eq!(
            notice,
            "Submitted to 36th Conference on Neural Information Processing Systems (NeurIPS 2022). Do not distribute."
        );
    }

    #[test]
    fn parses_a_new_style_stamp() {
        let s = parse_arxiv("arXiv:2106.01234v2  [cs.LG]  3 Jun 2021").unwrap();
        assert_eq!(s.id, "2106.01234");
        assert_eq!(s.version, Some(2));
        assert_eq!(s.category.as_deref(), Some("cs.LG"));
        assert_eq!(s.date.as_deref(), Some("2021-06-03"));
        assert_eq!(s.first_month(), Some((2021, 6)));
    }

    #[test]
    fn parses_an_old_style_id() {
        let s = parse_arxiv("see arXiv:cs/0112017v1 [cs.LG] 12 Dec 2001").unwrap();
        assert_eq!(s.id, "cs/0112017");
        assert_eq!(s.first_month(), Some((2001, 12)));
        let s = parse_arxiv("arXiv:hep-th/9711200").unwrap();
        assert_eq!(s.first_month(), Some((1997, 11)));
        assert_eq!(s.version, None);
    }

    #[test]
    fn four_digit_ids_of_2007_to_2014_parse() {
        assert_eq!(
            parse_arxiv("arXiv:1412.6980v9 [cs.LG] 30 Jan 2017")
                .unwrap()
                .id,
            "1412.6980"
        );
    }

    #[test]
    fn rejects_what_is_not_an_id() {
        assert!(parse_arxiv("arXiv: see the appendix").is_none());
        assert!(arxiv_id_month("2113.00001").is_none());
    }
}
