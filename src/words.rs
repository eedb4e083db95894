//! Word and character counting for abstracts (SPEC §5): as a person and a word processor would count.
//!
//! Words, in one left-to-right pass (linear in the input, however much junk is pasted):
//!
//! 1. An inline math span `$…$`, `$$…$$`, `\(…\)` or `\[…\]` is one word whatever it holds,
//!    spaces included. `\$` and `\\` are escapes, never delimiters. A single `$` follows
//!    pandoc's `tex_math_dollars` rule so that prices are not math: the opening `$` must be
//!    followed by a non-space character, the closing `$` must follow a non-space character
//!    and must not be followed by a digit. So `from $5M to $1M` holds no math span, while
//!    `$x$` and `$\|w\|_0 \le k$` do. A delimiter without its closer is an ordinary
//!    character: `$5 and $` is the three tokens `$5`, `and`, `$` (two words), and an
//!    unclosed `$$`, `\(` or `\[` is punctuation.
//! 2. The rest splits on Unicode white space (`char::is_whitespace`: tabs, newlines, NBSP,
//!    ideographic space, …). A token is a word if it holds a letter or digit
//!    (`char::is_alphanumeric`) or a math span; punctuation and symbols alone (`—`, `-`,
//!    `&`, `•`, emoji) are not words.
//! 3. A token is one word whatever punctuation it holds inside (`sparse-to-dense`, `and/or`,
//!    `e.g.`, a URL), and a math span glued to text is part of that token's one word
//!    (`$\ell_1$-regularized` is one word, as a reader would count it).
//! 4. A token holding a Han ideograph or kana is cut into runs of CJK and of other
//!    characters. Each CJK run counts its UAX #29 words (`unicode_words`), with every Han
//!    ideograph one word: `日本語のテキスト` is `日`, `本`, `語`, `の`, `テキスト`, five
//!    (hiragana falls apart into single characters under UAX #29, katakana runs hold
//!    together). Each other run counts one word if it holds a letter or digit, by rule 3,
//!    so `GPU加速` is three and `sparse-to-dense网络` is three, not five as plain UAX #29
//!    would cut the hyphenated part; each math span is one word more.
//!
//! Hangul is counted as letters, not as a CJK run: Korean separates words with spaces, and
//! a run of Hangul syllables is a single UAX #29 word anyway (Hangul is `ALetter`), so
//! `희소 신경망` is two and `GPU를` is one, as both UAX #29 and a Korean reader count them;
//! only punctuation inside a token (`신경망-기반`) differs from UAX #29, and there rule 3,
//! as for `sparse-to-dense`, makes it one.

use unicode_segmentation::UnicodeSegmentation;

/// Words in `text` per SPEC §5 (see the module documentation for the exact rules).
pub fn count_words(text: &str) -> usize {
    let mut math = MathFinder::new(text);
    let mut tally = Tally::new(text);
    let mut pos = 0;
    // Characters before this byte offset are plain whatever they are: the second half of an
    // escape `\$`, `\\`, or of an unclosed `$$`.
    let mut plain_until = 0;
    while let Some(c) = text.get(pos..).and_then(|rest| rest.chars().next()) {
        if pos >= plain_until {
            match math.at(pos, c) {
                Delimiter::Span { end } => {
                    tally.math(pos);
                    pos = end;
                    continue;
                }
                Delimiter::PlainPair => plain_until = pos.saturating_add(2),
                Delimiter::None => {}
            }
        }
        tally.char(pos, c);
        pos = pos.saturating_add(c.len_utf8());
    }
    tally.finish()
}

