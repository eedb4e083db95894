//! Text (ISO 32000-1 §9): the fonts a document's pages use, the text state (§9.3), the
//! text-positioning operators (§9.4.2) and text showing (§9.4.3), glyph by glyph into
//! spans: runs of glyphs in one font and size on one baseline.

use super::state::matrix_from;
use super::{Flow, Interpreter};
use crate::limits::{Limit, Limits};
use crate::pdf::content::{Item, Op, Operands};
use crate::pdf::cos::{Dictionary, Document, Object, ObjectId};
use crate::pdf::font::{LoadedFont, font_facts};
use crate::pdf::geom::{Matrix, Rect};
use crate::pdf::ink::Budget;
use crate::pdf::lookup::{self, as_dict, get_dict};
use crate::pdf::{FontFacts, TextSpan};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;

/// Fonts listed from one resource dictionary.
const MAX_FONTS_PER_RESOURCE: usize = 4096;
/// Glyphs on one baseline closer than this (fraction of the size) belong to one span.
const SPAN_JOIN_GAP_EM: f64 = 0.15;
/// A glyph this far back (overprinting, accents) still joins the span.
const SPAN_JOIN_BACK_EM: f64 = 0.3;
/// A baseline within a degree of horizontal counts as upright.
const UPRIGHT_SLOPE: f64 = 0.0175;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum FontKey {
    Object(ObjectId),
    Address(usize),
}

/// Fonts met once per document and shared by every page: every font a visited
/// resource dictionary declares is listed, and its metrics are read when a `Tf`
/// first selects it.
pub struct FontRegistry {
    pub facts: Vec<FontFacts>,
    loaded: Vec<Option<LoadedFont>>,
    index: BTreeMap<FontKey, usize>,
    declared_from: BTreeSet<usize>,
    /// A font was met after `Limits::fonts` were listed; it was not.
    pub over_limit: bool,
    /// What is left of `Limits::outline_operators` for measuring glyph ink.
    pub outline: Budget,
}

fn font_key(dict: &Dictionary, font_ref: &Object) -> FontKey {
    match lookup::reference_id(font_ref) {
        Some(id) => FontKey::Object(id),
        None => FontKey::Address(std::ptr::from_ref(dict) as usize),
    }
}

impl FontRegistry {
    pub fn new(limits: &Limits) -> FontRegistry {
        FontRegistry {
            facts: Vec::new(),
            loaded: Vec::new(),
            index: BTreeMap::new(),
            declared_from: BTreeSet::new(),
            over_limit: false,
            outline: Budget::new(limits.outline_operators),
        }
    }

    fn entry(&mut self, doc: &Document, font_ref: &Object, max_fonts: usize) -> Option<usize> {
        let dict = as_dict(doc, font_ref)?;
        let key = font_key(dict, font_ref);
        if let Some(&i) = self.index.get(&key) {
            return Some(i);
        }
        let i = self.facts.len();
        if i >= max_fonts {
            self.over_limit = true;
            return None;
        }
        self.facts.push(font_facts(doc, dict));
        self.loaded.push(None);
        self.index.insert(key, i);
        Some(i)
    }

    /// Lists the fonts a resource dictionary declares (once per dictionary).
    pub(super) fn declare(
        &mut self,
        doc: &Document,
        resources: Option<&Dictionary>,
        max_fonts: usize,
    ) {
        let Some(resources) = resources else { return };
        if !self
            .declared_from
            .insert(std::ptr::from_ref(resources) as usize)
        {
            return;
        }
        if let Some(fonts) = get_dict(doc, resources, b"Font") {
            for (_, font_ref) in fonts.iter().take(MAX_FONTS_PER_RESOURCE) {
                self.entry(doc, font_ref, max_fonts);
            }
        }
    }

    fn load(
        &mut self,
        doc: &Document,
        font_ref: &Object,
        stream_limit: usize,
        max_fonts: usize,
    ) -> Option<usize> {
        let i = self.entry(doc, font_ref, max_fonts)?;
        let slot = self.loaded.get_mut(i)?;
        if slot.is_none() {
            *slot = Some(LoadedFont::load(doc, as_dict(doc, font_ref)?, stream_limit));
        }
        Some(i)
    }

