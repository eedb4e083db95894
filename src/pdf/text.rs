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
/// A column gutter narrower than `COLUMN_GAP_EM` (IEEE's is 1.2 em) is found on the
/// page as a vertical band that text of many lines stops before and starts after: at
/// least this wide (fraction of the body size) …
const GUTTER_MIN_EM: f64 = 0.5;
/// … crossed by at most this share of the rows that border it (titles, full-width
/// figures and headers cross it) …
const GUTTER_CROSSING_SHARE: f64 = 0.15;
/// … with at least this many rows on each side of it.
const GUTTER_MIN_ROWS: usize = 8;
/// Columns either side of a gutter are at least this wide (fraction of the body size).
const GUTTER_MIN_COLUMN_EM: f64 = 8.0;
/// Text either side of a gutter is split only where the gap between them is most of
/// the gutter's width: a centred title's word space may fall in the gutter too.
const GUTTER_GAP_SHARE: f64 = 0.7;
/// Positions across the page the gutter search looks at; wider pages (posters) are
/// looked at in coarser steps, so the search costs the same on any page.
const GUTTER_STEPS: usize = 2048;

/// Groups upright, visible spans into lines: top to bottom, then left to right. Text on
/// one baseline either side of a column gutter is two lines, however narrow the gutter.
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
    let mut rows: Vec<Row> = Vec::new();
    for i in order {
        let Some(s) = spans.get(i) else { continue };
        match rows.last_mut() {
            Some(row)
                if (row.y - s.baseline_y()).abs() <= SAME_BASELINE_EM * s.size_pt.max(row.size) =>
            {
                row.add(i, s);
            }
            _ => rows.push(Row::new(i, s)),
        }
    }
    let rows = attach_scripts(rows);
    let rows: Vec<Vec<usize>> = rows.into_iter().map(|r| r.spans).collect();
    let gutters = find_gutters(spans, &rows);
    let splits_gutter = |prev: &TextSpan, s: &TextSpan| {
        gutters.iter().any(|&(mid, width)| {
            prev.bbox.x1 <= mid
                && s.bbox.x0 >= mid
                && s.bbox.x0 - prev.bbox.x1
                    >= (GUTTER_GAP_SHARE * width).max(GUTTER_MIN_EM * prev.size_pt.max(s.size_pt))
        })
    };
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
                    || splits_gutter(prev, s)
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

/// Spans on (about) one baseline, before they are split into lines at column gaps.
struct Row {
    spans: Vec<usize>,
    /// The baseline and size of the row's largest text.
    y: f64,
    size: f64,
    x0: f64,
    x1: f64,
}

impl Row {
    fn new(i: usize, s: &TextSpan) -> Row {
        Row {
            spans: vec![i],
            y: s.baseline_y(),
            size: s.size_pt,
            x0: s.bbox.x0,
            x1: s.bbox.x1,
        }
    }

    fn add(&mut self, i: usize, s: &TextSpan) {
        self.spans.push(i);
        // The row's baseline is its largest text's: a raised script ("1" of ½) may
        // open the row, and the lowered "2" must still join it.
        if s.size_pt > self.size {
            self.y = s.baseline_y();
            self.size = s.size_pt;
        }
        self.x0 = self.x0.min(s.bbox.x0);
        self.x1 = self.x1.max(s.bbox.x1);
    }

    fn absorb(&mut self, other: Row) {
        self.spans.extend(other.spans);
        self.x0 = self.x0.min(other.x0);
        self.x1 = self.x1.max(other.x1);
    }
}

/// A row of script-size text (`SCRIPT_RATIO` of a neighbour's size or less) this close
/// to a neighbouring row's baseline (fraction of that row's size) and within its width
/// is that row's superscripts, subscripts or fraction parts: ½ set as a raised 1, a
/// slash and a lowered 2; a denominator's subscript on the page's last line.
const SCRIPT_RATIO: f64 = 0.8;
const SCRIPT_OFFSET_EM: f64 = 0.5;
/// A script reaches at most this far past its line's ends (fraction of the line's size).
const SCRIPT_REACH_EM: f64 = 1.0;
/// Rows either side looked at for a script's own line.
const SCRIPT_NEIGHBOURS: usize = 3;

