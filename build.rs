//! Generates the rule registry from `src/rules/*.rs`: one module per file,
//! the list of rules, and each rule's documentation taken from the file's
//! leading `//!` comment (like ruff, the docs cannot drift from the code).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    println!("cargo:rerun-if-changed=src/rules");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("src/rules")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| {
            !matches!(
                p.file_stem().and_then(|s| s.to_str()),
                Some("mod" | "prelude")
            )
        })
        .collect();
    files.sort();
    let mut out = String::new();
    let mut rules = String::new();
    let mut docs = String::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(path).expect("rule file");
        let doc: String = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                l.trim_start_matches("//!")
                    .strip_prefix(' ')
                    .unwrap_or(l.trim_start_matches("//!"))
            })
            .collect::<Vec<_>>()
            .join("\n");
        writeln!(
            out,
            "#[path = {:?}]\npub mod {stem};",
            path.display().to_string()
        )
        .unwrap();
        writeln!(rules, "    &{stem}::RULE,").unwrap();
        writeln!(docs, "    {doc:?},").unwrap();
    }
    writeln!(out, "/// Every rule, sorted by file name.\npub static RULES: &[&crate::lint::Rule] = &[\n{rules}];").unwrap();
    writeln!(out, "/// The documentation of each rule of [`RULES`], same order.\npub static DOCS: &[&str] = &[\n{docs}];").unwrap();
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("rules.rs");
    std::fs::write(dest, out).expect("write rules.rs");
}
