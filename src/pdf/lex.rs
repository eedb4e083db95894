//! PDF tokens (ISO 32000-1 §7.2–7.3): whitespace, comments, numbers, names, literal
//! and hex strings, keywords and delimiters, read from a byte slice without copying
//! or allocating. Content streams and object syntax share it. It never fails: bytes
//! that fit no token become a one-byte keyword, as lenient readers treat them.

/// One token. Strings and names are raw (escapes not yet decoded): decode them with
/// [`decode_literal`], [`decode_hex`] and [`decode_name`] only where the text matters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Token<'a> {
    /// A number without a decimal point.
    Integer(i64),
    /// A number with a decimal point (or an integer too long for i64).
    Real(f64),
    /// The bytes after `/`, `#xx` escapes not decoded.
    Name(&'a [u8]),
    /// The bytes between `(` and its matching `)`, escapes not decoded.
    Literal(&'a [u8]),
    /// The bytes between `<` and `>`.
    Hex(&'a [u8]),
    /// A run of regular characters that is not a number: an operator, `true`, `obj`, `R`…
    Keyword(&'a [u8]),
    ArrayOpen,
    ArrayClose,
    DictOpen,
    DictClose,
}

impl Token<'_> {
    pub fn number(&self) -> Option<f64> {
        match *self {
            Token::Integer(i) => Some(i as f64),
            Token::Real(r) => Some(r),
            _ => None,
        }
    }
}

const REGULAR: u8 = 0;
const WHITESPACE: u8 = 1;
const DELIMITER: u8 = 2;

/// The class of every byte (§7.2.2), looked up rather than matched: the tokenizer
/// asks once per byte of every content stream. Built at compile time, where an index
/// out of range fails the build rather than a run.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const CLASSES: [u8; 256] = {
    let mut table = [REGULAR; 256];
    let whitespace = b"\0\t\n\x0c\r ";
    let mut i = 0;
    while i < whitespace.len() {
        table[whitespace[i] as usize] = WHITESPACE;
        i += 1;
    }
    let delimiters = b"()<>[]{}/%";
    let mut i = 0;
    while i < delimiters.len() {
        table[delimiters[i] as usize] = DELIMITER;
        i += 1;
    }
    table
};

fn class(b: u8) -> u8 {
    CLASSES.get(usize::from(b)).copied().unwrap_or(REGULAR)
}

pub fn is_whitespace(b: u8) -> bool {
    class(b) == WHITESPACE
}

pub fn is_delimiter(b: u8) -> bool {
    class(b) == DELIMITER
}

fn is_regular(b: u8) -> bool {
    class(b) == REGULAR
}

/// A cursor over PDF bytes.
#[derive(Clone, Debug)]
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    /// A cursor at `pos` (clamped to the end), for reading an object where the
    /// cross-reference data says it starts.
    pub fn at(data: &'a [u8], pos: usize) -> Self {
        Lexer {
            data,
            pos: pos.min(data.len()),
        }
    }

    /// The cursor's offset in the data.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// All the data the cursor runs over.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// The bytes from the cursor on.
    pub fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1).min(self.data.len());
    }

    /// Moves the cursor past every byte from here for which `keep` holds.
    fn skip_while(&mut self, keep: impl Fn(u8) -> bool) {
        let rest = self.rest();
        let n = rest.iter().position(|&b| !keep(b)).unwrap_or(rest.len());
        self.advance(n);
    }

    /// Skips whitespace and comments.
    pub fn skip_whitespace(&mut self) {
        loop {
            self.skip_while(is_whitespace);
            if self.peek() != Some(b'%') {
                return;
            }
            self.skip_while(|c| c != b'\r' && c != b'\n');
        }
    }

    /// Advances the cursor by `n` bytes (clamped to the end).
    pub fn advance(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.data.len());
    }

    /// The next token, or `None` at the end of the data.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        self.skip_whitespace();
        let start = self.pos;
        let b = self.peek()?;
        self.bump();
        Some(match b {
            b'[' => Token::ArrayOpen,
            b']' => Token::ArrayClose,
            b'<' if self.peek() == Some(b'<') => {
                self.bump();
                Token::DictOpen
            }
            b'>' if self.peek() == Some(b'>') => {
                self.bump();
                Token::DictClose
            }
            b'<' => {
                let body_start = self.pos;
                self.skip_while(|c| c != b'>');
                let body = self.data.get(body_start..self.pos).unwrap_or_default();
                self.bump();
                Token::Hex(body)
            }
            b'(' => self.literal(),
            b'/' => {
                let name_start = self.pos;
                self.skip_while(is_regular);
                Token::Name(self.data.get(name_start..self.pos).unwrap_or_default())
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => {
                self.skip_while(is_regular);
                number(self.data.get(start..self.pos).unwrap_or_default())
            }
            // A stray `)`, `>`, `{` or `}` is a keyword of its own.
            _ if !is_regular(b) => {
                Token::Keyword(self.data.get(start..self.pos).unwrap_or_default())
            }
            _ => {
                self.skip_while(is_regular);
                Token::Keyword(self.data.get(start..self.pos).unwrap_or_default())
            }
        })
    }

    /// A literal string after its `(`: up to the matching `)`, backslash escapes
    /// skipped over; an unterminated string runs to the end of the data.
    fn literal(&mut self) -> Token<'a> {
        let body = self.rest();
        let mut depth = 0usize;
        let mut escaped = false;
        for (i, &c) in body.iter().enumerate() {
            if escaped {
                escaped = false;
                continue;
            }
            match c {
                b'\\' => escaped = true,
                b'(' => depth = depth.saturating_add(1),
                b')' => match depth.checked_sub(1) {
                    Some(d) => depth = d,
                    None => {
                        self.advance(i.saturating_add(1));
                        return Token::Literal(body.get(..i).unwrap_or_default());
                    }
                },
                _ => {}
            }
        }
        self.advance(body.len());
        Token::Literal(body)
    }
}

