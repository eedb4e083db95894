//! The content-stream interpreter (ISO 32000-1 §8–9): graphics and text state, text
//! showing, form XObjects, images, paths, painting and clipping. It yields what a page
//! paints, in page space, clipped: text spans, image boxes and path boxes.

use super::content::{Item, Op, Operands, Operations};
use super::cos::{DecodeError, Dictionary, Document, Object, ObjectId, Stream};
use super::font::{LoadedFont, font_facts};
use super::geom::{Matrix, Rect};
use super::ink::Budget;
use super::objects::{self, as_dict, get_dict, numbers};
use super::{FontFacts, ImageBox, Paint, PathBox, TextSpan};
use crate::limits::{Limit, Limits};
use std::collections::{BTreeMap, BTreeSet};

/// `q` nesting kept; deeper saves are counted so `Q` still pairs, not stored.
const MAX_SAVED_STATES: usize = 1024;
/// Colour components read from `sc`/`scn`; more (DeviceN) is a colour precheck does not
/// evaluate.
const MAX_COLOR_COMPONENTS: usize = 8;
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
    match objects::reference_id(font_ref) {
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
    fn declare(&mut self, doc: &Document, resources: Option<&Dictionary>, max_fonts: usize) {
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ColorModel {
    Gray,
    Rgb,
    Cmyk,
    Other,
}

#[derive(Clone, Debug)]
struct GraphicsState {
    ctm: Matrix,
    /// The clip in page space; `None` once nothing can be painted.
    clip: Option<Rect>,
    fill_model: ColorModel,
    stroke_model: ColorModel,
    fill: Paint,
    stroke: Paint,
    line_width: f64,
    char_spacing: f64,
    word_spacing: f64,
    horizontal_scale: f64,
    leading: f64,
    font: Option<usize>,
    font_size: f64,
    rise: f64,
    render_mode: i64,
}

/// What one page paints.
#[derive(Default)]
pub struct PageOutput {
    pub spans: Vec<TextSpan>,
    pub images: Vec<ImageBox>,
    pub paths: Vec<PathBox>,
    /// Limits reached on this page, in the order reached, each once.
    pub limits: Vec<Limit>,
    pub operators: u64,
}

impl PageOutput {
    fn reached(&mut self, limit: Limit) {
        if !self.limits.contains(&limit) {
            self.limits.push(limit);
        }
    }
}

/// The work of the whole document so far, shared by its pages: what the document
/// budgets count. Once one is spent (`stopped`), nothing more is interpreted.
#[derive(Debug, Default)]
pub struct Work {
    pub operators: u64,
    pub glyphs: u64,
    pub spans: usize,
    pub shapes: usize,
    /// The document budget that ended the reading, if one did.
    pub stopped: Option<Limit>,
}

struct Span {
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

pub struct Interpreter<'a> {
    doc: &'a Document<'a>,
    limits: &'a Limits,
    fonts: &'a mut FontRegistry,
    gs: GraphicsState,
    saved: Vec<GraphicsState>,
    saved_overflow: usize,
    tm: Matrix,
    tlm: Matrix,
    path: Option<Rect>,
    pending_clip: bool,
    open_span: Option<Span>,
    glyphs_on_page: usize,
    forms: Vec<ObjectId>,
    work: &'a mut Work,
    out: PageOutput,
}

fn rgb_from(model: ColorModel, c: &[f64]) -> Paint {
    let clamp = |v: f64| v.clamp(0.0, 1.0);
    match (model, c) {
        (ColorModel::Gray, [g]) => Paint::rgb(*g, *g, *g),
        (ColorModel::Rgb, [r, g, b]) => Paint::rgb(*r, *g, *b),
        (ColorModel::Cmyk, [c, m, y, k]) => {
            let k = clamp(*k);
            Paint::rgb(
                (1.0 - clamp(*c)) * (1.0 - k),
                (1.0 - clamp(*m)) * (1.0 - k),
                (1.0 - clamp(*y)) * (1.0 - k),
            )
        }
        _ => Paint::Other,
    }
}

fn initial_paint(model: ColorModel) -> Paint {
    match model {
        ColorModel::Other => Paint::Other,
        _ => Paint::Rgb(0, 0, 0),
    }
}

fn matrix_from(values: &[f64]) -> Option<Matrix> {
    match *values {
        [a, b, c, d, e, f] => Some(Matrix::new(a, b, c, d, e, f)).filter(Matrix::is_finite),
        _ => None,
    }
}

impl<'a> Interpreter<'a> {
    pub fn new(
        doc: &'a Document<'a>,
        limits: &'a Limits,
        fonts: &'a mut FontRegistry,
        to_page: Matrix,
        page_box: Rect,
        work: &'a mut Work,
    ) -> Self {
        Interpreter {
            doc,
            limits,
            fonts,
            gs: GraphicsState {
                ctm: to_page,
                clip: Some(page_box),
                fill_model: ColorModel::Gray,
                stroke_model: ColorModel::Gray,
                fill: Paint::Rgb(0, 0, 0),
                stroke: Paint::Rgb(0, 0, 0),
                line_width: 1.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                horizontal_scale: 1.0,
                leading: 0.0,
                font: None,
                font_size: 0.0,
                rise: 0.0,
                render_mode: 0,
            },
            saved: Vec::new(),
            saved_overflow: 0,
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: None,
            pending_clip: false,
            open_span: None,
            glyphs_on_page: 0,
            forms: Vec::new(),
            work,
            out: PageOutput::default(),
        }
    }

    /// Interprets a page's content with its resources; `finish` returns what it painted.
    pub fn run_page(&mut self, content: &[u8], resources: Option<&'a Dictionary>) {
        self.run(content, resources);
    }

    /// Runs one content stream; returns false when a limit stopped it.
    fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>) -> bool {
        if self.work.stopped.is_some() {
            return false;
        }
        self.fonts.declare(self.doc, resources, self.limits.fonts);
        let mut reader = Operations::new(content);
        while let Some(op) = reader.next_operation() {
            self.out.operators = self.out.operators.saturating_add(1);
            self.work.operators = self.work.operators.saturating_add(1);
            if self.out.operators > self.limits.operators_per_page {
                self.out.reached(Limit::OperatorsPerPage);
                return false;
            }
            if self.work.operators > self.limits.operators_total {
                self.stop(Limit::OperatorsTotal);
                return false;
            }
            if !self.apply(op.op, &op.operands, resources) || self.work.stopped.is_some() {
                return false;
            }
        }
        true
    }

    /// Ends the reading of the document: a document budget is spent.
    fn stop(&mut self, limit: Limit) {
        self.work.stopped.get_or_insert(limit);
        self.out.reached(limit);
    }

    /// Takes one painted shape from the document's budget; false once it is spent.
    fn take_shape(&mut self) -> bool {
        if self.work.shapes >= self.limits.shapes_total {
            self.stop(Limit::ShapesTotal);
            return false;
        }
        self.work.shapes = self.work.shapes.saturating_add(1);
        true
    }

    /// Applies one operator; false when a limit stops the page.
    fn apply(
        &mut self,
        op: Op,
        operands: &Operands<'_>,
        resources: Option<&'a Dictionary>,
    ) -> bool {
        match op {
            Op::Save => {
                if self.saved.len() < MAX_SAVED_STATES {
                    self.saved.push(self.gs.clone());
                } else {
                    self.saved_overflow = self.saved_overflow.saturating_add(1);
                }
            }
            Op::Restore => {
                if let Some(fewer) = self.saved_overflow.checked_sub(1) {
                    self.saved_overflow = fewer;
                } else if let Some(gs) = self.saved.pop() {
                    self.gs = gs;
                }
            }
            Op::Transform => {
                if let Some(m) = operands.numbers::<6>().and_then(|v| matrix_from(&v)) {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
            }
            Op::LineWidth => {
                if let Some([w]) = operands.numbers() {
                    self.gs.line_width = w.abs();
                }
            }
            // Colour (§8.6.8).
            Op::FillGray => self.device_color(true, ColorModel::Gray, operands),
            Op::FillRgb => self.device_color(true, ColorModel::Rgb, operands),
            Op::FillCmyk => self.device_color(true, ColorModel::Cmyk, operands),
            Op::StrokeGray => self.device_color(false, ColorModel::Gray, operands),
            Op::StrokeRgb => self.device_color(false, ColorModel::Rgb, operands),
            Op::StrokeCmyk => self.device_color(false, ColorModel::Cmyk, operands),
            Op::FillColorSpace => self.color_space(true, operands, resources),
            Op::StrokeColorSpace => self.color_space(false, operands, resources),
            Op::FillColor | Op::FillColorN => self.color(true, operands),
            Op::StrokeColor | Op::StrokeColorN => self.color(false, operands),
            // Path construction (§8.5.2).
            Op::MoveTo | Op::LineTo => {
                if let Some([x, y]) = operands.numbers() {
                    self.add_points(&[(x, y)]);
                }
            }
            Op::CurveTo => {
                if let Some([x1, y1, x2, y2, x3, y3]) = operands.numbers() {
                    self.add_points(&[(x1, y1), (x2, y2), (x3, y3)]);
                }
            }
            Op::CurveToV | Op::CurveToY => {
                if let Some([x1, y1, x2, y2]) = operands.numbers() {
                    self.add_points(&[(x1, y1), (x2, y2)]);
                }
            }
            Op::Rectangle => {
                if let Some([x, y, w, h]) = operands.numbers() {
                    self.add_points(&[(x, y), (x + w, y), (x, y + h), (x + w, y + h)]);
                }
            }
            Op::ClosePath => {}
            // Painting and clipping (§8.5.3, §8.5.4).
            Op::Stroke | Op::CloseStroke => self.paint(false, true),
            Op::Fill | Op::FillObsolete | Op::FillEvenOdd => self.paint(true, false),
            Op::FillStroke
            | Op::FillStrokeEvenOdd
            | Op::CloseFillStroke
            | Op::CloseFillStrokeEvenOdd => self.paint(true, true),
            Op::EndPath => self.paint(false, false),
            Op::Clip | Op::ClipEvenOdd => self.pending_clip = true,
            Op::Shade => {
                if let Some(clip) = self.gs.clip
                    && self.take_shape()
                {
                    self.out.paths.push(PathBox {
                        bbox: clip,
                        fill: Some(Paint::Other),
                        stroke: None,
                    });
                }
            }
            // Text objects and state (§9.3, §9.4).
            Op::BeginText => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            Op::EndText => {}
            Op::CharSpacing => {
                if let Some([v]) = operands.numbers() {
                    self.gs.char_spacing = v;
                }
            }
            Op::WordSpacing => {
                if let Some([v]) = operands.numbers() {
                    self.gs.word_spacing = v;
                }
            }
            Op::HorizontalScale => {
                if let Some([v]) = operands.numbers() {
                    self.gs.horizontal_scale = v / 100.0;
                }
            }
            Op::Leading => {
                if let Some([v]) = operands.numbers() {
                    self.gs.leading = v;
                }
            }
            Op::Rise => {
                if let Some([v]) = operands.numbers() {
                    self.gs.rise = v;
                }
            }
            Op::RenderMode => {
                if let Some([v]) = operands.numbers() {
                    self.gs.render_mode = v as i64;
                }
            }
            Op::Font => {
                let name = operands.name(0);
                let size = operands.number(1);
                if let Some(size) = size {
                    self.gs.font_size = size;
                }
                let (stream_limit, max_fonts) = (self.limits.stream_bytes, self.limits.fonts);
                self.gs.font = name.and_then(|n| {
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
                    .font
                    .and_then(|i| self.fonts.metrics(i))
                    .and_then(|f| f.limit)
                {
                    if limit.scope() == crate::limits::Scope::Document {
                        self.stop(limit);
                        return false;
                    }
                    self.out.reached(limit);
                }
            }
            Op::MoveText => {
                if let Some([tx, ty]) = operands.numbers() {
                    self.next_line(tx, ty);
                }
            }
            Op::MoveTextSetLeading => {
                if let Some([tx, ty]) = operands.numbers() {
                    self.gs.leading = -ty;
                    self.next_line(tx, ty);
                }
            }
            Op::TextMatrix => {
                if let Some(m) = operands.numbers::<6>().and_then(|v| matrix_from(&v)) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            Op::NextLine => self.next_line(0.0, -self.gs.leading),
            Op::ShowText => return self.show_operand(operands.string(0)),
            Op::NextLineShowText => {
                self.next_line(0.0, -self.gs.leading);
                return self.show_operand(operands.string(0));
            }
            Op::NextLineShowTextSpaced => {
                if let (Some(aw), Some(ac)) = (operands.number(0), operands.number(1)) {
                    self.gs.word_spacing = aw;
                    self.gs.char_spacing = ac;
                }
                self.next_line(0.0, -self.gs.leading);
                return self.show_operand(operands.string(2));
            }
            Op::ShowTextArray => {
                for item in operands.array() {
                    match item {
                        Item::Str(bytes) => {
                            if !self.show(bytes) {
                                return false;
                            }
                        }
                        Item::Number(adj) => {
                            let tx = -adj / 1000.0 * self.gs.font_size * self.gs.horizontal_scale;
                            self.tm = Matrix::translate(tx, 0.0).then(&self.tm);
                        }
                        Item::Other => {}
                    }
                }
            }
            // External objects and inline images (§8.8, §8.9.7).
            Op::XObject => return self.do_xobject(operands.name(0), resources),
            Op::InlineImage => {
                self.place_image();
            }
            Op::Other => {}
        }
        true
    }

    /// `g`, `rg`, `k` and their stroking forms: a device colour and its space at once.
    fn device_color(&mut self, fill: bool, model: ColorModel, operands: &Operands<'_>) {
        let mut buf = [0.0; 4];
        let paint = rgb_from(model, operands.all_numbers(&mut buf).unwrap_or_default());
        if fill {
            self.gs.fill_model = model;
            self.gs.fill = paint;
        } else {
            self.gs.stroke_model = model;
            self.gs.stroke = paint;
        }
    }

    /// `cs`, `CS`: a colour space, and its initial colour.
    fn color_space(&mut self, fill: bool, operands: &Operands<'_>, resources: Option<&Dictionary>) {
        let model = operands
            .name(0)
            .map_or(ColorModel::Other, |n| self.color_model(n, resources));
        if fill {
            self.gs.fill_model = model;
            self.gs.fill = initial_paint(model);
        } else {
            self.gs.stroke_model = model;
            self.gs.stroke = initial_paint(model);
        }
    }

    /// `sc`, `scn`, `SC`, `SCN`: a colour in the current space.
    fn color(&mut self, fill: bool, operands: &Operands<'_>) {
        let model = if fill {
            self.gs.fill_model
        } else {
            self.gs.stroke_model
        };
        let mut buf = [0.0; MAX_COLOR_COMPONENTS];
        let paint = match operands.all_numbers(&mut buf) {
            Some(c) => rgb_from(model, c),
            None => Paint::Other,
        };
        if fill {
            self.gs.fill = paint;
        } else {
            self.gs.stroke = paint;
        }
    }

    fn color_model(&self, name: &[u8], resources: Option<&Dictionary>) -> ColorModel {
        match name {
            b"DeviceGray" | b"G" | b"CalGray" => return ColorModel::Gray,
            b"DeviceRGB" | b"RGB" | b"CalRGB" => return ColorModel::Rgb,
            b"DeviceCMYK" | b"CMYK" => return ColorModel::Cmyk,
            _ => {}
        }
        let space = resources
            .and_then(|r| get_dict(self.doc, r, b"ColorSpace"))
            .and_then(|cs| objects::get(self.doc, cs, name));
        match space {
            Some(Object::Name(n)) if n.as_slice() != name => self.color_model(n, None),
            Some(Object::Array(arr)) => {
                let family = arr.first().and_then(Object::as_name);
                match family {
                    Some(b"ICCBased") => {
                        let n = arr
                            .get(1)
                            .and_then(|o| as_dict(self.doc, o))
                            .and_then(|d| objects::get_number(self.doc, d, b"N"));
                        match n {
                            Some(1.0) => ColorModel::Gray,
                            Some(3.0) => ColorModel::Rgb,
                            Some(4.0) => ColorModel::Cmyk,
                            _ => ColorModel::Other,
                        }
                    }
                    Some(b"CalGray") => ColorModel::Gray,
                    Some(b"CalRGB") | Some(b"Lab") => ColorModel::Rgb,
                    _ => ColorModel::Other,
                }
            }
            _ => ColorModel::Other,
        }
    }

    fn add_points(&mut self, points: &[(f64, f64)]) {
        let ctm = self.gs.ctm;
        let pts = points.iter().map(|&(x, y)| ctm.apply(x, y));
        if let Some(r) = Rect::bounding(pts) {
            self.path = Some(match self.path {
                Some(p) => p.union(&r),
                None => r,
            });
        }
    }

    fn paint(&mut self, fill: bool, stroke: bool) {
        let path = self.path.take();
        if let Some(bbox) = path
            && (fill || stroke)
        {
            let bbox = if stroke {
                bbox.expand(self.gs.line_width * self.gs.ctm.mean_scale() / 2.0)
            } else {
                bbox
            };
            // A fill that only touches the clip paints nothing; a hairline stroke does.
            if let Some(visible) = self.gs.clip.and_then(|c| c.intersect(&bbox))
                && visible.is_finite()
                && (stroke || (visible.width() > 0.0 && visible.height() > 0.0))
                && self.take_shape()
            {
                self.out.paths.push(PathBox {
                    bbox: visible,
                    fill: fill.then_some(self.gs.fill),
                    stroke: stroke.then_some(self.gs.stroke),
                });
            }
        }
        if std::mem::take(&mut self.pending_clip) {
            self.gs.clip = match (self.gs.clip, path) {
                (Some(c), Some(p)) => c.intersect(&p),
                _ => None,
            };
        }
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn show_operand(&mut self, operand: Option<&[u8]>) -> bool {
        operand.is_none_or(|bytes| self.show(bytes))
    }

    /// Shows a string glyph by glyph (§9.4.4); false when the glyph limit is reached.
    fn show(&mut self, bytes: &[u8]) -> bool {
        let Some(font_index) = self.gs.font else {
            return true;
        };
        let gs = &self.gs;
        let (size, hscale) = (gs.font_size, gs.horizontal_scale);
        let visible_mode = !matches!(gs.render_mode, 3 | 7);
        let Some(font) = self.fonts.metrics(font_index) else {
            return true;
        };
        let (ascent, descent) = (font.ascent, font.descent);
        let codes: Vec<(u32, u8)> = font.codes(bytes).collect();
        for (code, len) in codes {
            self.work.glyphs = self.work.glyphs.saturating_add(1);
            if self.work.glyphs > self.limits.glyphs_total {
                self.stop(Limit::GlyphsTotal);
                return false;
            }
            let Some(font) = self.fonts.metrics(font_index) else {
                return true;
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
            let rise = self.gs.rise;
            let to_page = |tm: &Matrix| Matrix::translate(0.0, rise).then(tm).then(&ctm);
            let trm = Matrix::new(size * hscale, 0.0, 0.0, size, 0.0, 0.0).then(&to_page(&self.tm));
            // Tf is the size for Type 3 fonts too: their FontMatrix pairs with their own
            // glyph units (pdfTeX's bitmap fonts use 0.012 with an 83-unit em).
            let effective = (size * self.tm.then(&ctm).vertical_scale()).abs();
            let advance = (w0 * size
                + self.gs.char_spacing
                + if word_space {
                    self.gs.word_spacing
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
        true
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

    fn close_span(&mut self) {
        if let Some(mut open) = self.open_span.take()
            && open.inked
        {
            open.span.ink = open.ink.unwrap_or(open.span.bbox);
            if self.work.spans >= self.limits.spans_total {
                self.stop(Limit::SpansTotal);
                return;
            }
            self.work.spans = self.work.spans.saturating_add(1);
            self.out.spans.push(open.span);
        }
    }

    fn place_image(&mut self) {
        let unit = self.gs.ctm.transform_rect(&Rect::new(0.0, 0.0, 1.0, 1.0));
        // An image that only touches the clip paints nothing.
        if let Some(visible) = self.gs.clip.and_then(|c| c.intersect(&unit))
            && visible.is_finite()
            && visible.width() > 0.0
            && visible.height() > 0.0
            && self.take_shape()
        {
            self.out.images.push(ImageBox { bbox: visible });
        }
    }

    fn do_xobject(&mut self, name: Option<&[u8]>, resources: Option<&'a Dictionary>) -> bool {
        let doc = self.doc;
        let Some(name) = name else {
            return true;
        };
        let Some(xobjects) = resources.and_then(|r| get_dict(doc, r, b"XObject")) else {
            return true;
        };
        let Some(xref) = xobjects.get(name) else {
            return true;
        };
        let Some(Object::Stream(stream)) = objects::resolve(doc, xref) else {
            return true;
        };
        match objects::get_name(doc, &stream.dict, b"Subtype") {
            Some(b"Image") => {
                self.place_image();
                true
            }
            Some(b"Form") => {
                let matrix = objects::get_array(doc, &stream.dict, b"Matrix")
                    .and_then(|a| numbers(doc, a))
                    .and_then(|v| matrix_from(&v))
                    .unwrap_or(Matrix::IDENTITY);
                self.run_form(stream, objects::reference_id(xref), matrix, resources)
            }
            _ => true,
        }
    }

    /// Runs a form XObject (§8.10) or an annotation appearance: its own matrix,
    /// clipped to its /BBox, with its resources (else the caller's), bounded in
    /// depth and guarded against cycles.
    fn run_form(
        &mut self,
        stream: &'a Stream,
        id: Option<ObjectId>,
        matrix: Matrix,
        resources: Option<&'a Dictionary>,
    ) -> bool {
        let doc = self.doc;
        if self.forms.len() >= self.limits.depth {
            self.out.reached(Limit::Depth);
            return true;
        }
        if id.is_some_and(|id| self.forms.contains(&id)) {
            return true;
        }
        let content = match doc.decode(stream) {
            Ok(content) => content,
            Err(DecodeError::Limit(limit)) if limit.scope() == crate::limits::Scope::Document => {
                self.stop(limit);
                return false;
            }
            Err(DecodeError::Limit(limit)) => {
                self.out.reached(limit);
                return true;
            }
            Err(DecodeError::Unsupported) => return true,
        };
        let form_resources = get_dict(doc, &stream.dict, b"Resources").or(resources);
        let saved = (self.gs.clone(), self.tm, self.tlm, self.path.take());
        self.gs.ctm = matrix.then(&self.gs.ctm);
        if let Some(&[x0, y0, x1, y1]) = objects::get_array(doc, &stream.dict, b"BBox")
            .and_then(|a| numbers(doc, a))
            .as_deref()
        {
            let r = self.gs.ctm.transform_rect(&Rect::new(x0, y0, x1, y1));
            self.gs.clip = self.gs.clip.and_then(|c| c.intersect(&r));
        }
        self.forms.push(id.unwrap_or((0, 0)));
        let completed = self.run(&content, form_resources);
        self.forms.pop();
        (self.gs, self.tm, self.tlm, self.path) = saved;
        completed
    }

    /// Paints an annotation's appearance stream, already mapped onto its /Rect
    /// (§12.5.5), after the page content.
    pub fn run_appearance(
        &mut self,
        stream: &'a Stream,
        matrix: Matrix,
        page_resources: Option<&'a Dictionary>,
    ) {
        self.close_span();
        self.run_form(stream, None, matrix, page_resources);
        self.close_span();
    }

    pub fn finish(mut self) -> PageOutput {
        self.close_span();
        self.out
    }
}
