//! Prints the abstract precheck reads from page 1, then the same with the formulas it
//! counts as one word each wrapped in `$…$`: `cargo run --example dump_abstract FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump_abstract FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    match precheck::pdf::read(&bytes, &precheck::Limits::default()) {
        Ok(facts) => match precheck::checks::pick_abstract(None, Some(&facts)) {
            Some(a) => {
                println!("{}", a.text);
                if let Some(marked) = a.marked.filter(|m| *m != a.text) {
                    println!("--- as counted:\n{marked}");
                }
            }
            None => println!("(none found)"),
        },
        Err(e) => eprintln!("{e:?}"),
    }
}