/// A number token, leniently: `4.`, `-.5`, `+3`; a second sign (`--5`) and trailing
/// junk after the digits are ignored, as pdf.js and poppler do; no digits at all is 0.
fn number(raw: &[u8]) -> Token<'static> {
    let signs = raw.iter().take_while(|&&c| c == b'-' || c == b'+').count();
    let negative = raw.get(..signs).is_some_and(|s| s.contains(&b'-'));
    // Digits go into an integer mantissa, scaled once at the end: `0.3` reads as the
    // f64 nearest 0.3, as `str::parse` would give, without its cost. Nineteen digits
    // always fit a u64; further ones only scale the integer part.
    let mut mantissa: u64 = 0;
    let mut kept = 0u32;
    let mut scale: i32 = 0;
    let mut after_point = false;
    let mut too_long = false;
    for &c in raw.get(signs..).unwrap_or_default() {
        if c.is_ascii_digit() {
            if kept < MANTISSA_DIGITS {
                mantissa = mantissa
                    .wrapping_mul(10)
                    .wrapping_add(u64::from(c.wrapping_sub(b'0')));
                kept = kept.wrapping_add(1);
                if after_point {
                    scale = scale.wrapping_sub(1);
                }
            } else {
                too_long = true;
                if !after_point && scale < MAX_SCALE {
                    scale = scale.wrapping_add(1);
                }
            }
        } else if c == b'.' && !after_point {
            after_point = true;
        } else {
            break;
        }
    }
    if !after_point
        && !too_long
        && let Ok(i) = i64::try_from(mantissa)
    {
        return Token::Integer(if negative { i.wrapping_neg() } else { i });
    }
    let magnitude = mantissa as f64;
    let value = match POWERS_OF_TEN.get(scale.unsigned_abs() as usize) {
        // Exact powers: one multiplication or division rounds correctly.
        Some(p) if scale >= 0 => magnitude * p,
        Some(p) => magnitude / p,
        None => magnitude * 10f64.powi(scale),
    };
    Token::Real(if negative { -value } else { value })
}

/// Digits kept in a number's mantissa (10^19 - 1 < 2^64).
const MANTISSA_DIGITS: u32 = 19;
/// Integer digits past the mantissa that still scale a number (beyond, it is infinite
/// anyway).
const MAX_SCALE: i32 = 400;
/// The powers of ten an f64 holds exactly.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b.wrapping_sub(b'0')),
        b'a'..=b'f' => Some(b.wrapping_sub(b'a').wrapping_add(10)),
        b'A'..=b'F' => Some(b.wrapping_sub(b'A').wrapping_add(10)),
        _ => None,
    }
}