    fn metrics(&self, i: usize) -> Option<&LoadedFont> {
        self.loaded.get(i).and_then(Option::as_ref)
    }

    /// A code's ink box in text space, where the font's program gives one.
    fn ink(&mut self, i: usize, code: u32) -> Option<Rect> {
        let font = self.loaded.get_mut(i)?.as_mut()?;
        font.ink(code, &mut self.outline)
    }
}

/// The text state parameters (§9.3), part of the graphics state: saved by `q`.
#[derive(Clone, Debug)]
pub(super) struct TextState {
    char_spacing: f64,
    word_spacing: f64,
    horizontal_scale: f64,
    leading: f64,
    font: Option<usize>,
    font_size: f64,
    rise: f64,
    render_mode: i64,
}

impl Default for TextState {
    fn default() -> TextState {
        TextState {
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            font: None,
            font_size: 0.0,
            rise: 0.0,
            render_mode: 0,
        }
    }
}

pub(super) struct Span {
    span: TextSpan,
    /// Pen position after the last glyph, page space.
    end: (f64, f64),
    /// Unit vector along the baseline.
    dir: (f64, f64),
    /// Holds a non-blank glyph, so `bbox` is real.
    inked: bool,
    /// The union of the non-blank glyphs' clipped ink boxes, once one is inside the clip.
    ink: Option<Rect>,
}

/// One glyph as shown, in page space.
struct Glyph<'t> {
    font: usize,
    text: &'t str,
    size: f64,
    origin: (f64, f64),
    end: (f64, f64),
    dir: (f64, f64),
}

impl<'a> Interpreter<'a> {
    /// `BT`
    pub(super) fn begin_text(&mut self) {
        self.tm = Matrix::IDENTITY;
        self.tlm = Matrix::IDENTITY;
    }

    /// `Tc`, `Tw`, `Tz`, `TL`, `Ts`, `Tr`: one number each.
    pub(super) fn set_text_state(&mut self, op: Op, operands: &Operands<'_>) {
        let Some([v]) = operands.numbers() else {
            return;
        };
        let text = &mut self.gs.text;
        match op {
            Op::CharSpacing => text.char_spacing = v,
            Op::WordSpacing => text.word_spacing = v,
            Op::HorizontalScale => text.horizontal_scale = v / 100.0,
            Op::Leading => text.leading = v,
            Op::Rise => text.rise = v,
            Op::RenderMode => text.render_mode = v as i64,
            _ => {}
        }
    }

    /// `Tf`: the font (listed, and its metrics read, on first use) and size.
    pub(super) fn select_font(
        &mut self,
        operands: &Operands<'_>,
        resources: Option<&'a Dictionary>,
    ) -> Flow {
        let name = operands.name(0);
        let size = operands.number(1);
        if let Some(size) = size {
            self.gs.text.font_size = size;
        }
        let (stream_limit, max_fonts) = (self.limits.stream_bytes, self.limits.fonts);
        self.gs.text.font = name.and_then(|n| {
            let font_ref = resources
                .and_then(|r| get_dict(self.doc, r, b"Font"))
                .and_then(|fonts| fonts.get(n))?;
            self.fonts.load(self.doc, font_ref, stream_limit, max_fonts)
        });
        if self.fonts.over_limit {
            self.out.reached(Limit::Fonts);
        }
        if let Some(limit) = self
            .gs
            .text
            .font
            .and_then(|i| self.fonts.metrics(i))
            .and_then(|f| f.limit)
        {
            if limit.scope() == crate::limits::Scope::Document {
                return self.stop(limit);
            }
            self.out.reached(limit);
        }
        ControlFlow::Continue(())
    }

    /// `Td`, and `TD` (`set_leading`), which also sets the leading.
    pub(super) fn move_text(&mut self, operands: &Operands<'_>, set_leading: bool) {
        if let Some([tx, ty]) = operands.numbers() {
            if set_leading {
                self.gs.text.leading = -ty;
            }
            self.next_line(tx, ty);
        }
    }