/// Characters as OpenReview's 5000-character abstract cap counts them: UTF-16 code units,
/// with every line break (`\r\n`, `\r` or `\n`) one unit.
///
/// OpenReview's abstract is a browser textarea checked in JavaScript. JavaScript's
/// `String.length`, and the HTML `maxlength` constraint (the "code-unit length" of the
/// textarea's value), both count UTF-16 code units, not Unicode scalar values: a character
/// outside the Basic Multilingual Plane (an emoji, `𝓛`, a rare CJK ideograph) counts two.
/// Counting scalar values would let such an abstract pass here and fail there, so this
/// counts what the browser counts. For the same reason line breaks are counted after the
/// textarea's own normalization: the browser turns `\r\n` and `\r` into `\n` in the value
/// it measures and sends, so a CRLF abstract read from a file counts one per line break.
/// Nothing else is normalized (no NFC, no trimming): the text is otherwise as given.
pub fn count_chars(text: &str) -> usize {
    let mut units = 0usize;
    let mut after_cr = false;
    for c in text.chars() {
        if c == '\n' && after_cr {
            after_cr = false;
            continue;
        }
        after_cr = c == '\r';
        units = units.saturating_add(c.len_utf16());
    }
    units
}

/// What a character at some position starts.
enum Delimiter {
    /// A math span, ending at byte offset `end`.
    Span { end: usize },
    /// Two characters (an escape, or an unclosed `$$`) to be read as plain characters.
    PlainPair,
    /// Nothing special: the character is plain.
    None,
}

/// The kinds of closing delimiter searched for.
#[derive(Clone, Copy)]
enum Closer {
    Dollar,
    DoubleDollar,
    Paren,
    Bracket,
}

/// Finds math spans. Whether a position holds a valid closer depends only on the text
/// around it, so once a search for a closer of some kind from offset `p` has failed, every
/// later search for that kind fails too; remembering that keeps the scan linear even on a
/// megabyte of unclosed `\(`.
struct MathFinder<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Per [`Closer`], the offset from which a search is known to fail.
    failed_from: [Option<usize>; 4],
}

impl<'a> MathFinder<'a> {
    fn new(text: &'a str) -> Self {
        MathFinder {
            text,
            bytes: text.as_bytes(),
            failed_from: [None; 4],
        }
    }

    /// What the character `c` at byte offset `pos` starts.
    fn at(&mut self, pos: usize, c: char) -> Delimiter {
        let next = self.bytes.get(pos.saturating_add(1)).copied();
        match (c, next) {
            ('\\', Some(b'$' | b'\\')) => Delimiter::PlainPair,
            ('\\', Some(b'(')) => self.span(pos.saturating_add(2), Closer::Paren),
            ('\\', Some(b'[')) => self.span(pos.saturating_add(2), Closer::Bracket),
            ('$', Some(b'$')) => match self.find(pos.saturating_add(2), Closer::DoubleDollar) {
                Some(end) => Delimiter::Span { end },
                None => Delimiter::PlainPair,
            },
            ('$', Some(_)) => {
                let opens = self
                    .text
                    .get(pos.saturating_add(1)..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(|after| !after.is_whitespace());
                if opens {
                    self.span(pos.saturating_add(1), Closer::Dollar)
                } else {
                    Delimiter::None
                }
            }
            _ => Delimiter::None,
        }
    }

    fn span(&mut self, from: usize, closer: Closer) -> Delimiter {
        match self.find(from, closer) {
            Some(end) => Delimiter::Span { end },
            None => Delimiter::None,
        }
    }

    /// The byte offset just past the first valid closer at or after `from`.
    fn find(&mut self, from: usize, closer: Closer) -> Option<usize> {
        let slot = closer as usize;
        if self
            .failed_from
            .get(slot)
            .copied()
            .flatten()
            .is_some_and(|failed| from >= failed)
        {
            return None;
        }
        let found = self.scan(from, closer);
        if found.is_none()
            && let Some(entry) = self.failed_from.get_mut(slot)
        {
            *entry = Some(from);
        }
        found
    }

    fn scan(&self, from: usize, closer: Closer) -> Option<usize> {
        // Whether the run of backslashes just before the current byte is odd: a delimiter
        // after an odd run is escaped (`\$`), after an even one it is not (`\\$`). A search
        // starts right after an opener, which is never a backslash, so the parity is exact.
        let mut escaped = false;
        for (i, &b) in self.bytes.iter().enumerate().skip(from) {
            let found = match (closer, b) {
                (Closer::Dollar, b'$') => !escaped && self.closes_dollar(i),
                (Closer::DoubleDollar, b'$') => {
                    !escaped && self.bytes.get(i.saturating_add(1)) == Some(&b'$')
                }
                // `\)`: the backslash before `)` is the last of an odd run, so not itself escaped.
                (Closer::Paren, b')') | (Closer::Bracket, b']') => escaped,
                _ => false,
            };
            if found {
                let len = if matches!(closer, Closer::Dollar | Closer::Paren | Closer::Bracket) {
                    1
                } else {
                    2
                };
                return Some(i.saturating_add(len));
            }
            escaped = b == b'\\' && !escaped;
        }
        None
    }

    /// Whether the unescaped `$` at byte `i` may close a `$…$` span (pandoc's rule): it
    /// follows a non-space character and no digit follows it.
    fn closes_dollar(&self, i: usize) -> bool {
        let after_text = self
            .text
            .get(..i)
            .and_then(|before| before.chars().next_back())
            .is_some_and(|prev| !prev.is_whitespace());
        let before_digit = self
            .bytes
            .get(i.saturating_add(1))
            .is_some_and(u8::is_ascii_digit);
        after_text && !before_digit
    }
}

/// A run of characters inside a token, all CJK or all not.
struct Run {
    start: usize,
    cjk: bool,
    /// Whether a non-CJK run holds a letter or digit.
    alnum: bool,
}

/// Counts words token by token.
struct Tally<'a> {
    text: &'a str,
    total: usize,
    in_token: bool,
    /// Whether the token holds a letter, digit or math span: its count when it holds no CJK.
    is_word: bool,
    /// Whether the token holds a CJK letter: then it counts `parts`.
    has_cjk: bool,
    /// Words of the token's finished runs and math spans (rule 4).
    parts: usize,
    run: Option<Run>,
}

