//! Prints the abstract precheck reads from page 1: `cargo run --example dump_abstract FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump_abstract FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    match precheck::pdf::read(&bytes, &precheck::Limits::default()) {
        Ok(facts) => println!(
            "{}",
            precheck::checks::abstract_from_pdf(&facts).unwrap_or_else(|| "(none found)".into())
        ),
        Err(e) => eprintln!("{e:?}"),
    }
}
