//! Opening a PDF under the named limits and walking its pages (ISO 32000-1 §7.5,
//! §7.7.3): lenient parsing with xref repair, owner-password-only files opened,
//! user-password files recognised, every page interpreted once.

use super::interp::{FontRegistry, Interpreter};
use super::{DocumentFacts, FontFacts, PageFacts, ReadError, meta, page, text};
use crate::limits::{Limit, Limits};
use lopdf::{DecompressError, Document, Error, LoadOptions};
use std::collections::BTreeMap;

/// Where the `%PDF-` header may start (readers accept leading junk up to here).
const HEADER_WINDOW: usize = 1024;

fn open(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.len() as u64 > limits.file_bytes {
        return Err(ReadError::LimitReached(Limit::FileBytes));
    }
    let head = bytes.get(..bytes.len().min(HEADER_WINDOW)).unwrap_or(bytes);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ReadError::NotPdf);
    }
    let options = LoadOptions {
        max_decompressed_size: Some(limits.stream_bytes),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => {
            ReadError::LimitReached(Limit::StreamBytes)
        }
        Error::Decryption(_) | Error::InvalidPassword => ReadError::NeedsPassword,
        other => ReadError::Damaged(other.to_string()),
    })?;
    // lopdf opens a file whose user password is not empty with no objects decrypted.
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err(ReadError::NeedsPassword);
    }
    Ok(doc)
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
    // lopdf's walk can meet a page again through a /Kids cycle: each page counts once.
    let mut seen = std::collections::BTreeSet::new();
    let page_ids: Vec<_> = doc.page_iter().filter(|id| seen.insert(*id)).collect();
    if page_ids.is_empty() {
        return Err(ReadError::NoPages);
    }
    let mut facts = DocumentFacts {
        bytes: bytes.len() as u64,
        pdf_version: doc.version.clone(),
        page_count: page_ids.len(),
        encrypted: doc.trailer.has(b"Encrypt") || doc.was_encrypted(),
        info: meta::read_info(&doc, limits.stream_bytes),
        ..DocumentFacts::default()
    };
    if page_ids.len() > limits.pages {
        facts.limits_reached.push((Limit::Pages, None));
    }
    let mut fonts = FontRegistry::default();
    let mut total_operators = 0u64;
    for (i, &id) in page_ids.iter().take(limits.pages).enumerate() {
        let number = i.saturating_add(1);
        let Ok(page_dict) = doc.get_dictionary(id) else {
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
        let over_total = total_operators > limits.operators_total;
        let content = if over_total {
            Ok(Vec::new())
        } else {
            doc.get_page_content_with_limit(id, limits.stream_bytes)
        };
        match content {
            Ok(content) => {
                let page_box = lopdf_free_box(setup.width_pt, setup.height_pt);
                let mut interp = Interpreter::new(
                    &doc,
                    limits,
                    &mut fonts,
                    setup.to_page,
                    page_box,
                    &mut total_operators,
                );
                interp.run_page(&content, setup.resources);
                for (appearance, matrix) in page::appearances(&doc, page_dict) {
                    interp.run_appearance(appearance, matrix, setup.resources);
                }
                let out = interp.finish();
                if let Some(limit) = out.limit {
                    facts.limits_reached.push((limit, Some(number)));
                }
                page.spans = out.spans;
                page.images = out.images;
                page.paths = out.paths;
            }
            Err(_) => facts
                .limits_reached
                .push((Limit::StreamBytes, Some(number))),
        }
        facts.pages.push(page);
    }
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
    Ok(facts)
}

/// The visible box in page space: it starts at the origin by construction.
fn lopdf_free_box(width: f64, height: f64) -> super::Rect {
    super::Rect::new(0.0, 0.0, width, height)
}
