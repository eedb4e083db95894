//! Opening a PDF under the named limits and walking its pages (ISO 32000-1 §7.5,
//! §7.7.3) through our object layer (`cos`): lenient parsing with xref repair,
//! owner-password-only files opened, user-password files recognised, every page
//! interpreted once.

use super::cos::{Bytes, DecodeError, Dictionary, Document, Object, OpenError};
use super::interp::{FontRegistry, Interpreter, Work};
use super::{DocumentFacts, FontFacts, PageFacts, ReadError, meta, page, text};
use crate::limits::{Limit, Limits, Scope};
use std::collections::{BTreeMap, BTreeSet};

fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Document<'a>, ReadError> {
    if bytes.len() as u64 > limits.file_bytes {
        return Err(ReadError::LimitReached(Limit::FileBytes));
    }
    Document::open(bytes, limits).map_err(|e| match e {
        OpenError::NotPdf => ReadError::NotPdf,
        OpenError::NeedsPassword => ReadError::NeedsPassword,
        OpenError::Damaged(reason) => ReadError::Damaged(reason),
    })
}

/// A page's content streams (§7.8.2), decoded; several are joined, a single one (most
/// pages) is handed over as decoded, not copied.
struct Content<'a> {
    bytes: Bytes<'a>,
    /// A part of /Contents is not a stream that can be decoded (a dangling reference,
    /// an image filter, a broken object): the page was not read whole.
    unreadable: bool,
}

/// `Err` with the limit when the content passes the stream limit or the document's
/// decoding budget.
fn page_content<'a>(
    doc: &Document<'a>,
    page: &Dictionary,
    limit: usize,
) -> Result<Content<'a>, Limit> {
    let contents = page.get(b"Contents");
    let parts: Vec<&Object> = match contents.and_then(|c| doc.resolve(c)) {
        None => Vec::new(),
        Some(Object::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
    };
    let mut unreadable = contents.is_some_and(|c| !matches!(c, Object::Null)) && parts.is_empty();
    let mut decoded = Vec::new();
    for part in parts {
        let Some(Object::Stream(s)) = doc.resolve(part) else {
            unreadable |= !matches!(part, Object::Null);
            continue;
        };
        match doc.decode_with_limit(s, limit) {
            Ok(data) => decoded.push(data),
            Err(DecodeError::Limit(limit)) => return Err(limit),
            Err(DecodeError::Unsupported) => unreadable = true,
        }
    }
    if decoded.len() <= 1 {
        let bytes = decoded.pop().unwrap_or(Bytes::Borrowed(&[]));
        return Ok(Content { bytes, unreadable });
    }
    // Every part and the line break after it, the last break aside, within the limit.
    let total = decoded
        .iter()
        .map(|d| d.len().saturating_add(1))
        .sum::<usize>();
    if total > limit.saturating_add(1) {
        return Err(Limit::StreamBytes);
    }
    let mut out = Vec::with_capacity(total);
    for data in decoded {
        // Streams split the content only between tokens (§7.8.2): keep them apart.
        out.extend_from_slice(&data);
        out.push(b'\n');
    }
    Ok(Content {
        bytes: Bytes::Owned(out),
        unreadable,
    })
}

/// Merges fonts that share a name and subtype (subsets of one font, or one font
/// loaded from several objects) and returns, for each font met, its index in the
/// merged list. A name used by two subtypes (matplotlib's Type 3 copy of a TrueType
/// font) stays two entries, so neither hides the other.
fn merge_fonts(met: Vec<FontFacts>) -> (Vec<FontFacts>, Vec<usize>) {
    let mut by_name: BTreeMap<(String, String), FontFacts> = BTreeMap::new();
    for f in &met {
        by_name
            .entry((f.name.clone(), f.subtype.clone()))
            .and_modify(|m| {
                m.embedded &= f.embedded;
                m.subset |= f.subset;
                m.glyphs = m.glyphs.saturating_add(f.glyphs);
            })
            .or_insert_with(|| f.clone());
    }
    let keys: Vec<&(String, String)> = by_name.keys().collect();
    let remap = met
        .iter()
        .map(|f| {
            keys.binary_search(&&(f.name.clone(), f.subtype.clone()))
                .unwrap_or(0)
        })
        .collect();
    (by_name.into_values().collect(), remap)
}

