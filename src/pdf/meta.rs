//! Document metadata: the Info dictionary (ISO 32000-1 §14.3.3) with XMP
//! (§14.3.2) filling what Info lacks. Dates are reduced to `YYYY-MM-DD`.

use super::Info;
use super::cos::Document;
use super::lookup::{get_dict, get_stream, text_string};

/// XMP packets larger than this are not searched.
const MAX_XMP_BYTES: usize = 4 * 1024 * 1024;

/// `D:20220501120000Z`, `2022-05-01T12:00:00Z` or `2022-05-01` -> `2022-05-01`.
pub fn iso_date(raw: &str) -> Option<String> {
    let s = raw.trim().trim_start_matches("D:");
    let digits: String = s.chars().filter(char::is_ascii_digit).take(8).collect();
    let compact = s
        .get(..8)
        .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()));
    let dashed = s.get(4..5) == Some("-") && s.get(7..8) == Some("-");
    if digits.len() < 8 || !(compact || dashed) {
        return None;
    }
    let (y, m, d) = (digits.get(0..4)?, digits.get(4..6)?, digits.get(6..8)?);
    let (mi, di): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&mi) && (1..=31).contains(&di)).then(|| format!("{y}-{m}-{d}"))
}

/// The text of `<tag ...>value</tag>` or `tag="value"`, with an rdf:Alt/Seq list's
/// first item taken.
fn xmp_value(xmp: &str, tag: &str) -> Option<String> {
    if let Some((_, rest)) = xmp.split_once(&format!("{tag}=\"")) {
        let value = rest.get(..rest.find('"')?)?;
        return clean(value);
    }
    let open = xmp.find(&format!("<{tag}"))?;
    let (_, body) = xmp.get(open..)?.split_once('>')?;
    let body = body.get(..body.find(&format!("</{tag}>"))?)?;
    let inner = match body.find("<rdf:li") {
        Some(li) => {
            let (_, li_body) = body.get(li..)?.split_once('>')?;
            li_body.get(..li_body.find("</rdf:li>")?)?
        }
        None => body,
    };
    clean(inner)
}

fn clean(value: &str) -> Option<String> {
    let v = value
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'");
    let v = v.trim().to_string();
    (!v.is_empty() && !v.starts_with('<')).then_some(v)
}

pub fn read_info(doc: &Document, stream_limit: usize) -> Info {
    let mut info = Info::default();
    if let Some(dict) = get_dict(doc, &doc.trailer, b"Info") {
        info.title = text_string(doc, dict, b"Title");
        info.producer = text_string(doc, dict, b"Producer");
        info.creator = text_string(doc, dict, b"Creator");
        info.created = text_string(doc, dict, b"CreationDate").and_then(|d| iso_date(&d));
        info.modified = text_string(doc, dict, b"ModDate").and_then(|d| iso_date(&d));
    }
    let xmp = doc
        .catalog()
        .and_then(|cat| get_stream(doc, cat, b"Metadata"))
        .and_then(|s| {
            doc.decode_with_limit(s, stream_limit.min(MAX_XMP_BYTES))
                .ok()
        })
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    if let Some(xmp) = xmp {
        info.title = info.title.or_else(|| xmp_value(&xmp, "dc:title"));
        info.producer = info.producer.or_else(|| xmp_value(&xmp, "pdf:Producer"));
        info.creator = info.creator.or_else(|| xmp_value(&xmp, "xmp:CreatorTool"));
        info.created = info
            .created
            .or_else(|| xmp_value(&xmp, "xmp:CreateDate").and_then(|d| iso_date(&d)));
        info.modified = info
            .modified
            .or_else(|| xmp_value(&xmp, "xmp:ModifyDate").and_then(|d| iso_date(&d)));
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_reduce_to_days() {
        assert_eq!(iso_date("D:20220501120000Z").as_deref(), Some("2022-05-01"));
        assert_eq!(iso_date("D:20220501").as_deref(), Some("2022-05-01"));
        assert_eq!(
            iso_date("2021-07-13T09:00:00+02:00").as_deref(),
            Some("2021-07-13")
        );
        assert_eq!(iso_date("D:2022"), None);
        assert_eq!(iso_date("D:20221301000000"), None);
    }

    #[test]
    fn xmp_elements_attributes_and_lists() {
        let xmp = r#"<rdf:Description pdf:Producer="pdfTeX-1.40.22"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Sparse &amp; fast</rdf:li></rdf:Alt></dc:title><xmp:CreateDate>2022-05-01T10:00:00Z</xmp:CreateDate></rdf:Description>"#;
        assert_eq!(
            xmp_value(xmp, "pdf:Producer").as_deref(),
            Some("pdfTeX-1.40.22")
        );
        assert_eq!(xmp_value(xmp, "dc:title").as_deref(), Some("Sparse & fast"));
        assert_eq!(
            xmp_value(xmp, "xmp:CreateDate").as_deref(),
            Some("2022-05-01T10:00:00Z")
        );
        assert_eq!(xmp_value(xmp, "xmp:CreatorTool"), None);
    }
}
