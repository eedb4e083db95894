//! Content-stream operations (ISO 32000-1 §7.8.2) read one at a time in a single pass,
//! with no allocation per operation: each operator decoded into an [`Op`], operands to
//! a reused stack, string and name bytes to a reused arena. Inline images (§8.9.7) are skipped, their data never
//! decoded: the interpreter only needs to know one was placed.

use super::lex::{self, Lexer, Token};

/// Operands kept for one operator; more are read and dropped (a hostile stream can
/// put a million numbers before one operator).
const MAX_OPERANDS: usize = 4096;

/// One operand. Strings and names are ranges into the reader's arena.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Operand {
    Number(f64),
    Name(usize, usize),
    Str(usize, usize),
    ArrayOpen,
    ArrayClose,
    /// A dictionary bracket, `true`, `false`, `null` or any other keyword inside an array
    /// or dictionary: counted, never read.
    Other,
}

/// An element of an array operand (the `TJ` array).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item<'o> {
    Number(f64),
    Str(&'o [u8]),
    Other,
}

/// The operands of one operation.
#[derive(Clone, Copy, Debug)]
pub struct Operands<'o> {
    items: &'o [Operand],
    arena: &'o [u8],
}

impl<'o> Operands<'o> {
    fn bytes(&self, start: usize, end: usize) -> &'o [u8] {
        self.arena.get(start..end).unwrap_or_default()
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn number(&self, i: usize) -> Option<f64> {
        match self.items.get(i)? {
            Operand::Number(n) => Some(*n).filter(|n| n.is_finite()),
            _ => None,
        }
    }

    pub fn name(&self, i: usize) -> Option<&'o [u8]> {
        match *self.items.get(i)? {
            Operand::Name(s, e) => Some(self.bytes(s, e)),
            _ => None,
        }
    }

    pub fn string(&self, i: usize) -> Option<&'o [u8]> {
        match *self.items.get(i)? {
            Operand::Str(s, e) => Some(self.bytes(s, e)),
            _ => None,
        }
    }

    /// Exactly `N` operands, all finite numbers.
    pub fn numbers<const N: usize>(&self) -> Option<[f64; N]> {
        if self.items.len() != N {
            return None;
        }
        let mut out = [0.0; N];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = self.number(i)?;
        }
        Some(out)
    }

    /// Every operand as a finite number into `out`; `None` when one is not a number
    /// or there are more than `out` holds.
    pub fn all_numbers<'b>(&self, out: &'b mut [f64]) -> Option<&'b [f64]> {
        if self.items.len() > out.len() {
            return None;
        }
        for (i, slot) in out.iter_mut().enumerate().take(self.items.len()) {
            *slot = self.number(i)?;
        }
        out.get(..self.items.len())
    }

    /// The elements of the array that is the first operand; nested arrays and other
    /// objects come out as `Item::Other`.
    pub fn array(&self) -> impl Iterator<Item = Item<'o>> + 'o {
        let arena = self.arena;
        let inner: &'o [Operand] = match self.items.first() {
            Some(Operand::ArrayOpen) => self.items.get(1..).unwrap_or_default(),
            _ => &[],
        };
        let mut depth = 0usize;
        inner
            .iter()
            .take_while(move |o| match o {
                Operand::ArrayOpen => {
                    depth = depth.saturating_add(1);
                    true
                }
                Operand::ArrayClose => match depth.checked_sub(1) {
                    Some(d) => {
                        depth = d;
                        true
                    }
                    None => false,
                },
                _ => true,
            })
            .map(move |o| match *o {
                Operand::Number(n) if n.is_finite() => Item::Number(n),
                Operand::Str(s, e) => Item::Str(arena.get(s..e).unwrap_or_default()),
                _ => Item::Other,
            })
    }
}