pub fn read_document(bytes: &[u8], limits: &Limits) -> Result<DocumentFacts, ReadError> {
    let doc = open(bytes, limits)?;
    let tree = doc.pages(limits.depth, limits.pages);
    if tree.count == 0 {
        // A page tree lost to an object stream over a limit, or to the value budget:
        // name the limit.
        let hit = doc.limits_hit();
        if let Some(&limit) = hit
            .iter()
            .find(|l| matches!(l, Limit::StreamBytes | Limit::DecodedBytes | Limit::Values))
        {
            return Err(ReadError::LimitReached(limit));
        }
        return Err(ReadError::NoPages);
    }
    let mut facts = DocumentFacts {
        bytes: bytes.len() as u64,
        pdf_version: doc.version.clone(),
        page_count: tree.count,
        encrypted: doc.trailer.has(b"Encrypt"),
        info: meta::read_info(&doc, limits.stream_bytes),
        ..DocumentFacts::default()
    };
    // Limits reached while opening belong to no page; later ones to the page being read.
    let mut known: BTreeSet<Limit> = doc.limits_hit().into_iter().collect();
    facts
        .limits_reached
        .extend(known.iter().map(|&l| (l, None)));
    let mut fonts = FontRegistry::new(limits);
    // A document budget spent while opening (object streams decoded, values parsed)
    // leaves every page to be measured, not read.
    let mut work = Work {
        stopped: known.iter().copied().find(|l| l.scope() == Scope::Document),
        ..Work::default()
    };
    for (i, node) in tree.kept.iter().enumerate() {
        let number = i.saturating_add(1);
        let Some(page_dict) = node.dict else {
            facts.unreadable_pages.push(number);
            continue;
        };
        let setup = page::setup(&doc, page_dict, limits.depth);
        let mut page = PageFacts {
            number,
            width_pt: setup.width_pt,
            height_pt: setup.height_pt,
            rotate: setup.rotate,
            ..PageFacts::default()
        };
        // Once a document budget is spent, later pages are measured, not read.
        if work.stopped.is_none() {
            read_page(
                &doc, page_dict, &setup, limits, &mut fonts, &mut work, &mut facts, &mut page,
            );
        }
        for limit in doc.limits_hit() {
            if known.insert(limit) {
                facts.limits_reached.push((limit, Some(number)));
                if limit.scope() == Scope::Document {
                    work.stopped.get_or_insert(limit);
                }
            }
        }
        facts.pages.push(page);
    }
    if tree.count > limits.pages {
        facts
            .limits_reached
            .push((Limit::Pages, Some(limits.pages)));
    }
    let fonts_outline_used = fonts.outline.used();
    let (merged, remap) = merge_fonts(fonts.facts);
    facts.fonts = merged;
    for page in &mut facts.pages {
        for span in &mut page.spans {
            span.font = remap.get(span.font).copied().unwrap_or(0);
        }
        page.lines = text::build_lines(&page.spans);
    }
    if let Some(first) = facts.pages.first() {
        if let Some((stamp, bbox)) = text::find_arxiv(&first.spans, &first.lines) {
            facts.arxiv = Some(stamp);
            facts.arxiv_bbox = Some(bbox);
        }
        if let Some((notice, bbox)) = text::find_notice(&first.lines, first.height_pt) {
            facts.notice = Some(notice);
            facts.notice_bbox = Some(bbox);
        }
    }
    facts.limits_reached.dedup();
    facts.work = super::WorkDone {
        operators: work.operators,
        glyphs: work.glyphs,
        spans: work.spans,
        shapes: work.shapes,
        decoded_bytes: doc.decoded_bytes(),
        values: doc.values_parsed(),
        outline_operators: fonts_outline_used,
    };
    Ok(facts)
}

/// Interprets one page (its content, then its annotations' appearances) into `page`,
/// noting the limits it reached and whether its content could be read.
#[allow(clippy::too_many_arguments)]
fn read_page<'a>(
    doc: &'a Document<'a>,
    page_dict: &'a Dictionary,
    setup: &page::PageSetup<'a>,
    limits: &'a Limits,
    fonts: &mut FontRegistry,
    work: &mut Work,
    facts: &mut DocumentFacts,
    page: &mut PageFacts,
) {
    let number = page.number;
    let content = match page_content(doc, page_dict, limits.stream_bytes) {
        Ok(content) => content,
        Err(limit) => {
            facts.limits_reached.push((limit, Some(number)));
            facts.unreadable_content.push(number);
            return;
        }
    };
    if content.unreadable {
        facts.unreadable_content.push(number);
    }
    let page_box = super::Rect::new(0.0, 0.0, setup.width_pt, setup.height_pt);
    let mut interp = Interpreter::new(doc, limits, fonts, setup.to_page, page_box, work);
    interp.run_page(&content.bytes, setup.resources);
    for (appearance, matrix) in page::appearances(doc, page_dict) {
        interp.run_appearance(appearance, matrix, setup.resources);
    }
    let out = interp.finish();
    for limit in out.limits {
        facts.limits_reached.push((limit, Some(number)));
    }
    page.spans = out.spans;
    page.images = out.images;
    page.paths = out.paths;
}
