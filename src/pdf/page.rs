//! A page's inherited attributes and visible box (ISO 32000-1 §7.7.3.3, §14.11.2):
//! CropBox (clipped to MediaBox) else MediaBox, walked up /Parent with a depth limit
//! and a cycle guard, and /Rotate turned into a transform onto the page as seen.

use super::geom::{Matrix, Rect};
use super::objects::{self, as_dict, get, number, numbers};
use lopdf::{Dictionary, Document, Object, ObjectId};

/// US Letter, what readers assume when a page has no usable MediaBox.
const DEFAULT_MEDIA_BOX: Rect = Rect { x0: 0.0, y0: 0.0, x1: 612.0, y1: 792.0 };

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
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8], max_depth: usize) -> Option<&'a Object> {
    let mut node = page;
    let mut seen: Vec<ObjectId> = Vec::new();
    for _ in 0..max_depth {
        if let Some(v) = get(doc, node, key) {
            return Some(v);
        }
        let parent_ref = node.get(b"Parent").ok()?;
        if let Some(id) = objects::reference_id(parent_ref) {
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
        .map(|r| (((r / 90.0).round() as i64 % 4) + 4) % 4 * 90)
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
    PageSetup { rotate, to_page: shift.then(&turn), width_pt, height_pt, resources }
}
