//! The graphics state (ISO 32000-1 §8.4): the CTM, the clip, colours and line width,
//! with the text state inside it; the `q`/`Q` stack; `cm`, `w` and the colour
//! operators (§8.6.8), with colour spaces looked up in the resources.

use super::Interpreter;
use super::text::TextState;
use crate::pdf::Paint;
use crate::pdf::content::Operands;
use crate::pdf::cos::{Dictionary, Object};
use crate::pdf::geom::{Matrix, Rect};
use crate::pdf::lookup::{self, as_dict, get_dict};

/// `q` nesting kept; deeper saves are counted so `Q` still pairs, not stored.
const MAX_SAVED_STATES: usize = 1024;
/// Colour components read from `sc`/`scn`; more (DeviceN) is a colour precheck does not
/// evaluate.
const MAX_COLOR_COMPONENTS: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ColorModel {
    Gray,
    Rgb,
    Cmyk,
    Other,
}

#[derive(Clone, Debug)]
pub(super) struct GraphicsState {
    pub(super) ctm: Matrix,
    /// The clip in page space; `None` once nothing can be painted.
    pub(super) clip: Option<Rect>,
    fill_model: ColorModel,
    stroke_model: ColorModel,
    pub(super) fill: Paint,
    pub(super) stroke: Paint,
    pub(super) line_width: f64,
    pub(super) text: TextState,
}

impl GraphicsState {
    /// The state a page starts in: `to_page` as the CTM, clipped to the page's box.
    pub(super) fn new(to_page: Matrix, page_box: Rect) -> GraphicsState {
        GraphicsState {
            ctm: to_page,
            clip: Some(page_box),
            fill_model: ColorModel::Gray,
            stroke_model: ColorModel::Gray,
            fill: Paint::Rgb(0, 0, 0),
            stroke: Paint::Rgb(0, 0, 0),
            line_width: 1.0,
            text: TextState::default(),
        }
    }
}

/// The states saved by `q`, at most `MAX_SAVED_STATES`.
#[derive(Default)]
pub(super) struct StateStack {
    saved: Vec<GraphicsState>,
    /// Saves past the cap, counted so that their `Q`s restore nothing.
    overflow: usize,
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

/// A matrix from six finite numbers (`cm`, `Tm`, a form's /Matrix).
pub(super) fn matrix_from(values: &[f64]) -> Option<Matrix> {
    match *values {
        [a, b, c, d, e, f] => Some(Matrix::new(a, b, c, d, e, f)).filter(Matrix::is_finite),
        _ => None,
    }
}

impl Interpreter<'_> {
    /// `q`
    pub(super) fn save(&mut self) {
        let stack = &mut self.stack;
        if stack.saved.len() < MAX_SAVED_STATES {
            stack.saved.push(self.gs.clone());
        } else {
            stack.overflow = stack.overflow.saturating_add(1);
        }
    }

    /// `Q`
    pub(super) fn restore(&mut self) {
        let stack = &mut self.stack;
        if let Some(fewer) = stack.overflow.checked_sub(1) {
            stack.overflow = fewer;
        } else if let Some(gs) = stack.saved.pop() {
            self.gs = gs;
        }
    }

    /// `cm`
    pub(super) fn transform(&mut self, operands: &Operands<'_>) {
        if let Some(m) = operands.numbers::<6>().and_then(|v| matrix_from(&v)) {
            self.gs.ctm = m.then(&self.gs.ctm);
        }
    }

    /// `w`
    pub(super) fn set_line_width(&mut self, operands: &Operands<'_>) {
        if let Some([w]) = operands.numbers() {
            self.gs.line_width = w.abs();
        }
    }

    /// `g`, `rg`, `k` and their stroking forms: a device colour and its space at once.
    pub(super) fn device_color(&mut self, fill: bool, model: ColorModel, operands: &Operands<'_>) {
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
    pub(super) fn color_space(
        &mut self,
        fill: bool,
        operands: &Operands<'_>,
        resources: Option<&Dictionary>,
    ) {
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
    pub(super) fn color(&mut self, fill: bool, operands: &Operands<'_>) {
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
            .and_then(|cs| lookup::get(self.doc, cs, name));
        match space {
            Some(Object::Name(n)) if n.as_slice() != name => self.color_model(n, None),
            Some(Object::Array(arr)) => {
                let family = arr.first().and_then(Object::as_name);
                match family {
                    Some(b"ICCBased") => {
                        let n = arr
                            .get(1)
                            .and_then(|o| as_dict(self.doc, o))
                            .and_then(|d| lookup::get_number(self.doc, d, b"N"));
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
}
