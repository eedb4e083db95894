//! Prints the text lines precheck reads from one page: `cargo run --example dump_lines FILE [PAGE]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: dump_lines FILE [PAGE]");
        std::process::exit(2);
    };
    let page: usize = args.next().and_then(|p| p.parse().ok()).unwrap_or(1);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    match precheck::pdf::read(&bytes, &precheck::Limits::default()) {
        Ok(facts) => {
            let Some(p) = facts.pages.get(page.saturating_sub(1)) else {
                eprintln!("no page {page}");
                std::process::exit(2);
            };
            for l in &p.lines {
                let font = facts.fonts.get(l.font).map_or("?", |f| f.name.as_str());
                println!(
                    "{:7.2} {:7.2}-{:7.2} {:5.2} {:<24} {}",
                    l.baseline_y, l.bbox.x0, l.bbox.x1, l.size_pt, font, l.text
                );
            }
            for s in p.spans.iter().filter(|s| !s.upright) {
                println!("rotated: {:?} {:.1} {:?}", s.text, s.size_pt, s.bbox);
            }
        }
        Err(e) => eprintln!("{e:?}"),
    }
}
