//! Plane geometry in PDF user space (ISO 32000-1 §8.3): affine matrices and axis-aligned boxes.

use serde::Serialize;

/// An affine transform `[a b c d e f]`, mapping (x, y) to (a·x + c·y + e, b·x + d·y + f).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Matrix {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    pub fn new(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) -> Matrix {
        Matrix { a, b, c, d, e, f }
    }

    pub fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix::new(1.0, 0.0, 0.0, 1.0, tx, ty)
    }

    /// `self` applied first, then `other` (PDF's row-vector order: `self × other`).
    pub fn then(&self, other: &Matrix) -> Matrix {
        Matrix {
            a: self.a * other.a + self.b * other.c,
            b: self.a * other.b + self.b * other.d,
            c: self.c * other.a + self.d * other.c,
            d: self.c * other.b + self.d * other.d,
            e: self.e * other.a + self.f * other.c + other.e,
            f: self.e * other.b + self.f * other.d + other.f,
        }
    }

    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }

    /// Length of the transformed unit y vector: the scale a glyph's height undergoes.
    pub fn vertical_scale(&self) -> f64 {
        self.c.hypot(self.d)
    }

    /// Mean of the two axis scales, used for stroke widths.
    pub fn mean_scale(&self) -> f64 {
        (self.a.hypot(self.b) + self.c.hypot(self.d)) / 2.0
    }

    pub fn is_finite(&self) -> bool {
        [self.a, self.b, self.c, self.d, self.e, self.f]
            .iter()
            .all(|v| v.is_finite())
    }

    /// The box that holds the image of `rect` under this transform.
    pub fn transform_rect(&self, rect: &Rect) -> Rect {
        let corners = [
            self.apply(rect.x0, rect.y0),
            self.apply(rect.x1, rect.y0),
            self.apply(rect.x0, rect.y1),
            self.apply(rect.x1, rect.y1),
        ];
        Rect::bounding(corners.iter().copied()).unwrap_or(Rect::EMPTY)
    }
}

/// An axis-aligned box, `x0 <= x1` and `y0 <= y1` when not empty.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(into = "[f64; 4]")]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl From<Rect> for [f64; 4] {
    fn from(r: Rect) -> [f64; 4] {
        [round2(r.x0), round2(r.y0), round2(r.x1), round2(r.y1)]
    }
}

/// Two decimals are far below what a check can see and keep the JSON stable.
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

impl Rect {
    pub const EMPTY: Rect = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 0.0,
        y1: 0.0,
    };

    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }

    /// The smallest box holding every point; `None` for no points or a non-finite one.
    pub fn bounding(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Rect> {
        let mut out: Option<Rect> = None;
        for (x, y) in points {
            if !x.is_finite() || !y.is_finite() {
                return None;
            }
            out = Some(match out {
                None => Rect {
                    x0: x,
                    y0: y,
                    x1: x,
                    y1: y,
                },
                Some(r) => Rect {
                    x0: r.x0.min(x),
                    y0: r.y0.min(y),
                    x1: r.x1.max(x),
                    y1: r.y1.max(y),
                },
            });
        }
        out
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    /// The overlap of two boxes, `None` when they do not overlap.
    pub fn intersect(&self, other: &Rect) -> Option<Rect> {
        let r = Rect {
            x0: self.x0.max(other.x0),
            y0: self.y0.max(other.y0),
            x1: self.x1.min(other.x1),
            y1: self.y1.min(other.y1),
        };
        (r.x0 <= r.x1 && r.y0 <= r.y1).then_some(r)
    }

    pub fn expand(&self, by: f64) -> Rect {
        Rect {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }

    pub fn is_finite(&self) -> bool {
        [self.x0, self.y0, self.x1, self.y1]
            .iter()
            .all(|v| v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn then_applies_left_first() {
        let scale = Matrix::new(2.0, 0.0, 0.0, 2.0, 0.0, 0.0);
        let shift = Matrix::translate(10.0, 5.0);
        assert_eq!(scale.then(&shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(&scale).apply(1.0, 1.0), (22.0, 12.0));
    }

    #[test]
    fn rotated_rect_bounds() {
        let rot = Matrix::new(0.0, 1.0, -1.0, 0.0, 0.0, 0.0);
        let r = rot.transform_rect(&Rect::new(0.0, 0.0, 10.0, 2.0));
        assert_eq!((r.x0, r.y0, r.x1, r.y1), (-2.0, 0.0, 0.0, 10.0));
    }

    #[test]
    fn disjoint_boxes_do_not_intersect() {
        assert!(
            Rect::new(0.0, 0.0, 1.0, 1.0)
                .intersect(&Rect::new(2.0, 2.0, 3.0, 3.0))
                .is_none()
        );
    }
}