/// Moves each row of scripts into the line it belongs to, smallest text first, so a
/// script of a script (the P of Y_P in a denominator) joins the denominator, and the
/// denominator its line.
fn attach_scripts(rows: Vec<Row>) -> Vec<Row> {
    let mut rows: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    let mut by_size: Vec<usize> = (0..rows.len()).collect();
    by_size.sort_by(|&a, &b| {
        let size = |i: usize| rows.get(i).and_then(Option::as_ref).map_or(0.0, |r| r.size);
        size(a).total_cmp(&size(b)).then(a.cmp(&b))
    });
    for i in by_size {
        let Some(Some(row)) = rows.get(i) else {
            continue;
        };
        let fits = |other: &Row| {
            row.size <= SCRIPT_RATIO * other.size
                && (row.y - other.y).abs() <= SCRIPT_OFFSET_EM * other.size
                && row.x0 >= other.x0 - SCRIPT_REACH_EM * other.size
                && row.x1 <= other.x1 + SCRIPT_REACH_EM * other.size
        };
        let near = |j: usize| {
            rows.get(j)
                .and_then(Option::as_ref)
                .filter(|other| fits(other))
                .map(|other| ((row.y - other.y).abs(), j))
        };
        let lo = i.saturating_sub(SCRIPT_NEIGHBOURS);
        let hi = i.saturating_add(SCRIPT_NEIGHBOURS);
        let target = (lo..=hi)
            .filter(|&j| j != i)
            .filter_map(near)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, j)| j);
        if let Some(j) = target
            && let Some(script) = rows.get_mut(i).and_then(Option::take)
            && let Some(Some(line)) = rows.get_mut(j)
        {
            line.absorb(script);
        }
    }
    rows.into_iter().flatten().collect()
}