    /// `Tm`
    pub(super) fn set_text_matrix(&mut self, operands: &Operands<'_>) {
        if let Some(m) = operands.numbers::<6>().and_then(|v| matrix_from(&v)) {
            self.tm = m;
            self.tlm = m;
        }
    }

    /// `T*`, and the move `'` and `"` make before showing.
    pub(super) fn next_line_down(&mut self) {
        self.next_line(0.0, -self.gs.text.leading);
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }

    /// `Tj` and `'`: shows the string operand, if there is one.
    pub(super) fn show_operand(&mut self, operand: Option<&[u8]>) -> Flow {
        match operand {
            Some(bytes) => self.show(bytes),
            None => ControlFlow::Continue(()),
        }
    }

    /// `"`: word and character spacing, the next line, then the string.
    pub(super) fn show_spaced(&mut self, operands: &Operands<'_>) -> Flow {
        if let (Some(aw), Some(ac)) = (operands.number(0), operands.number(1)) {
            self.gs.text.word_spacing = aw;
            self.gs.text.char_spacing = ac;
        }
        self.next_line_down();
        self.show_operand(operands.string(2))
    }

    /// `TJ`: strings shown, numbers moving the pen back (thousandths of an em).
    pub(super) fn show_array(&mut self, operands: &Operands<'_>) -> Flow {
        for item in operands.array() {
            match item {
                Item::Str(bytes) => self.show(bytes)?,
                Item::Number(adj) => {
                    let text = &self.gs.text;
                    let tx = -adj / 1000.0 * text.font_size * text.horizontal_scale;
                    self.tm = Matrix::translate(tx, 0.0).then(&self.tm);
                }
                Item::Other => {}
            }
        }
        ControlFlow::Continue(())
    }

