//! Content-stream operations (ISO 32000-1 §7.8.2) read one at a time in a single pass,
//! with no allocation per operation: operands go to a reused stack, string and name
//! bytes to a reused arena. Inline images (§8.9.7) are skipped, their data never
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

/// One operation: an operator with its operands.
#[derive(Clone, Copy, Debug)]
pub struct Operation<'o> {
    pub operator: &'o [u8],
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
                    if word == b"BI" {
                        self.skip_inline_image();
                    }
                    return Some(Operation {
                        operator: word,
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

    fn ops(content: &[u8]) -> Vec<(String, usize)> {
        let mut r = Operations::new(content);
        let mut out = Vec::new();
        while let Some(op) = r.next_operation() {
            out.push((
                String::from_utf8_lossy(op.operator).into_owned(),
                op.operands.len(),
            ));
        }
        out
    }

    #[test]
    fn operators_with_their_operand_counts() {
        assert_eq!(
            ops(b"q 1 0 0 1 72 720 cm BT /F1 9.96 Tf [(A)-333(B)]TJ ET Q 5"),
            vec![
                ("q".into(), 0),
                ("cm".into(), 6),
                ("BT".into(), 0),
                ("Tf".into(), 2),
                ("TJ".into(), 5),
                ("ET".into(), 0),
                ("Q".into(), 0),
            ]
        );
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
                ("q".into(), 0),
                ("BI".into(), 0),
                ("Q".into(), 0),
                ("w".into(), 1)
            ]
        );
        // /L gives the length, so an `EI` inside the data does not end it.
        let content = b"BI /L 7 ID \n EI \x01x EI 2 w";
        assert_eq!(ops(content), vec![("BI".into(), 0), ("w".into(), 1)]);
        // An image that never ends takes the rest of the stream.
        assert_eq!(ops(b"BI /W 1 ID \x00\x01 q"), vec![("BI".into(), 0)]);
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