impl<'a> Tally<'a> {
    fn new(text: &'a str) -> Self {
        Tally {
            text,
            total: 0,
            in_token: false,
            is_word: false,
            has_cjk: false,
            parts: 0,
            run: None,
        }
    }

    fn char(&mut self, pos: usize, c: char) {
        if c.is_whitespace() {
            self.end_token(pos);
            return;
        }
        self.in_token = true;
        let cjk = match &self.run {
            // A combining mark or variation selector stays with what it modifies.
            Some(run) if is_extender(c) => run.cjk,
            _ => is_cjk(c),
        };
        if self.run.as_ref().is_none_or(|run| run.cjk != cjk) {
            self.close_run(pos);
            self.run = Some(Run {
                start: pos,
                cjk,
                alnum: false,
            });
        }
        if c.is_alphanumeric() {
            self.is_word = true;
            if cjk {
                self.has_cjk = true;
            } else if let Some(run) = &mut self.run {
                run.alnum = true;
            }
        }
    }

    fn math(&mut self, start: usize) {
        self.in_token = true;
        self.close_run(start);
        self.parts = self.parts.saturating_add(1);
        self.is_word = true;
    }

    fn close_run(&mut self, end: usize) {
        if let Some(run) = self.run.take() {
            let words = if run.cjk {
                cjk_words(self.text.get(run.start..end).unwrap_or_default())
            } else {
                usize::from(run.alnum)
            };
            self.parts = self.parts.saturating_add(words);
        }
    }

    fn end_token(&mut self, end: usize) {
        if !self.in_token {
            return;
        }
        self.close_run(end);
        let words = if self.has_cjk {
            self.parts
        } else {
            usize::from(self.is_word)
        };
        self.total = self.total.saturating_add(words);
        self.in_token = false;
        self.is_word = false;
        self.has_cjk = false;
        self.parts = 0;
    }

    fn finish(mut self) -> usize {
        self.end_token(self.text.len());
        self.total
    }
}

/// UAX #29 words of a run of Han and kana, every Han ideograph one word. UAX #29 already
/// breaks between ideographs; counting them here keeps that true whatever it joins.
fn cjk_words(run: &str) -> usize {
    run.unicode_words()
        .map(|word| {
            let han = word.chars().filter(|&c| is_han(c)).count();
            let other = word.chars().any(|c| c.is_alphanumeric() && !is_han(c));
            han.saturating_add(usize::from(other))
        })
        .fold(0, usize::saturating_add)
}

fn is_cjk(c: char) -> bool {
    is_han(c) || is_kana(c)
}

