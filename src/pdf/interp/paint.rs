//! What a page paints other than text (ISO 32000-1 §8.5, §8.7–8.10): paths as the
//! bounding box of their points, painted or used to clip; shadings; images, inline or
//! as XObjects; form XObjects and annotation appearances, run as nested content.

use super::state::matrix_from;
use super::{Flow, Interpreter};
use crate::limits::{Limit, Scope};
use crate::pdf::content::Operands;
use crate::pdf::cos::{DecodeError, Dictionary, Object, ObjectId, Stream};
use crate::pdf::geom::{Matrix, Rect};
use crate::pdf::lookup::{self, get_dict, numbers};
use crate::pdf::{ImageBox, Paint, PathBox};
use std::ops::ControlFlow;

impl<'a> Interpreter<'a> {
    /// Takes one painted shape from the document's budget; `Break` once it is spent.
    fn take_shape(&mut self) -> Flow {
        if self.work.shapes >= self.limits.shapes_total {
            return self.stop(Limit::ShapesTotal);
        }
        self.work.shapes = self.work.shapes.saturating_add(1);
        ControlFlow::Continue(())
    }

    /// `m` and `l` (2 numbers), `v` and `y` (4), `c` (6): the points, as pairs.
    pub(super) fn path_points<const N: usize>(&mut self, operands: &Operands<'_>) {
        if let Some(values) = operands.numbers::<N>() {
            let (points, _) = values.as_chunks::<2>();
            self.add_points(points);
        }
    }

    /// `re`: the rectangle's four corners.
    pub(super) fn rectangle(&mut self, operands: &Operands<'_>) {
        if let Some([x, y, w, h]) = operands.numbers() {
            self.add_points(&[[x, y], [x + w, y], [x, y + h], [x + w, y + h]]);
        }
    }

    fn add_points(&mut self, points: &[[f64; 2]]) {
        let ctm = self.gs.ctm;
        let pts = points.iter().map(|&[x, y]| ctm.apply(x, y));
        if let Some(r) = Rect::bounding(pts) {
            self.path = Some(match self.path {
                Some(p) => p.union(&r),
                None => r,
            });
        }
    }

    /// Ends the path: fills and/or strokes it, and clips to it after `W`/`W*`.
    pub(super) fn paint(&mut self, fill: bool, stroke: bool) {
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
                && self.take_shape().is_continue()
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

    /// `sh`: a shading fills the whole clip.
    pub(super) fn shade(&mut self) {
        if let Some(clip) = self.gs.clip
            && self.take_shape().is_continue()
        {
            self.out.paths.push(PathBox {
                bbox: clip,
                fill: Some(Paint::Other),
                stroke: None,
            });
        }
    }

    /// An image (`Do` of an image XObject, or `BI`): the unit square in user space.
    pub(super) fn place_image(&mut self) {
        let unit = self.gs.ctm.transform_rect(&Rect::new(0.0, 0.0, 1.0, 1.0));
        // An image that only touches the clip paints nothing.
        if let Some(visible) = self.gs.clip.and_then(|c| c.intersect(&unit))
            && visible.is_finite()
            && visible.width() > 0.0
            && visible.height() > 0.0
            && self.take_shape().is_continue()
        {
            self.out.images.push(ImageBox { bbox: visible });
        }
    }

    /// `Do`: an image placed, or a form run.
    pub(super) fn do_xobject(
        &mut self,
        name: Option<&[u8]>,
        resources: Option<&'a Dictionary>,
    ) -> Flow {
        let doc = self.doc;
        let Some(name) = name else {
            return ControlFlow::Continue(());
        };
        let Some(xobjects) = resources.and_then(|r| get_dict(doc, r, b"XObject")) else {
            return ControlFlow::Continue(());
        };
        let Some(xref) = xobjects.get(name) else {
            return ControlFlow::Continue(());
        };
        let Some(Object::Stream(stream)) = lookup::resolve(doc, xref) else {
            return ControlFlow::Continue(());
        };
        match lookup::get_name(doc, &stream.dict, b"Subtype") {
            Some(b"Image") => {
                self.place_image();
                ControlFlow::Continue(())
            }
            Some(b"Form") => {
                let matrix = lookup::get_array(doc, &stream.dict, b"Matrix")
                    .and_then(|a| numbers(doc, a))
                    .and_then(|v| matrix_from(&v))
                    .unwrap_or(Matrix::IDENTITY);
                self.run_form(stream, lookup::reference_id(xref), matrix, resources)
            }
            _ => ControlFlow::Continue(()),
        }
    }

    /// Runs a form XObject (§8.10) or an annotation appearance: its own matrix,
    /// clipped to its /BBox, with its resources (else the caller's), bounded in
    /// depth and guarded against cycles.
    pub(super) fn run_form(
        &mut self,
        stream: &'a Stream,
        id: Option<ObjectId>,
        matrix: Matrix,
        resources: Option<&'a Dictionary>,
    ) -> Flow {
        let doc = self.doc;
        if self.forms.len() >= self.limits.depth {
            self.out.reached(Limit::Depth);
            return ControlFlow::Continue(());
        }
        if id.is_some_and(|id| self.forms.contains(&id)) {
            return ControlFlow::Continue(());
        }
        let content = match doc.decode(stream) {
            Ok(content) => content,
            Err(DecodeError::Limit(limit)) if limit.scope() == Scope::Document => {
                return self.stop(limit);
            }
            Err(DecodeError::Limit(limit)) => {
                self.out.reached(limit);
                return ControlFlow::Continue(());
            }
            Err(DecodeError::Unsupported) => return ControlFlow::Continue(()),
        };
        let form_resources = get_dict(doc, &stream.dict, b"Resources").or(resources);
        let saved = (self.gs.clone(), self.tm, self.tlm, self.path.take());
        self.gs.ctm = matrix.then(&self.gs.ctm);
        if let Some(&[x0, y0, x1, y1]) = lookup::get_array(doc, &stream.dict, b"BBox")
            .and_then(|a| numbers(doc, a))
            .as_deref()
        {
            let r = self.gs.ctm.transform_rect(&Rect::new(x0, y0, x1, y1));
            self.gs.clip = self.gs.clip.and_then(|c| c.intersect(&r));
        }
        self.forms.push(id.unwrap_or((0, 0)));
        // Restored whether the form ran to its end or a limit stopped it.
        let flow = self.run(&content, form_resources);
        self.forms.pop();
        (self.gs, self.tm, self.tlm, self.path) = saved;
        flow
    }
}