/// A content-stream operator (ISO 32000-1 Annex A), decoded once from its keyword: one
/// variant for each operator the interpreter acts on, `Other` for the rest (marked
/// content, line style, rendering intent, Type 3 glyph metrics, compatibility) and for
/// any keyword that is not an operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `q`
    Save,
    /// `Q`
    Restore,
    /// `cm`
    Transform,
    /// `w`
    LineWidth,
    /// `g`
    FillGray,
    /// `rg`
    FillRgb,
    /// `k`
    FillCmyk,
    /// `G`
    StrokeGray,
    /// `RG`
    StrokeRgb,
    /// `K`
    StrokeCmyk,
    /// `cs`
    FillColorSpace,
    /// `CS`
    StrokeColorSpace,
    /// `sc`
    FillColor,
    /// `scn`
    FillColorN,
    /// `SC`
    StrokeColor,
    /// `SCN`
    StrokeColorN,
    /// `m`
    MoveTo,
    /// `l`
    LineTo,
    /// `c`
    CurveTo,
    /// `v`
    CurveToV,
    /// `y`
    CurveToY,
    /// `re`
    Rectangle,
    /// `h`
    ClosePath,
    /// `S`
    Stroke,
    /// `s`
    CloseStroke,
    /// `f`
    Fill,
    /// `F`
    FillObsolete,
    /// `f*`
    FillEvenOdd,
    /// `B`
    FillStroke,
    /// `B*`
    FillStrokeEvenOdd,
    /// `b`
    CloseFillStroke,
    /// `b*`
    CloseFillStrokeEvenOdd,
    /// `n`
    EndPath,
    /// `W`
    Clip,
    /// `W*`
    ClipEvenOdd,
    /// `sh`
    Shade,
    /// `BT`
    BeginText,
    /// `ET`
    EndText,
    /// `Tc`
    CharSpacing,
    /// `Tw`
    WordSpacing,
    /// `Tz`
    HorizontalScale,
    /// `TL`
    Leading,
    /// `Ts`
    Rise,
    /// `Tr`
    RenderMode,
    /// `Tf`
    Font,
    /// `Td`
    MoveText,
    /// `TD`
    MoveTextSetLeading,
    /// `Tm`
    TextMatrix,
    /// `T*`
    NextLine,
    /// `Tj`
    ShowText,
    /// `'`
    NextLineShowText,
    /// `"`
    NextLineShowTextSpaced,
    /// `TJ`
    ShowTextArray,
    /// `Do`
    XObject,
    /// `BI` (the image's dictionary and data already skipped)
    InlineImage,
    /// Any other keyword.
    Other,
}

impl Op {
    /// The operator a keyword names.
    pub fn decode(keyword: &[u8]) -> Op {
        match keyword {
            b"q" => Op::Save,
            b"Q" => Op::Restore,
            b"cm" => Op::Transform,
            b"w" => Op::LineWidth,
            b"g" => Op::FillGray,
            b"rg" => Op::FillRgb,
            b"k" => Op::FillCmyk,
            b"G" => Op::StrokeGray,
            b"RG" => Op::StrokeRgb,
            b"K" => Op::StrokeCmyk,
            b"cs" => Op::FillColorSpace,
            b"CS" => Op::StrokeColorSpace,
            b"sc" => Op::FillColor,
            b"scn" => Op::FillColorN,
            b"SC" => Op::StrokeColor,
            b"SCN" => Op::StrokeColorN,
            b"m" => Op::MoveTo,
            b"l" => Op::LineTo,
            b"c" => Op::CurveTo,
            b"v" => Op::CurveToV,
            b"y" => Op::CurveToY,
            b"re" => Op::Rectangle,
            b"h" => Op::ClosePath,
            b"S" => Op::Stroke,
            b"s" => Op::CloseStroke,
            b"f" => Op::Fill,
            b"F" => Op::FillObsolete,
            b"f*" => Op::FillEvenOdd,
            b"B" => Op::FillStroke,
            b"B*" => Op::FillStrokeEvenOdd,
            b"b" => Op::CloseFillStroke,
            b"b*" => Op::CloseFillStrokeEvenOdd,
            b"n" => Op::EndPath,
            b"W" => Op::Clip,
            b"W*" => Op::ClipEvenOdd,
            b"sh" => Op::Shade,
            b"BT" => Op::BeginText,
            b"ET" => Op::EndText,
            b"Tc" => Op::CharSpacing,
            b"Tw" => Op::WordSpacing,
            b"Tz" => Op::HorizontalScale,
            b"TL" => Op::Leading,
            b"Ts" => Op::Rise,
            b"Tr" => Op::RenderMode,
            b"Tf" => Op::Font,
            b"Td" => Op::MoveText,
            b"TD" => Op::MoveTextSetLeading,
            b"Tm" => Op::TextMatrix,
            b"T*" => Op::NextLine,
            b"Tj" => Op::ShowText,
            b"'" => Op::NextLineShowText,
            b"\"" => Op::NextLineShowTextSpaced,
            b"TJ" => Op::ShowTextArray,
            b"Do" => Op::XObject,
            b"BI" => Op::InlineImage,
            _ => Op::Other,
        }
    }
}