    /// Shows a string glyph by glyph (§9.4.4), until the glyph budget is spent.
    fn show(&mut self, bytes: &[u8]) -> Flow {
        let Some(font_index) = self.gs.text.font else {
            return ControlFlow::Continue(());
        };
        let gs = &self.gs;
        let (size, hscale) = (gs.text.font_size, gs.text.horizontal_scale);
        let visible_mode = !matches!(gs.text.render_mode, 3 | 7);
        let Some(font) = self.fonts.metrics(font_index) else {
            return ControlFlow::Continue(());
        };
        let (ascent, descent) = (font.ascent, font.descent);
        let codes: Vec<(u32, u8)> = font.codes(bytes).collect();
        for (code, len) in codes {
            self.work.glyphs = self.work.glyphs.saturating_add(1);
            if self.work.glyphs > self.limits.glyphs_total {
                return self.stop(Limit::GlyphsTotal);
            }
            let Some(font) = self.fonts.metrics(font_index) else {
                return ControlFlow::Continue(());
            };
            // A glyph whose text is unknown still paints: it is kept as U+FFFD.
            let text = Some(font.text(code, len))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| String::from('\u{FFFD}'));
            let w0 = font.width(code, &text);
            let word_space = font.is_word_space(code, len);
            if let Some(f) = self.fonts.facts.get_mut(font_index) {
                f.glyphs = f.glyphs.saturating_add(1);
            }
            let ctm = self.gs.ctm;
            let rise = self.gs.text.rise;
            let to_page = |tm: &Matrix| Matrix::translate(0.0, rise).then(tm).then(&ctm);
            let trm = Matrix::new(size * hscale, 0.0, 0.0, size, 0.0, 0.0).then(&to_page(&self.tm));
            // Tf is the size for Type 3 fonts too: their FontMatrix pairs with their own
            // glyph units (pdfTeX's bitmap fonts use 0.012 with an 83-unit em).
            let effective = (size * self.tm.then(&ctm).vertical_scale()).abs();
            let advance = (w0 * size
                + self.gs.text.char_spacing
                + if word_space {
                    self.gs.text.word_spacing
                } else {
                    0.0
                })
                * hscale;
            let next_tm = Matrix::translate(advance, 0.0).then(&self.tm);
            if self.glyphs_on_page < self.limits.glyphs_per_page
                && trm.is_finite()
                && effective.is_finite()
            {
                self.glyphs_on_page = self.glyphs_on_page.saturating_add(1);
                let glyph_box = trm.transform_rect(&Rect::new(0.0, descent, w0, ascent));
                let origin = trm.apply(0.0, 0.0);
                let end = to_page(&next_tm).apply(0.0, 0.0);
                let len_dir = trm.a.hypot(trm.b);
                let dir = if len_dir > 0.0 {
                    (trm.a / len_dir, trm.b / len_dir)
                } else {
                    (1.0, 0.0)
                };
                let clipped = self.gs.clip.and_then(|c| c.intersect(&glyph_box));
                let visible = visible_mode && clipped.is_some();
                // A blank glyph adds no ink; the others are measured once per font.
                let ink = if text.chars().all(char::is_whitespace) {
                    None
                } else {
                    self.fonts.ink(font_index, code)
                };
                if self.fonts.outline.spent() {
                    self.out.reached(Limit::OutlineOperators);
                }
                let ink_box = ink.map_or(glyph_box, |r| trm.transform_rect(&r));
                let ink = self.gs.clip.and_then(|c| c.intersect(&ink_box));
                let glyph = Glyph {
                    font: font_index,
                    text: &text,
                    size: effective,
                    origin,
                    end,
                    dir,
                };
                self.push_glyph(glyph, clipped.unwrap_or(glyph_box), ink, visible);
            } else if self.glyphs_on_page >= self.limits.glyphs_per_page {
                self.out.reached(Limit::GlyphsPerPage);
            }
            self.tm = next_tm;
        }
        ControlFlow::Continue(())
    }

    fn push_glyph(&mut self, g: Glyph<'_>, bbox: Rect, ink: Option<Rect>, visible: bool) {
        let blank = g.text.chars().all(char::is_whitespace);
        if let Some(open) = &mut self.open_span {
            let s = &open.span;
            let same_style =
                s.font == g.font && (s.size_pt - g.size).abs() < 0.01 && s.visible == visible;
            let same_dir =
                (open.dir.0 - g.dir.0).abs() < 0.01 && (open.dir.1 - g.dir.1).abs() < 0.01;
            let (dx, dy) = (g.origin.0 - open.end.0, g.origin.1 - open.end.1);
            let along = dx * g.dir.0 + dy * g.dir.1;
            let across = -dx * g.dir.1 + dy * g.dir.0;
            let near = along <= SPAN_JOIN_GAP_EM * g.size
                && along >= -SPAN_JOIN_BACK_EM * g.size
                && across.abs() < 0.05 * g.size;
            if same_style && same_dir && near {
                open.span.text.push_str(g.text);
                open.span.glyphs = open.span.glyphs.saturating_add(1);
                if !blank {
                    open.span.bbox = if open.inked {
                        open.span.bbox.union(&bbox)
                    } else {
                        bbox
                    };
                    open.inked = true;
                    open.ink = match (open.ink, ink) {
                        (Some(a), Some(b)) => Some(a.union(&b)),
                        (a, b) => a.or(b),
                    };
                }
                open.end = g.end;
                return;
            }
        }
        self.close_span();
        self.open_span = Some(Span {
            span: TextSpan {
                text: g.text.to_string(),
                font: g.font,
                size_pt: g.size,
                origin: g.origin,
                bbox,
                ink: bbox,
                upright: g.dir.0 > 0.0 && g.dir.1.abs() < UPRIGHT_SLOPE,
                visible,
                glyphs: 1,
            },
            end: g.end,
            dir: g.dir,
            inked: !blank,
            ink: if blank { None } else { ink },
        });
    }

    pub(super) fn close_span(&mut self) {
        if let Some(mut open) = self.open_span.take()
            && open.inked
        {
            open.span.ink = open.ink.unwrap_or(open.span.bbox);
            if self.work.spans >= self.limits.spans_total {
                // Nothing returns from here: the operator loop sees `work.stopped`.
                let _ = self.stop(Limit::SpansTotal);
                return;
            }
            self.work.spans = self.work.spans.saturating_add(1);
            self.out.spans.push(open.span);
        }
    }
}
