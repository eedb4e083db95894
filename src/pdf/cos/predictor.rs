//! Predictors after Flate and LZW decoding (ISO 32000-1 §7.4.4.4, Table 10): TIFF
//! predictor 2 and the PNG predictors (10–15, each row tagged with its own). Cross-
//! reference and object streams use PNG Up; the rest is for completeness.

/// Row geometry from /DecodeParms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    pub predictor: i64,
    pub colors: usize,
    pub bits: usize,
    pub columns: usize,
}

impl Params {
    /// Bytes per pixel (at least one) and bytes per row.
    fn sizes(&self) -> Option<(usize, usize)> {
        let bits_per_pixel = self.colors.checked_mul(self.bits)?;
        let row_bits = bits_per_pixel.checked_mul(self.columns)?;
        Some((bits_per_pixel.div_ceil(8).max(1), row_bits.div_ceil(8)))
    }
}

/// Undoes the predictor; data it cannot apply to (unknown predictor, absurd geometry)
/// is returned as it is.
pub fn apply(data: Vec<u8>, p: &Params) -> Vec<u8> {
    let valid = (1..=32).contains(&p.colors)
        && matches!(p.bits, 1 | 2 | 4 | 8 | 16)
        && (1..=1 << 24).contains(&p.columns);
    let Some((bpp, row)) = p.sizes().filter(|_| valid && p.predictor >= 2) else {
        return data;
    };
    if p.predictor == 2 {
        tiff(data, p, row)
    } else {
        png(&data, bpp, row)
    }
}

fn tiff(mut data: Vec<u8>, p: &Params, row: usize) -> Vec<u8> {
    for line in data.chunks_mut(row) {
        match p.bits {
            8 => {
                for i in p.colors..line.len() {
                    let left = line.get(i.wrapping_sub(p.colors)).copied().unwrap_or(0);
                    if let Some(b) = line.get_mut(i) {
                        *b = b.wrapping_add(left);
                    }
                }
            }
            16 => {
                let step = p.colors.saturating_mul(2);
                for i in (step..line.len().saturating_sub(1)).step_by(2) {
                    let at = |k: usize| line.get(k).copied().unwrap_or(0);
                    let left = u16::from_be_bytes([
                        at(i.wrapping_sub(step)),
                        at(i.wrapping_sub(step).wrapping_add(1)),
                    ]);
                    let cur = u16::from_be_bytes([at(i), at(i.wrapping_add(1))]);
                    let [hi, lo] = cur.wrapping_add(left).to_be_bytes();
                    if let Some(s) = line.get_mut(i..i.wrapping_add(2)) {
                        s.copy_from_slice(&[hi, lo]);
                    }
                }
            }
            // Sub-byte TIFF prediction is used only by images, which are never decoded.
            _ => {}
        }
    }
    data
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let (ia, ib, ic) = (i16::from(a), i16::from(b), i16::from(c));
    let p = ia.wrapping_add(ib).wrapping_sub(ic);
    let (pa, pb, pc) = (
        p.wrapping_sub(ia).abs(),
        p.wrapping_sub(ib).abs(),
        p.wrapping_sub(ic).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// PNG rows: a tag byte then `row` bytes; a short last row is decoded as far as it goes.
/// The row above is read from the output itself, so the work and memory follow the
/// data, whatever row length /Columns claims.
fn png(data: &[u8], bpp: usize, row: usize) -> Vec<u8> {
    let Some(stride) = row.checked_add(1) else {
        return data.to_vec();
    };
    let mut out: Vec<u8> = Vec::with_capacity(data.len());
    for chunk in data.chunks(stride) {
        let Some((&tag, line)) = chunk.split_first() else {
            break;
        };
        let start = out.len();
        // The previous row starts `row` bytes back; the first row has none.
        let above = start.checked_sub(row);
        for (i, &x) in line.iter().enumerate() {
            let at = |back: Option<usize>| back.and_then(|j| out.get(j)).copied().unwrap_or(0);
            let left = at(i.checked_sub(bpp).map(|j| start.wrapping_add(j)));
            let up = at(above.map(|a| a.wrapping_add(i)));
            let up_left = at(above.and_then(|a| i.checked_sub(bpp).map(|j| a.wrapping_add(j))));
            let predicted = match tag {
                1 => left,
                2 => up,
                3 => ((u16::from(left).wrapping_add(u16::from(up))) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => 0,
            };
            out.push(x.wrapping_add(predicted));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(predictor: i64, colors: usize, bits: usize, columns: usize) -> Params {
        Params {
            predictor,
            colors,
            bits,
            columns,
        }
    }

    #[test]
    fn png_up_as_cross_reference_streams_use_it() {
        // Two rows of 3 bytes: the second is given as differences from the first.
        let data = vec![2, 1, 0, 10, 2, 0, 1, 5];
        assert_eq!(apply(data, &params(12, 1, 8, 3)), vec![1, 0, 10, 1, 1, 15]);
    }

    #[test]
    fn png_sub_average_paeth_and_a_short_last_row() {
        let p = params(15, 1, 8, 3);
        assert_eq!(apply(vec![1, 5, 1, 1], &p), vec![5, 6, 7]);
        // Average: (left + up) / 2; then Paeth with a 2-byte last row.
        assert_eq!(
            apply(vec![0, 10, 20, 30, 3, 1, 1, 1, 4, 1, 1], &p),
            vec![10, 20, 30, 6, 14, 23, 7, 15]
        );
    }

    #[test]
    fn tiff_horizontal_differencing() {
        assert_eq!(
            apply(vec![10, 1, 1, 200, 100], &params(2, 1, 8, 5)),
            vec![10, 11, 12, 212, 56]
        );
        // Two colours: each component is predicted from the same component.
        assert_eq!(
            apply(vec![1, 2, 1, 1], &params(2, 2, 8, 2)),
            vec![1, 2, 2, 3]
        );
        assert_eq!(
            apply(vec![0, 1, 0, 2], &params(2, 1, 16, 2)),
            vec![0, 1, 0, 3]
        );
    }

    #[test]
    fn a_row_longer_than_the_data_costs_only_the_data() {
        // 16 M columns of 32 colours of 16 bits claim a 1 GiB row; the data is 401
        // bytes, decoded as one short row in as many bytes.
        let mut data = vec![2u8];
        data.extend(std::iter::repeat_n(1u8, 400));
        let out = apply(data, &params(12, 32, 16, 1 << 24));
        assert_eq!(out.len(), 400);
        assert!(out.iter().all(|&b| b == 1));
    }

    #[test]
    fn absurd_geometry_leaves_the_data_alone() {
        assert_eq!(apply(vec![2, 1], &params(12, 0, 8, 3)), vec![2, 1]);
        assert_eq!(apply(vec![2, 1], &params(12, 1, 7, 3)), vec![2, 1]);
        assert_eq!(apply(vec![2, 1], &params(1, 1, 8, 3)), vec![2, 1]);
    }
}