/// The middles and widths of the page's narrow column gutters: x positions that many rows have text
/// ending just left of and starting just right of, and few rows cross. Gutters wider
/// than `COLUMN_GAP_EM` need no finding: the gap alone splits the lines. Linear in the
/// spans: each row adds its merged intervals to difference arrays.
fn find_gutters(spans: &[TextSpan], rows: &[Vec<usize>]) -> Vec<(f64, f64)> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut sizes: Vec<f64> = Vec::new();
    for s in rows.iter().flatten().filter_map(|&i| spans.get(i)) {
        lo = lo.min(s.bbox.x0);
        hi = hi.max(s.bbox.x1);
        sizes.push(s.size_pt);
    }
    if rows.len() < 2 * GUTTER_MIN_ROWS || !(hi - lo).is_finite() || hi <= lo {
        return Vec::new();
    }
    sizes.sort_by(f64::total_cmp);
    let em = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0);
    let step = ((hi - lo) / GUTTER_STEPS as f64).max(0.5);
    let steps = (((hi - lo) / step) as usize).min(GUTTER_STEPS);
    let index = |x: f64| (((x - lo) / step).max(0.0) as usize).min(steps);
    let reach = COLUMN_GAP_EM * em;
    // Per position, the rows that cover it, that have text ending at most `reach` to
    // its left, and that have text starting at most `reach` to its right.
    let len = steps.saturating_add(2);
    let mut cover = vec![0i64; len];
    let mut ends = vec![0i64; len];
    let mut starts = vec![0i64; len];
    let add_row = |diff: &mut Vec<i64>, mut intervals: Vec<(usize, usize)>| {
        intervals.sort_unstable();
        let mut merged: Option<(usize, usize)> = None;
        let flush = |diff: &mut Vec<i64>, (a, b): (usize, usize)| {
            if let Some(d) = diff.get_mut(a) {
                *d = d.saturating_add(1);
            }
            if let Some(d) = diff.get_mut(b.saturating_add(1)) {
                *d = d.saturating_sub(1);
            }
        };
        for (a, b) in intervals {
            merged = match merged {
                Some((ma, mb)) if a <= mb.saturating_add(1) => Some((ma, mb.max(b))),
                Some(m) => {
                    flush(diff, m);
                    Some((a, b))
                }
                None => Some((a, b)),
            };
        }
        if let Some(m) = merged {
            flush(diff, m);
        }
    };
    for row in rows {
        let row: Vec<&TextSpan> = row.iter().filter_map(|&i| spans.get(i)).collect();
        let covered = row
            .iter()
            .map(|s| (index(s.bbox.x0), index(s.bbox.x1)))
            .collect();
        add_row(&mut cover, covered);
        let ending = row
            .iter()
            .map(|s| (index(s.bbox.x1), index(s.bbox.x1 + reach)))
            .collect();
        add_row(&mut ends, ending);
        let starting = row
            .iter()
            .map(|s| (index(s.bbox.x0 - reach), index(s.bbox.x0)))
            .collect();
        add_row(&mut starts, starting);
    }
    // Runs of positions few rows cover and many rows border on both sides.
    let (mut c, mut e, mut s) = (0i64, 0i64, 0i64);
    let mut gutters = Vec::new();
    let mut run: Option<usize> = None;
    for k in 0..len {
        c = c.saturating_add(cover.get(k).copied().unwrap_or(0));
        e = e.saturating_add(ends.get(k).copied().unwrap_or(0));
        s = s.saturating_add(starts.get(k).copied().unwrap_or(0));
        let bordered = e.min(s);
        let open = k <= steps
            && bordered >= GUTTER_MIN_ROWS as i64
            && (c as f64) <= GUTTER_CROSSING_SHARE * bordered as f64;
        match (open, run) {
            (true, None) => run = Some(k),
            (false, Some(first)) => {
                run = None;
                let x0 = lo + step * first as f64;
                let x1 = lo + step * k.saturating_sub(1) as f64;
                if x1 - x0 >= GUTTER_MIN_EM * em - step {
                    gutters.push(((x0 + x1) / 2.0, x1 - x0));
                }
            }
            _ => {}
        }
    }
    // A gutter has a column on each side: gaps that line up every few words (a
    // table's, or words set on a grid) are not gutters.
    let column = GUTTER_MIN_COLUMN_EM * em;
    gutters
        .iter()
        .copied()
        .filter(|&(mid, _)| {
            mid - lo >= column
                && hi - mid >= column
                && gutters
                    .iter()
                    .all(|&(other, _)| other == mid || (other - mid).abs() >= column)
        })
        .collect()
}

