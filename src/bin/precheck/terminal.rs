//! What precheck prints goes to a terminal, and much of it comes from the PDF (titles,
//! producers, font names, page text): a crafted string must not clear the screen, set
//! the window title, move the cursor or reorder a line. Text output shows each control
//! character as a Rust escape (`\u{1b}`); JSON output spells it as a JSON escape
//! (`\u001b`), so the parsed value is unchanged.

use std::borrow::Cow;

/// Characters that steer a terminal or the reading order instead of showing as text:
/// C0 controls (tab, CR and LF included: inside a value they would start a fake line),
/// DEL, C1 controls (U+009B is a one-character CSI), and the bidi marks, embeddings,
/// overrides and isolates of Unicode's UAX #9 (U+202E turns `fdp.exe` around).
fn steers_the_terminal(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `s` with every character that [steers the terminal](steers_the_terminal) written as
/// a visible Rust escape: `\0`, `\t`, `\n`, `\r`, else `\u{1b}`. Other text, a backslash
/// included, is kept as it is.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(steers_the_terminal) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len().saturating_add(16));
    for c in s.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if steers_the_terminal(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Serialized JSON with the characters serde_json leaves raw (DEL, C1 controls, bidi
/// marks) written as `\uXXXX` escapes. C0 is left alone: inside a string serde_json
/// has escaped it already, and outside one it is the line breaks and indentation of
/// pretty output. The others can only stand inside a string, where the escape means the
/// same character, and each is in the Basic Multilingual Plane, so one escape is the
/// whole character.
pub fn json_safe(json: String) -> String {
    let raw_in_json = |c: char| c > '\u{1f}' && steers_the_terminal(c);
    if !json.chars().any(raw_in_json) {
        return json;
    }
    let mut out = String::with_capacity(json.len().saturating_add(16));
    for c in json.chars() {
        if raw_in_json(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{json_safe, steers_the_terminal, visible};

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let s = "Times–Roman, 10 pt × 2 — “quoted” \\LaTeX café";
        assert!(matches!(visible(s), std::borrow::Cow::Borrowed(t) if t == s));
    }

    #[test]
    fn controls_and_bidi_marks_become_rust_escapes() {
        assert_eq!(
            visible("a\u{1b}[2Jb\u{1b}]0;pwned\u{7}c\u{9b}d\re\0f\tg\nh\u{7f}i"),
            "a\\u{1b}[2Jb\\u{1b}]0;pwned\\u{7}c\\u{9b}d\\re\\0f\\tg\\nh\\u{7f}i"
        );
        assert_eq!(
            visible("\u{61c}\u{200e}\u{200f}\u{202a}\u{202e}\u{2066}\u{2069}"),
            "\\u{61c}\\u{200e}\\u{200f}\\u{202a}\\u{202e}\\u{2066}\\u{2069}"
        );
        // The neighbours of those ranges are ordinary text.
        assert_eq!(
            visible(" ~\u{a0}\u{200d}\u{2029}\u{206a}"),
            " ~\u{a0}\u{200d}\u{2029}\u{206a}"
        );
    }

    #[test]
    fn json_escapes_parse_back_to_the_same_text() {
        let original = "x\u{7f}\u{85}\u{9b}\u{202e}\u{2067}\\\u{9b}\"\u{1b}é";
        let json = json_safe(serde_json::to_string(original).expect("a string serialises"));
        assert!(!json.chars().any(steers_the_terminal), "{json}");
        assert!(
            json.contains("\\u009b") && json.contains("\\u202e"),
            "{json}"
        );
        let back: String = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(back, original);
    }

    #[test]
    fn the_layout_of_pretty_json_is_kept() {
        let value = serde_json::json!({ "title": "a\u{1b}b\u{9b}c\nd", "n": [1, 2] });
        let pretty = serde_json::to_string_pretty(&value).expect("serialises");
        let safe = json_safe(pretty.clone());
        assert_eq!(safe.lines().count(), pretty.lines().count(), "{safe}");
        assert!(safe.contains("\\u001b") && safe.contains("\\u009b") && safe.contains("\\n"));
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, value);
    }
}
