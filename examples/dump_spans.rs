//! Prints one page's spans with their fonts: `cargo run --example dump_spans FILE PAGE`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(page)) = (
        args.get(1),
        args.get(2).and_then(|p| p.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: dump_spans FILE PAGE");
        std::process::exit(2);
    };
    let Ok(bytes) = std::fs::read(path) else {
        std::process::exit(2)
    };
    let Ok(facts) = precheck::pdf::read(&bytes, &precheck::Limits::default()) else {
        std::process::exit(2)
    };
    let Some(p) = facts.pages.get(page.saturating_sub(1)) else {
        std::process::exit(2)
    };
    for s in &p.spans {
        let font = facts.fonts.get(s.font).map_or("?", |f| f.name.as_str());
        println!(
            "{:7.2} {:7.2}-{:7.2} {:5.2} {:<22} {:?}",
            s.origin.1, s.bbox.x0, s.bbox.x1, s.size_pt, font, s.text
        );
    }
}