/// Han ideographs, with the Han iteration and numeral marks (`々`, `〆`, `〇`, Suzhou numerals).
fn is_han(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3005..=0x3007
            | 0x3021..=0x3029
            | 0x3038..=0x303B
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            // Supplementary and Tertiary Ideographic Planes: the CJK extensions B onward.
            | 0x2_0000..=0x3_FFFF
    )
}

/// Hiragana and katakana, with their marks, extensions and halfwidth forms.
fn is_kana(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3031..=0x3035
            | 0x3041..=0x309F
            | 0x30A0..=0x30FF
            | 0x31F0..=0x31FF
            | 0xFF66..=0xFF9F
            | 0x1_AFF0..=0x1_AFFF
            | 0x1_B000..=0x1_B16F
    )
}

/// Characters that modify the one before them rather than start something new.
fn is_extender(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036F | 0x200C..=0x200D | 0xFE00..=0xFE0F | 0xE_0100..=0xE_01EF
    )
}

#[cfg(test)]
mod tests {
    use super::{count_chars, count_words};

    #[track_caller]
    fn words(text: &str, expected: usize) {
        assert_eq!(count_words(text), expected, "count_words({text:?})");
    }

    // The SPEC §5 table.

    #[test]
    fn spec_hyphenated() {
        words("Sparse-to-dense training works.", 3);
    }

    #[test]
    fn spec_dash_and_percent() {
        words("We prune 90% of weights — and it works.", 8);
    }

    #[test]
    fn spec_math_spans() {
        words(r"$\ell_1$ and $\|w\|_0 \le k$ penalties", 4);
    }

    #[test]
    fn spec_chinese_then_english() {
        words("稀疏网络 works", 5);
    }

    // Empty and separators.

    #[test]
    fn empty_is_zero() {
        words("", 0);
    }

    #[test]
    fn whitespace_only_is_zero() {
        words(" \t\n\r\n\u{A0}\u{3000}\u{2003}", 0);
    }

    #[test]
    fn tabs_newlines_and_nbsp_separate() {
        words(
            "one\ttwo\nthree\r\nfour\u{A0}five\u{2009}six\u{3000}seven\u{2028}eight",
            8,
        );
    }

    #[test]
    fn leading_and_trailing_whitespace() {
        words("   sparse   networks \n", 2);
    }

    #[test]
    fn zero_width_space_is_not_white_space() {
        words("sparse\u{200B}networks", 1);
    }

    // Rule 2: punctuation and symbols alone.

    #[test]
    fn dash_alone_is_not_a_word() {
        words("—", 0);
        words("a — b – c - d", 4);
    }

    #[test]
    fn list_bullet_is_not_a_word() {
        words("- item", 1);
        words("• first • second", 2);
        words("A & B", 2);
    }

    #[test]
    fn emoji_alone_is_not_a_word() {
        words("🚀", 0);
        words("fast 🚀 training", 2);
        words("👍🏽", 0);
    }

    #[test]
    fn attached_punctuation_stays_with_the_word() {
        words("(see below), \"quoted\" words; really!", 5);
        words("... !!! ???", 0);
    }

    #[test]
    fn numbers_are_words() {
        words("42", 1);
        words("1,000,000 parameters", 2);
        words("Ⅻ ½", 2);
    }

    #[test]
    fn accented_and_other_scripts_are_words() {
        words("naïve café résumé", 3);
        words("e\u{301}le\u{300}ve", 1);
        words("Разреженные сети работают", 3);
        words("الشبكات المتفرقة", 2);
    }

    // Rule 3: one word with punctuation inside.

    #[test]
    fn inner_punctuation_is_one_word() {
        words("and/or", 1);
        words("don't", 1);
        words("don’t", 1);
        words("e.g.", 1);
        words("i.e., we", 2);
        words("3.5%", 1);
        words("state-of-the-art", 1);
        words("ResNet-50/ImageNet", 1);
    }

    #[test]
    fn url_is_one_word() {
        words("https://example.org/a-b?c=d", 1);
        words("Code: https://github.com/x/y.", 2);
        words("mail@example.org", 1);
    }

    // Rule 1: math spans.