/// Appends the bytes of a hex string body to `out`: whitespace and junk ignored, an
/// odd final digit padded with 0 (§7.3.4.3).
pub fn decode_hex(raw: &[u8], out: &mut Vec<u8>) {
    let mut high: Option<u8> = None;
    for d in raw.iter().copied().filter_map(hex_value) {
        match high.take() {
            Some(h) => out.push(h << 4 | d),
            None => high = Some(d),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
}

/// Appends the bytes of a literal string body to `out`, escapes decoded and end-of-line
/// markers normalised to LF (§7.3.4.2).
pub fn decode_literal(raw: &[u8], out: &mut Vec<u8>) {
    let mut i = raw.iter().copied().peekable();
    while let Some(c) = i.next() {
        match c {
            b'\\' => match i.next() {
                Some(b'n') => out.push(b'\n'),
                Some(b'r') => out.push(b'\r'),
                Some(b't') => out.push(b'\t'),
                Some(b'b') => out.push(8),
                Some(b'f') => out.push(12),
                // A backslash before an end of line continues the string.
                Some(b'\r') if i.peek() == Some(&b'\n') => {
                    i.next();
                }
                Some(b'\r') => {}
                Some(b'\n') => {}
                Some(d @ b'0'..=b'7') => {
                    let mut v = u32::from(d.wrapping_sub(b'0'));
                    for _ in 0..2 {
                        match i.peek() {
                            Some(&o @ b'0'..=b'7') => {
                                v = v
                                    .wrapping_mul(8)
                                    .wrapping_add(u32::from(o.wrapping_sub(b'0')));
                                i.next();
                            }
                            _ => break,
                        }
                    }
                    out.push((v & 0xff) as u8);
                }
                Some(other) => out.push(other),
                None => {}
            },
            b'\r' => {
                if i.peek() == Some(&b'\n') {
                    i.next();
                }
                out.push(b'\n');
            }
            _ => out.push(c),
        }
    }
}

/// Appends a name's bytes to `out` with `#xx` escapes decoded (§7.3.5).
pub fn decode_name(raw: &[u8], out: &mut Vec<u8>) {
    let mut i = 0usize;
    while let Some(&c) = raw.get(i) {
        if c == b'#'
            && let (Some(h), Some(l)) = (
                raw.get(i.saturating_add(1)).copied().and_then(hex_value),
                raw.get(i.saturating_add(2)).copied().and_then(hex_value),
            )
        {
            out.push(h << 4 | l);
            i = i.saturating_add(3);
        } else {
            out.push(c);
            i = i.saturating_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &[u8]) -> Vec<Token<'_>> {
        let mut lx = Lexer::new(s);
        std::iter::from_fn(|| lx.next_token()).collect()
    }

    #[test]
    fn numbers_as_readers_take_them() {
        assert_eq!(
            tokens(b"12 -3 +4 4. -.5 0.25 --5 1.5.2 - ."),
            vec![
                Token::Integer(12),
                Token::Integer(-3),
                Token::Integer(4),
                Token::Real(4.0),
                Token::Real(-0.5),
                Token::Real(0.25),
                Token::Integer(-5),
                Token::Real(1.5),
                Token::Integer(0),
                Token::Real(0.0),
            ]
        );
        assert_eq!(
            tokens(b"99999999999999999999"),
            vec![Token::Real(99999999999999999999.0)]
        );
    }

    #[test]
    fn delimiters_names_strings_comments() {
        assert_eq!(
            tokens(b"/F1 12 Tf%comment\n[(a\\)b(c)d) -20 <4142>]TJ<</A/B#20>>"),
            vec![
                Token::Name(b"F1"),
                Token::Integer(12),
                Token::Keyword(b"Tf"),
                Token::ArrayOpen,
                Token::Literal(b"a\\)b(c)d"),
                Token::Integer(-20),
                Token::Hex(b"4142"),
                Token::ArrayClose,
                Token::Keyword(b"TJ"),
                Token::DictOpen,
                Token::Name(b"A"),
                Token::Name(b"B#20"),
                Token::DictClose,
            ]
        );
        assert_eq!(
            tokens(b"T* ' \" } )"),
            vec![
                Token::Keyword(b"T*"),
                Token::Keyword(b"'"),
                Token::Keyword(b"\""),
                Token::Keyword(b"}"),
                Token::Keyword(b")"),
            ]
        );
    }

    #[test]
    fn unterminated_tokens_end_at_the_data() {
        assert_eq!(tokens(b"(abc"), vec![Token::Literal(b"abc")]);
        assert_eq!(tokens(b"<41"), vec![Token::Hex(b"41")]);
        assert_eq!(tokens(b"/"), vec![Token::Name(b"")]);
        assert_eq!(tokens(b"% only a comment"), vec![]);
    }

    #[test]
    fn decoding_escapes() {
        let mut out = Vec::new();
        decode_literal(b"a\\n\\(\\101\\7\\\r\nz\r\n", &mut out);
        assert_eq!(out, b"a\n(A\x07z\n");
        out.clear();
        decode_hex(b"41 42\n4", &mut out);
        assert_eq!(out, b"AB@");
        out.clear();
        decode_name(b"A#20B#2", &mut out);
        assert_eq!(out, b"A B#2");
    }
}
