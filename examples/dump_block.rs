//! Prints the text block the running text fills, beside the template's:
//! `cargo run --example dump_block FILE...`.
fn main() {
    let profile = precheck::profile::builtin("snn-2022").expect("built-in profile");
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(facts) = precheck::pdf::read(&bytes, &precheck::Limits::default()) else {
            continue;
        };
        let g = &profile.geometry;
        let body = precheck::checks::layout::body_text(&facts, &profile);
        let m = body
            .as_ref()
            .and_then(|b| precheck::checks::layout::measured_block(&facts, g, b));
        let t = facts
            .pages
            .get(1)
            .or(facts.pages.first())
            .map(|p| precheck::checks::layout::text_block(p, g));
        let name = std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match (m, t) {
            (Some(m), Some(t)) => println!(
                "{name:44} measured {:6.1} {:6.1} {:6.1} {:6.1} ({} col) template {:6.1} {:6.1} {:6.1} {:6.1}",
                m.rect.x0, m.rect.y0, m.rect.x1, m.rect.y1, m.columns, t.x0, t.y0, t.x1, t.y1
            ),
            _ => println!("{name:44} not measured"),
        }
    }
}