    #[test]
    fn display_dollar_math_is_one_word() {
        words("$$ a + b $$ x", 2);
    }

    #[test]
    fn paren_and_bracket_math_are_one_word_each() {
        words(r"\( x \) and \[ y \]", 3);
    }

    #[test]
    fn math_without_letters_is_a_word() {
        words("$+$ and $-$", 3);
        words(r"\(\)", 1);
    }

    #[test]
    fn math_glued_to_text_is_part_of_that_word() {
        words(r"$\ell_1$-regularized models", 2);
        words("($x$)", 1);
        words("$x$,", 1);
        words("a$x$b", 1);
    }

    #[test]
    fn math_may_span_lines() {
        words("where $a +\n b$ holds", 3);
    }

    #[test]
    fn escaped_dollar_is_not_a_delimiter() {
        words(r"costs \$5 and \$10 each", 5);
        words(r"$a \$ b$ c", 2);
    }

    #[test]
    fn escaped_backslash_before_dollar_leaves_it_a_delimiter() {
        // `\\` is a line break in TeX; the `$` after it opens and closes math.
        words(r"a \\$x y$ b", 3);
        words(r"$x \\$ y", 2);
    }

    #[test]
    fn escaped_paren_closer_is_not_a_closer() {
        // `\\)` is a `\\` then `)`, so the span runs to the real `\)`.
        words(r"\( a \\) b \) c", 2);
    }

    #[test]
    fn unclosed_dollar_is_a_character() {
        // `$5 and $`: the final `$` follows a space, so it closes nothing.
        words("$5 and $", 2);
        words("costs $5", 2);
        words("$ alone", 1);
        words("$", 0);
    }

    #[test]
    fn prices_are_not_math() {
        words("from $5M to $1M.", 4);
        words("between $20,000 and $30,000 per year", 6);
        words("costs $5 and $10 each", 5);
    }

    #[test]
    fn dollar_before_space_does_not_open() {
        words("$ x$ y", 2);
    }

    #[test]
    fn dollar_closer_before_digit_does_not_close() {
        words("$x$5 y$", 1);
        words("$x$5 y", 2);
    }

    #[test]
    fn unclosed_double_dollar_is_punctuation() {
        words("$$", 0);
        words("$$ a b", 2);
        words("$$a$ b", 2);
    }

    #[test]
    fn unclosed_paren_and_bracket_are_punctuation() {
        words(r"\( a b", 2);
        words(r"\[", 0);
        words(r"\[ x \) y", 2);
    }

    #[test]
    fn adjacent_spans_in_one_token() {
        words("$a$$b$", 1);
        words("$a$ $b$", 2);
    }

    #[test]
    fn backslash_commands_outside_math_are_text() {
        words(r"\emph{sparse} \cite{x}", 2);
        words(r"\ ", 0);
    }

    // Rule 4: CJK.

    #[test]
    fn each_han_ideograph_is_a_word() {
        words("稀疏网络", 4);
        words("稀疏网络，稀疏训练。", 8);
        words("（稀疏）", 2);
    }

    #[test]
    fn japanese_follows_uax29() {
        // 日 本 語 の テキスト: hiragana breaks per character, katakana runs hold.
        words("日本語のテキスト", 5);
        words("テキスト・マイニング", 2);
        words("ありがとう", 5);
        words("ﾃｷｽﾄ", 1);
    }

    #[test]
    fn decomposed_kana_stays_one_word() {
        words("テ\u{3099}ータ", 1);
    }

    #[test]
    fn variation_selector_does_not_split_or_add() {
        words("葛\u{E0100}城", 2);
    }

    #[test]
    fn iteration_mark_counts_as_an_ideograph() {
        words("人々", 2);
        words("〇", 1);
    }

    #[test]
    fn extension_b_ideographs_count() {
        words("\u{20000}\u{2A6D6}", 2);
    }

    #[test]
    fn latin_attached_to_cjk_is_its_own_word() {
        words("GPU加速", 3);
        words("ＧＰＵ加速", 3);
        words("3.5倍", 2);
        words("Transformer模型", 3);
        words("GPUテキスト", 2);
    }

