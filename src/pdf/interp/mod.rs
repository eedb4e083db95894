//! The content-stream interpreter (ISO 32000-1 §8–9): graphics and text state, text
//! showing, form XObjects, images, paths, painting and clipping. It yields what a page
//! paints, in page space, clipped: text spans, image boxes and path boxes.
//!
//! This file is the driver: the operator loop, its limits, and one match sending each
//! operator to the part that owns it: `state` (graphics state, CTM, colour, the `q`/`Q`
//! stack), `text` (fonts, text state, text showing) and `paint` (paths, clipping,
//! shading, images, XObjects). A limit that stops the content comes back as
//! `ControlFlow::Break` with the limit, up through nested forms to the page.

mod paint;
mod state;
mod text;

pub use text::FontRegistry;

use super::content::{Op, Operands, Operations};
use super::cos::{Dictionary, Document, ObjectId};
use super::geom::{Matrix, Rect};
use super::{ImageBox, PathBox, TextSpan};
use crate::limits::{Limit, Limits};
use state::{ColorModel, GraphicsState, StateStack};
use std::ops::ControlFlow;

/// Whether interpreting goes on: `Break` with the limit that stops the page's content.
type Flow = ControlFlow<Limit>;

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

pub struct Interpreter<'a> {
    doc: &'a Document<'a>,
    limits: &'a Limits,
    fonts: &'a mut FontRegistry,
    gs: GraphicsState,
    stack: StateStack,
    /// The text matrix and text line matrix (§9.4.2).
    tm: Matrix,
    tlm: Matrix,
    /// The bounding box of the path under construction, page space.
    path: Option<Rect>,
    /// `W` or `W*` seen: the next path-painting operator also clips.
    pending_clip: bool,
    open_span: Option<text::Span>,
    glyphs_on_page: usize,
    /// The form XObjects being run, outermost first (for depth and cycles).
    forms: Vec<ObjectId>,
    work: &'a mut Work,
    out: PageOutput,
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
            gs: GraphicsState::new(to_page, page_box),
            stack: StateStack::default(),
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
        // A limit that stops the page is already in `out.limits` (and `work.stopped`).
        let _ = self.run(content, resources);
    }

    /// Runs one content stream, until its end or a limit.
    fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>) -> Flow {
        if let Some(limit) = self.work.stopped {
            return ControlFlow::Break(limit);
        }
        self.fonts.declare(self.doc, resources, self.limits.fonts);
        let mut reader = Operations::new(content);
        while let Some(op) = reader.next_operation() {
            self.out.operators = self.out.operators.saturating_add(1);
            self.work.operators = self.work.operators.saturating_add(1);
            if self.out.operators > self.limits.operators_per_page {
                self.out.reached(Limit::OperatorsPerPage);
                return ControlFlow::Break(Limit::OperatorsPerPage);
            }
            if self.work.operators > self.limits.operators_total {
                return self.stop(Limit::OperatorsTotal);
            }
            self.apply(op.op, &op.operands, resources)?;
            // A budget spent where nothing returns (closing a span) stops here too.
            if let Some(limit) = self.work.stopped {
                return ControlFlow::Break(limit);
            }
        }
        ControlFlow::Continue(())
    }

    /// Ends the reading of the document: a document budget is spent.
    fn stop(&mut self, limit: Limit) -> Flow {
        self.work.stopped.get_or_insert(limit);
        self.out.reached(limit);
        ControlFlow::Break(limit)
    }

    /// Applies one operator.
    fn apply(
        &mut self,
        op: Op,
        operands: &Operands<'_>,
        resources: Option<&'a Dictionary>,
    ) -> Flow {
        match op {
            // Graphics state and colour (§8.4, §8.6.8): `state`.
            Op::Save => self.save(),
            Op::Restore => self.restore(),
            Op::Transform => self.transform(operands),
            Op::LineWidth => self.set_line_width(operands),
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
            // Path construction, painting and clipping (§8.5): `paint`.
            Op::MoveTo | Op::LineTo => self.path_points::<2>(operands),
            Op::CurveTo => self.path_points::<6>(operands),
            Op::CurveToV | Op::CurveToY => self.path_points::<4>(operands),
            Op::Rectangle => self.rectangle(operands),
            Op::ClosePath => {}
            Op::Stroke | Op::CloseStroke => self.paint(false, true),
            Op::Fill | Op::FillObsolete | Op::FillEvenOdd => self.paint(true, false),
            Op::FillStroke
            | Op::FillStrokeEvenOdd
            | Op::CloseFillStroke
            | Op::CloseFillStrokeEvenOdd => self.paint(true, true),
            Op::EndPath => self.paint(false, false),
            Op::Clip | Op::ClipEvenOdd => self.pending_clip = true,
            Op::Shade => self.shade(),
            // Text objects, state and showing (§9.3, §9.4): `text`.
            Op::BeginText => self.begin_text(),
            Op::EndText => {}
            Op::CharSpacing
            | Op::WordSpacing
            | Op::HorizontalScale
            | Op::Leading
            | Op::Rise
            | Op::RenderMode => self.set_text_state(op, operands),
            Op::Font => return self.select_font(operands, resources),
            Op::MoveText => self.move_text(operands, false),
            Op::MoveTextSetLeading => self.move_text(operands, true),
            Op::TextMatrix => self.set_text_matrix(operands),
            Op::NextLine => self.next_line_down(),
            Op::ShowText => return self.show_operand(operands.string(0)),
            Op::NextLineShowText => {
                self.next_line_down();
                return self.show_operand(operands.string(0));
            }
            Op::NextLineShowTextSpaced => return self.show_spaced(operands),
            Op::ShowTextArray => return self.show_array(operands),
            // External objects and inline images (§8.8, §8.9.7): `paint`.
            Op::XObject => return self.do_xobject(operands.name(0), resources),
            Op::InlineImage => self.place_image(),
            Op::Other => {}
        }
        ControlFlow::Continue(())
    }

    /// Paints an annotation's appearance stream, already mapped onto its /Rect
    /// (§12.5.5), after the page content.
    pub fn run_appearance(
        &mut self,
        stream: &'a super::cos::Stream,
        matrix: Matrix,
        page_resources: Option<&'a Dictionary>,
    ) {
        self.close_span();
        // As for the page: a limit reached is already recorded.
        let _ = self.run_form(stream, None, matrix, page_resources);
        self.close_span();
    }

    pub fn finish(mut self) -> PageOutput {
        self.close_span();
        self.out
    }
}
