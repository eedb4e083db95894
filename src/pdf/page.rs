//! A page's inherited attributes and visible box (ISO 32000-1 §7.7.3.3, §14.11.2):
//! CropBox (clipped to MediaBox) else MediaBox, walked up /Parent with a depth limit
//! and a cycle guard, and /Rotate turned into a transform onto the page as seen.

use super::cos::{Dictionary, Document, Object, ObjectId, Stream};
use super::geom::{Matrix, Rect};
use super::lookup::{self, as_dict, get, number, numbers};

/// US Letter, what readers assume when a page has no usable MediaBox.
const DEFAULT_MEDIA_BOX: Rect = Rect {
    x0: 0.0,
    y0: 0.0,
    x1: 612.0,
    y1: 792.0,
};

/// A page's geometry and resources, as inherited.
pub struct PageSetup<'a> {
    pub rotate: i64,
    /// Default user space onto the page as seen: origin at the visible box's
    /// bottom-left corner, rotation applied.
    pub to_page: Matrix,
    pub width_pt: f64,
    pub height_pt: f64,
    pub resources: Option<&'a Dictionary>,
}

/// Looks `key` up on the page, then on each ancestor, at most `max_depth` levels,
/// stopping at a cycle.
fn inherited<'a>(
    doc: &'a Document,
    page: &'a Dictionary,
    key: &[u8],
    max_depth: usize,
) -> Option<&'a Object> {
    let mut node = page;
    let mut seen: Vec<ObjectId> = Vec::new();
    for _ in 0..max_depth {
        if let Some(v) = get(doc, node, key) {
            return Some(v);
        }
        let parent_ref = node.get(b"Parent")?;
        if let Some(id) = lookup::reference_id(parent_ref) {
            if seen.contains(&id) {
                return None;
            }
            seen.push(id);
        }
        node = as_dict(doc, parent_ref)?;
    }
    None
}

fn as_rect(doc: &Document, obj: &Object) -> Option<Rect> {
    let Object::Array(arr) = obj else { return None };
    let v = numbers(doc, arr)?;
    let (x0, y0, x1, y1) = (*v.first()?, *v.get(1)?, *v.get(2)?, *v.get(3)?);
    let r = Rect::new(x0, y0, x1, y1);
    (r.width() > 0.0 && r.height() > 0.0).then_some(r)
}

pub fn setup<'a>(doc: &'a Document, page: &'a Dictionary, max_depth: usize) -> PageSetup<'a> {
    let media = inherited(doc, page, b"MediaBox", max_depth)
        .and_then(|o| as_rect(doc, o))
        .unwrap_or(DEFAULT_MEDIA_BOX);
    let visible = inherited(doc, page, b"CropBox", max_depth)
        .and_then(|o| as_rect(doc, o))
        .and_then(|crop| crop.intersect(&media))
        .filter(|r| r.width() > 0.0 && r.height() > 0.0)
        .unwrap_or(media);
    let rotate = inherited(doc, page, b"Rotate", max_depth)
        .and_then(number)
        .map(|r| match ((r / 90.0).round() as i64).rem_euclid(4) {
            1 => 90,
            2 => 180,
            3 => 270,
            _ => 0,
        })
        .unwrap_or(0);
    let resources = inherited(doc, page, b"Resources", max_depth).and_then(|o| as_dict(doc, o));
    let (w, h) = (visible.width(), visible.height());
    let shift = Matrix::translate(-visible.x0, -visible.y0);
    let turn = match rotate {
        90 => Matrix::new(0.0, -1.0, 1.0, 0.0, 0.0, w),
        180 => Matrix::new(-1.0, 0.0, 0.0, -1.0, w, h),
        270 => Matrix::new(0.0, 1.0, -1.0, 0.0, h, 0.0),
        _ => Matrix::IDENTITY,
    };
    let (width_pt, height_pt) = if rotate % 180 == 0 { (w, h) } else { (h, w) };
    PageSetup {
        rotate,
        to_page: shift.then(&turn),
        width_pt,
        height_pt,
        resources,
    }
}

/// Annotations read per page; more is not a paper.
const MAX_ANNOTATIONS: usize = 2_000;
/// Annotation flags (§12.5.3) that keep an annotation off the screen.
const FLAG_HIDDEN: i64 = 1 << 1;
const FLAG_NO_VIEW: i64 = 1 << 5;

/// The normal appearance streams of a page's visible annotations, each with the
/// matrix that maps its form space onto the annotation's /Rect (§12.5.5).
pub fn appearances<'a>(doc: &'a Document, page: &'a Dictionary) -> Vec<(&'a Stream, Matrix)> {
    let Some(annots) = lookup::get_array(doc, page, b"Annots") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for annot in annots.iter().take(MAX_ANNOTATIONS) {
        let Some(a) = as_dict(doc, annot) else {
            continue;
        };
        if lookup::get_name(doc, a, b"Subtype") == Some(b"Popup") {
            continue;
        }
        let flags = lookup::get_number(doc, a, b"F").unwrap_or(0.0) as i64;
        if flags & (FLAG_HIDDEN | FLAG_NO_VIEW) != 0 {
            continue;
        }
        let Some(rect) = get(doc, a, b"Rect").and_then(|r| as_rect(doc, r)) else {
            continue;
        };
        let normal = lookup::get_dict(doc, a, b"AP").and_then(|ap| get(doc, ap, b"N"));
        let stream = match normal {
            Some(Object::Stream(s)) => s,
            Some(Object::Dictionary(states)) => {
                let Some(state) = lookup::get_name(doc, a, b"AS") else {
                    continue;
                };
                match get(doc, states, state) {
                    Some(Object::Stream(s)) => s,
                    _ => continue,
                }
            }
            _ => continue,
        };
        let form_matrix = lookup::get_array(doc, &stream.dict, b"Matrix")
            .and_then(|m| numbers(doc, m))
            .and_then(|v| match *v {
                [a, b, c, d, e, f] => Some(Matrix::new(a, b, c, d, e, f)),
                _ => None,
            })
            .filter(Matrix::is_finite)
            .unwrap_or(Matrix::IDENTITY);
        let Some(bbox) = lookup::get_array(doc, &stream.dict, b"BBox")
            .and_then(|b| as_rect(doc, &Object::Array(b.to_vec())))
        else {
            continue;
        };
        let placed = form_matrix.transform_rect(&bbox);
        if placed.width() <= 0.0 || placed.height() <= 0.0 {
            continue;
        }
        let fit = Matrix::translate(-placed.x0, -placed.y0)
            .then(&Matrix::new(
                rect.width() / placed.width(),
                0.0,
                0.0,
                rect.height() / placed.height(),
                0.0,
                0.0,
            ))
            .then(&Matrix::translate(rect.x0, rect.y0));
        let m = form_matrix.then(&fit);
        if m.is_finite() {
            out.push((stream, m));
        }
    }
    out
}