    #[test]
    fn punctuated_latin_attached_to_cjk_is_one_word() {
        words("sparse-to-dense网络", 3);
        words("代码见https://example.org/a-b。", 4);
    }

    #[test]
    fn math_attached_to_cjk_counts_once() {
        words("$x$的范数", 4);
        words(r"范数\(\ell_1\)", 3);
    }

    #[test]
    fn cjk_punctuation_alone_is_not_a_word() {
        words("。、「」", 0);
        words("・", 0);
        words("A・B", 1);
    }

    #[test]
    fn korean_counts_space_separated_words() {
        words("희소 신경망", 2);
        words("희소 신경망을 학습한다.", 3);
        words("GPU를 사용", 2);
        words("신경망-기반", 1);
    }

    #[test]
    fn hanja_with_hangul() {
        words("網絡를", 3);
    }

    // Limits: 250 and 251 words.

    fn generated(n: usize) -> String {
        let vocabulary = [
            "sparse", "networks", "—", "prune", "$w_i$", "90%", "and/or", "e.g.", "weights",
        ];
        let mut out = String::new();
        let mut count = 0;
        let mut i = 0;
        while count < n {
            let word = vocabulary.get(i % vocabulary.len()).copied().unwrap_or("x");
            if !out.is_empty() {
                out.push(if i % 7 == 0 { '\n' } else { ' ' });
            }
            out.push_str(word);
            if word != "—" {
                count += 1;
            }
            i += 1;
        }
        out
    }

    #[test]
    fn two_hundred_fifty_words() {
        words(&generated(250), 250);
    }

    #[test]
    fn two_hundred_fifty_one_words() {
        words(&generated(251), 251);
    }

    // Hostile input: these must finish promptly (linear scanning) and not panic.

    #[test]
    fn many_unclosed_delimiters() {
        let junk = r"\( \[ $a ".repeat(50_000);
        assert_eq!(count_words(&junk), 50_000);
        let dollars = "$".repeat(100_001);
        assert_eq!(count_words(&dollars), 1);
        let backslashes = "\\".repeat(100_001);
        assert_eq!(count_words(&backslashes), 0);
    }

    #[test]
    fn long_math_and_long_cjk() {
        let math = format!("${}$ x", "a ".repeat(100_000).trim_end());
        assert_eq!(count_words(&math), 2);
        let han = "字".repeat(100_000);
        assert_eq!(count_words(&han), 100_000);
    }

    #[test]
    fn odd_bytes_at_delimiters_do_not_panic() {
        for text in [
            "\\",
            "$",
            "\\$",
            "$\\",
            "$é$",
            "é$",
            "$\u{10FFFF}",
            "\\(é",
            "$$é",
            "\\(\\",
        ] {
            let _ = count_words(text);
        }
        words("$é$", 1);
    }

    // Characters.

    #[test]
    fn chars_of_ascii() {
        assert_eq!(count_chars(""), 0);
        assert_eq!(count_chars("abc def"), 7);
    }

    #[test]
    fn chars_count_bmp_characters_once() {
        assert_eq!(count_chars("é稀—\u{A0}"), 4);
    }

    #[test]
    fn chars_count_astral_characters_twice() {
        // JavaScript: "🚀".length === 2, "𝓛".length === 2.
        assert_eq!(count_chars("🚀"), 2);
        assert_eq!(count_chars("𝓛 x"), 4);
        assert_eq!(count_chars("\u{20000}"), 2);
    }

    #[test]
    fn chars_do_not_normalize_unicode() {
        assert_eq!(count_chars("e\u{301}"), 2);
    }

    #[test]
    fn chars_count_each_line_break_once() {
        assert_eq!(count_chars("a\nb"), 3);
        assert_eq!(count_chars("a\r\nb"), 3);
        assert_eq!(count_chars("a\rb"), 3);
        assert_eq!(count_chars("a\r\r\nb"), 4);
        assert_eq!(count_chars("\n\r"), 2);
    }

    #[test]
    fn chars_at_the_openreview_cap() {
        assert_eq!(count_chars(&"a".repeat(5000)), 5000);
        assert_eq!(count_chars(&"🚀".repeat(2500)), 5000);
    }
}