/// One operation: an operator with its operands.
#[derive(Clone, Copy, Debug)]
pub struct Operation<'o> {
    pub op: Op,
    pub operands: Operands<'o>,
}

/// Reads the operations of a content stream in order.
pub struct Operations<'a> {
    lexer: Lexer<'a>,
    operands: Vec<Operand>,
    arena: Vec<u8>,
}

impl<'a> Operations<'a> {
    pub fn new(content: &'a [u8]) -> Self {
        Operations {
            lexer: Lexer::new(content),
            operands: Vec::new(),
            arena: Vec::new(),
        }
    }

    fn push(&mut self, operand: Operand) {
        if self.operands.len() < MAX_OPERANDS {
            self.operands.push(operand);
        }
    }

    /// The next operation, or `None` at the end of the stream. Operands left without
    /// an operator at the end are dropped, as readers do.
    pub fn next_operation(&mut self) -> Option<Operation<'_>> {
        self.operands.clear();
        self.arena.clear();
        loop {
            let token = self.lexer.next_token()?;
            match token {
                Token::Integer(_) | Token::Real(_) => {
                    self.push(Operand::Number(token.number().unwrap_or(0.0)));
                }
                Token::Name(raw) => {
                    let start = self.arena.len();
                    lex::decode_name(raw, &mut self.arena);
                    self.push(Operand::Name(start, self.arena.len()));
                }
                Token::Literal(raw) => {
                    let start = self.arena.len();
                    lex::decode_literal(raw, &mut self.arena);
                    self.push(Operand::Str(start, self.arena.len()));
                }
                Token::Hex(raw) => {
                    let start = self.arena.len();
                    lex::decode_hex(raw, &mut self.arena);
                    self.push(Operand::Str(start, self.arena.len()));
                }
                Token::ArrayOpen => self.push(Operand::ArrayOpen),
                Token::ArrayClose => self.push(Operand::ArrayClose),
                Token::DictOpen | Token::DictClose => self.push(Operand::Other),
                Token::Keyword(word) => {
                    if matches!(word, b"true" | b"false" | b"null") {
                        self.push(Operand::Other);
                        continue;
                    }
                    let op = Op::decode(word);
                    if op == Op::InlineImage {
                        self.skip_inline_image();
                    }
                    return Some(Operation {
                        op,
                        operands: Operands {
                            items: &self.operands,
                            arena: &self.arena,
                        },
                    });
                }
            }
        }
    }

    /// Skips an inline image after its `BI`: the dictionary up to `ID`, then the data
    /// up to `EI`. The data's length is taken from /L or /Length when given and `EI`
    /// follows it; otherwise the first `EI` between whitespace ends it (§8.9.7).
    fn skip_inline_image(&mut self) {
        let mut length: Option<usize> = None;
        let mut last_name: &[u8] = b"";
        loop {
            let Some(token) = self.lexer.next_token() else {
                return;
            };
            match token {
                Token::Keyword(b"ID") => break,
                Token::Keyword(b"EI") => return,
                Token::Name(n) => last_name = n,
                Token::Integer(n) if matches!(last_name, b"L" | b"Length") => {
                    length = usize::try_from(n).ok();
                }
                _ => last_name = b"",
            }
        }
        // One whitespace byte separates `ID` from the data.
        self.lexer.advance(1);
        let data = self.lexer.rest();
        if let Some(n) = length
            && let Some(after) = data.get(n..)
        {
            let skip = after.iter().take_while(|b| lex::is_whitespace(**b)).count();
            if after.get(skip..skip.saturating_add(2)) == Some(b"EI".as_slice()) {
                self.lexer.advance(n.saturating_add(skip).saturating_add(2));
                return;
            }
        }
        let end = data.windows(4).enumerate().find_map(|(i, w)| {
            let ends = w
                .get(3)
                .is_some_and(|b| lex::is_whitespace(*b) || lex::is_delimiter(*b));
            (w.first().is_some_and(|b| lex::is_whitespace(*b))
                && w.get(1..3) == Some(b"EI")
                && ends)
                .then_some(i.saturating_add(3))
        });
        let end = end.or_else(|| {
            // `EI` as the very last bytes of the stream.
            let n = data.len();
            (n >= 3 && data.get(n.saturating_sub(2)..) == Some(b"EI".as_slice())).then_some(n)
        });
        self.lexer.advance(end.unwrap_or(data.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(content: &[u8]) -> Vec<(Op, usize)> {
        let mut r = Operations::new(content);
        let mut out = Vec::new();
        while let Some(op) = r.next_operation() {
            out.push((op.op, op.operands.len()));
        }
        out
    }

    #[test]
    fn operators_with_their_operand_counts() {
        assert_eq!(
            ops(b"q 1 0 0 1 72 720 cm BT /F1 9.96 Tf [(A)-333(B)]TJ ET Q 5"),
            vec![
                (Op::Save, 0),
                (Op::Transform, 6),
                (Op::BeginText, 0),
                (Op::Font, 2),
                (Op::ShowTextArray, 5),
                (Op::EndText, 0),
                (Op::Restore, 0),
            ]
        );
    }

    #[test]
    fn keywords_decode_to_their_operators() {
        assert_eq!(
            ops(b"1 0 0 rg 0 G /CS0 cs 0.5 scn /P1 SCN 0 0 m 1 1 l f* W* n"),
            vec![
                (Op::FillRgb, 3),
                (Op::StrokeGray, 1),
                (Op::FillColorSpace, 1),
                (Op::FillColorN, 1),
                (Op::StrokeColorN, 1),
                (Op::MoveTo, 2),
                (Op::LineTo, 2),
                (Op::FillEvenOdd, 0),
                (Op::ClipEvenOdd, 0),
                (Op::EndPath, 0),
            ]
        );
        assert_eq!(
            ops(b"T* (a) ' 1 2 (b) \" /Im1 Do"),
            vec![
                (Op::NextLine, 0),
                (Op::NextLineShowText, 1),
                (Op::NextLineShowTextSpaced, 3),
                (Op::XObject, 1),
            ]
        );
        // Operators the interpreter does not act on, and keywords that are none.
        for keyword in [
            &b"BDC"[..],
            b"EMC",
            b"gs",
            b"d0",
            b"ri",
            b"ID",
            b"EI",
            b"qq",
            b"",
        ] {
            assert_eq!(Op::decode(keyword), Op::Other, "{keyword:?}");
        }
    }

    #[test]
    fn operands_read_back() {
        let mut r = Operations::new(b"/F#31 12 Tf [(a\\(b) -250 <4142> [1] (c)] TJ 1 2 3 rg");
        let op = r.next_operation().expect("Tf");
        assert_eq!(op.operands.name(0), Some(b"F1".as_slice()));
        assert_eq!(op.operands.number(1), Some(12.0));
        assert_eq!(op.operands.numbers::<2>(), None);
        let op = r.next_operation().expect("TJ");
        let items: Vec<Item<'_>> = op.operands.array().collect();
        assert_eq!(
            items,
            vec![
                Item::Str(b"a(b"),
                Item::Number(-250.0),
                Item::Str(b"AB"),
                Item::Other,
                Item::Number(1.0),
                Item::Other,
                Item::Str(b"c"),
            ]
        );
        let op = r.next_operation().expect("rg");
        assert_eq!(op.operands.numbers::<3>(), Some([1.0, 2.0, 3.0]));
        let mut buf = [0.0; 2];
        assert_eq!(op.operands.all_numbers(&mut buf), None);
        let mut buf = [0.0; 4];
        assert_eq!(
            op.operands.all_numbers(&mut buf),
            Some([1.0, 2.0, 3.0].as_slice())
        );
    }

    #[test]
    fn inline_images_are_skipped_whole() {
        // Binary data holding `Q` and `EI` without whitespace around it.
        let content = b"q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00QEIx\xff EI Q 1 w";
        assert_eq!(
            ops(content),
            vec![
                (Op::Save, 0),
                (Op::InlineImage, 0),
                (Op::Restore, 0),
                (Op::LineWidth, 1)
            ]
        );
        // /L gives the length, so an `EI` inside the data does not end it.
        let content = b"BI /L 7 ID \n EI \x01x EI 2 w";
        assert_eq!(ops(content), vec![(Op::InlineImage, 0), (Op::LineWidth, 1)]);
        // An image that never ends takes the rest of the stream.
        assert_eq!(ops(b"BI /W 1 ID \x00\x01 q"), vec![(Op::InlineImage, 0)]);
    }

    #[test]
    fn operands_beyond_the_cap_are_dropped() {
        let mut content = b"9 ".repeat(MAX_OPERANDS + 10);
        content.extend_from_slice(b"n");
        let mut r = Operations::new(&content);
        let op = r.next_operation().expect("n");
        assert_eq!(op.operands.len(), MAX_OPERANDS);
    }
}