/// The text of `members` (spans of one line, left to right): a space where the gap
/// between two spans is one. Each run of spans `math` marks is wrapped in `$…$`, so a
/// formula counts as one word as it does in the author's LaTeX (SPEC §5): a sign
/// between two marked spans (the en dash of `0.69–0.84`) joins their run, and a run
/// with no letter or digit (a lone bracket) stays unmarked, as it counts no word.
pub fn join_spans(
    spans: &[TextSpan],
    members: &[usize],
    math: impl Fn(&TextSpan) -> bool,
) -> String {
    let members: Vec<&TextSpan> = members.iter().filter_map(|&i| spans.get(i)).collect();
    let has_word = |s: &TextSpan| s.text.chars().any(char::is_alphanumeric);
    let mut marked: Vec<bool> = members
        .iter()
        .map(|s| math(s) && !s.text.trim().is_empty())
        .collect();
    for i in 1..members.len().saturating_sub(1) {
        let at = |k: usize| marked.get(k).copied().unwrap_or(false);
        let between = at(i.saturating_sub(1)) && at(i.saturating_add(1));
        if between
            && members.get(i).is_some_and(|s| !has_word(s))
            && let Some(m) = marked.get_mut(i)
        {
            *m = true;
        }
    }
    // Runs of marked spans with no letter or digit are left plain.
    let mut i = 0;
    while i < marked.len() {
        if !marked.get(i).copied().unwrap_or(false) {
            i = i.saturating_add(1);
            continue;
        }
        let start = i;
        while marked.get(i).copied().unwrap_or(false) {
            i = i.saturating_add(1);
        }
        let worded = members
            .get(start..i)
            .is_some_and(|run| run.iter().any(|s| has_word(s)));
        if !worded {
            marked
                .get_mut(start..i)
                .into_iter()
                .flatten()
                .for_each(|m| *m = false);
        }
    }
    let mut text = String::new();
    let mut prev: Option<&TextSpan> = None;
    let mut in_math = false;
    for (s, &is_math) in members.iter().zip(&marked) {
        let spaced =
            prev.is_some_and(|p| s.bbox.x0 - p.bbox.x1 > WORD_GAP_EM * p.size_pt.min(s.size_pt));
        if in_math && !is_math {
            text.push('$');
            in_math = false;
        }
        if spaced && !text.ends_with(char::is_whitespace) {
            text.push(' ');
        }
        if is_math && !in_math {
            text.push('$');
            in_math = true;
        }
        text.push_str(if in_math { s.text.trim() } else { &s.text });
        prev = Some(s);
    }
    if in_math {
        text.push('$');
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn make_line(spans: &[TextSpan], members: Vec<usize>) -> Option<TextLine> {
    let first = spans.get(*members.first()?)?;
    let text = join_spans(spans, &members, |_| false);
    let mut bbox = first.bbox;
    let mut by_size: Vec<(f64, usize, u32)> = Vec::new();
    for s in members.iter().filter_map(|&i| spans.get(i)) {
        bbox = bbox.union(&s.bbox);
        match by_size
            .iter_mut()
            .find(|e| (e.0 - s.size_pt).abs() < 0.01 && e.1 == s.font)
        {
            Some(e) => e.2 = e.2.saturating_add(s.glyphs),
            None => by_size.push((s.size_pt, s.font, s.glyphs)),
        }
    }
    let dominant =
        by_size
            .iter()
            .max_by_key(|e| e.2)
            .copied()
            .unwrap_or((first.size_pt, first.font, 0));
    Some(TextLine {
        text,
        bbox,
        baseline_y: members
            .iter()
            .filter_map(|&i| spans.get(i))
            .fold(
                first,
                |big, s| if s.size_pt > big.size_pt { s } else { big },
            )
            .baseline_y(),
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

    fn span(text: &str, x0: f64, x1: f64, baseline: f64, size: f64) -> TextSpan {
        let bbox = Rect::new(x0, baseline - 0.22 * size, x1, baseline + 0.68 * size);
        TextSpan {
            text: text.into(),
            font: 0,
            size_pt: size,
            origin: (x0, baseline),
            bbox,
            ink: bbox,
            upright: true,
            visible: true,
            glyphs: text.chars().count() as u32,
        }
    }

    /// Rows of words at irregular places, as justified text has them.
    fn column(x0: f64, x1: f64, rows: usize, seed: u32) -> Vec<(f64, f64, usize)> {
        let mut out = Vec::new();
        for r in 0..rows {
            let mut x = x0;
            let mut k = seed.wrapping_add(r as u32 * 7919);
            while x < x1 {
                k = k.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let w = 12.0 + f64::from((k >> 16) % 30);
                let end = (x + w).min(x1);
                out.push((x, end, r));
                x = end + 2.5;
            }
        }
        out
    }

    #[test]
    fn a_gutter_narrower_than_a_column_gap_still_splits_the_lines() {
        // IEEE: columns 49–300 and 312–563, a 12 pt (1.2 em) gutter.
        let mut spans = Vec::new();
        for (a, b, r) in column(49.0, 300.0, 20, 1)
            .into_iter()
            .chain(column(312.0, 563.0, 20, 2))
        {
            spans.push(span("word", a, b, 700.0 - 12.0 * r as f64, 10.0));
        }
        let lines = build_lines(&spans);
        assert_eq!(lines.len(), 40);
        assert!(
            lines
                .iter()
                .all(|l| l.bbox.x1 <= 300.0 || l.bbox.x0 >= 312.0)
        );
    }

    #[test]
    fn words_on_a_grid_are_not_columns() {
        // The same gap in every row every 37 pt is a table's or a test's grid, not a gutter.
        let mut spans = Vec::new();
        for r in 0..20 {
            for w in 0..11 {
                let x = 108.0 + 37.1 * f64::from(w);
                spans.push(span(
                    "sparse",
                    x,
                    x + 25.0,
                    700.0 - 11.0 * f64::from(r),
                    10.0,
                ));
            }
        }
        assert_eq!(build_lines(&spans).len(), 20);
    }

    #[test]
    fn a_half_set_as_raised_one_slash_lowered_two_is_one_word_on_its_line() {
        // \nicefrac{1}{2}: the raised 1 opens the row; the lowered 2 must join it.
        let spans = vec![
            span("indented", 280.0, 315.4, 526.23, 9.96),
            span("1", 317.9, 321.4, 528.18, 6.97),
            span("/", 320.3, 323.1, 526.23, 9.96),
            span("2", 322.5, 326.0, 526.23, 6.97),
            span("inch", 328.5, 346.0, 526.23, 9.96),
            span("12", 94.7, 98.0, 526.23, 5.98),
        ];
        let lines = build_lines(&spans);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["12", "indented 1/2 inch"]);
        assert_eq!(lines.get(1).map(|l| l.baseline_y), Some(526.23));
    }

    #[test]
    fn formulas_are_marked_as_one_word_and_lone_brackets_are_not() {
        let mut spans = vec![
            span("rates", 100.0, 120.0, 500.0, 10.0),
            span("β", 122.0, 127.0, 500.0, 10.0),
            span("1", 127.0, 131.0, 498.5, 7.0),
            span("∈", 133.0, 139.0, 500.0, 10.0),
            span("[0,", 141.0, 150.0, 500.0, 10.0),
            span("1)", 152.0, 156.0, 500.0, 10.0),
            span("and", 159.0, 173.0, 500.0, 10.0),
            span("0.69", 176.0, 190.0, 500.0, 10.0),
            span("–", 190.0, 195.0, 500.0, 10.0),
            span("0.84", 195.0, 209.0, 500.0, 10.0),
            span("then", 212.0, 228.0, 500.0, 10.0),
            span("(", 230.0, 233.0, 500.0, 10.0),
            span("end", 235.0, 248.0, 500.0, 10.0),
        ];
        // Font 1 is the math font; the en dash and the words are in the text font.
        for i in [1, 2, 3, 4, 5, 7, 9, 11] {
            spans[i].font = 1;
        }
        let members: Vec<usize> = (0..spans.len()).collect();
        assert_eq!(
            join_spans(&spans, &members, |s| s.font == 1),
            "rates $β1 ∈ [0, 1)$ and $0.69–0.84$ then ( end"
        );
        assert_eq!(
            join_spans(&spans, &members, |_| false),
            "rates β1 ∈ [0, 1) and 0.69–0.84 then ( end"
        );
    }

    #[test]
    fn a_subscript_below_the_line_belongs_to_it() {
        // Y_P in a denominator: 6 pt below the line's baseline, at 5 pt.
        let spans = vec![
            span("for", 300.0, 320.0, 73.53, 9.96),
            span("Y", 322.0, 327.0, 69.61, 6.97),
            span("P", 327.0, 331.0, 67.02, 4.98),
            span("some", 332.5, 357.5, 73.53, 9.96),
        ];
        let lines = build_lines(&spans);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines.first().map(|l| l.baseline_y), Some(73.53));
    }

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
